import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { readFigures, totalsOf, type FigureRow } from '../../kernel/figures.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { bulkhead } from '../../server/bulkhead.js';
import { shanghaiMonth } from '../../shared/shanghai-time.js';
import { can, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { accountsWith } from '../accounts/accounts.recipients.js';
import { deliverNotifications, notifyMany, type NotificationRow } from '../notifications/notifications.service.js';
import { communityScope } from '../places/places.scope.js';
import { buildings, cities, communities, compounds } from '../places/places.schema.js';
import { requireCollector } from './fees.bills.js';
import { FeeErrors } from './fees.errors.js';
import { buildingTotals } from './fees.figures.js';
import { compoundLevelScope, compoundScopeFor, loadCompoundPlace } from './fees.places.js';
import { arrearsBuckets, formatYuan, paymentRate, type ArrearsBucket } from './fees.rules.js';
import { compareZhNumeric } from '../../shared/collation.js';

type Level = 'compound' | 'community' | 'city';

function rateOf(t: Record<string, number>) {
  return paymentRate({
    householdsBilled: t.households_billed ?? 0, householdsPaid: t.households_paid ?? 0,
    areaBilledHundredths: t.area_billed_hundredths ?? 0, areaPaidHundredths: t.area_paid_hundredths ?? 0,
  });
}

function group(rows: FigureRow[], key: (r: FigureRow) => string | null): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const t = out.get(k) ?? {};
    t[r.counter] = (t[r.counter] ?? 0) + r.n;
    out.set(k, t);
  }
  return out;
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/**
 * 缴费率 of a compound, a community or a city for one month (or all months), by households and
 * by area, with the formulas, a breakdown one level down and the trend of the last 12 months.
 * Read from the figures (no scan of the bills): `fees.rate` for the totals, trend and areas — so a
 * whole city answers as fast as a compound. A compound's buildings are counted from its own bills.
 */
export async function getPaymentRate({ ctx, actor, q }: { ctx: AppContext; actor: Actor; q: { compoundId?: number; communityId?: number; cityId?: number; period?: string; trend?: boolean } }) {
  let level: Level;
  let areaId: number;
  let name: string;
  if (q.compoundId) {
    const place = await loadCompoundPlace(ctx.db, q.compoundId);
    requireAccess(actor, 'fees:read', place ? await compoundScopeFor(ctx.db, actor, 'fees:read', place) : null, 'Compound');
    [level, areaId, name] = ['compound', q.compoundId, place!.name];
  } else if (q.communityId) {
    requireAccess(actor, 'fees:read', await communityScope(ctx.db, q.communityId), 'Community');
    const [c] = await ctx.db.select({ name: communities.name }).from(communities).where(eq(communities.id, q.communityId));
    [level, areaId, name] = ['community', q.communityId, c!.name];
  } else {
    const cityId = q.cityId ?? actor.cityId;
    requireAccess(actor, 'fees:read', can(actor, 'fees:read', { cityId }) ? { cityId } : null, 'City');
    const [c] = await ctx.db.select({ name: cities.name }).from(cities).where(eq(cities.id, cityId));
    [level, areaId, name] = ['city', cityId, c?.name ?? ''];
  }
  return level === 'compound' ? rateOfArea(ctx, level, areaId, name, q) : readingWideRates(() => rateOfArea(ctx, level, areaId, name, q));
}

/**
 * At most four community- or city-wide rates are computed at once per process: each holds a
 * breakdown of thousands of figure rows (a city: 600 communities × 7 counters, then grouped
 * and named) across its awaits, and the database and CPU serialise them anyway — 64 at once (the
 * bench) took the server from 282 to 343 MB for no more throughput.
 */
const readingWideRates = bulkhead(4);

async function rateOfArea(ctx: AppContext, level: Level, areaId: number, name: string, q: { period?: string; trend?: boolean }) {
  const window = q.period ? { from: q.period, to: q.period } : {};
  // A city's cells are read by the city index (its month follows the city); one area's by the area key.
  const area = level === 'city' ? { withinCityId: areaId } : { areaIds: [areaId] };
  const totals = totalsOf(await readFigures(ctx.db, { family: 'fees.rate', level, ...area, ...window }));
  const rate = rateOf(totals);

  let breakdown: { id: number; name: string; kind: 'building' | 'compound' | 'community'; totals: Record<string, number> }[];
  if (level === 'compound') {
    const byBuilding = await buildingTotals(ctx.db, areaId, q.period);
    const ids = [...byBuilding.keys()];
    const names = ids.length ? await ctx.db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(inArray(buildings.id, ids)) : [];
    breakdown = names.map((b) => ({ id: b.id, name: b.name, kind: 'building' as const, totals: byBuilding.get(b.id)! }));
  } else {
    const childLevel = level === 'community' ? 'compound' : 'community';
    const children = level === 'community'
      ? await ctx.db.select({ id: compounds.id, name: compounds.name }).from(compounds).where(eq(compounds.communityId, areaId))
      : await ctx.db.select({ id: communities.id, name: communities.name }).from(communities).where(eq(communities.cityId, areaId));
    const rows = await readFigures(ctx.db, level === 'city'
      ? { family: 'fees.rate', level: childLevel, withinCityId: areaId, ...window, by: ['area'] }
      : { family: 'fees.rate', level: childLevel, areaIds: children.map((c) => c.id), ...window, by: ['area'] });
    const byArea = group(rows, (r) => (r.areaId === null ? null : String(r.areaId)));
    breakdown = children.filter((c) => byArea.has(String(c.id))).map((c) => ({ id: c.id, name: c.name, kind: childLevel, totals: byArea.get(String(c.id))! }));
  }
  breakdown.sort((a, b) => compareZhNumeric(a.name, b.name));

  const last = q.period ?? shanghaiMonth(ctx.clock.now());
  const wantsTrend = q.trend ?? true;
  const trendRows = wantsTrend ? await readFigures(ctx.db, { family: 'fees.rate', level, ...area, from: addMonths(last, -11), to: last, by: ['month'] }) : [];
  const byMonth = group(trendRows, (r) => r.month);
  const trend = [...byMonth.keys()].sort().map((month) => {
    const r = rateOf(byMonth.get(month)!);
    return { period: month, householdsRate: r.byHouseholds.rate, areaRate: r.byArea.rate, billed: r.byHouseholds.billed, paid: r.byHouseholds.paid };
  });

  return {
    level, areaId, name, period: q.period ?? null,
    byHouseholds: rate.byHouseholds, byArea: rate.byArea,
    amounts: { billedFen: totals.billed_fen ?? 0, paidFen: totals.paid_fen ?? 0, arrearsFen: totals.arrears_fen ?? 0 },
    amountsFormula: `实收 ÷ 应收 = ${formatYuan(totals.paid_fen ?? 0)} ÷ ${formatYuan(totals.billed_fen ?? 0)} 元`,
    breakdown: breakdown.map((b) => {
      const r = rateOf(b.totals);
      return {
        id: b.id, name: b.name, kind: b.kind, householdsBilled: r.byHouseholds.billed, householdsPaid: r.byHouseholds.paid,
        householdsRate: r.byHouseholds.rate, areaRate: r.byArea.rate, arrearsFen: b.totals.arrears_fen ?? 0,
      };
    }),
    trend,
  };
}

/** The month of `day` ('2026-01-01') as months since year 0, for ages. */
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * 欠费 of a compound by age (≤ 3, ≤ 6, ≤ 12, > 12 months since the billing month), and the
 * households owing most, with their oldest unpaid month and the last reminder sent.
 */
export async function getArrears({ ctx, actor, compoundId, limit = 50 }: { ctx: AppContext; actor: Actor; compoundId: number; limit?: number }) {
  const place = await loadCompoundPlace(ctx.db, compoundId);
  requireAccess(actor, 'fees:read', place ? await compoundScopeFor(ctx.db, actor, 'fees:read', place) : null, 'Compound');
  const scopeIsHousehold = !can(actor, 'fees:read', { communityId: place!.communityId, compoundId, companyId: place!.companyId, cityId: place!.cityId, districtId: place!.districtId, streetId: place!.streetId });
  if (scopeIsHousehold) throw new AppError(FeeErrors.FEES_METHOD_NOT_ALLOWED, 'Arrears of a compound are for its collector and the community');
  const now = monthIndex(shanghaiMonth(ctx.clock.now()));
  const buckets = await queryRows<{ bucket: ArrearsBucket; households: number; bills: number; owed: number }>(ctx.db, sql`
    select case when age <= 3 then 'le3' when age <= 6 then 'le6' when age <= 12 then 'le12' else 'gt12' end as bucket,
      count(distinct household_id)::int as households, count(*)::int as bills, sum(owed)::bigint as owed
    from (select household_id, amount_fen + adjust_fen - paid_fen as owed,
            ${now} - (extract(year from period)::int * 12 + extract(month from period)::int - 1) as age
          from fee_bills where compound_id = ${compoundId} and amount_fen + adjust_fen > paid_fen) x
    group by 1`);
  const households = await queryRows<{ household_id: number; label: string; owed: number; bills: number; oldest: string; reminded: string | null }>(ctx.db, sql`
    select b.household_id, bd.name || ' ' || u.name || ' ' || h.number as label, sum(b.amount_fen + b.adjust_fen - b.paid_fen)::bigint as owed,
      count(*)::int as bills, to_char(min(b.period), 'YYYY-MM') as oldest,
      (select max(r.sent_at) from fee_reminders r where r.household_id = b.household_id) as reminded
    from fee_bills b join households h on h.id = b.household_id join buildings bd on bd.id = h.building_id join building_units u on u.id = h.unit_id
    where b.compound_id = ${compoundId} and b.amount_fen + b.adjust_fen > b.paid_fen
    group by b.household_id, bd.name, u.name, h.number order by owed desc, b.household_id limit ${limit}`);
  const byBucket = new Map(buckets.map((b) => [b.bucket, b]));
  return {
    compoundId, compoundName: place!.name,
    buckets: arrearsBuckets.map((bucket) => ({ bucket, households: byBucket.get(bucket)?.households ?? 0, bills: byBucket.get(bucket)?.bills ?? 0, owedFen: Number(byBucket.get(bucket)?.owed ?? 0) })),
    households: households.map((h) => ({
      householdId: Number(h.household_id), label: h.label, owedFen: Number(h.owed), bills: h.bills, oldestPeriod: h.oldest,
      lastRemindedAt: h.reminded ? new Date(h.reminded).toISOString() : null,
    })),
  };
}

/**
 * 催缴: a notification to every household of the compound that owes at least `minMonths` months
 * (by its oldest unpaid bill), at most once a month per household (unique household + month).
 */
export async function sendReminders({ ctx, actor, compoundId, minMonths = 1 }: { ctx: AppContext; actor: Actor; compoundId: number; minMonths?: number }) {
  const place = await requireCollector(ctx.db, actor, compoundId);
  const now = ctx.clock.now();
  const month = shanghaiMonth(now);
  const nowIdx = monthIndex(month);
  let notes: NotificationRow[] = [];
  const reminded = await ctx.db.transaction(async (tx) => {
    const rows = await queryRows<{ household_id: number; owed: number; oldest: string }>(tx, sql`
      insert into fee_reminders (community_id, household_id, month, owed_fen, oldest_period, sent_by, sent_at)
      select ${place.communityId}, household_id, ${`${month}-01`}::date, sum(amount_fen + adjust_fen - paid_fen), min(period), ${actor.accountId}, ${now.toISOString()}::timestamptz
      from fee_bills where compound_id = ${compoundId} and amount_fen + adjust_fen > paid_fen
      group by household_id
      having ${nowIdx} - (extract(year from min(period))::int * 12 + extract(month from min(period))::int - 1) >= ${minMonths}
      on conflict (household_id, month) do nothing
      returning household_id, owed_fen as owed, to_char(oldest_period, 'YYYY-MM') as oldest`);
    const inputs = [];
    for (const r of rows) {
      const accountIds = await accountsWith(tx, 'fees:pay', { householdId: Number(r.household_id) });
      if (!accountIds.length) continue;
      inputs.push({
        communityId: place.communityId, accountIds, kind: 'fees.reminder', at: now, link: '/m/fees',
        title: `物业费缴费提醒：欠费 ${formatYuan(Number(r.owed))} 元`, body: `${place.name} · 自 ${r.oldest} 起尚有未缴账单，请及时缴纳。如有疑问请联系${place.selfGoverned ? '业主委员会' : '物业服务中心'}。`,
      });
    }
    notes = inputs.length ? await notifyMany(tx, inputs) : [];
    return rows.length;
  });
  await deliverNotifications(ctx, notes);
  return { compoundId, month, reminded, notified: notes.length };
}

/** The compounds whose fees the actor sees (a resident: their own), with who collects and whether the actor does. */
export async function listFeeCompounds({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
  const rows = await queryRows<{ id: number; name: string; community_id: number; community_name: string; self_governed: boolean; company_id: number | null; company_name: string | null; city_id: number; district_id: number; street_id: number; households: number }>(ctx.db, sql`
    select compounds.id, compounds.name, compounds.community_id, c.name as community_name, compounds.self_governed, compounds.property_company_id as company_id,
      p.short_name as company_name, c.city_id, c.district_id, c.street_id, (select count(*)::int from households h where h.compound_id = compounds.id) as households
    from compounds join communities c on c.id = compounds.community_id left join property_companies p on p.id = compounds.property_company_id
    where ${compoundLevelScope(actor, 'fees:read', compounds.communityId, compounds.id)}
    order by c.name, compounds.name limit 500`);
  return rows.map((r) => {
    const scope = { cityId: Number(r.city_id), districtId: Number(r.district_id), streetId: Number(r.street_id), communityId: Number(r.community_id), compoundId: Number(r.id), companyId: r.company_id === null ? null : Number(r.company_id) };
    return {
      id: Number(r.id), name: r.name, communityId: Number(r.community_id), communityName: r.community_name, selfGoverned: r.self_governed,
      collectorName: r.self_governed ? `${r.name}业主委员会` : r.company_name ?? '', households: r.households,
      canCollect: can(actor, r.self_governed ? 'fees:self_collect' : 'fees:collect', scope),
      canSeeArrears: can(actor, 'fees:read', scope),
    };
  });
}
