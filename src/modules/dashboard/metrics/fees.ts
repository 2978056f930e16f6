import { feeRateFigures } from '../../fees/fees.figures.js';
import { familySource } from './family-source.js';
import { ratio, sum, type MetricDef, type MetricFile } from './types.js';

/** 物业费: 缴费率 by households and by area, from family `fees.rate` (per compound and billing month). */
export const feesSource = familySource(feeRateFigures, { module: 'fees' });
const common = { module: 'fees', source: feesSource } as const;

const metrics: MetricDef[] = [
  {
    ...common, id: 'fees.payment_rate_households', unit: 'percent', higherIsBetter: true,
    name: { zh: '缴费率（按户）', en: 'Payment rate (households)' },
    definition: { zh: '账期内已缴清户数 ÷ 应缴户数', en: 'Bills of the periods fully paid ÷ bills (one per household and period)', sql: 'sum(households_paid) / sum(households_billed) from fees.rate cells' },
    value: (c) => ratio(sum(c, 'households_paid'), sum(c, 'households_billed')),
    base: (c) => sum(c, 'households_billed'),
  },
  {
    ...common, id: 'fees.payment_rate_area', unit: 'percent', higherIsBetter: true,
    name: { zh: '缴费率（按面积）', en: 'Payment rate (floor area)' },
    definition: { zh: '已缴清面积 ÷ 应缴面积', en: 'Floor area of the fully paid bills ÷ floor area billed', sql: 'sum(area_paid_hundredths) / sum(area_billed_hundredths)' },
    value: (c) => ratio(sum(c, 'area_paid_hundredths'), sum(c, 'area_billed_hundredths')),
    base: (c) => sum(c, 'households_billed'),
  },
  {
    ...common, id: 'fees.collection_rate', unit: 'percent', higherIsBetter: true,
    name: { zh: '收缴率（按金额）', en: 'Collection rate (amount)' },
    definition: { zh: '实收 ÷ 应收', en: 'Paid (less refunds) ÷ billed', sql: 'sum(paid_fen) / sum(billed_fen)' },
    value: (c) => ratio(sum(c, 'paid_fen'), sum(c, 'billed_fen')),
    base: (c) => sum(c, 'households_billed'),
  },
  {
    ...common, id: 'fees.arrears', unit: 'fen', higherIsBetter: false,
    name: { zh: '欠费金额', en: 'Arrears' },
    definition: { zh: '账单仍欠的金额', en: 'What the bills of the periods still ask for', sql: 'sum(arrears_fen)' },
    value: (c) => sum(c, 'arrears_fen'),
  },
];

export const feesMetrics: MetricFile = { module: 'fees', metrics };
