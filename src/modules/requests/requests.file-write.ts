import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { renderedOnce } from '../../db/statement.js';
import { insertSelectSql, rowFromDriver } from '../../db/insert-select.js';
import { claimIdempotencyKeySql } from '../../kernel/idempotency.js';
import type { StoredPhoto } from './requests.photos.js';
import { requestAttachments, requestEvents, serviceRequests } from './requests.schema.js';

type RequestInsert = Omit<typeof serviceRequests.$inferInsert, 'id'>;

export interface FilingWrite {
  request: RequestInsert & { communityId: number; createdAt: Date };
  photos: readonly StoredPhoto[];
  uploadedBy: number | null;
  /** The submit step of the timeline. */
  submit: { actorAccountId: number | null; actorRole: string | null; data: Record<string, unknown> };
  /** With a key, the idempotency record is claimed by the same statement. */
  idempotency: { caller: string; operation: string; key: string; requestHash: string } | null;
}

export interface FiledRows {
  row: typeof serviceRequests.$inferSelect;
  eventId: number;
  attachmentIds: number[];
}

/**
 * A filing's writes — the idempotency record, the request, its photos and its 'submitted'
 * timeline entry — in ONE statement of data-modifying CTEs, so one round trip and one implicit
 * transaction instead of seven (BEGIN, four INSERTs, COMMIT): on the bench each round trip costs
 * the server a socket write and a parse, and filing was bound by the server's CPU. The request's
 * id is drawn first so the idempotency record can hold it; the request is inserted from that
 * record's row, so a retry that lost the race for its key writes nothing (answer: undefined).
 */
export async function writeFiling(db: DbOrTx, w: FilingWrite): Promise<FiledRows | undefined> {
  const requestKeys = Object.keys(w.request) as (keyof FilingWrite['request'])[];
  const shape = `${w.idempotency ? 'key' : 'nokey'}|${requestKeys.join(',')}`;
  let statement = statements.get(shape);
  if (!statement) statements.set(shape, (statement = renderedOnce(() => filingSql(requestKeys, !!w.idempotency))));
  const values: Record<string, unknown> = {
    photos: JSON.stringify(w.photos.map((p) => ({ storage_key: p.storageKey, mime_type: p.mimeType, bytes: p.bytes, sha256: p.sha256 }))),
    uploadedBy: w.uploadedBy, actorAccountId: w.submit.actorAccountId, actorRole: w.submit.actorRole, data: w.submit.data,
    ...w.idempotency,
  };
  for (const k of requestKeys) values[`r_${k}`] = w.request[k] ?? null;
  const [raw] = await statement<Record<string, unknown> & { gz_event_id: number; gz_attachment_ids: number[] }>(db, values);
  if (!raw) return undefined;
  return { row: rowFromDriver(serviceRequests, raw), eventId: Number(raw.gz_event_id), attachmentIds: raw.gz_attachment_ids.map(Number) };
}

/** The statement of each shape (with or without a key; the request's columns), rendered once. */
const statements = new Map<string, ReturnType<typeof renderedOnce>>();

function filingSql(requestKeys: readonly string[], withKey: boolean): SQL {
  const p = (name: string) => sql.placeholder(name);
  const newId = sql`select nextval(pg_get_serial_sequence('service_requests', 'id')) as id`;
  const claim = withKey
    ? claimIdempotencyKeySql({
      caller: p('caller'), operation: p('operation'), key: p('key'), requestHash: p('requestHash'),
      result: sql`jsonb_build_object('requestId', n.id)`, from: sql`(${newId}) n`, returning: sql`(result->>'requestId')::bigint as id`,
    })
    : newId;
  const request = insertSelectSql(serviceRequests, { ...Object.fromEntries(requestKeys.map((k) => [k, p(`r_${k}`)])), id: sql`k.id` }, sql`k`, { overridingSystemValue: true });
  const photos = insertSelectSql(requestAttachments, {
    communityId: sql`r.community_id`, requestId: sql`r.id`, storageKey: sql`p.storage_key`, mimeType: sql`p.mime_type`, bytes: sql`p.bytes`,
    sha256: sql`p.sha256`, uploadedBy: p('uploadedBy'), createdAt: sql`r.created_at`,
  }, sql`r, jsonb_to_recordset(${p('photos')}::jsonb) as p(storage_key text, mime_type text, bytes integer, sha256 text)`);
  const submit = insertSelectSql(requestEvents, {
    communityId: sql`r.community_id`, subjectId: sql`r.id`, at: sql`r.created_at`, actorAccountId: p('actorAccountId'), actorRole: p('actorRole'),
    action: 'submit', fromState: null, toState: 'submitted', note: null,
    attachmentIds: sql`coalesce((select jsonb_agg(a.id order by a.id) from a), '[]'::jsonb)`, data: p('data'),
  }, sql`r`);
  return sql`
    with k as (${claim}), r as (${request} returning *), a as (${photos} returning id), e as (${submit} returning id)
    select r.*, (select e.id from e) as gz_event_id, (select coalesce(json_agg(a.id order by a.id), '[]'::json) from a) as gz_attachment_ids from r`;
}
