import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { recordFigures, type FigureDelta, type FiguresContributor } from '../../kernel/figures.js';
import { outstandingOf } from './fees.rules.js';

/** The seven counters of a group of bills, as SQL select items over `fee_bills b`. */
const billCounters = sql`count(*) as billed, count(*) filter (where b.paid_fen = b.amount_fen + b.adjust_fen) as paid,
  sum(b.area_hundredths) as area, coalesce(sum(b.area_hundredths) filter (where b.paid_fen = b.amount_fen + b.adjust_fen), 0) as area_paid,
  sum(b.amount_fen + b.adjust_fen) as billed_fen, sum(b.paid_fen) as paid_fen, sum(b.amount_fen + b.adjust_fen - b.paid_fen) as arrears_fen`;

const counterNames = {
  households_billed: '应缴户数: bills of the period (one per household)',
  households_paid: '已缴清户数: bills of the period fully paid',
  area_billed_hundredths: '应缴面积 (0.01 m²) of the bills',
  area_paid_hundredths: '已缴清面积 (0.01 m²): area of the fully paid bills',
  billed_fen: '应收 (fen): bill amounts after discounts, waivers and late fees',
  paid_fen: '实收 (fen): payments allocated to the bills, less refunds',
  arrears_fen: '欠费 (fen): what the bills still ask for',
};

/**
 * Family `fees.rate` (read by the fees pages, the city dashboard and the star rating): the bill
 * counters per compound and billing month (the delta's day is the period's first day), with the
 * compound's company, summed by the kernel to community, street, district and city.
 *
 * There is no family by building: the kernel keeps a dimension at every level, and a building
 * breakdown kept up to the city was 75 % of all the kernel's cells of a 1 M-request city (8.9 M)
 * for a breakdown only a compound's page shows. That page counts its own bills instead
 * (`buildingTotals`, one indexed scan of a compound).
 */
export const feeRateFigures: FiguresContributor = {
  family: 'fees.rate',
  description: '物业费: 缴费率的应缴/已缴清户数与面积、应收/实收/欠费金额，按小区和账期，供社区、街道、城市汇总',
  counters: counterNames,
  sourceTables: ['fee_bills'],
  recount: (communityIds) => sql`
    select g.community_id, g.compound_id, g.company_id, '' as dim, g.day, x.counter, x.n from (
      select b.community_id, b.compound_id, coalesce(k.property_company_id, 0) as company_id, b.period as day, ${billCounters}
      from fee_bills b join compounds k on k.id = b.compound_id
      ${communityIds ? sql`where b.community_id = any(${`{${communityIds.join(',')}}`}::bigint[])` : sql``}
      group by 1, 2, 3, 4
    ) g cross join lateral (values ('households_billed', g.billed), ('households_paid', g.paid), ('area_billed_hundredths', g.area),
      ('area_paid_hundredths', g.area_paid), ('billed_fen', g.billed_fen), ('paid_fen', g.paid_fen), ('arrears_fen', g.arrears_fen)) x(counter, n)`,
};

/** One compound's bill counters by building, for a period ('YYYY-MM') or all of them, from the bills themselves. */
export async function buildingTotals(db: DbOrTx, compoundId: number, period?: string): Promise<Map<number, Record<string, number>>> {
  const rows = await queryRows<{ building_id: number; billed: number; paid: number; area: number; area_paid: number; billed_fen: number; paid_fen: number; arrears_fen: number }>(db, sql`
    select b.building_id, ${billCounters} from fee_bills b
    where b.compound_id = ${compoundId} ${period ? sql`and b.period = ${`${period}-01`}::date` : sql``}
    group by b.building_id`);
  return new Map(rows.map((r) => [Number(r.building_id), {
    households_billed: Number(r.billed), households_paid: Number(r.paid), area_billed_hundredths: Number(r.area), area_paid_hundredths: Number(r.area_paid),
    billed_fen: Number(r.billed_fen), paid_fen: Number(r.paid_fen), arrears_fen: Number(r.arrears_fen),
  }]));
}

/** Records bill counter deltas (the compound's; the kernel sums them up the levels). */
export async function recordFeeDeltas(tx: DbOrTx, deltas: readonly FigureDelta[]): Promise<void> {
  await recordFigures(tx, feeRateFigures, deltas);
}

export interface BillFigureState {
  communityId: number;
  compoundId: number;
  companyId: number | null;
  buildingId: number;
  /** YYYY-MM-DD */
  period: string;
  areaHundredths: number;
  amountFen: number;
  adjustFen: number;
  paidFen: number;
}

function countersOf(b: Pick<BillFigureState, 'areaHundredths' | 'amountFen' | 'adjustFen' | 'paidFen'> | null): Record<string, number> {
  if (!b) return { households_billed: 0, households_paid: 0, area_billed_hundredths: 0, area_paid_hundredths: 0, billed_fen: 0, paid_fen: 0, arrears_fen: 0 };
  const paid = outstandingOf(b) === 0;
  return {
    households_billed: 1, households_paid: paid ? 1 : 0, area_billed_hundredths: b.areaHundredths, area_paid_hundredths: paid ? b.areaHundredths : 0,
    billed_fen: b.amountFen + b.adjustFen, paid_fen: b.paidFen, arrears_fen: outstandingOf(b),
  };
}

/** The counter deltas of a bill going from `before` (null: new) to `after` (pure). */
export function billDeltas(before: BillFigureState | null, after: BillFigureState): FigureDelta[] {
  const a = countersOf(after);
  const b = countersOf(before);
  return Object.keys(a).map((counter) => ({
    communityId: after.communityId, compoundId: after.compoundId, companyId: after.companyId, day: after.period,
    counter, delta: a[counter]! - b[counter]!,
  })).filter((d) => d.delta !== 0);
}

/** Records the deltas of bill changes in the write's transaction. */
export async function recordBillFigures(tx: DbOrTx, changes: readonly { before: BillFigureState | null; after: BillFigureState }[]): Promise<void> {
  await recordFeeDeltas(tx, changes.flatMap((c) => billDeltas(c.before, c.after)));
}
