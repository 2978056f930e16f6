import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { shanghaiDayStart } from '../../shared/shanghai-time.js';
import { can, scopeFilter, type Actor, type ResourceScope } from '../access/access.policy.js';
import { scopeCondition } from '../access/access.sql.js';
import { people } from '../accounts/accounts.schema.js';
import { communityScope } from '../places/places.scope.js';
import { communities, districts, streets } from '../places/places.schema.js';
import { reachOf, seesCommunity } from './members.access.js';
import { kindLabels } from './members.badges.js';
import { MemberErrors } from './members.errors.js';
import { honourRollEntries, honourRollPeriods, type MemberKind } from './members.schema.js';

/** How many ranks a frozen period keeps. */
export const HONOUR_RANKS = 200;

/** A period's bounds in Shanghai time: '2026' is the year, '2026Q3' July to September. */
export function periodBounds(period: string): { from: Date; to: Date } {
  const m = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!m) throw new AppError(MemberErrors.HONOUR_PERIOD_INVALID, 'A period is a year (2026) or a quarter (2026Q3)', { period });
  const y = Number(m[1]);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (!m[2]) return { from: shanghaiDayStart(`${y}-01-01`), to: shanghaiDayStart(`${y + 1}-01-01`) };
  const q = Number(m[2]);
  const startMonth = (q - 1) * 3 + 1;
  const end = q === 4 ? `${y + 1}-01-01` : `${y}-${pad(startMonth + 3)}-01`;
  return { from: shanghaiDayStart(`${y}-${pad(startMonth)}-01`), to: shanghaiDayStart(end) };
}

interface Ranked { rank: number; person_id: number | string; minutes: number; points: number; services: number }

/** The ranking from the ledger itself: hours first, then points; never typed in. */
async function rankFromLedger(db: DbOrTx, communityId: number, from: Date, to: Date, limit: number): Promise<Ranked[]> {
  return queryRows<Ranked>(db, sql`
    select (row_number() over (order by sum(minutes) desc, sum(points) desc, person_id))::int as rank, person_id,
      sum(minutes)::int as minutes, sum(points)::int as points, count(*)::int as services
    from service_ledger where community_id = ${communityId} and at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz
    group by person_id order by rank limit ${limit}`);
}

/** A closed period of a community, frozen by its first reader (the unique period row decides who writes it), then read from the snapshot. */
async function frozenRoll(tx: DbOrTx, communityId: number, period: string, from: Date, to: Date, now: Date): Promise<{ rows: Ranked[]; frozenAt: Date }> {
  let [p] = await tx.select().from(honourRollPeriods).where(and(eq(honourRollPeriods.communityId, communityId), eq(honourRollPeriods.period, period)));
  if (!p) {
    const [inserted] = await tx.insert(honourRollPeriods).values({ communityId, period, frozenAt: now }).onConflictDoNothing().returning();
    if (inserted) {
      const ranked = await rankFromLedger(tx, communityId, from, to, HONOUR_RANKS);
      if (ranked.length) await tx.insert(honourRollEntries).values(ranked.map((r) => ({ communityId, periodId: inserted.id, rank: r.rank, personId: Number(r.person_id), minutes: r.minutes, points: r.points, services: r.services })));
      return { rows: ranked, frozenAt: inserted.frozenAt };
    }
    [p] = await tx.select().from(honourRollPeriods).where(and(eq(honourRollPeriods.communityId, communityId), eq(honourRollPeriods.period, period)));
  }
  const entries = await tx.select().from(honourRollEntries).where(eq(honourRollEntries.periodId, p!.id)).orderBy(asc(honourRollEntries.rank));
  return { rows: entries.map((e) => ({ rank: e.rank, person_id: e.personId, minutes: e.minutes, points: e.points, services: e.services })), frozenAt: p!.frozenAt };
}

/** The period's bounds, refused when it has not started; `closed` once it has ended. */
function checkedPeriod(period: string, now: Date) {
  const { from, to } = periodBounds(period);
  if (from > now) throw new AppError(MemberErrors.HONOUR_PERIOD_INVALID, 'That period has not started', { period });
  return { from, to, closed: to <= now };
}

/** Names and badges (the kind of the person's latest registration in the given communities) of the ranked people. */
async function presentRanks(db: DbOrTx, rows: Ranked[], communityIds: number[]) {
  const ids = rows.map((r) => Number(r.person_id));
  const names = new Map<number, string>();
  const badges = new Map<number, MemberKind>();
  const where = new Map<number, string[]>();
  if (ids.length && communityIds.length) {
    for (const p of await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids))) names.set(p.id, p.name);
    const idList = sql.join(ids.map((i) => sql`${i}`), sql`, `);
    const commList = sql.join(communityIds.map((i) => sql`${i}`), sql`, `);
    for (const b of await queryRows<{ person_id: number | string; kind: MemberKind }>(db, sql`
      select distinct on (person_id) person_id, kind from members where community_id in (${commList}) and person_id in (${idList})
      order by person_id, (state = 'active') desc, id desc`)) badges.set(Number(b.person_id), b.kind);
    if (communityIds.length > 1) {
      for (const c of await queryRows<{ person_id: number | string; name: string }>(db, sql`
        select distinct l.person_id, c.name from service_ledger l join communities c on c.id = l.community_id
        where l.person_id in (${idList}) and l.community_id in (${commList}) order by c.name`)) {
        const list = where.get(Number(c.person_id)) ?? [];
        list.push(c.name);
        where.set(Number(c.person_id), list);
      }
    }
  }
  return rows.map((r) => {
    const pid = Number(r.person_id);
    const kind = badges.get(pid);
    return {
      rank: r.rank, personId: pid, name: names.get(pid) ?? '', badge: kind ? kindLabels[kind] : null, hours: Math.round((r.minutes / 60) * 10) / 10, minutes: r.minutes, points: r.points, services: r.services,
      ...(communityIds.length > 1 ? { communityNames: where.get(pid) ?? [] } : {}),
    };
  });
}

/**
 * 红榜 of a community for a year or quarter. An open period is computed from the ledger on each
 * read; a closed one is frozen by its first reader and then read from the snapshot — a late
 * credit dated inside it never changes it.
 */
export async function honourRoll({ ctx, actor, communityId, period, limit }: { ctx: Pick<AppContext, 'db' | 'clock'>; actor: Actor; communityId: number; period: string; limit: number }) {
  const scope = await communityScope(ctx.db, communityId);
  const reach = await reachOf(ctx.db, actor);
  if (!scope || !seesCommunity(actor, reach, 'members:serving', scope)) throw notFound('Community', communityId);
  const now = ctx.clock.now();
  const { from, to, closed } = checkedPeriod(period, now);
  let rows: Ranked[];
  let frozenAt: Date | null = null;
  if (closed) ({ rows, frozenAt } = await ctx.db.transaction((tx) => frozenRoll(tx, communityId, period, from, to, now)));
  else rows = await rankFromLedger(ctx.db, communityId, from, to, limit);
  const [c] = await ctx.db.select({ name: communities.name }).from(communities).where(eq(communities.id, communityId));
  return {
    communityId, streetId: null, scopeName: c?.name ?? '', communities: 1,
    period, from: from.toISOString(), to: to.toISOString(), frozen: frozenAt !== null, frozenAt: frozenAt?.toISOString() ?? null,
    items: await presentRanks(ctx.db, rows.slice(0, limit), [communityId]),
  };
}

/** Where a street sits, for policy checks: a street, district or city grant covers it (a community grant never does). */
async function streetScope(db: DbOrTx, streetId: number): Promise<(ResourceScope & { name: string }) | undefined> {
  const [row] = await db.select({ cityId: streets.cityId, districtId: streets.districtId, streetId: streets.id, name: streets.name }).from(streets).where(eq(streets.id, streetId));
  return row;
}

/** Ranks summed over the street's communities, hours first, then points. */
function rankSummed(parts: Ranked[][], limit: number): Ranked[] {
  const sum = new Map<number, Ranked>();
  for (const r of parts.flat()) {
    const pid = Number(r.person_id);
    const s = sum.get(pid) ?? { rank: 0, person_id: pid, minutes: 0, points: 0, services: 0 };
    s.minutes += r.minutes; s.points += r.points; s.services += r.services;
    sum.set(pid, s);
  }
  return [...sum.values()].sort((a, b) => b.minutes - a.minutes || b.points - a.points || Number(a.person_id) - Number(b.person_id)).slice(0, limit).map((r, i) => ({ ...r, rank: i + 1 }));
}

/**
 * 红榜 of a street (街道): its communities' ledgers together. An open period is summed from the
 * ledger on each read; a closed one from the communities' frozen snapshots (each frozen by its
 * first reader, here or on the community's own roll), so the street roll of a closed period
 * agrees with its communities' rolls and never changes. Only a street, district or city grant
 * reaches it: another street's staff, and community staff, get 404.
 */
export async function streetHonourRoll({ ctx, actor, streetId, period, limit }: { ctx: Pick<AppContext, 'db' | 'clock'>; actor: Actor; streetId: number; period: string; limit: number }) {
  const scope = await streetScope(ctx.db, streetId);
  if (!scope || !can(actor, 'members:serving', scope)) throw notFound('Street', streetId);
  const now = ctx.clock.now();
  const { from, to, closed } = checkedPeriod(period, now);
  const communityIds = (await ctx.db.select({ id: communities.id }).from(communities).where(eq(communities.streetId, streetId)).orderBy(asc(communities.id))).map((c) => c.id);
  let rows: Ranked[] = [];
  let frozenAt: Date | null = null;
  if (closed) {
    const parts: Ranked[][] = [];
    for (const communityId of communityIds) {
      const f = await ctx.db.transaction((tx) => frozenRoll(tx, communityId, period, from, to, now));
      parts.push(f.rows);
      if (!frozenAt || f.frozenAt > frozenAt) frozenAt = f.frozenAt;
    }
    rows = rankSummed(parts, limit);
  } else if (communityIds.length) {
    rows = await queryRows<Ranked>(ctx.db, sql`
      select (row_number() over (order by sum(l.minutes) desc, sum(l.points) desc, l.person_id))::int as rank, l.person_id,
        sum(l.minutes)::int as minutes, sum(l.points)::int as points, count(*)::int as services
      from service_ledger l join communities c on c.id = l.community_id
      where c.street_id = ${streetId} and l.at >= ${from.toISOString()}::timestamptz and l.at < ${to.toISOString()}::timestamptz
      group by l.person_id order by rank limit ${limit}`);
  }
  return {
    communityId: null, streetId, scopeName: scope.name, communities: communityIds.length,
    period, from: from.toISOString(), to: to.toISOString(), frozen: closed, frozenAt: frozenAt?.toISOString() ?? null,
    items: await presentRanks(ctx.db, rows, communityIds),
  };
}

/** The streets whose 红榜 the actor may see: their street grants, and the streets of their district and city grants (the page's selector). */
export async function honourStreets({ ctx, actor }: { ctx: Pick<AppContext, 'db'>; actor: Actor }) {
  const where = scopeCondition(scopeFilter(actor, 'members:serving'), { street: streets.id, district: streets.districtId, city: streets.cityId });
  const rows = await ctx.db.select({ id: streets.id, name: streets.name, districtName: districts.name }).from(streets).innerJoin(districts, eq(districts.id, streets.districtId))
    .where(where).orderBy(asc(streets.cityId), asc(streets.districtId), asc(streets.id)).limit(500);
  return { items: rows };
}
