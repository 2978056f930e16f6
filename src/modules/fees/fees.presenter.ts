import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { BillSelectRow } from './fees.bills.js';
import { billStatus, outstandingOf } from './fees.rules.js';
import type { FeePaymentRow, FeeScheduleRow, feePaymentIntents } from './fees.schema.js';

const day = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export function presentSchedule(s: FeeScheduleRow & { compoundName: string }) {
  return {
    id: s.id, compoundId: s.compoundId, compoundName: s.compoundName, name: s.name, effectiveFrom: day(s.effectiveFrom).slice(0, 7),
    items: s.items.map((i) => ({ code: i.code, name: i.name, basis: i.basis, rateFen: i.rateFen, buildingType: i.buildingType ?? null, householdIds: i.householdIds ?? [] })),
    dueDays: s.dueDays, lateFee: s.lateFee ?? null, decisionId: s.decisionId, collector: s.collector, createdAt: s.createdAt.toISOString(),
  };
}

/** A bill as lists show it; `now` decides whether it is overdue. */
export function presentBill(r: BillSelectRow, now: Date) {
  const b = r.b;
  const outstanding = outstandingOf(b);
  return {
    id: b.id, period: day(b.period).slice(0, 7),
    compound: { id: b.compoundId, name: r.compoundName }, building: { id: b.buildingId, name: r.buildingName },
    household: { id: b.householdId, label: `${r.buildingName} ${r.unitName} ${r.number}` },
    areaM2: b.areaHundredths / 100, lines: b.lines,
    amountFen: b.amountFen, adjustFen: b.adjustFen, paidFen: b.paidFen, outstandingFen: outstanding, status: billStatus(b),
    dueDate: day(b.dueDate), overdue: outstanding > 0 && day(b.dueDate) < shanghaiDate(now),
  };
}

export const receiptUrl = (paymentId: number) => `/api/payments/${paymentId}/receipt.pdf`;

export function presentPayment(p: FeePaymentRow, allocations: { billId: number; period: string; amountFen: number }[]) {
  return {
    id: p.id, kind: p.kind, method: p.method, amountFen: p.amountFen, receiptNo: p.receiptNo, collector: p.collector, collectorName: p.collectorName,
    paidAt: p.paidAt.toISOString(), refundOf: p.refundOf, note: p.note, householdId: p.householdId, provider: p.provider,
    allocations: allocations.map((a) => ({ billId: a.billId, period: a.period.slice(0, 7), amountFen: a.amountFen })), receiptUrl: receiptUrl(p.id),
  };
}

export function presentIntent(i: typeof feePaymentIntents.$inferSelect) {
  return {
    id: i.id, ref: i.ref, provider: i.provider, amountFen: i.amountFen, state: i.state, billId: i.billId,
    checkoutPath: `/m/fees/checkout/${i.ref}`, paymentId: i.paymentId, createdAt: i.createdAt.toISOString(),
  };
}
