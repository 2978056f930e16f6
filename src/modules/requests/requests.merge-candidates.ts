import { and, desc, eq, gte, inArray, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { actorOf, type App, type AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import type { RequestState } from '../../shared/request-states.js';
import type { Actor } from '../access/access.policy.js';
import { MERGE_WINDOW_MS } from './requests.actions.js';
import { idParam, requestSummaryDto, type RequestSummaryDto } from './requests.dto.js';
import { actorKindsOn, requestListCondition } from './requests.policy.js';
import { presentSummary } from './requests.presenter.js';
import { selectSummaries } from './requests.queries.js';
import { serviceRequests } from './requests.schema.js';
import { loadVisibleRequest } from './requests.workflow.js';

/** States a master may be in (mergeRequest refuses merged, cancelled, closed and resolved ones). */
const masterStates: RequestState[] = ['submitted', 'dispatched', 'accepted', 'in_progress', 'returned', 'reopened', 'escalated'];
const CANDIDATES_MAX = 50;

export const mergeCandidatesDto = z.object({
  items: z.array(requestSummaryDto).describe(`Newest first, at most ${CANDIDATES_MAX}`),
});

/**
 * Requests this one may be merged into — the same rule mergeRequest enforces: same compound and
 * category, still open, filed within the last 48 h, not itself and not merged into another.
 * Only a dispatcher of the request's community asks; anyone else gets 404 like the request.
 */
export async function listMergeCandidates(ctx: AppContext, actor: Actor, id: number): Promise<{ items: RequestSummaryDto[] }> {
  const row = await loadVisibleRequest(ctx.db, actor, id);
  if (!actorKindsOn(actor, row).includes('dispatcher')) throw notFound('Request', id);
  const now = ctx.clock.now();
  const t = serviceRequests;
  const rows = await selectSummaries(ctx.db).where(and(
    requestListCondition(actor),
    eq(t.compoundId, row.compoundId),
    eq(t.categoryId, row.categoryId),
    inArray(t.state, masterStates),
    isNull(t.masterRequestId),
    ne(t.id, row.id),
    gte(t.createdAt, new Date(now.getTime() - MERGE_WINDOW_MS)),
  )).orderBy(desc(t.createdAt), desc(t.id)).limit(CANDIDATES_MAX);
  return { items: rows.map((r) => presentSummary(actor, r, now)) };
}

export function registerMergeCandidateRoutes(app: App): void {
  app.get('/api/requests/:id/merge-candidates', {
    config: { access: { permission: 'requests:dispatch' } },
    schema: { tags: ['requests'], summary: 'Open requests of the same compound and category from the last 48 h this one can be merged into', params: idParam, response: { 200: mergeCandidatesDto } },
  }, async (req) => listMergeCandidates(app.ctx, actorOf(req), req.params.id));
}
