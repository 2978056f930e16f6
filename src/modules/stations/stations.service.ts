import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { likePattern, offsetOf } from '../../server/pagination.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { communityScope, compoundScope } from '../places/places.scope.js';
import { getCommunity } from '../places/places.service.js';
import { evaluateAlerts, type StationAlert } from './stations.alerts.js';
import { loadStation, loadStationOf, stationListCondition, type StationRow } from './stations.access.js';
import type { CreateCoverageBody, CreateStationBody, ReadinessDto, StationDetailDto, StationSummaryDto, UpdateStationBody } from './stations.dto.js';
import { StationErrors } from './stations.errors.js';
import { placeNames } from './stations.places.js';
import { seesContacts, stationAbilities } from './stations.policy.js';
import { presentAlert, presentCoverage, presentKeyHolder, presentRollCall, presentStationSummary, presentTeamMember } from './stations.presenter.js';
import { readinessOf } from './stations.readiness.service.js';
import { latestRollCallOf } from './stations.keys.js';
import { drillsAttendedBy } from './stations.team.js';
import {
  stationCheckouts, stationCoverage, stationIncidents, stationKeyHolders, stationTeamMembers, stations,
} from './stations.schema.js';
import { loadAlertSnapshots } from './stations.snapshot.js';

const idList = (ids: readonly number[]) => `{${ids.join(',')}}`;

function checkHours(alwaysOpen: boolean, opensAt: string | null | undefined, closesAt: string | null | undefined): void {
  if (!alwaysOpen && (!opensAt || !closesAt)) throw new AppError(StationErrors.STATION_HOURS_INVALID, 'A station that is not open 24 hours needs opensAt and closesAt');
  if (!alwaysOpen && opensAt === closesAt) throw new AppError(StationErrors.STATION_HOURS_INVALID, 'opensAt and closesAt are the same time');
}

/** 建站: a community sets up a station, optionally run with a property company that serves one of its compounds. */
export async function createStation({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateStationBody }): Promise<number> {
  const scope = await communityScope(ctx.db, input.communityId);
  requireAccess(actor, 'stations:create', scope, 'Community');
  checkHours(input.alwaysOpen, input.opensAt, input.closesAt);
  if (input.companyId) {
    const community = await getCommunity(ctx.db, actor, input.communityId);
    if (!community.companies.some((c) => c.id === input.companyId)) {
      throw new AppError(StationErrors.STATION_LINK_INVALID, 'The company serves no compound of this community', { companyId: input.companyId });
    }
  }
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(stations).values({
    communityId: input.communityId, cityId: scope.cityId!, districtId: scope.districtId!, streetId: scope.streetId!, companyId: input.companyId ?? null,
    name: input.name, address: input.address, locationNote: input.locationNote ?? null, alwaysOpen: input.alwaysOpen,
    opensAt: input.alwaysOpen ? null : input.opensAt!, closesAt: input.alwaysOpen ? null : input.closesAt!, dutyPhone: input.dutyPhone ?? null,
    rollCallEveryDays: input.rollCallEveryDays, rollCallAnswerHours: input.rollCallAnswerHours, drillEveryDays: input.drillEveryDays,
    createdByAccountId: actor.accountId, createdAt: now, updatedAt: now,
  }).onConflictDoNothing().returning({ id: stations.id });
  if (!row) throw new AppError(StationErrors.STATION_LINK_INVALID, 'This community already has a station of that name', { name: input.name });
  return row.id;
}

export async function updateStation({ ctx, actor, stationId, input }: { ctx: AppContext; actor: Actor; stationId: number; input: UpdateStationBody }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const s = await loadStation(tx, actor, stationId, 'stations:manage', true);
    const alwaysOpen = input.alwaysOpen ?? s.alwaysOpen;
    const opensAt = input.opensAt === undefined ? s.opensAt : input.opensAt;
    const closesAt = input.closesAt === undefined ? s.closesAt : input.closesAt;
    checkHours(alwaysOpen, opensAt, closesAt);
    const set: Partial<StationRow> = { alwaysOpen, opensAt: alwaysOpen ? null : opensAt, closesAt: alwaysOpen ? null : closesAt, updatedAt: ctx.clock.now() };
    if (input.name !== undefined) set.name = input.name;
    if (input.address !== undefined) set.address = input.address;
    if (input.locationNote !== undefined) set.locationNote = input.locationNote;
    if (input.dutyPhone !== undefined) set.dutyPhone = input.dutyPhone;
    if (input.rollCallEveryDays !== undefined) set.rollCallEveryDays = input.rollCallEveryDays;
    if (input.rollCallAnswerHours !== undefined) set.rollCallAnswerHours = input.rollCallAnswerHours;
    if (input.drillEveryDays !== undefined) set.drillEveryDays = input.drillEveryDays;
    if (set.name && set.name !== s.name) {
      const [taken] = await tx.select({ id: stations.id }).from(stations).where(and(eq(stations.communityId, s.communityId), eq(stations.name, set.name)));
      if (taken) throw new AppError(StationErrors.STATION_LINK_INVALID, 'This community already has a station of that name', { name: set.name });
    }
    await tx.update(stations).set(set).where(eq(stations.id, s.id));
  });
}

interface Aggregates {
  coverage: StationSummaryDto['coverage'];
  itemKinds: StationSummaryDto['itemKinds'];
  teamSize: number;
  lastDrillAt: Date | null;
}

/** Counts of the list's columns for a set of stations, in one statement. */
async function aggregatesOf(db: DbOrTx, ids: readonly number[]): Promise<Map<number, Aggregates>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{
    id: number; compounds: number; villages: number; shops: number; rescue: number; supplies: number; rescue_categories: number; supplies_categories: number;
    team: number; last_drill_at: Date | string | null;
  }>(db, sql`
    select s.id,
      (select count(*) from station_coverage c where c.station_id = s.id and c.kind = 'compound')::int as compounds,
      (select count(*) from station_coverage c where c.station_id = s.id and c.kind = 'urban_village')::int as villages,
      (select count(*) from station_coverage c where c.station_id = s.id and c.kind = 'shop')::int as shops,
      (select count(*) from station_items i where i.station_id = s.id and i.section = 'rescue')::int as rescue,
      (select count(*) from station_items i where i.station_id = s.id and i.section = 'supplies')::int as supplies,
      (select count(distinct i.category) from station_items i where i.station_id = s.id and i.section = 'rescue')::int as rescue_categories,
      (select count(distinct i.category) from station_items i where i.station_id = s.id and i.section = 'supplies')::int as supplies_categories,
      (select count(*) from station_team_members m where m.station_id = s.id and m.active)::int as team,
      (select max(d.held_at) from station_drills d where d.station_id = s.id) as last_drill_at
    from stations s where s.id = any(${idList(ids)}::bigint[])`);
  return new Map(rows.map((r) => [Number(r.id), {
    coverage: { compounds: r.compounds, urbanVillages: r.villages, shops: r.shops },
    itemKinds: { rescue: r.rescue, supplies: r.supplies, rescueCategories: r.rescue_categories, suppliesCategories: r.supplies_categories },
    teamSize: r.team, lastDrillAt: r.last_drill_at === null ? null : new Date(r.last_drill_at),
  }]));
}

interface Summary {
  summary: StationSummaryDto;
  readiness: ReadinessDto;
  alerts: StationAlert[];
}

/** Summaries of these (access-checked) stations: counts, readiness, alerts now. */
async function summariesOf(ctx: AppContext, rows: readonly StationRow[]): Promise<Map<number, Summary>> {
  const now = ctx.clock.now();
  const ids = rows.map((r) => r.id);
  const [aggregates, readiness, snapshots, names] = await Promise.all([
    aggregatesOf(ctx.db, ids), readinessOf(ctx.db, rows, now), loadAlertSnapshots(ctx.db, ids),
    placeNames(ctx.db, rows.map((r) => r.communityId), rows.flatMap((r) => (r.companyId ? [r.companyId] : []))),
  ]);
  return new Map(rows.map((s) => {
    const alerts = evaluateAlerts(snapshots.get(s.id)!, now);
    const summary = presentStationSummary(s, {
      ...aggregates.get(s.id)!, communityName: names.communities.get(s.communityId) ?? '', companyName: s.companyId ? names.companies.get(s.companyId) ?? null : null,
      alerts, readiness: readiness.get(s.id)!,
    });
    return [s.id, { summary, readiness: readiness.get(s.id)!, alerts }];
  }));
}

/** The stations the actor may see, by name, with their readiness and alerts. */
export async function listStations({ ctx, actor, query }: { ctx: AppContext; actor: Actor; query: { communityId?: number; q?: string; page: number; pageSize: number } }) {
  const where = and(
    await stationListCondition(ctx.db, actor),
    query.communityId ? eq(stations.communityId, query.communityId) : undefined,
    query.q ? or(ilike(stations.name, likePattern(query.q)), ilike(stations.address, likePattern(query.q))) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(stations).where(where).orderBy(asc(stations.name), asc(stations.id)).limit(query.pageSize).offset(offsetOf(query.page, query.pageSize)),
    ctx.db.select({ n: count() }).from(stations).where(where),
  ]);
  const summaries = await summariesOf(ctx, rows);
  return { items: rows.map((r) => summaries.get(r.id)!.summary), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** The station page: coverage, key holders, team, the latest roll call, alerts now, readiness and what the actor may do. */
export async function getStationDetail({ ctx, actor, stationId }: { ctx: AppContext; actor: Actor; stationId: number }): Promise<StationDetailDto> {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:read');
  const now = ctx.clock.now();
  const contacts = seesContacts(actor, s);
  const [summaries, coverage, holders, team, attended, rollCall, [openCheckouts], [openIncidents]] = await Promise.all([
    summariesOf(ctx, [s]),
    ctx.db.select().from(stationCoverage).where(eq(stationCoverage.stationId, s.id))
      .orderBy(sql`case ${stationCoverage.kind} when 'compound' then 0 when 'urban_village' then 1 else 2 end`, asc(stationCoverage.id)),
    ctx.db.select().from(stationKeyHolders).where(eq(stationKeyHolders.stationId, s.id)).orderBy(desc(stationKeyHolders.active), asc(stationKeyHolders.side), asc(stationKeyHolders.id)),
    ctx.db.select().from(stationTeamMembers).where(eq(stationTeamMembers.stationId, s.id))
      .orderBy(desc(stationTeamMembers.active), sql`case ${stationTeamMembers.teamRole} when 'leader' then 0 when 'deputy' then 1 else 2 end`, asc(stationTeamMembers.id)),
    queryRows<{ id: number }>(ctx.db, sql`select id from station_team_members where station_id = ${s.id}`).then((r) => drillsAttendedBy(ctx.db, r.map((x) => Number(x.id)), now)),
    latestRollCallOf(ctx.db, s.id),
    ctx.db.select({ n: count() }).from(stationCheckouts).where(and(eq(stationCheckouts.stationId, s.id), eq(stationCheckouts.state, 'out'))),
    ctx.db.select({ n: count() }).from(stationIncidents).where(and(eq(stationIncidents.stationId, s.id), eq(stationIncidents.state, 'open'))),
  ]);
  const { summary, readiness, alerts } = summaries.get(s.id)!;
  return {
    ...summary,
    locationNote: s.locationNote, rollCallEveryDays: s.rollCallEveryDays, rollCallAnswerHours: s.rollCallAnswerHours, drillEveryDays: s.drillEveryDays,
    createdAt: s.createdAt.toISOString(),
    coverageList: coverage.map((c) => presentCoverage(c, contacts)),
    keyHolders: holders.map((h) => presentKeyHolder(h, contacts)),
    team: team.map((m) => presentTeamMember(m, contacts, attended.get(m.id) ?? 0)),
    latestRollCall: rollCall ? presentRollCall(rollCall.rc, rollCall.startedBy, rollCall.answers, now) : null,
    alertList: alerts.map(presentAlert),
    readiness,
    openCheckouts: openCheckouts?.n ?? 0,
    openIncidents: openIncidents?.n ?? 0,
    abilities: stationAbilities(actor, s),
  };
}

/** Adds a compound, urban-village area or shop to what the station covers. */
export async function addCoverage({ ctx, actor, stationId, input }: { ctx: AppContext; actor: Actor; stationId: number; input: CreateCoverageBody }): Promise<number> {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:manage');
  if (input.compoundId) {
    if (input.kind !== 'compound') throw new AppError(StationErrors.STATION_LINK_INVALID, 'Only a compound entry links a compound', { compoundId: input.compoundId });
    const place = await compoundScope(ctx.db, input.compoundId);
    if (!place || place.communityId !== s.communityId) throw new AppError(StationErrors.STATION_LINK_INVALID, 'The compound is not in the station\'s community', { compoundId: input.compoundId });
  }
  const [row] = await ctx.db.insert(stationCoverage).values({
    communityId: s.communityId, stationId: s.id, kind: input.kind, name: input.name, compoundId: input.compoundId ?? null, address: input.address ?? null,
    contactName: input.contactName ?? null, contactPhone: input.contactPhone ?? null, headcount: input.headcount ?? null, note: input.note ?? null, createdAt: ctx.clock.now(),
  }).onConflictDoNothing().returning({ id: stationCoverage.id });
  if (!row) throw new AppError(StationErrors.STATION_LINK_INVALID, 'The station already covers a place of that kind and name', { name: input.name });
  return row.id;
}

/** Removes a coverage entry; one that incidents point to stays (their history needs it). */
export async function removeCoverage({ ctx, actor, coverageId }: { ctx: AppContext; actor: Actor; coverageId: number }): Promise<void> {
  await loadStationOf(ctx.db, actor, 'station_coverage', coverageId, 'stations:manage', 'Coverage');
  const [used] = await ctx.db.select({ n: count() }).from(stationIncidents).where(eq(stationIncidents.coverageId, coverageId));
  if ((used?.n ?? 0) > 0) throw new AppError(StationErrors.STATION_LINK_INVALID, 'Incidents happened at this place; it stays on the list', { incidents: used!.n });
  const deleted = await ctx.db.delete(stationCoverage).where(eq(stationCoverage.id, coverageId)).returning({ id: stationCoverage.id });
  if (deleted.length === 0) throw notFound('Coverage', coverageId);
}

/** Ids of stations → rows (the sweep and the bench). */
export async function stationsByIds(db: DbOrTx, ids: readonly number[]): Promise<StationRow[]> {
  return ids.length ? db.select().from(stations).where(inArray(stations.id, [...ids])) : [];
}
