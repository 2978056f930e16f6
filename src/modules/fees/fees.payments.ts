import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { loadVisibleBill } from './fees.bills.js';
import { FeeErrors } from './fees.errors.js';
import { recordBillFigures, type BillFigureState } from './fees.figures.js';
import { collectorOf, loadCompoundPlace, scopeOf, type CompoundPlace } from './fees.places.js';
import { collectPermission, mayCollect, mayPayOnline } from './fees.policy.js';
import { allocateOldestFirst, allocateRefund, outstandingOf, type Allocation } from './fees.rules.js';
import { feeAdjustments, feeAllocations, feeBills, feePaymentIntents, feePayments, type FeePaymentRow } from './fees.schema.js';

const dayText = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

interface LockedBill {
  id: number;
  buildingId: number;
  period: string;
  areaHundredths: number;
  amountFen: number;
  adjustFen: number;
  paidFen: number;
}

/** Locks bills in one order everywhere (period, id), so two writers on one household never deadlock. */
async function lockBills(tx: DbOrTx, where: ReturnType<typeof sql>): Promise<LockedBill[]> {
  const rows = await queryRows<{ id: number; building_id: number; period: string | Date; area_hundredths: number; amount_fen: number; adjust_fen: number; paid_fen: number }>(tx, sql`
    select id, building_id, period, area_hundredths, amount_fen, adjust_fen, paid_fen from fee_bills where ${where} order by period, id for update`);
  return rows.map((r) => ({
    id: Number(r.id), buildingId: Number(r.building_id), period: dayText(r.period), areaHundredths: Number(r.area_hundredths),
    amountFen: Number(r.amount_fen), adjustFen: Number(r.adjust_fen), paidFen: Number(r.paid_fen),
  }));
}

const figureState = (place: CompoundPlace, b: LockedBill): BillFigureState => ({
  communityId: place.communityId, compoundId: place.compoundId, companyId: place.companyId, buildingId: b.buildingId, period: b.period,
  areaHundredths: b.areaHundredths, amountFen: b.amountFen, adjustFen: b.adjustFen, paidFen: b.paidFen,
});

/** Applies signed allocations to locked bills: the rows, the bill totals and the figures, in the caller's transaction. */
async function applyAllocations(tx: DbOrTx, place: CompoundPlace, paymentId: number, bills: LockedBill[], allocations: Allocation[], now: Date): Promise<void> {
  if (!allocations.length) return;
  await tx.insert(feeAllocations).values(allocations.map((a) => ({ communityId: place.communityId, paymentId, billId: a.billId, amountFen: a.amountFen, createdAt: now })));
  const changes: { before: BillFigureState; after: BillFigureState }[] = [];
  for (const a of allocations) {
    const bill = bills.find((b) => b.id === a.billId)!;
    const after = { ...bill, paidFen: bill.paidFen + a.amountFen };
    changes.push({ before: figureState(place, bill), after: figureState(place, after) });
  }
  await tx.execute(sql`
    update fee_bills b set paid_fen = b.paid_fen + v.amount, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(allocations.map((a) => ({ id: a.billId, amount: a.amountFen })))}::jsonb) as v(id bigint, amount bigint)
    where b.id = v.id`);
  await recordBillFigures(tx, changes);
}

/** The next consecutive receipt number of the compound's collector for the year: SJ2026-000123 (refunds TK…). */
export async function nextReceiptNo(tx: DbOrTx, place: CompoundPlace, at: Date, kind: 'payment' | 'refund'): Promise<string> {
  const year = Number(new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const [row] = await queryRows<{ last: number }>(tx, sql`
    insert into fee_receipt_counters (community_id, compound_id, year, last) values (${place.communityId}, ${place.compoundId}, ${year}, 1)
    on conflict (compound_id, year) do update set last = fee_receipt_counters.last + 1 returning last`);
  return `${kind === 'payment' ? 'SJ' : 'TK'}${year}-${place.compoundId}-${String(row!.last).padStart(6, '0')}`;
}

export interface SettleInput {
  place: CompoundPlace;
  householdId: number;
  amountFen: number;
  method: 'cash' | 'transfer' | 'online';
  cashierAccountId: number | null;
  provider?: string | null;
  providerRef?: string | null;
  note?: string | null;
  paidAt: Date;
  now: Date;
}

/**
 * Records money received for a household and spreads it over its open bills, oldest first, in
 * the caller's transaction. The household's open bills are locked first, so two payments at once
 * are applied one after the other and neither can pay what the other already paid: the second
 * sees less owed and is refused if it would overpay.
 */
export async function settlePayment(tx: DbOrTx, input: SettleInput): Promise<FeePaymentRow> {
  const bills = await lockBills(tx, sql`household_id = ${input.householdId} and amount_fen + adjust_fen > paid_fen`);
  const owed = bills.reduce((s, b) => s + outstandingOf(b), 0);
  if (owed === 0) throw new AppError(FeeErrors.FEES_NOTHING_OWED, 'This household owes nothing', { householdId: input.householdId });
  const { allocations, leftoverFen } = allocateOldestFirst(input.amountFen, bills.map((b) => ({ id: b.id, period: b.period, outstandingFen: outstandingOf(b) })));
  if (leftoverFen > 0) throw new AppError(FeeErrors.FEES_OVERPAYMENT, `The payment is ${leftoverFen} fen more than everything owed`, { owedFen: owed, amountFen: input.amountFen });
  const collector = await collectorOf(tx, input.place);
  const receiptNo = await nextReceiptNo(tx, input.place, input.paidAt, 'payment');
  const [payment] = await tx.insert(feePayments).values({
    communityId: input.place.communityId, compoundId: input.place.compoundId, householdId: input.householdId, kind: 'payment', method: input.method,
    amountFen: input.amountFen, receiptNo, collector: collector.kind, collectorName: collector.name, cashierAccountId: input.cashierAccountId,
    provider: input.provider ?? null, providerRef: input.providerRef ?? null, note: input.note ?? null, paidAt: input.paidAt, createdAt: input.now,
  }).returning();
  await applyAllocations(tx, input.place, payment!.id, bills, allocations, input.now);
  return payment!;
}

/** What settles a bill: its own outstanding and that of every older open bill of the household (paid oldest first). */
export async function amountToSettle(db: DbOrTx, householdId: number, billId: number): Promise<number> {
  const [row] = await queryRows<{ n: number | null }>(db, sql`
    select sum(b.amount_fen + b.adjust_fen - b.paid_fen)::bigint as n from fee_bills b, fee_bills t
    where t.id = ${billId} and b.household_id = ${householdId} and (b.period, b.id) <= (t.period, t.id)`);
  return Number(row?.n ?? 0);
}

export type PaymentOutcome =
  | { kind: 'payment'; payment: FeePaymentRow; replayed?: boolean }
  | { kind: 'intent'; intent: typeof feePaymentIntents.$inferSelect };

/**
 * 缴费 on a bill. Cash and transfers are taken by the collector (the company, or the owners'
 * committee of a self-governed compound) and spread oldest first; a resident paying online gets a
 * payment intent with the provider and pays there — the provider's signed callback settles it.
 */
export async function payBill({ ctx, actor, billId, input, tx }: { ctx: AppContext; actor: Actor; billId: number; input: { method: 'cash' | 'transfer' | 'online'; amountFen?: number; paidAt?: string; note?: string | null; provider?: string }; tx?: Tx }): Promise<PaymentOutcome> {
  const db: DbOrTx = tx ?? ctx.db;
  const { row, place } = await loadVisibleBill(db, actor, billId);
  const scope = { ...scopeOf(place), householdId: row.b.householdId };
  const now = ctx.clock.now();
  if (input.method === 'online') {
    if (!mayPayOnline(actor, scope)) throw new AppError(FeeErrors.FEES_METHOD_NOT_ALLOWED, 'Only the household pays its bills online');
    const amountFen = input.amountFen ?? await amountToSettle(db, row.b.householdId, billId);
    if (amountFen <= 0) throw new AppError(FeeErrors.FEES_NOTHING_OWED, 'This bill is paid');
    const [intent] = await db.insert(feePaymentIntents).values({
      communityId: place.communityId, compoundId: place.compoundId, householdId: row.b.householdId, billId, provider: input.provider ?? 'fake',
      ref: `GZ${now.toISOString().slice(0, 10).replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`,
      amountFen, createdBy: actor.accountId, createdAt: now,
    }).returning();
    return { kind: 'intent', intent: intent! };
  }
  if (!mayCollect(actor, scope, place.selfGoverned)) throw new AppError(FeeErrors.FEES_METHOD_NOT_ALLOWED, 'Cash and transfers are taken by the fee collector of the compound');
  if (!input.amountFen || input.amountFen <= 0) throw new AppError(FeeErrors.FEES_OVERPAYMENT, 'Give the amount received in fen', { field: 'amountFen' });
  const paidAt = input.paidAt ? new Date(input.paidAt) : now;
  const settle = (t: DbOrTx) => settlePayment(t, {
    place, householdId: row.b.householdId, amountFen: input.amountFen!, method: input.method, cashierAccountId: actor.accountId, note: input.note, paidAt, now,
  });
  const payment = tx ? await settle(tx) : await ctx.db.transaction(settle);
  return { kind: 'payment', payment };
}

/** 退款: a new negative entry naming the payment, taken back from its bills newest first. */
export async function refundPayment({ ctx, actor, paymentId, amountFen, reason }: { ctx: AppContext; actor: Actor; paymentId: number; amountFen: number; reason: string }): Promise<FeePaymentRow> {
  const [p] = await ctx.db.select().from(feePayments).where(eq(feePayments.id, paymentId));
  const place = p ? await loadCompoundPlace(ctx.db, p.compoundId) : undefined;
  requireAccess(actor, collectPermission(place?.selfGoverned ?? false), place ? { ...scopeOf(place), householdId: p!.householdId } : null, 'Payment');
  if (p!.kind !== 'payment') throw new AppError(FeeErrors.FEES_REFUND_INVALID, 'Only a payment can be refunded');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The payment's own row cannot be locked (append-only), so its bills are: every refund of it waits here.
    const held = await queryRows<{ bill_id: number; held: number }>(tx, sql`
      select a.bill_id, sum(a.amount_fen)::bigint as held from fee_allocations a join fee_payments x on x.id = a.payment_id
      where x.id = ${paymentId} or x.refund_of = ${paymentId} group by a.bill_id`);
    const bills = await lockBills(tx, sql`id = any(${`{${held.map((h) => h.bill_id).join(',') || '0'}}`}::bigint[])`);
    // Read again under the locks: a concurrent refund may have committed meanwhile.
    const fresh = await queryRows<{ bill_id: number; held: number }>(tx, sql`
      select a.bill_id, sum(a.amount_fen)::bigint as held from fee_allocations a join fee_payments x on x.id = a.payment_id
      where x.id = ${paymentId} or x.refund_of = ${paymentId} group by a.bill_id`);
    const paid = fresh.map((h) => ({ billId: Number(h.bill_id), period: bills.find((b) => b.id === Number(h.bill_id))!.period, heldFen: Number(h.held) }));
    const { allocations, shortFen } = allocateRefund(amountFen, paid);
    if (shortFen > 0) throw new AppError(FeeErrors.FEES_REFUND_INVALID, `The payment holds only ${amountFen - shortFen} fen that can still be refunded`, { refundableFen: amountFen - shortFen });
    const collector = await collectorOf(tx, place!);
    const [refund] = await tx.insert(feePayments).values({
      communityId: p!.communityId, compoundId: p!.compoundId, householdId: p!.householdId, kind: 'refund', method: p!.method, amountFen: -amountFen, refundOf: p!.id,
      receiptNo: await nextReceiptNo(tx, place!, now, 'refund'), collector: collector.kind, collectorName: collector.name, cashierAccountId: actor.accountId,
      note: reason, paidAt: now, createdAt: now,
    }).returning();
    await applyAllocations(tx, place!, refund!.id, bills, allocations, now);
    return refund!;
  });
}

/** 减免: a discount or waiver with who and why, never below what was already paid. */
export async function adjustBill({ ctx, actor, billId, kind, amountFen, reason }: { ctx: AppContext; actor: Actor; billId: number; kind: 'discount' | 'waiver'; amountFen: number; reason: string }) {
  const { row, place } = await loadVisibleBill(ctx.db, actor, billId);
  requireAccess(actor, collectPermission(place.selfGoverned), { ...scopeOf(place), householdId: row.b.householdId }, 'Bill');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [bill] = await lockBills(tx, sql`id = ${billId}`);
    if (amountFen > outstandingOf(bill!)) {
      throw new AppError(FeeErrors.FEES_ADJUSTMENT_INVALID, `At most ${outstandingOf(bill!)} fen is still owed on this bill`, { outstandingFen: outstandingOf(bill!) });
    }
    const [adjustment] = await tx.insert(feeAdjustments).values({ communityId: place.communityId, billId, kind, amountFen: -amountFen, reason, actorAccountId: actor.accountId, createdAt: now }).returning();
    await tx.update(feeBills).set({ adjustFen: sql`${feeBills.adjustFen} - ${amountFen}`, updatedAt: now }).where(eq(feeBills.id, billId));
    await recordBillFigures(tx, [{ before: figureState(place, bill!), after: figureState(place, { ...bill!, adjustFen: bill!.adjustFen - amountFen }) }]);
    return adjustment!;
  });
}

/** Late fees charged in the caller's transaction on one locked bill (the late-fee job). */
export async function chargeLateFees(tx: Tx, place: CompoundPlace, billId: number, charges: { month: number; amountFen: number }[], now: Date): Promise<number> {
  if (!charges.length) return 0;
  const [bill] = await lockBills(tx, sql`id = ${billId}`);
  const inserted = await tx.insert(feeAdjustments).values(charges.map((c) => ({
    communityId: place.communityId, billId, kind: 'late_fee' as const, amountFen: c.amountFen, lateMonth: c.month, reason: `逾期第${c.month}个月滞纳金`, createdAt: now,
  }))).onConflictDoNothing().returning({ amountFen: feeAdjustments.amountFen });
  const added = inserted.reduce((s, r) => s + r.amountFen, 0);
  if (added === 0) return 0;
  await tx.update(feeBills).set({ adjustFen: sql`${feeBills.adjustFen} + ${added}`, updatedAt: now }).where(eq(feeBills.id, billId));
  await recordBillFigures(tx, [{ before: figureState(place, bill!), after: figureState(place, { ...bill!, adjustFen: bill!.adjustFen + added }) }]);
  return added;
}

/** A payment the actor may read (a resident: their household's), with where its money went. */
export async function getPayment({ ctx, actor, paymentId, db = ctx.db }: { ctx: AppContext; actor: Actor; paymentId: number; db?: DbOrTx }) {
  const [p] = await db.select().from(feePayments).where(eq(feePayments.id, paymentId));
  const place = p ? await loadCompoundPlace(db, p.compoundId) : undefined;
  requireAccess(actor, 'fees:read', place ? { ...scopeOf(place), householdId: p!.householdId } : null, 'Payment');
  const allocations = await db.select({ billId: feeAllocations.billId, amountFen: feeAllocations.amountFen, period: feeBills.period, lines: feeBills.lines })
    .from(feeAllocations).innerJoin(feeBills, eq(feeBills.id, feeAllocations.billId)).where(eq(feeAllocations.paymentId, paymentId));
  return { payment: p!, place: place!, allocations: allocations.map((a) => ({ ...a, period: dayText(a.period) })) };
}

/** Payments of the bills given (for a bill's detail). */
export async function paymentsOfBills(db: DbOrTx, billIds: number[]) {
  if (!billIds.length) return [];
  return db.select({ billId: feeAllocations.billId, amountFen: feeAllocations.amountFen, p: feePayments })
    .from(feeAllocations).innerJoin(feePayments, eq(feePayments.id, feeAllocations.paymentId)).where(inArray(feeAllocations.billId, billIds));
}

export async function adjustmentsOfBill(db: DbOrTx, billId: number) {
  return db.select().from(feeAdjustments).where(eq(feeAdjustments.billId, billId)).orderBy(feeAdjustments.id);
}

/** An intent of the actor's household, by its reference. */
export async function loadIntent(db: DbOrTx, actor: Actor, provider: string, ref: string) {
  const [intent] = await db.select().from(feePaymentIntents).where(and(eq(feePaymentIntents.provider, provider), eq(feePaymentIntents.ref, ref)));
  const place = intent ? await loadCompoundPlace(db, intent.compoundId) : undefined;
  if (!intent || !place || !mayPayOnline(actor, { ...scopeOf(place), householdId: intent.householdId })) throw notFound('Payment', ref);
  return { intent, place };
}
