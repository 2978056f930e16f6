import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { liveStateCountSql } from '../figures/figures.sql.js';
import { requestStates } from '../../shared/request-states.js';
import type { AppContext } from '../../server/context.js';
import { AppError, CommonErrors, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { grantsWith, hasPermission, type Actor } from '../access/access.policy.js';
import { classifyForCity } from './requests.categories.js';
import type { RequestDetailDto, RequestSummaryDto } from './requests.dto.js';
import { presentDetail, presentSummary } from './requests.presenter.js';
import { countRequests, detailParts, listOrder, listWhere, pageIds, selectSummaries, type DetailParts, type RequestFilters, type SummaryRow } from './requests.queries.js';
import { communityTag, type RequestReadCache } from './requests.cache.js';
import { canOnRequest, seesHousehold, seesReporterPii } from './requests.policy.js';
import { requestAttachments, serviceRequests } from './requests.schema.js';
import { loadVisibleRequest, requireVisible } from './requests.workflow.js';

/**
 * A page of the requests the actor may see, newest first (or by the deadline that counts now).
 * With `cursor` (from the previous page's `nextCursor`) the page starts after that row instead of
 * skipping `page` pages: deep pages cost what the first does.
 */
type PageQuery = RequestFilters & { page: number; pageSize: number; cursor?: string };

export async function listRequests(ctx: AppContext, actor: Actor, f: PageQuery, cache?: RequestReadCache) {
  const now = ctx.clock.now();
  return presentPage(actor, (await readListed(ctx, actor, f, now, cache)).page, f, now);
}

type ListedPage = Awaited<ReturnType<typeof readPage>>;

/**
 * The queue's usual view (one community, some states, seen whole) has the same rows for every
 * viewer: it is read through the cache; any other list is read as it is asked.
 */
async function readListed(ctx: AppContext, actor: Actor, f: PageQuery, now: Date, cache?: RequestReadCache): Promise<{ page: ListedPage; cached: boolean }> {
  const communityWide = communityWideQueue(actor, f);
  const read = () => readPage(ctx, actor, f, now, communityWide);
  return cache && communityWide !== undefined
    ? { page: await cache.pages.get(pageKey(communityWide, f), read, communityTag(communityWide)), cached: true }
    : { page: await read(), cached: false };
}

function presentPage(actor: Actor, { rows, total }: ListedPage, f: PageQuery, now: Date) {
  const last = rows.at(-1)?.r;
  const nextCursor = rows.length === f.pageSize && last && (f.sort ?? 'created_desc') === 'created_desc' ? cursorOf(last) : null;
  return { items: rows.map((r) => presentSummary(actor, r, now)), total, page: f.page, pageSize: f.pageSize, nextCursor };
}

/** A cached page's JSON per viewer class and second (below). */
const renderings = new WeakMap<ListedPage, { second: number; texts: Map<string, string> }>();

/**
 * The page as the JSON text of the answer. A cached page is also kept rendered: what presenting
 * it depends on besides its rows is the reader's right to each reporter's name and phone, and the
 * time (the SLA status). So the text is kept per pattern of that right over the rows, for the
 * second it was made in — an SLA status may be up to a second old. Presenting and serialising
 * the 13 KB page was a sixth of the queue's CPU, on every read of the same rows.
 */
export async function listRequestsJson(ctx: AppContext, actor: Actor, f: PageQuery, cache: RequestReadCache | undefined, serialize: (page: ReturnType<typeof presentPage>) => string): Promise<string> {
  const now = ctx.clock.now();
  const { page, cached } = await readListed(ctx, actor, f, now, cache);
  if (!cached) return serialize(presentPage(actor, page, f, now));
  const viewer = page.rows.map((r) => (seesReporterPii(actor, r.r) ? '1' : '0')).join('');
  const second = Math.floor(now.getTime() / 1000);
  let memo = renderings.get(page);
  if (!memo || memo.second !== second) renderings.set(page, (memo = { second, texts: new Map() }));
  let text = memo.texts.get(viewer);
  if (text === undefined) memo.texts.set(viewer, (text = serialize(presentPage(actor, page, f, now))));
  return text;
}

/** Everything a cacheable page depends on (communityWideQueue admits no other filter). */
function pageKey(communityId: number, f: PageQuery): string {
  return [communityId, [...(f.state ?? [])].sort().join(','), f.sort ?? '', f.page, f.pageSize, f.cursor ?? ''].join('|');
}

async function readPage(ctx: AppContext, actor: Actor, f: PageQuery, now: Date, communityWide: number | undefined) {
  const where = listWhere(actor, f, now);
  const rollupTotal = communityWide === undefined ? undefined : rollupTotalSql(communityWide, f);
  const after = f.cursor ? afterCursor(f.cursor) : undefined;
  const ids = pageIds(ctx.db, after ? and(where, after)! : where, f, f.pageSize, after ? 0 : offsetOf(f.page, f.pageSize));
  // The exact total rides along in the page's statement (one round trip instead of two): for the
  // queue's usual view from the figures' roll-ups, otherwise a count; a page past the end has no
  // row to carry it and counts on its own.
  const rows = await selectSummaries(ctx.db, rollupTotal ?? sql`(select count(*) from service_requests where ${where})`)
    .where(inArray(serviceRequests.id, ids)).orderBy(...listOrder(f));
  const total = rows.length ? rows[0]!.total : f.page === 1 && !after ? 0 : await countRequests(ctx.db, where);
  return { rows, total };
}

/** The filters the roll-ups can count: one community, any states, nothing else — for an actor who sees the whole community. */
export function queueTotalFromRollups(actor: Actor, f: RequestFilters): SQL | undefined {
  const communityId = communityWideQueue(actor, f);
  return communityId === undefined ? undefined : rollupTotalSql(communityId, f);
}

/**
 * The community of the queue's usual view — one community, any states, nothing else, for an
 * actor who sees the whole community — or undefined. Such a page has the same rows for every
 * such reader (the read cache's condition) and a total the roll-ups count.
 */
function communityWideQueue(actor: Actor, f: RequestFilters): number | undefined {
  const other = f.categoryId || f.compoundId || f.assignee || f.overdue || f.q || f.mine || f.createdFrom || f.createdTo;
  if (!f.communityId || other) return undefined;
  const whole = grantsWith(actor, 'requests:read').some((g) => g.role !== 'grid_worker'
    && (g.scopeType === 'platform' || (g.scopeType === 'community' && g.scopeId === f.communityId)));
  return whole ? f.communityId : undefined;
}

const rollupTotalSql = (communityId: number, f: RequestFilters): SQL =>
  sql.raw(liveStateCountSql(communityId, f.state?.length ? f.state : requestStates));

/** An opaque position in the newest-first order: the last row's id (its exact created_at is read back by the next page). */
function cursorOf(r: { id: number }): string {
  return Buffer.from(`r${r.id}`).toString('base64url');
}

/** Rows after the cursor's row in (created_at, id) descending order — the order of the queue's indexes. */
function afterCursor(cursor: string): SQL {
  const match = /^r(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new AppError(CommonErrors.VALIDATION_FAILED, 'The cursor is not one this list gave out');
  const id = Number(match[1]);
  return sql`(${serviceRequests.createdAt}, ${serviceRequests.id}) < (select c.created_at, c.id from service_requests c where c.id = ${id})`;
}

/** Every matching row (capped) for the exports. */
export async function listForExport(ctx: AppContext, actor: Actor, f: RequestFilters, cap: number): Promise<RequestSummaryDto[]> {
  const now = ctx.clock.now();
  const rows = await selectSummaries(ctx.db).where(listWhere(actor, f, now)).orderBy(...listOrder(f)).limit(cap);
  return rows.map((r) => presentSummary(actor, r, now, true));
}

export async function getRequestDetail(ctx: AppContext, actor: Actor, id: number, cache?: RequestReadCache): Promise<RequestDetailDto> {
  // Through the cache once the request's community is known (it names the entry's tag), for an
  // actor the request policy lets read it; a follower's household and a 404 take the path below.
  const communityId = cache?.communityOf(id);
  if (cache && communityId !== undefined) {
    const entry = await cache.details.get(String(id), () => readDetail(ctx.db, id), communityTag(communityId));
    if (entry && canOnRequest(actor, 'requests:read', entry.row.r)) return presentVisibleDetail(ctx, actor, entry.row, entry.parts);
  }
  // One read of the row with its names; visibility is checked on it (a missing or invisible request is the same 404).
  const [row] = await selectSummaries(ctx.db).where(eq(serviceRequests.id, id));
  if (!row) throw notFound('Request', id);
  await requireVisible(ctx.db, actor, row.r);
  cache?.learnCommunity(id, row.r.communityId);
  return presentVisibleDetail(ctx, actor, row, await detailParts(ctx.db, row.r.id, row.r.householdId));
}

/** The row and its parts as any reader sees them; the household label is dropped on presenting for those who may not see it. */
async function readDetail(db: AppContext['db'], id: number) {
  const [row] = await selectSummaries(db).where(eq(serviceRequests.id, id));
  return row ? { row, parts: await detailParts(db, row.r.id, row.r.householdId) } : undefined;
}

export function presentVisibleDetail(ctx: AppContext, actor: Actor, row: SummaryRow, parts: DetailParts): RequestDetailDto {
  const seesHome = row.r.householdId !== null && seesHousehold(actor, row.r);
  return presentDetail(actor, row, seesHome ? parts : { ...parts, household: null }, ctx.clock.now());
}

/** The bytes of a photo of a request the actor may read. */
export async function getAttachment(ctx: AppContext, actor: Actor, id: number, attachmentId: number): Promise<{ bytes: Buffer; mimeType: string }> {
  await loadVisibleRequest(ctx.db, actor, id);
  const [a] = await ctx.db.select().from(requestAttachments).where(and(eq(requestAttachments.id, attachmentId), eq(requestAttachments.requestId, id)));
  const bytes = a ? await ctx.storage.get(a.storageKey) : undefined;
  if (!a || !bytes) throw notFound('Attachment', attachmentId);
  return { bytes, mimeType: a.mimeType };
}

/** Suggests a category for a text, for residents filing and dispatchers checking. */
export async function classifyText(ctx: AppContext, actor: Actor, description: string) {
  // requests:configure too, so whoever edits the keyword rules can try them out.
  if (!hasPermission(actor, 'requests:create') && !hasPermission(actor, 'requests:dispatch') && !hasPermission(actor, 'requests:configure')) {
    throw new AppError(CommonErrors.FORBIDDEN, 'Your roles do not allow this');
  }
  return classifyForCity(ctx.db, actor.cityId, description);
}
