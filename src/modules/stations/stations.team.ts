import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import type { Actor } from '../access/access.policy.js';
import { loadActor } from '../accounts/accounts.service.js';
import { loadStation, loadStationOf, type StationRow } from './stations.access.js';
import type { CreateDrillBody } from './stations.dto.js';
import { StationErrors } from './stations.errors.js';
import { recordStationFigures } from './stations.figures.js';
import { publishStationUpdated } from './stations.live.js';
import { canOnStation, seesContacts } from './stations.policy.js';
import { presentDrill, presentTeamMember } from './stations.presenter.js';
import { stationDrillAttendance, stationDrills, stationTeamMembers, type drillKinds, type teamRoles, type teamSides } from './stations.schema.js';

/* 应急救援队: the roster, and its trainings and drills with attendance and what was practised. */

/** Trainings and drills each member attended in the 365 days before `now`. */
export async function drillsAttendedBy(db: DbOrTx, memberIds: readonly number[], now: Date): Promise<Map<number, number>> {
  if (memberIds.length === 0) return new Map();
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const rows = await queryRows<{ team_member_id: number; n: number }>(db, sql`
    select a.team_member_id, count(*)::int as n from station_drill_attendance a join station_drills d on d.id = a.drill_id
    where a.team_member_id = any(${`{${memberIds.join(',')}}`}::bigint[]) and d.held_at > ${yearAgo}::timestamptz and d.held_at <= ${now.toISOString()}::timestamptz
    group by a.team_member_id`);
  return new Map(rows.map((r) => [Number(r.team_member_id), r.n]));
}

/** Team members of this station among `ids` — every id must be one, or the write is refused. */
export async function requireTeamMembers(db: DbOrTx, s: StationRow, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db.select({ id: stationTeamMembers.id, name: stationTeamMembers.name }).from(stationTeamMembers)
    .where(and(eq(stationTeamMembers.stationId, s.id), inArray(stationTeamMembers.id, unique)));
  if (rows.length !== unique.length) {
    const known = new Set(rows.map((r) => r.id));
    throw new AppError(StationErrors.STATION_LINK_INVALID, 'Not team members of this station', { teamMemberIds: unique.filter((id) => !known.has(id)) });
  }
  return rows;
}

export async function addTeamMember({ ctx, actor, stationId, input }: {
  ctx: AppContext; actor: Actor; stationId: number;
  input: { name: string; phone: string; teamRole: (typeof teamRoles)[number]; side: (typeof teamSides)[number]; skills: string[]; accountId?: number | null; joinedOn?: string | null };
}) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:manage');
  if (input.accountId) {
    const member = await loadActor(ctx.db, input.accountId);
    if (!member || !canOnStation(member, 'stations:checkout', s)) {
      throw new AppError(StationErrors.STATION_LINK_INVALID, 'That account cannot work at this station (it needs stations:checkout on it)', { accountId: input.accountId });
    }
  }
  const [row] = await ctx.db.insert(stationTeamMembers).values({
    communityId: s.communityId, stationId: s.id, name: input.name, phone: input.phone, teamRole: input.teamRole, side: input.side,
    skills: [...new Set(input.skills)], accountId: input.accountId ?? null, joinedOn: input.joinedOn ?? null, createdAt: ctx.clock.now(),
  }).onConflictDoNothing().returning();
  if (!row) throw new AppError(StationErrors.STATION_LINK_INVALID, 'The team already has a member of that name', { name: input.name });
  return presentTeamMember(row, seesContacts(actor, s), 0);
}

export async function updateTeamMember({ ctx, actor, teamMemberId, input }: {
  ctx: AppContext; actor: Actor; teamMemberId: number; input: { phone?: string; teamRole?: (typeof teamRoles)[number]; skills?: string[]; active?: boolean };
}) {
  const s = await loadStationOf(ctx.db, actor, 'station_team_members', teamMemberId, 'stations:manage', 'Team member');
  const set = Object.fromEntries(Object.entries({ ...input, ...(input.skills ? { skills: [...new Set(input.skills)] } : {}) }).filter(([, v]) => v !== undefined));
  const [row] = Object.keys(set).length
    ? await ctx.db.update(stationTeamMembers).set(set).where(eq(stationTeamMembers.id, teamMemberId)).returning()
    : await ctx.db.select().from(stationTeamMembers).where(eq(stationTeamMembers.id, teamMemberId));
  const attended = await drillsAttendedBy(ctx.db, [teamMemberId], ctx.clock.now());
  return presentTeamMember(row!, seesContacts(actor, s), attended.get(teamMemberId) ?? 0);
}

/** The team, leader first (the station page carries it too). */
export async function listTeam({ ctx, actor, stationId }: { ctx: AppContext; actor: Actor; stationId: number }) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:read');
  const rows = await ctx.db.select().from(stationTeamMembers).where(eq(stationTeamMembers.stationId, s.id))
    .orderBy(desc(stationTeamMembers.active), sql`case ${stationTeamMembers.teamRole} when 'leader' then 0 when 'deputy' then 1 else 2 end`, asc(stationTeamMembers.id));
  const contacts = seesContacts(actor, s);
  const attended = await drillsAttendedBy(ctx.db, rows.map((m) => m.id), ctx.clock.now());
  return { items: rows.map((m) => presentTeamMember(m, contacts, attended.get(m.id) ?? 0)) };
}

async function presentDrills(db: DbOrTx, s: StationRow, rows: (typeof stationDrills.$inferSelect)[]) {
  const ids = rows.map((d) => d.id);
  const [attendees, used, [team]] = await Promise.all([
    ids.length ? db.select({ drillId: stationDrillAttendance.drillId, teamMemberId: stationTeamMembers.id, name: stationTeamMembers.name }).from(stationDrillAttendance)
      .innerJoin(stationTeamMembers, eq(stationTeamMembers.id, stationDrillAttendance.teamMemberId))
      .where(inArray(stationDrillAttendance.drillId, ids)).orderBy(asc(stationTeamMembers.id)) : [],
    ids.length ? queryRows<{ drill_id: number; n: number }>(db, sql`select drill_id, count(*)::int as n from station_checkouts where drill_id = any(${`{${ids.join(',')}}`}::bigint[]) group by drill_id`) : [],
    db.select({ n: count() }).from(stationTeamMembers).where(and(eq(stationTeamMembers.stationId, s.id), eq(stationTeamMembers.active, true))),
  ]);
  const usedBy = new Map(used.map((u) => [Number(u.drill_id), u.n]));
  return rows.map((d) => presentDrill(d, attendees.filter((a) => a.drillId === d.id).map(({ teamMemberId, name }) => ({ teamMemberId, name })), team?.n ?? 0, usedBy.get(d.id) ?? 0));
}

/** Trainings and drills, latest first. */
export async function listDrills({ ctx, actor, stationId, query }: { ctx: AppContext; actor: Actor; stationId: number; query: { kind?: (typeof drillKinds)[number]; page: number; pageSize: number } }) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:read');
  const where = and(eq(stationDrills.stationId, s.id), query.kind ? eq(stationDrills.kind, query.kind) : undefined);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(stationDrills).where(where).orderBy(desc(stationDrills.heldAt), desc(stationDrills.id)).limit(query.pageSize).offset(offsetOf(query.page, query.pageSize)),
    ctx.db.select({ n: count() }).from(stationDrills).where(where),
  ]);
  return { items: await presentDrills(ctx.db, s, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Records a training or drill with who came and what was practised. */
export async function recordDrill({ ctx, actor, stationId, input }: { ctx: AppContext; actor: Actor; stationId: number; input: CreateDrillBody }) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:manage');
  const now = ctx.clock.now();
  const heldAt = new Date(input.heldAt);
  if (heldAt.getTime() > now.getTime() + 60_000) throw new AppError(StationErrors.STATION_LINK_INVALID, 'A drill is recorded after it was held', { heldAt: input.heldAt });
  const drill = await ctx.db.transaction(async (tx) => {
    const attendees = await requireTeamMembers(tx, s, input.attendeeIds);
    const [d] = await tx.insert(stationDrills).values({
      communityId: s.communityId, stationId: s.id, kind: input.kind, title: input.title, heldAt, durationMinutes: input.durationMinutes,
      location: input.location ?? null, trainer: input.trainer ?? null, practised: [...new Set(input.practised)], notes: input.notes ?? null,
      createdByAccountId: actor.accountId, createdAt: now,
    }).returning();
    if (attendees.length) await tx.insert(stationDrillAttendance).values(attendees.map((a) => ({ communityId: s.communityId, drillId: d!.id, teamMemberId: a.id })));
    await recordStationFigures(tx, s, heldAt, { drills: 1, attendances: attendees.length });
    return d!;
  });
  await publishStationUpdated(ctx, s, 'drill');
  return (await presentDrills(ctx.db, s, [drill]))[0]!;
}
