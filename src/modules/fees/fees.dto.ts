import { z } from 'zod';
import { bodyId, calendarMonth, count32, csvEnum, dateTime, fen, idParam, line, pageOf, pageQuery, queryBoolean, queryId, text } from '../../kernel/dto.js';
import { buildingTypes, itemBases, paymentMethods } from './fees.schema.js';

const id = z.number().int();
const isoTime = z.string().describe('ISO 8601 time');
const positiveFen = fen.refine((v) => v > 0, 'must be more than 0 fen');
const reason = text({ min: 2, max: 500 });

export { idParam };

export const scheduleItemBody = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).describe('Item code, e.g. property_multi'),
  name: line({ min: 1, max: 40 }).describe('物业服务费（多层）'),
  basis: z.enum(itemBases).describe('area: fen per m² per month; household: fen per month; parking: fen per month for the renting households'),
  rateFen: count32.refine((v) => v > 0, 'must be more than 0').describe('85 = ¥0.85 per m² per month'),
  buildingType: z.enum(buildingTypes).nullish().describe('area items: multi (≤ 6 floors) or high (≥ 7); absent = all'),
  householdIds: z.array(bodyId).max(5000).optional().describe('parking items: households renting a space'),
});

export const lateFeeBody = z.strictObject({
  graceDays: z.number().int().min(0).max(365),
  monthlyBasisPoints: z.number().int().min(1).max(1000).describe('50 = 0.5 % of what is owed per started month'),
  capBasisPoints: z.number().int().min(1).max(10000).describe('1000 = at most 10 % of the bill'),
});

export const createScheduleBody = z.strictObject({
  compoundId: bodyId,
  name: line({ min: 2, max: 60 }),
  effectiveFrom: calendarMonth.describe('First month it applies to (YYYY-MM)'),
  items: z.array(scheduleItemBody).min(1).max(20),
  dueDays: z.number().int().min(1).max(120).optional().describe('Days after the month starts by which a bill is due (default 30)'),
  lateFee: lateFeeBody.nullish().describe('Absent or null: no late fee'),
  decisionId: bodyId.nullish().describe('The approved fee_change decision; required for every schedule after the first'),
});

export const scheduleDto = z.object({
  id, compoundId: id, compoundName: z.string(), name: z.string(), effectiveFrom: z.string().describe('YYYY-MM'),
  items: z.array(z.object({ code: z.string(), name: z.string(), basis: z.enum(itemBases), rateFen: z.number().int(), buildingType: z.enum(buildingTypes).nullable(), householdIds: z.array(z.number().int()) })),
  dueDays: z.number().int(), lateFee: lateFeeBody.nullable(), decisionId: id.nullable(), collector: z.enum(['company', 'owners_committee']), createdAt: isoTime,
});
export const scheduleList = z.object({ items: z.array(scheduleDto) });
export const scheduleQuery = z.object({ compoundId: queryId.optional() });

export const generateBody = z.strictObject({ period: calendarMonth.describe('The billing month, YYYY-MM') });
export const generateDto = z.object({
  compoundId: id, period: z.string(), scheduleId: id, households: z.number().int(),
  created: z.number().int().describe('Bills this run created'), existing: z.number().int().describe('Bills that already existed (a rerun creates nothing)'),
  createdFen: z.number().int(),
});

export const billStatuses = ['unpaid', 'partial', 'paid'] as const;
export const billListQuery = z.object({
  compoundId: queryId.optional(),
  buildingId: queryId.optional(),
  householdId: queryId.optional(),
  period: calendarMonth.optional(),
  status: csvEnum(billStatuses).optional().describe('Comma list: unpaid, partial, paid'),
  ...pageQuery,
});

const lineDto = z.object({ code: z.string(), name: z.string(), basis: z.enum(itemBases), rateFen: z.number().int(), quantity: z.number().int(), amountFen: z.number().int() });

export const billDto = z.object({
  id,
  period: z.string().describe('YYYY-MM'),
  compound: z.object({ id, name: z.string() }),
  building: z.object({ id, name: z.string() }),
  household: z.object({ id, label: z.string() }),
  areaM2: z.number(),
  lines: z.array(lineDto),
  amountFen: z.number().int(), adjustFen: z.number().int(), paidFen: z.number().int(), outstandingFen: z.number().int(),
  status: z.enum(billStatuses),
  dueDate: z.string(),
  overdue: z.boolean(),
});
export const billPage = pageOf(billDto);

export const paymentDto = z.object({
  id, kind: z.enum(['payment', 'refund']), method: z.enum(paymentMethods), amountFen: z.number().int(), receiptNo: z.string(),
  collector: z.enum(['company', 'owners_committee']), collectorName: z.string(), paidAt: isoTime, refundOf: id.nullable(), note: z.string().nullable(),
  householdId: id, provider: z.string().nullable(),
  allocations: z.array(z.object({ billId: id, period: z.string(), amountFen: z.number().int() })),
  receiptUrl: z.string(),
});

export const billDetailDto = billDto.extend({
  adjustments: z.array(z.object({ id, kind: z.enum(['discount', 'waiver', 'late_fee']), amountFen: z.number().int(), reason: z.string(), at: isoTime })),
  payments: z.array(z.object({ id, receiptNo: z.string(), kind: z.enum(['payment', 'refund']), method: z.enum(paymentMethods), allocatedFen: z.number().int(), paidAt: isoTime, receiptUrl: z.string() })),
  toSettleFen: z.number().int().describe('What paying this bill online asks for: it and every older open bill (paid oldest first)'),
  collector: z.object({ kind: z.enum(['company', 'owners_committee']), name: z.string() }),
  abilities: z.object({ payOnline: z.boolean(), collect: z.boolean(), adjust: z.boolean() }),
});

export const payBody = z.strictObject({
  method: z.enum(paymentMethods),
  amountFen: positiveFen.optional().describe('Cash and transfer: the amount received (required). Online: default = what settles this bill'),
  paidAt: dateTime.optional().describe('Cash and transfer: when it was received (default now)'),
  note: text({ max: 200 }).nullish(),
  provider: z.enum(['fake']).optional().describe('Online: the payment provider (the demo has the fake one)'),
});

export const intentDto = z.object({
  id, ref: z.string(), provider: z.string(), amountFen: z.number().int(), state: z.enum(['pending', 'paid', 'failed']), billId: id,
  checkoutPath: z.string().describe('Where the resident pays (the provider\'s page)'), paymentId: id.nullable(), createdAt: isoTime,
});
export const payResult = z.object({ payment: paymentDto.nullable(), intent: intentDto.nullable() });

export const refundBody = z.strictObject({ amountFen: positiveFen, reason });
export const adjustmentBody = z.strictObject({ kind: z.enum(['discount', 'waiver']), amountFen: positiveFen.describe('How much less the bill asks for'), reason });
export const adjustmentDto = z.object({ id, billId: id, kind: z.enum(['discount', 'waiver', 'late_fee']), amountFen: z.number().int(), reason: z.string(), at: isoTime });

export const providerParam = z.object({ provider: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/).describe('Payment provider id (fake)') });
export const callbackDto = z.object({ ok: z.boolean(), outcome: z.string(), ref: z.string(), paymentId: id.nullable() });
export const refParam = z.object({ ref: z.string().regex(/^[A-Z0-9]{10,40}$/).describe('Order reference') });
export const completeBody = z.strictObject({ succeed: z.boolean().describe('false: the resident cancels on the provider\'s page') });

export const rateQuery = z.object({
  compoundId: queryId.optional(),
  communityId: queryId.optional(),
  cityId: queryId.optional(),
  period: calendarMonth.optional().describe('The billing month; absent = every month'),
  trend: queryBoolean.optional().describe('The last 12 months too (default: yes)'),
});
const rateView = z.object({ paid: z.number().int(), billed: z.number().int(), rate: z.number().nullable(), formula: z.string() });
export const rateDto = z.object({
  level: z.enum(['compound', 'community', 'city']), areaId: id, name: z.string(), period: z.string().nullable(),
  byHouseholds: rateView, byArea: rateView.describe('paid and billed in hundredths of m²'),
  amounts: z.object({ billedFen: z.number().int(), paidFen: z.number().int(), arrearsFen: z.number().int() }), amountsFormula: z.string(),
  breakdown: z.array(z.object({ id, name: z.string(), kind: z.enum(['building', 'compound', 'community']), householdsBilled: z.number().int(), householdsPaid: z.number().int(), householdsRate: z.number().nullable(), areaRate: z.number().nullable(), arrearsFen: z.number().int() })),
  trend: z.array(z.object({ period: z.string(), householdsRate: z.number().nullable(), areaRate: z.number().nullable(), billed: z.number().int(), paid: z.number().int() })),
});

export const arrearsQuery = z.object({ compoundId: queryId });
export const arrearsDto = z.object({
  compoundId: id, compoundName: z.string(),
  buckets: z.array(z.object({ bucket: z.enum(['le3', 'le6', 'le12', 'gt12']), households: z.number().int(), bills: z.number().int(), owedFen: z.number().int() })),
  households: z.array(z.object({ householdId: id, label: z.string(), owedFen: z.number().int(), bills: z.number().int(), oldestPeriod: z.string(), lastRemindedAt: isoTime.nullable() })),
});
export const remindersBody = z.strictObject({ minMonths: z.number().int().min(1).max(60).optional().describe('Remind households whose oldest unpaid month is at least this old (default 1)') });
export const remindersDto = z.object({ compoundId: id, month: z.string(), reminded: z.number().int(), notified: z.number().int() });

export const feeCompoundList = z.object({ items: z.array(z.object({
  id, name: z.string(), communityId: id, communityName: z.string(), selfGoverned: z.boolean(), collectorName: z.string(), households: z.number().int(),
  canCollect: z.boolean().describe('The actor collects this compound\'s fees'), canSeeArrears: z.boolean(),
})) });
