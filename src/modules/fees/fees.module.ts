import { defineModule } from '../../kernel/module.js';
import { feesDemoAccounts, seedFeesDemo } from './fees.demo.js';
import { feeRateFigures } from './fees.figures.js';
import { lateFeeJob } from './fees.jobs.js';
import { registerFeeRoutes } from './fees.routes.js';
import { feesScale } from './fees.scale.js';
import * as schema from './fees.schema.js';

const readers = ['resident', 'property_staff', 'community_staff', 'party_committee', 'owners_committee', 'dept_staff'];

/**
 * 物业费: schedules, bills per household and month (idempotent), discounts and late fees,
 * payments at the office or online through a provider seam (signed callbacks), refunds,
 * receipts, arrears and reminders, and 缴费率 by households and by area (family `fees`).
 */
export const feesModule = defineModule({
  id: 'fees',
  tables: schema,
  appendOnly: ['fee_adjustments', 'fee_payments', 'fee_allocations', 'fee_provider_events', 'fee_reminders'],
  permissions: {
    'fees:read': { description: 'See fee schedules, bills, payments and the payment rate in one\'s scope (a resident: their household\'s bills)', roles: readers },
    'fees:pay': { description: 'Pay a bill: a resident online for their household, a collector in cash or by transfer', roles: ['resident', 'property_staff', 'owners_committee'] },
    'fees:manage': { description: 'Collector work (schedules, bills, discounts, refunds, reminders); which compounds is fees:collect / fees:self_collect', roles: ['property_staff', 'owners_committee'] },
    'fees:collect': { description: 'Collect the fees of the compounds one\'s company serves', roles: ['property_staff'] },
    'fees:self_collect': { description: 'Collect the fees of a self-governed compound (三无小区) as its owners\' committee', roles: ['owners_committee'] },
  },
  figures: [feeRateFigures],
  jobs: [lateFeeJob],
  routes: registerFeeRoutes,
  demo: seedFeesDemo,
  scale: feesScale,
  demoAccounts: feesDemoAccounts,
});
