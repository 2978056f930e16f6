import { ledgerFigures } from '../../ledgers/ledgers.service.js';
import { familySource } from './family-source.js';
import { sum, type MetricFile } from './types.js';

/** 账目公开: income and spending on the compounds' ledgers (family `ledgers`, by ledger kind). */
export const ledgersSource = familySource(ledgerFigures, { module: 'ledgers', dims: true });
const common = { module: 'ledgers', source: ledgersSource } as const;

export const ledgersMetrics: MetricFile = {
  module: 'ledgers',
  metrics: [
    {
      ...common, id: 'ledgers.income', unit: 'fen', higherIsBetter: true,
      name: { zh: '账目收入', en: 'Ledger income' },
      definition: { zh: '各账户记入的收入', en: 'Income recorded on the ledgers', sql: 'sum(income_fen)' },
      value: (c) => sum(c, 'income_fen'),
    },
    {
      ...common, id: 'ledgers.expense', unit: 'fen', higherIsBetter: true,
      name: { zh: '账目支出', en: 'Ledger spending' },
      definition: { zh: '各账户记入的支出（含改造项目）', en: 'Spending recorded on the ledgers (projects included)', sql: 'sum(expense_fen)' },
      value: (c) => sum(c, 'expense_fen'),
    },
  ],
  breakdowns: [{ id: 'ledgers.expense_by_kind', module: 'ledgers', source: ledgersSource, counter: 'expense_fen', unit: 'fen', name: { zh: '支出（按账户）', en: 'Spending by ledger' } }],
};
