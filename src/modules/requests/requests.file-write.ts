import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
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
  const newId = sql`select nextval(pg_get_serial_sequence('service_requests', 'id')) as id`;
  const claim = w.idempotency
    ? claimIdempotencyKeySql({ ...w.idempotency, result: sql`jsonb_build_object('requestId', n.id)`, from: sql`(${newId}) n`, returning: sql`(result->>'requestId')::bigint as id` })
    : newId;
  const request = insertSelectSql(serviceRequests, { ...w.request, id: sql`k.id` }, sql`k`, { overridingSystemValue: true });
  const photos = insertSelectSql(requestAttachments, {
    communityId: w.request.communityId, requestId: sql`r.id`, storageKey: sql`p.storage_key`, mimeType: sql`p.mime_type`, bytes: sql`p.bytes`,
    sha256: sql`p.sha256`, uploadedBy: w.uploadedBy, createdAt: w.request.createdAt,
  }, sql`r, jsonb_to_recordset(${JSON.stringify(w.photos.map((p) => ({ storage_key: p.storageKey, mime_type: p.mimeType, bytes: p.bytes, sha256: p.sha256 })))}::jsonb)
      as p(storage_key text, mime_type text, bytes integer, sha256 text)`);
  const submit = insertSelectSql(requestEvents, {
    communityId: w.request.communityId, subjectId: sql`r.id`, at: w.request.createdAt, actorAccountId: w.submit.actorAccountId, actorRole: w.submit.actorRole,
    action: 'submit', fromState: null, toState: 'submitted', note: null,
    attachmentIds: sql`coalesce((select jsonb_agg(a.id order by a.id) from a), '[]'::jsonb)`, data: w.submit.data,
  }, sql`r`);
  const [raw] = await queryRows<Record<string, unknown> & { gz_event_id: number; gz_attachment_ids: number[] }>(db, sql`
    with k as (${claim}), r as (${request} returning *), a as (${photos} returning id), e as (${submit} returning id)
    select r.*, (select e.id from e) as gz_event_id, (select coalesce(json_agg(a.id order by a.id), '[]'::json) from a) as gz_attachment_ids from r`);
  if (!raw) return undefined;
  return { row: rowFromDriver(serviceRequests, raw), eventId: Number(raw.gz_event_id), attachmentIds: raw.gz_attachment_ids.map(Number) };
}
