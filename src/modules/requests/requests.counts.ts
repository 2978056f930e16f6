import { count, sql } from 'drizzle-orm';
import { actorOf, type App, type AppContext } from '../../server/context.js';
import { requestStates, type RequestState } from '../../shared/request-states.js';
import type { Actor } from '../access/access.policy.js';
import { countsQuery, requestCountsDto, type RequestCountsDto } from './requests.dto.js';
import { queryRows } from '../../db/client.js';
import { liveStateCountSql } from '../figures/figures.sql.js';
import { listWhere, overdueCondition, type RequestFilters } from './requests.queries.js';
import { queueTotalFromRollups } from './requests.read.js';
import { serviceRequests } from './requests.schema.js';

/**
 * The queue's counters in one query: the list's scope and filters, grouped by state, with the
 * overdue ones counted alongside (FILTER), so four counters cost one round trip.
 */
export async function countRequestsByState(ctx: AppContext, actor: Actor, f: RequestFilters): Promise<RequestCountsDto> {
  const now = ctx.clock.now();
  const t = serviceRequests;
  const fromRollups = queueTotalFromRollups(actor, f);
  if (fromRollups) {
    // The per-state counters from the roll-ups; only "overdue" (a matter of the clock) is counted.
    const states: readonly RequestState[] = f.state?.length ? f.state : requestStates;
    const [row] = await queryRows<Record<string, unknown>>(ctx.db, sql`select ${sql.join(states.map((s) => sql`${sql.raw(liveStateCountSql(f.communityId!, [s]))} as ${sql.raw(s)}`), sql`, `)},
      (select count(*) from service_requests where ${listWhere(actor, { ...f, overdue: true }, now)}) as overdue`);
    const byState = Object.fromEntries(requestStates.map((s) => [s, Number(row?.[s] ?? 0)])) as Record<RequestState, number>;
    return { byState, overdue: Number(row?.overdue ?? 0), total: states.reduce((n, s) => n + byState[s], 0) };
  }
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
