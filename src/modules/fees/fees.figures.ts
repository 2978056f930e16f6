import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recordFigures, type FigureDelta, type FiguresContributor } from '../../kernel/figures.js';
import { outstandingOf } from './fees.rules.js';

/**
 * Family `fees` (read by the city dashboard and the star rating): per compound, building (dim)
 * and billing month (the delta's day is the period's first day), with the compound's company.
 */
export const feeFigures: FiguresContributor = {
  family: 'fees',
  description: '物业费: 应缴/已缴清户数与面积、应收/实收/欠费金额，按小区、楼栋（dim）和账期',
  counters: {
    households_billed: '应缴户数: bills of the period (one per household)',
    households_paid: '已缴清户数: bills of the period fully paid',
    area_billed_hundredths: '应缴面积 (0.01 m²) of the bills',
    area_paid_hundredths: '已缴清面积 (0.01 m²): area of the fully paid bills',
    billed_fen: '应收 (fen): bill amounts after discounts, waivers and late fees',
    paid_fen: '实收 (fen): payments allocated to the bills, less refunds',
    arrears_fen: '欠费 (fen): what the bills still ask for',
  },
  dimension: 'building id',
  sourceTables: ['fee_bills'],
  recount: (communityIds) => sql`
    select g.community_id, g.compound_id, g.company_id, g.dim, g.day, x.counter, x.n from (
      select b.community_id, b.compound_id, coalesce(k.property_company_id, 0) as company_id, b.building_id::text as dim, b.period as day,
        count(*) as billed, count(*) filter (where b.paid_fen = b.amount_fen + b.adjust_fen) as paid,
        sum(b.area_hundredths) as area, coalesce(sum(b.area_hundredths) filter (where b.paid_fen = b.amount_fen + b.adjust_fen), 0) as area_paid,
        sum(b.amount_fen + b.adjust_fen) as billed_fen, sum(b.paid_fen) as paid_fen, sum(b.amount_fen + b.adjust_fen - b.paid_fen) as arrears_fen
      from fee_bills b join compounds k on k.id = b.compound_id
      ${communityIds ? sql`where b.community_id = any(${`{${communityIds.join(',')}}`}::bigint[])` : sql``}
      group by 1, 2, 3, 4, 5
    ) g cross join lateral (values ('households_billed', g.billed), ('households_paid', g.paid), ('area_billed_hundredths', g.area),
      ('area_paid_hundredths', g.area_paid), ('billed_fen', g.billed_fen), ('paid_fen', g.paid_fen), ('arrears_fen', g.arrears_fen)) x(counter, n)`,
};

/**
 * Family `fees.rate`: the same counters without the building, for rates of communities, districts
 * and cities — the `fees` cells carry every building at every level, so a city's month would
 * read some 60,000 cells instead of seven.
 */
export const feeRateFigures: FiguresContributor = {
  family: 'fees.rate',
  description: '物业费（不分楼栋）: 缴费率的户数、面积与金额，按小区和账期，供社区、街道、城市汇总',
  counters: feeFigures.counters,
  sourceTables: ['fee_bills'],
  recount: (communityIds) => sql`
    select g.community_id, g.compound_id, g.company_id, '' as dim, g.day, x.counter, x.n from (
      select b.community_id, b.compound_id, coalesce(k.property_company_id, 0) as company_id, b.period as day,
        count(*) as billed, count(*) filter (where b.paid_fen = b.amount_fen + b.adjust_fen) as paid,
        sum(b.area_hundredths) as area, coalesce(sum(b.area_hundredths) filter (where b.paid_fen = b.amount_fen + b.adjust_fen), 0) as area_paid,
        sum(b.amount_fen + b.adjust_fen) as billed_fen, sum(b.paid_fen) as paid_fen, sum(b.amount_fen + b.adjust_fen - b.paid_fen) as arrears_fen
      from fee_bills b join compounds k on k.id = b.compound_id
      ${communityIds ? sql`where b.community_id = any(${`{${communityIds.join(',')}}`}::bigint[])` : sql``}
      group by 1, 2, 3, 4
    ) g cross join lateral (values ('households_billed', g.billed), ('households_paid', g.paid), ('area_billed_hundredths', g.area),
      ('area_paid_hundredths', g.area_paid), ('billed_fen', g.billed_fen), ('paid_fen', g.paid_fen), ('arrears_fen', g.arrears_fen)) x(counter, n)`,
};

/** Records bill counter deltas in both families (with the building, and without). */
export async function recordFeeDeltas(tx: DbOrTx, deltas: readonly FigureDelta[]): Promise<void> {
  await recordFigures(tx, feeFigures, deltas);
  await recordFigures(tx, feeRateFigures, deltas.map((d) => ({ ...d, dim: null })));
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
    communityId: after.communityId, compoundId: after.compoundId, companyId: after.companyId, dim: after.buildingId, day: after.period,
    counter, delta: a[counter]! - b[counter]!,
  })).filter((d) => d.delta !== 0);
}

/** Records the deltas of bill changes in the write's transaction. */
export async function recordBillFigures(tx: DbOrTx, changes: readonly { before: BillFigureState | null; after: BillFigureState }[]): Promise<void> {
  await recordFeeDeltas(tx, changes.flatMap((c) => billDeltas(c.before, c.after)));
}
