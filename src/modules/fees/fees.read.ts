import { eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { can, type Actor } from '../access/access.policy.js';
import { feePayments } from './fees.schema.js';
import { listBills, loadVisibleBill, type BillFilters } from './fees.bills.js';
import { collectorOf, scopeOf } from './fees.places.js';
import { collectPermission, mayPayOnline } from './fees.policy.js';
import { adjustmentsOfBill, amountToSettle, getPayment, paymentsOfBills } from './fees.payments.js';
import { presentBill, presentPayment, receiptUrl } from './fees.presenter.js';
import { renderReceipt } from './fees.receipt.js';

export async function getBillPage(ctx: AppContext, actor: Actor, f: BillFilters) {
  const { rows, total } = await listBills({ ctx, actor, f });
  const now = ctx.clock.now();
  return { items: rows.map((r) => presentBill(r, now)), total, page: f.page, pageSize: f.pageSize };
}

/** One bill with its adjustments, the payments that went to it, what settles it, and the actor's abilities. */
export async function getBillDetail(ctx: AppContext, actor: Actor, billId: number) {
  const { row, place } = await loadVisibleBill(ctx.db, actor, billId);
  const scope = { ...scopeOf(place), householdId: row.b.householdId };
  const [adjustments, payments, toSettle, collector] = await Promise.all([
    adjustmentsOfBill(ctx.db, billId), paymentsOfBills(ctx.db, [billId]), amountToSettle(ctx.db, row.b.householdId, billId), collectorOf(ctx.db, place),
  ]);
  const collects = can(actor, collectPermission(place.selfGoverned), scope);
  return {
    ...presentBill(row, ctx.clock.now()),
    adjustments: adjustments.map((a) => ({ id: a.id, kind: a.kind, amountFen: a.amountFen, reason: a.reason, at: a.createdAt.toISOString() })),
    payments: payments.map((p) => ({ id: p.p.id, receiptNo: p.p.receiptNo, kind: p.p.kind, method: p.p.method, allocatedFen: p.amountFen, paidAt: p.p.paidAt.toISOString(), receiptUrl: receiptUrl(p.p.id) })),
    toSettleFen: toSettle,
    collector,
    abilities: { payOnline: mayPayOnline(actor, scope) && toSettle > 0, collect: collects, adjust: collects },
  };
}

export async function getPaymentView(ctx: AppContext, actor: Actor, paymentId: number, db: DbOrTx = ctx.db) {
  const { payment, allocations } = await getPayment({ ctx, actor, paymentId, db });
  return presentPayment(payment, allocations);
}

/** The receipt PDF of a payment or refund the actor may read. */
export async function getReceiptPdf(ctx: AppContext, actor: Actor, paymentId: number): Promise<{ filename: string; body: Buffer }> {
  const { payment, place, allocations } = await getPayment({ ctx, actor, paymentId });
  const [names] = await queryRows<{ label: string; cashier: string | null }>(ctx.db, sql`
    select b.name || ' ' || u.name || ' ' || h.number as label,
      (select p.name from accounts a join people p on p.id = a.person_id where a.id = ${payment.cashierAccountId}) as cashier
    from households h join buildings b on b.id = h.building_id join building_units u on u.id = h.unit_id where h.id = ${payment.householdId}`);
  const original = payment.refundOf ? (await ctx.db.select({ receiptNo: feePayments.receiptNo }).from(feePayments).where(eq(feePayments.id, payment.refundOf)))[0] : undefined;
  const body = await renderReceipt({
    payment, place, householdLabel: `${place.name} ${names?.label ?? ''}`, cashierName: names?.cashier ?? null,
    allocations, refundOfReceipt: original?.receiptNo ?? null, now: ctx.clock.now(),
  });
  return { filename: `收据-${payment.receiptNo}.pdf`, body };
}
