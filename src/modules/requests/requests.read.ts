import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../server/context.js';
import { AppError, CommonErrors, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { hasPermission, type Actor } from '../access/access.policy.js';
import { classifyForCity } from './requests.categories.js';
import type { RequestDetailDto, RequestSummaryDto } from './requests.dto.js';
import { presentDetail, presentSummary } from './requests.presenter.js';
import { countRequests, listOrder, listWhere, pageIds, selectSummaries, type RequestFilters } from './requests.queries.js';
import { requestAttachments, serviceRequests } from './requests.schema.js';
import { loadVisibleRequest, requireVisible } from './requests.workflow.js';

/** A page of the requests the actor may see, newest first (or by the deadline that counts now). */
export async function listRequests(ctx: AppContext, actor: Actor, f: RequestFilters & { page: number; pageSize: number }) {
  const now = ctx.clock.now();
  const where = listWhere(actor, f, now);
  const ids = pageIds(ctx.db, where, f, f.pageSize, offsetOf(f.page, f.pageSize));
  // The exact total rides along in the page's statement (one round trip instead of two); a page
  // past the end has no row to carry it and counts on its own.
  const rows = await selectSummaries(ctx.db, sql`(select count(*) from service_requests where ${where})`)
    .where(inArray(serviceRequests.id, ids)).orderBy(...listOrder(f));
  const total = rows.length ? rows[0]!.total : f.page === 1 ? 0 : await countRequests(ctx.db, where);
  return { items: rows.map((r) => presentSummary(actor, r, now)), total, page: f.page, pageSize: f.pageSize };
}

/** Every matching row (capped) for the exports. */
export async function listForExport(ctx: AppContext, actor: Actor, f: RequestFilters, cap: number): Promise<RequestSummaryDto[]> {
  const now = ctx.clock.now();
  const rows = await selectSummaries(ctx.db).where(listWhere(actor, f, now)).orderBy(...listOrder(f)).limit(cap);
  return rows.map((r) => presentSummary(actor, r, now, true));
}

export async function getRequestDetail(ctx: AppContext, actor: Actor, id: number): Promise<RequestDetailDto> {
  // One read of the row with its names; visibility is checked on it (a missing or invisible request is the same 404).
  const [row] = await selectSummaries(ctx.db).where(eq(serviceRequests.id, id));
  if (!row) throw notFound('Request', id);
  await requireVisible(ctx.db, actor, row.r);
  return presentDetail(ctx.db, actor, row, ctx.clock.now());
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
