import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { accounts } from '../accounts/accounts.schema.js';
import { buildings, communities, compounds, households } from '../places/places.schema.js';

/*
 * Property fees in integer fen. A schedule says what a household owes per month; a bill is one
 * household's month, generated once (unique household + period); payments, allocations and
 * adjustments are append-only entries, and a bill's paid/adjusted totals are their sums kept on
 * the bill row under its row lock (fees.recount proves them equal).
 */

const money = (name: string) => bigint(name, { mode: 'number' });

/** How a fee item is charged: per m² of floor area, per household, or per rented parking space. */
export const itemBases = ['area', 'household', 'parking'] as const;
/** Building types a per-m² rate may be restricted to: 多层 (≤ 6 floors) or 高层 (elevator, ≥ 7). */
export const buildingTypes = ['multi', 'high'] as const;

export interface ScheduleItem {
  code: string;
  name: string;
  basis: (typeof itemBases)[number];
  /** Fen per m² per month (area), or fen per month (household, parking). */
  rateFen: number;
  /** Area items only: applies to buildings of this type; absent = every building. */
  buildingType?: (typeof buildingTypes)[number] | null;
  /** Parking items: the households renting a space. */
  householdIds?: number[];
}

export interface LateFeeRule {
  /** Days after the due date before a late fee is charged. */
  graceDays: number;
  /** Per started month late, in basis points of what is still owed (50 = 0.5 %). */
  monthlyBasisPoints: number;
  /** The most the late fees of one bill may add up to, in basis points of the bill (1000 = 10 %). */
  capBasisPoints: number;
}

/** 收费标准: what a compound's households owe per month from `effectiveFrom` on; never edited, a change is a new schedule. */
export const feeSchedules = pgTable('fee_schedules', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  name: text('name').notNull(),
  /** First day of the first period it applies to. */
  effectiveFrom: date('effective_from').notNull(),
  items: jsonb('items').$type<ScheduleItem[]>().notNull(),
  /** Days after the period starts by which the bill is due. */
  dueDays: integer('due_days').notNull().default(30),
  lateFee: jsonb('late_fee').$type<LateFeeRule | null>(),
  /** The approved major decision (ledgers module) that changed the fee; null for the first schedule of a compound. */
  decisionId: ref('decision_id'),
  /** 'company' (the property company collects) or 'owners_committee' (a self-governed compound collects its own). */
  collector: text('collector', { enum: ['company', 'owners_committee'] }).notNull(),
  createdBy: ref('created_by').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('fee_schedules_compound_from_uq').on(t.compoundId, t.effectiveFrom),
  check('fee_schedules_first_day', sql`extract(day from ${t.effectiveFrom}) = 1`),
]);

export interface BillLine {
  code: string;
  name: string;
  basis: (typeof itemBases)[number];
  rateFen: number;
  /** m² in hundredths for area items, else 1. */
  quantity: number;
  amountFen: number;
}

/** 账单: one household's month. The unique (household, period) makes generation idempotent. */
export const feeBills = pgTable('fee_bills', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  buildingId: ref('building_id').notNull().references(() => buildings.id),
  householdId: ref('household_id').notNull().references(() => households.id),
  /** First day of the billing month. */
  period: date('period').notNull(),
  scheduleId: ref('schedule_id').notNull().references(() => feeSchedules.id),
  /** Floor area billed, in hundredths of m² (exact integers, as the fen). */
  areaHundredths: integer('area_hundredths').notNull(),
  lines: jsonb('lines').$type<BillLine[]>().notNull(),
  /** Sum of the lines. */
  amountFen: money('amount_fen').notNull(),
  /** Sum of the adjustments (discounts and waivers negative, late fees positive). */
  adjustFen: money('adjust_fen').notNull().default(0),
  /** Sum of the allocations (refunds negative). */
  paidFen: money('paid_fen').notNull().default(0),
  dueDate: date('due_date').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('fee_bills_household_period_uq').on(t.householdId, t.period),
  index('fee_bills_compound_period_idx').on(t.compoundId, t.period),
  index('fee_bills_community_period_idx').on(t.communityId, t.period),
  // Arrears: what is still owed, oldest first.
  index('fee_bills_open_idx').on(t.compoundId, t.period).where(sql`amount_fen + adjust_fen > paid_fen`),
  check('fee_bills_paid_range', sql`${t.paidFen} >= 0 and ${t.paidFen} <= ${t.amountFen} + ${t.adjustFen}`),
  check('fee_bills_amount_nonnegative', sql`${t.amountFen} >= 0 and ${t.amountFen} + ${t.adjustFen} >= 0`),
]);

/** 减免 and 滞纳金: every change of what a bill asks for, with who and why. Append-only. */
export const feeAdjustments = pgTable('fee_adjustments', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  billId: ref('bill_id').notNull().references(() => feeBills.id),
  kind: text('kind', { enum: ['discount', 'waiver', 'late_fee'] }).notNull(),
  /** Signed: a discount or waiver lowers the bill (negative), a late fee raises it. */
  amountFen: money('amount_fen').notNull(),
  reason: text('reason').notNull(),
  /** Late fees: the month late (1, 2, …) this charge is for; unique per bill, so a rerun charges nothing twice. */
  lateMonth: integer('late_month'),
  actorAccountId: ref('actor_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  index('fee_adjustments_bill_idx').on(t.billId),
  uniqueIndex('fee_adjustments_late_uq').on(t.billId, t.lateMonth).where(sql`kind = 'late_fee'`),
]);

export const paymentMethods = ['cash', 'transfer', 'online'] as const;

/** 收款 and 退款: money received (positive) or paid back (negative, naming the payment). Append-only. */
export const feePayments = pgTable('fee_payments', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  householdId: ref('household_id').notNull().references(() => households.id),
  kind: text('kind', { enum: ['payment', 'refund'] }).notNull(),
  method: text('method', { enum: paymentMethods }).notNull(),
  amountFen: money('amount_fen').notNull(),
  refundOf: ref('refund_of'),
  /** 收据号: unique per collector and year, consecutive. */
  receiptNo: text('receipt_no').notNull(),
  collector: text('collector', { enum: ['company', 'owners_committee'] }).notNull(),
  collectorName: text('collector_name').notNull(),
  /** The cashier who took it (null for an online payment the provider confirmed). */
  cashierAccountId: ref('cashier_account_id').references(() => accounts.id),
  provider: text('provider'),
  providerRef: text('provider_ref'),
  note: text('note'),
  paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('fee_payments_receipt_uq').on(t.communityId, t.receiptNo),
  uniqueIndex('fee_payments_provider_ref_uq').on(t.provider, t.providerRef),
  index('fee_payments_household_idx').on(t.householdId, t.paidAt),
  index('fee_payments_compound_idx').on(t.compoundId, t.paidAt),
  check('fee_payments_sign', sql`(${t.kind} = 'payment' and ${t.amountFen} > 0) or (${t.kind} = 'refund' and ${t.amountFen} < 0 and ${t.refundOf} is not null)`),
]);

/** Which bill each payment (or refund) went to: oldest first. Append-only. */
export const feeAllocations = pgTable('fee_allocations', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  paymentId: ref('payment_id').notNull().references(() => feePayments.id),
  billId: ref('bill_id').notNull().references(() => feeBills.id),
  amountFen: money('amount_fen').notNull(),
  createdAt: createdAt(),
}, (t) => [
  index('fee_allocations_payment_idx').on(t.paymentId),
  index('fee_allocations_bill_idx').on(t.billId),
]);

/** Consecutive receipt numbers per collector and year (one row, bumped under its lock). */
export const feeReceiptCounters = pgTable('fee_receipt_counters', {
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  year: integer('year').notNull(),
  last: integer('last').notNull(),
}, (t) => [uniqueIndex('fee_receipt_counters_uq').on(t.compoundId, t.year)]);

/** An online payment started with a provider, waiting for its signed callback. */
export const feePaymentIntents = pgTable('fee_payment_intents', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  householdId: ref('household_id').notNull().references(() => households.id),
  billId: ref('bill_id').notNull().references(() => feeBills.id),
  provider: text('provider').notNull(),
  /** Our order number, sent to the provider and echoed in its callback. */
  ref: text('ref').notNull(),
  amountFen: money('amount_fen').notNull(),
  state: text('state', { enum: ['pending', 'paid', 'failed'] }).notNull().default('pending'),
  paymentId: ref('payment_id').references(() => feePayments.id),
  createdBy: ref('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  settledAt: timestamp('settled_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
}, (t) => [
  uniqueIndex('fee_payment_intents_ref_uq').on(t.provider, t.ref),
  index('fee_payment_intents_household_idx').on(t.householdId, t.createdAt),
]);

/** Every callback whose signature held, once per provider event id (a duplicate inserts nothing). Append-only. */
export const feeProviderEvents = pgTable('fee_provider_events', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  provider: text('provider').notNull(),
  eventId: text('event_id').notNull(),
  ref: text('ref').notNull(),
  amountFen: money('amount_fen').notNull(),
  status: text('status').notNull(),
  /** What we did with it: paid, failed, amount_mismatch, already_settled. */
  outcome: text('outcome').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('fee_provider_events_uq').on(t.provider, t.eventId)]);

/** 催缴: one reminder per household and month at most. Append-only. */
export const feeReminders = pgTable('fee_reminders', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  householdId: ref('household_id').notNull().references(() => households.id),
  month: date('month').notNull(),
  owedFen: money('owed_fen').notNull(),
  oldestPeriod: date('oldest_period').notNull(),
  sentBy: ref('sent_by').references(() => accounts.id),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('fee_reminders_household_month_uq').on(t.householdId, t.month)]);

export type FeeScheduleRow = typeof feeSchedules.$inferSelect;
export type FeeBillRow = typeof feeBills.$inferSelect;
export type FeePaymentRow = typeof feePayments.$inferSelect;
