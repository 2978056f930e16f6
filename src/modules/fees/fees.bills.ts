import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { bulkhead } from '../../server/bulkhead.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { scopeFilter, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { scopeCondition } from '../access/access.sql.js';
import { buildingUnits, buildings, compounds, households } from '../places/places.schema.js';
import { requireApprovedDecision } from '../ledgers/ledgers.decisions.js';
import { FeeErrors } from './fees.errors.js';
import { recordBillFigures } from './fees.figures.js';
import { collectorOf, compoundLevelScope, compoundScopeFor, loadCompoundPlace, scopeOf, type CompoundPlace } from './fees.places.js';
import { collectPermission } from './fees.policy.js';
import { billLines, billTotal } from './fees.rules.js';
import { feeBills, feeSchedules, type FeeScheduleRow, type LateFeeRule, type ScheduleItem } from './fees.schema.js';

/** '2026-03' → '2026-03-01'. */
export const periodDay = (month: string) => `${month}-01`;
/** A date column's value ('2026-03-01' or a Date) → '2026-03'. */
export const monthOf = (day: string | Date) => (typeof day === 'string' ? day.slice(0, 7) : day.toISOString().slice(0, 7));
const dayText = (day: string | Date) => (typeof day === 'string' ? day.slice(0, 10) : day.toISOString().slice(0, 10));

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The compound, checked: the actor collects its fees (404 otherwise, as for a missing one). */
export async function requireCollector(db: DbOrTx, actor: Actor, compoundId: number): Promise<CompoundPlace> {
  const place = await loadCompoundPlace(db, compoundId);
  requireAccess(actor, collectPermission(place?.selfGoverned ?? false), place ? scopeOf(place) : null, 'Compound');
  return place!;
}

export interface CreateScheduleInput {
  compoundId: number;
  name: string;
  /** YYYY-MM */
  effectiveFrom: string;
  items: ScheduleItem[];
  dueDays?: number;
  lateFee?: LateFeeRule | null;
  decisionId?: number | null;
}

/**
 * A new fee schedule. The first one of a compound records the fees it already has; every later
 * one changes the fee, which is a major decision: it must name a decision of the compound that
 * the party organisation approved (ledgers module), or it is refused.
 */
export async function createSchedule({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateScheduleInput }): Promise<FeeScheduleRow> {
  const place = await requireCollector(ctx.db, actor, input.compoundId);
  const codes = new Set<string>();
  for (const item of input.items) {
    if (codes.has(item.code)) throw new AppError(FeeErrors.FEES_SCHEDULE_INVALID, `Item code ${item.code} appears twice`, { code: item.code });
    codes.add(item.code);
    if (item.basis !== 'area' && item.buildingType) throw new AppError(FeeErrors.FEES_SCHEDULE_INVALID, 'Only per-m² items depend on the building type', { code: item.code });
    if (item.basis === 'parking' && !item.householdIds?.length) throw new AppError(FeeErrors.FEES_SCHEDULE_INVALID, 'A parking item names the households renting a space', { code: item.code });
  }
  const renters = [...new Set(input.items.flatMap((i) => (i.basis === 'parking' ? i.householdIds ?? [] : [])))];
  if (renters.length) {
    const found = await ctx.db.select({ id: households.id }).from(households).where(and(eq(households.compoundId, place.compoundId), inArray(households.id, renters)));
    if (found.length !== renters.length) throw new AppError(FeeErrors.FEES_SCHEDULE_INVALID, 'A parking renter is not a household of this compound');
  }
  const collector = await collectorOf(ctx.db, place);
  return ctx.db.transaction(async (tx) => {
    // One schedule change at a time per compound: the lock orders "is there one already?".
    await tx.execute(sql`select id from compounds where id = ${place.compoundId} for update`);
    const [prior] = await tx.select({ id: feeSchedules.id }).from(feeSchedules).where(eq(feeSchedules.compoundId, place.compoundId)).limit(1);
    if (prior) {
      if (!input.decisionId) throw new AppError(FeeErrors.FEES_SCHEDULE_NEEDS_DECISION, 'Changing the fee is a major decision: name the decision the party organisation approved');
      await requireApprovedDecision({ db: tx, decisionId: input.decisionId, compoundId: place.compoundId, kinds: ['fee_change'] });
    } else if (input.decisionId) {
      await requireApprovedDecision({ db: tx, decisionId: input.decisionId, compoundId: place.compoundId, kinds: ['fee_change'] });
    }
    const [row] = await tx.insert(feeSchedules).values({
      communityId: place.communityId, compoundId: place.compoundId, name: input.name, effectiveFrom: periodDay(input.effectiveFrom), items: input.items,
      dueDays: input.dueDays ?? 30, lateFee: input.lateFee ?? null, decisionId: input.decisionId ?? null, collector: collector.kind,
      createdBy: actor.accountId, createdAt: ctx.clock.now(),
    }).onConflictDoNothing({ target: [feeSchedules.compoundId, feeSchedules.effectiveFrom] }).returning();
    if (!row) throw new AppError(FeeErrors.FEES_SCHEDULE_EXISTS, `The compound already has a schedule from ${input.effectiveFrom}`, { effectiveFrom: input.effectiveFrom });
    return row;
  });
}

/** Schedules the actor may see, newest first (a compound's, or all in scope). */
export async function listSchedules({ ctx, actor, compoundId }: { ctx: AppContext; actor: Actor; compoundId?: number }) {
  if (compoundId) {
    const place = await loadCompoundPlace(ctx.db, compoundId);
    requireAccess(actor, 'fees:read', place ? await compoundScopeFor(ctx.db, actor, 'fees:read', place) : null, 'Compound');
    const rows = await ctx.db.select().from(feeSchedules).where(eq(feeSchedules.compoundId, compoundId)).orderBy(desc(feeSchedules.effectiveFrom));
    return rows.map((r) => ({ ...r, compoundName: place!.name }));
  }
  const where = scheduleScope(actor);
  const rows = await ctx.db.select({ s: feeSchedules, compoundName: compounds.name }).from(feeSchedules)
    .innerJoin(compounds, eq(compounds.id, feeSchedules.compoundId)).where(where).orderBy(desc(feeSchedules.createdAt)).limit(200);
  return rows.map((r) => ({ ...r.s, compoundName: r.compoundName }));
}

function scheduleScope(actor: Actor): SQL {
  return compoundLevelScope(actor, 'fees:read', feeSchedules.communityId, feeSchedules.compoundId);
}

/** The schedule in force for a period: the latest that starts on or before it. */
export async function scheduleFor(db: DbOrTx, compoundId: number, period: string): Promise<FeeScheduleRow | undefined> {
  const [row] = await db.select().from(feeSchedules).where(and(eq(feeSchedules.compoundId, compoundId), lte(feeSchedules.effectiveFrom, period)))
    .orderBy(desc(feeSchedules.effectiveFrom)).limit(1);
  return row;
}

export interface GenerateResult {
  compoundId: number;
  period: string;
  scheduleId: number;
  households: number;
  created: number;
  existing: number;
  createdFen: number;
}

/**
 * At most two generations at once per process: each holds a compound's households, their bill
 * lines and the created rows (thousands of each) across its awaits, and the work is database-bound
 * anyway — 64 at once (the bench) took the server to 722 MB for no more throughput. Across
 * processes the unique (household, period) key still decides.
 */
const generating = bulkhead(2);

/**
 * 生成账单: one bill per household of the compound for the month, in one transaction. Idempotent
 * by the unique (household, period): a second run — or a concurrent one — creates nothing again,
 * and only the rows this run inserted count in the figures.
 */
export async function generateBills({ ctx, actor, compoundId, period }: { ctx: AppContext; actor: Actor; compoundId: number; period: string }): Promise<GenerateResult> {
  const place = await requireCollector(ctx.db, actor, compoundId);
  return generating(() => generateBillsFor(ctx.db, place, periodDay(period), ctx.clock.now()));
}

/** Generation without the access check (the demo seeder and the bench call it as the collector would). */
export async function generateBillsFor(db: DbOrTx, place: CompoundPlace, period: string, now: Date): Promise<GenerateResult> {
  const schedule = await scheduleFor(db, place.compoundId, period);
  if (!schedule) throw new AppError(FeeErrors.FEES_NO_SCHEDULE, `No fee schedule of this compound applies to ${monthOf(period)}`, { period: monthOf(period) });
  const homes = await db.select({ id: households.id, buildingId: households.buildingId, areaM2: households.areaM2, floors: buildings.floors })
    .from(households).innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(eq(households.compoundId, place.compoundId)).orderBy(asc(households.id));
  const dueDate = addDays(period, schedule.dueDays);
  const rows = homes.map((h) => {
    const areaHundredths = Math.round(Number(h.areaM2) * 100);
    const lines = billLines(schedule.items, { householdId: h.id, areaHundredths, floors: h.floors === null ? null : Number(h.floors) });
    return { household_id: h.id, building_id: h.buildingId, area_hundredths: areaHundredths, lines, amount_fen: billTotal(lines) };
  });
  const run = async (tx: DbOrTx) => {
    let created: { id: number; building_id: number; area_hundredths: number; amount_fen: number }[] = [];
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      created = created.concat(await queryRows<{ id: number; building_id: number; area_hundredths: number; amount_fen: number }>(tx, sql`
        insert into fee_bills (community_id, compound_id, building_id, household_id, period, schedule_id, area_hundredths, lines, amount_fen, due_date, created_at, updated_at)
        select ${place.communityId}, ${place.compoundId}, v.building_id, v.household_id, ${period}::date, ${schedule.id}, v.area_hundredths, v.lines, v.amount_fen,
          ${dueDate}::date, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(household_id bigint, building_id bigint, area_hundredths integer, lines jsonb, amount_fen bigint)
        on conflict (household_id, period) do nothing
        returning id, building_id, area_hundredths, amount_fen`));
    }
    await recordBillFigures(tx, created.map((c) => ({
      before: null,
      after: { communityId: place.communityId, compoundId: place.compoundId, companyId: place.companyId, buildingId: Number(c.building_id), period, areaHundredths: Number(c.area_hundredths), amountFen: Number(c.amount_fen), adjustFen: 0, paidFen: 0 },
    })));
    return created;
  };
  const created = db instanceof PgTransaction ? await run(db) : await db.transaction(run);
  return {
    compoundId: place.compoundId, period: monthOf(period), scheduleId: schedule.id, households: homes.length,
    created: created.length, existing: homes.length - created.length, createdFen: created.reduce((s, c) => s + Number(c.amount_fen), 0),
  };
}

/** WHERE of bill lists: the actor's scope over fees:read (a resident: their household's bills). */
export function billScope(actor: Actor): SQL {
  return scopeCondition(scopeFilter(actor, 'fees:read'), {
    household: feeBills.householdId, compound: feeBills.compoundId, community: feeBills.communityId,
    company: sql`(select property_company_id from compounds k where k.id = ${feeBills.compoundId})`,
    city: sql`(select city_id from compounds k where k.id = ${feeBills.compoundId})`,
    district: sql`(select c.district_id from communities c where c.id = ${feeBills.communityId})`,
    street: sql`(select c.street_id from communities c where c.id = ${feeBills.communityId})`,
  });
}

export interface BillFilters {
  compoundId?: number;
  buildingId?: number;
  householdId?: number;
  period?: string;
  status?: ('unpaid' | 'partial' | 'paid')[];
  page: number;
  pageSize: number;
}

const statusCondition: Record<'unpaid' | 'partial' | 'paid', SQL> = {
  unpaid: sql`(${feeBills.paidFen} = 0 and ${feeBills.amountFen} + ${feeBills.adjustFen} > 0)`,
  partial: sql`(${feeBills.paidFen} > 0 and ${feeBills.amountFen} + ${feeBills.adjustFen} > ${feeBills.paidFen})`,
  paid: sql`(${feeBills.amountFen} + ${feeBills.adjustFen} = ${feeBills.paidFen})`,
};

export function billSelect(db: DbOrTx, total: SQL = sql`null`) {
  return db.select({
    b: feeBills,
    compoundName: compounds.name,
    buildingName: buildings.name,
    unitName: buildingUnits.name,
    number: households.number,
    selfGoverned: compounds.selfGoverned,
    companyId: compounds.propertyCompanyId,
    total: sql<number>`${total}`.mapWith(Number),
  }).from(feeBills)
    .innerJoin(compounds, eq(compounds.id, feeBills.compoundId))
    .innerJoin(buildings, eq(buildings.id, feeBills.buildingId))
    .innerJoin(households, eq(households.id, feeBills.householdId))
    .innerJoin(buildingUnits, eq(buildingUnits.id, households.unitId));
}
export type BillSelectRow = Awaited<ReturnType<ReturnType<typeof billSelect>['execute']>>[number];

/** A page of bills in scope, newest month first, then by address. */
export async function listBills({ ctx, actor, f }: { ctx: AppContext; actor: Actor; f: BillFilters }) {
  const parts: (SQL | undefined)[] = [billScope(actor)];
  if (f.compoundId) parts.push(eq(feeBills.compoundId, f.compoundId));
  if (f.buildingId) parts.push(eq(feeBills.buildingId, f.buildingId));
  if (f.householdId) parts.push(eq(feeBills.householdId, f.householdId));
  if (f.period) parts.push(eq(feeBills.period, periodDay(f.period)));
  if (f.status?.length) parts.push(sql`(${sql.join(f.status.map((s) => statusCondition[s]), sql` or `)})`);
  const where = and(...parts)!;
  const rows = await billSelect(ctx.db, sql`(select count(*) from fee_bills where ${where})`).where(where)
    .orderBy(desc(feeBills.period), asc(buildings.name), asc(households.number), asc(feeBills.id))
    .limit(f.pageSize).offset(offsetOf(f.page, f.pageSize));
  const total = rows.length ? rows[0]!.total : f.page === 1 ? 0 : Number((await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from fee_bills where ${where}`))[0]!.n);
  return { rows, total };
}

/** One bill the actor may read (404 otherwise). */
export async function loadVisibleBill(db: DbOrTx, actor: Actor, billId: number): Promise<{ row: BillSelectRow; place: CompoundPlace }> {
  const [row] = await billSelect(db).where(eq(feeBills.id, billId));
  const place = row ? await loadCompoundPlace(db, row.b.compoundId) : undefined;
  requireAccess(actor, 'fees:read', row && place ? { ...scopeOf(place), householdId: row.b.householdId } : null, 'Bill');
  return { row: row!, place: place! };
}

export { dayText, addDays };
export const notFoundBill = (id: number) => notFound('Bill', id);
