import { count, sql } from 'drizzle-orm';
import { actorOf, type App, type AppContext } from '../../server/context.js';
import { requestStates, type RequestState } from '../../shared/request-states.js';
import type { Actor } from '../access/access.policy.js';
import { countsQuery, requestCountsDto, type RequestCountsDto } from './requests.dto.js';
import { listWhere, overdueCondition, type RequestFilters } from './requests.queries.js';
import { serviceRequests } from './requests.schema.js';

/**
 * The queue's counters in one query: the list's scope and filters, grouped by state, with the
 * overdue ones counted alongside (FILTER), so four counters cost one round trip.
 */
export async function countRequestsByState(ctx: AppContext, actor: Actor, f: RequestFilters): Promise<RequestCountsDto> {
  const now = ctx.clock.now();
  const t = serviceRequests;
  const rows = await ctx.db.select({
    state: t.state,
    n: count(),
    overdue: sql<number>`count(*) filter (where ${overdueCondition(now)})`.mapWith(Number),
  }).from(t).where(listWhere(actor, f, now)).groupBy(t.state);
  const byState = Object.fromEntries(requestStates.map((s) => [s, 0])) as Record<RequestState, number>;
  let overdue = 0;
  let total = 0;
  for (const r of rows) {
    byState[r.state] = r.n;
    overdue += r.overdue;
    total += r.n;
  }
  return { byState, overdue, total };
}

export function registerRequestCountRoutes(app: App): void {
  app.get('/api/requests/counts', {
    config: { access: { permission: 'requests:read' } },
    schema: { tags: ['requests'], summary: 'How many requests match the list\'s filters: per state, overdue, total (one query)', querystring: countsQuery, response: { 200: requestCountsDto } },
  }, async (req) => countRequestsByState(app.ctx, actorOf(req), req.query));
}
