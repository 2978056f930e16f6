import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, CommonErrors } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import type { Actor } from '../access/access.policy.js';
import { getRequestDetail } from '../requests/requests.read.js';
import { loadStation, loadStationOf, type StationRow } from './stations.access.js';
import type { CreateIncidentBody } from './stations.dto.js';
import { StationErrors } from './stations.errors.js';
import { recordStationFigures } from './stations.figures.js';
import { publishStationUpdated } from './stations.live.js';
import { presentIncident } from './stations.presenter.js';
import {
  stationCheckouts, stationCoverage, stationIncidentResponders, stationIncidents, stationItems, stationTeamMembers, type incidentStates,
} from './stations.schema.js';
import { requireTeamMembers } from './stations.team.js';

/*
 * 应急事件: what happened, where (among the station's coverage), who came, what was used (the
 * check-outs that name the incident) and the 三单服务 request it began as — linked only when the
 * actor can see that request, asked of the requests module's own read function.
 */

type IncidentRow = typeof stationIncidents.$inferSelect;

/** The request must be one the actor may read; any other id (missing or another tenant's) is refused alike. */
async function checkRequest(ctx: AppContext, actor: Actor, requestId: number): Promise<void> {
  try {
    await getRequestDetail(ctx, actor, requestId);
  } catch (err) {
    if (err instanceof AppError && (err.code === CommonErrors.NOT_FOUND || err.code === CommonErrors.FORBIDDEN)) {
      throw new AppError(StationErrors.STATION_LINK_INVALID, 'No such service request visible to you', { requestId });
    }
    throw err;
  }
}

async function presentIncidents(db: DbOrTx, rows: IncidentRow[]) {
  const ids = rows.map((i) => i.id);
  const coverageIds = rows.flatMap((i) => (i.coverageId ? [i.coverageId] : []));
  const [responders, used, coverage] = await Promise.all([
    ids.length ? db.select({ incidentId: stationIncidentResponders.incidentId, teamMemberId: stationTeamMembers.id, name: stationTeamMembers.name })
      .from(stationIncidentResponders).innerJoin(stationTeamMembers, eq(stationTeamMembers.id, stationIncidentResponders.teamMemberId))
      .where(inArray(stationIncidentResponders.incidentId, ids)).orderBy(asc(stationTeamMembers.id)) : [],
    ids.length ? db.select({ incidentId: stationCheckouts.incidentId, checkoutId: stationCheckouts.id, itemName: stationItems.name, unit: stationItems.unit, quantity: stationCheckouts.quantity, state: stationCheckouts.state })
      .from(stationCheckouts).innerJoin(stationItems, eq(stationItems.id, stationCheckouts.itemId))
      .where(inArray(stationCheckouts.incidentId, ids)).orderBy(asc(stationCheckouts.id)) : [],
    coverageIds.length ? db.select({ id: stationCoverage.id, name: stationCoverage.name, kind: stationCoverage.kind }).from(stationCoverage).where(inArray(stationCoverage.id, coverageIds)) : [],
  ]);
  const places = new Map(coverage.map((c) => [c.id, c]));
  return rows.map((i) => presentIncident(
    i, i.coverageId ? places.get(i.coverageId) ?? null : null,
    responders.filter((r) => r.incidentId === i.id).map(({ teamMemberId, name }) => ({ teamMemberId, name })),
    used.filter((u) => u.incidentId === i.id).map(({ checkoutId, itemName, unit, quantity, state }) => ({ checkoutId, itemName, unit, quantity, state })),
  ));
}

async function checkCoverage(db: DbOrTx, s: StationRow, coverageId: number | null | undefined): Promise<void> {
  if (!coverageId) return;
  const [c] = await db.select({ id: stationCoverage.id }).from(stationCoverage).where(and(eq(stationCoverage.id, coverageId), eq(stationCoverage.stationId, s.id)));
  if (!c) throw new AppError(StationErrors.STATION_LINK_INVALID, 'The place is not covered by this station', { coverageId });
}

/** Logs an incident; team members who came are its responders. */
export async function logIncident({ ctx, actor, stationId, input }: { ctx: AppContext; actor: Actor; stationId: number; input: CreateIncidentBody }) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:checkout');
  const now = ctx.clock.now();
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > now.getTime() + 60_000) throw new AppError(StationErrors.STATION_LINK_INVALID, 'An incident is logged after it happened', { occurredAt: input.occurredAt });
  await checkCoverage(ctx.db, s, input.coverageId);
  if (input.requestId) await checkRequest(ctx, actor, input.requestId);
  const incident = await ctx.db.transaction(async (tx) => {
    const responders = await requireTeamMembers(tx, s, input.responderIds);
    const [row] = await tx.insert(stationIncidents).values({
      communityId: s.communityId, stationId: s.id, kind: input.kind, title: input.title, description: input.description ?? null, occurredAt,
      locationText: input.locationText ?? null, coverageId: input.coverageId ?? null, requestId: input.requestId ?? null,
      createdByAccountId: actor.accountId, createdAt: now,
    }).returning();
    if (responders.length) await tx.insert(stationIncidentResponders).values(responders.map((r) => ({ communityId: s.communityId, incidentId: row!.id, teamMemberId: r.id })));
    await recordStationFigures(tx, s, occurredAt, { incidents: 1 });
    return row!;
  });
  await publishStationUpdated(ctx, s, 'incident');
  return (await presentIncidents(ctx.db, [incident]))[0]!;
}

/** Closes an open incident with its outcome (responders who joined later are added). */
export async function closeIncident({ ctx, actor, incidentId, input }: { ctx: AppContext; actor: Actor; incidentId: number; input: { outcome: string; responderIds?: number[] } }) {
  const s = await loadStationOf(ctx.db, actor, 'station_incidents', incidentId, 'stations:checkout', 'Incident');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const responders = await requireTeamMembers(tx, s, input.responderIds ?? []);
    const [closed] = await tx.update(stationIncidents).set({ state: 'closed', outcome: input.outcome, closedAt: now })
      .where(and(eq(stationIncidents.id, incidentId), eq(stationIncidents.state, 'open'))).returning();
    if (!closed) throw new AppError(StationErrors.STATION_INCIDENT_CLOSED, 'The incident is already closed');
    if (responders.length) {
      await tx.insert(stationIncidentResponders).values(responders.map((r) => ({ communityId: s.communityId, incidentId, teamMemberId: r.id }))).onConflictDoNothing();
    }
    return closed;
  });
  await publishStationUpdated(ctx, s, 'incident');
  return (await presentIncidents(ctx.db, [row]))[0]!;
}

export async function getIncident({ ctx, actor, incidentId }: { ctx: AppContext; actor: Actor; incidentId: number }) {
  await loadStationOf(ctx.db, actor, 'station_incidents', incidentId, 'stations:read', 'Incident');
  const [row] = await ctx.db.select().from(stationIncidents).where(eq(stationIncidents.id, incidentId));
  return (await presentIncidents(ctx.db, [row!]))[0]!;
}

/** The station's incidents, latest first. */
export async function listIncidents({ ctx, actor, stationId, query }: { ctx: AppContext; actor: Actor; stationId: number; query: { state?: (typeof incidentStates)[number]; page: number; pageSize: number } }) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:read');
  const where = and(eq(stationIncidents.stationId, s.id), query.state ? eq(stationIncidents.state, query.state) : undefined);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(stationIncidents).where(where).orderBy(desc(stationIncidents.occurredAt), desc(stationIncidents.id)).limit(query.pageSize).offset(offsetOf(query.page, query.pageSize)),
    ctx.db.select({ n: count() }).from(stationIncidents).where(where),
  ]);
  return { items: await presentIncidents(ctx.db, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
