import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount, buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { foldAllFigures, verifyFigures } from '../../kernel/figures.js';
import { getSecret } from '../../kernel/secrets.js';
import type { FakeClock } from '../../server/clock.js';
import { feeRateFigures } from './fees.figures.js';
import { assessLateFees } from './fees.jobs.js';
import { signPayload } from './fees.provider.js';
import { billLines, billTotal } from './fees.rules.js';
import { addSelfGovernedHomes } from './fees.testing.js';

/*
 * Fees end to end through the API on a real database (PGlite, or PostgreSQL with DATABASE_URL):
 * schedules and the fee-change gate, idempotent generation (also concurrent), payments spread
 * oldest first, overpayment and concurrent payments decided by row locks, refunds, receipts,
 * the fake provider's signed callbacks (duplicate, forged, replayed, wrong amount), 缴费率
 * against a recount by households and by area, self-governed collection, arrears, late fees,
 * and the figures exact against their recount after all of it.
 */
let t: TestApp;
let w: TestCommunity;
let property: Client;
let resident: Client;
let party: Client;
let committee: Client;
let sgHomes: Awaited<ReturnType<typeof addSelfGovernedHomes>>;

const items = [
  { code: 'property_multi', name: '物业服务费（多层）', basis: 'area', rateFen: 85, buildingType: 'multi' },
  { code: 'property_high', name: '物业服务费（高层）', basis: 'area', rateFen: 125, buildingType: 'high' },
  { code: 'garbage', name: '生活垃圾清运费', basis: 'household', rateFen: 1000 },
];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildCommunity(t.database.db);
  sgHomes = await addSelfGovernedHomes(t.database.db, w);
  partyUsername = (await buildAccount(t.database.db, w.city.id, [{ role: 'party_committee', scopeType: 'community', scopeId: w.community.id }])).username;
  await moveClock('2026-03-05T10:00:00+08:00');
  const res = await property.post('/api/fee-schedules', { compoundId: w.compound.id, name: '2026年物业收费标准', effectiveFrom: '2026-01', items, dueDays: 30, lateFee: { graceDays: 30, monthlyBasisPoints: 50, capBasisPoints: 150 } });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => t?.close());

let partyUsername = '';
/** Moves the fake clock; sessions idle out over months, so everyone logs in again. */
async function moveClock(to: string) {
  (t.clock as FakeClock).set(to);
  property = await login(t.app, w.accounts.property.username);
  resident = await login(t.app, w.accounts.resident.username);
  party = await login(t.app, partyUsername);
  committee = await login(t.app, w.accounts.committee.username);
}

const bills = async (c: Client, q: string) => (await c.get(`/api/bills?${q}`)).json();

describe('schedules and generation', () => {
  it('generates one bill per household, totals by the pure rule, and a rerun creates nothing', async () => {
    const first = await property.post(`/api/compounds/${w.compound.id}/bills/generate`, { period: '2026-01' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ households: 4, created: 4, existing: 0 });
    const again = await property.post(`/api/compounds/${w.compound.id}/bills/generate`, { period: '2026-01' });
    expect(again.json()).toMatchObject({ households: 4, created: 0, existing: 4, createdFen: 0 });
    const page = await bills(property, `compoundId=${w.compound.id}&period=2026-01`);
    expect(page.total).toBe(4);
    for (const b of page.items) {
      const expected = billTotal(billLines(items as never, { householdId: b.household.id, areaHundredths: Math.round(b.areaM2 * 100), floors: 6 }));
      expect(b.amountFen).toBe(expected);
      expect(b.lines.map((l: { code: string }) => l.code)).toEqual(['property_multi', 'garbage']);
    }
    expect(first.json().createdFen).toBe(page.items.reduce((s: number, b: { amountFen: number }) => s + b.amountFen, 0));
  });

  it('creates each bill once when generations run at the same time', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => property.post(`/api/compounds/${w.compound.id}/bills/generate`, { period: '2026-02' })));
    expect(runs.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(runs.reduce((s, r) => s + r.json().created, 0)).toBe(4);
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from fee_bills where compound_id = ${w.compound.id} and period = '2026-02-01'`);
    expect(row!.n).toBe(4);
  });

  it('refuses a month without a schedule, a collector of another compound, and a fee change without an approved decision', async () => {
    expect((await property.post(`/api/compounds/${w.compound.id}/bills/generate`, { period: '2025-12' })).json().error.code).toBe('FEES_NO_SCHEDULE');
    // The company does not serve the self-governed compound: it is not there for them.
    expect((await property.post(`/api/compounds/${w.selfGovernedCompound.id}/bills/generate`, { period: '2026-01' })).statusCode).toBe(404);
    // The owners' committee collects only where the compound governs itself.
    expect((await committee.post(`/api/compounds/${w.compound.id}/bills/generate`, { period: '2026-01' })).statusCode).toBe(404);
    const change = { compoundId: w.compound.id, name: '调价后收费标准', effectiveFrom: '2026-07', items: [{ ...items[0], rateFen: 95 }, items[1], items[2]] };
    expect((await property.post('/api/fee-schedules', change)).json().error.code).toBe('FEES_SCHEDULE_NEEDS_DECISION');
    const decision = (await property.post('/api/decisions', { compoundId: w.compound.id, kind: 'fee_change', title: '物业费调整为0.95元/㎡', summary: '经业主大会表决通过，自7月起调整。' })).json();
    expect((await property.post('/api/fee-schedules', { ...change, decisionId: decision.id })).json().error.code).toBe('LEDGER_DECISION_NOT_APPROVED');
    expect((await party.post(`/api/decisions/${decision.id}/review`, { action: 'approve' })).statusCode).toBe(200);
    const ok = await property.post('/api/fee-schedules', { ...change, decisionId: decision.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await property.post('/api/fee-schedules', { ...change, decisionId: decision.id })).json().error.code).toBe('FEES_SCHEDULE_EXISTS');
    const list = (await resident.get(`/api/fee-schedules?compoundId=${w.compound.id}`)).json();
    expect(list.items.map((s: { effectiveFrom: string }) => s.effectiveFrom)).toEqual(['2026-07', '2026-01']);
  });
});

describe('payments', () => {
  const homeBills = async () => (await bills(property, `householdId=${w.households[1]!.id}&pageSize=10`)).items as { id: number; period: string; outstandingFen: number; amountFen: number; paidFen: number }[];

  it('spreads a cash payment oldest first and refuses overpaying', async () => {
    const [feb, jan] = await homeBills();
    expect([jan!.period, feb!.period]).toEqual(['2026-01', '2026-02']);
    const partial = jan!.amountFen + 1_000;
    // Paid on the February bill: the January one is still settled first.
    const res = await property.post(`/api/bills/${feb!.id}/payments`, { method: 'cash', amountFen: partial, note: '前台现金' });
    expect(res.statusCode, res.body).toBe(201);
    const payment = res.json().payment;
    expect(payment.allocations).toEqual([{ billId: jan!.id, period: '2026-01', amountFen: jan!.amountFen }, { billId: feb!.id, period: '2026-02', amountFen: 1_000 }]);
    expect(payment.receiptNo).toMatch(/^SJ2026-\d+-\d{6}$/);
    const after = await homeBills();
    expect(after.map((b) => b.outstandingFen)).toEqual([feb!.amountFen - 1_000, 0]);
    const over = await property.post(`/api/bills/${feb!.id}/payments`, { method: 'cash', amountFen: feb!.amountFen });
    expect(over.json().error.code).toBe('FEES_OVERPAYMENT');
    // A resident cannot book cash; the payment's receipt is a Chinese PDF.
    expect((await resident.post(`/api/bills/${feb!.id}/payments`, { method: 'cash', amountFen: 100 })).statusCode).toBe(404);
    const pdf = await property.get(payment.receiptUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets exactly one of two simultaneous full payments through', async () => {
    const home = w.households[2]!.id;
    const open = (await bills(property, `householdId=${home}`)).items as { id: number; outstandingFen: number }[];
    const owed = open.reduce((s, b) => s + b.outstandingFen, 0);
    const results = await Promise.all([1, 2].map(() => property.post(`/api/bills/${open[0]!.id}/payments`, { method: 'transfer', amountFen: owed })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    const [sum] = await queryRows<{ paid: number }>(t.database.db, sql`select sum(paid_fen)::bigint as paid from fee_bills where household_id = ${home}`);
    expect(Number(sum!.paid)).toBe(owed);
  });

  it('refunds as a new entry, newest month first, never more than the payment holds', async () => {
    const home = w.households[2]!.id;
    const [p] = await queryRows<{ id: number; amount_fen: number }>(t.database.db, sql`select id, amount_fen from fee_payments where household_id = ${home} and kind = 'payment'`);
    const refund = await property.post(`/api/payments/${p!.id}/refunds`, { amountFen: 500, reason: '重复收取垃圾清运费' });
    expect(refund.statusCode, refund.body).toBe(201);
    expect(refund.json()).toMatchObject({ kind: 'refund', amountFen: -500, refundOf: p!.id });
    expect(refund.json().allocations[0].period).toBe('2026-02');
    expect((await property.post(`/api/payments/${p!.id}/refunds`, { amountFen: Number(p!.amount_fen), reason: '全额退款' })).json().error.code).toBe('FEES_REFUND_INVALID');
    expect((await property.get(`/api/payments/${refund.json().id}/receipt.pdf`)).statusCode).toBe(200);
  });

  it('records discounts and waivers with who and why, never below what was paid', async () => {
    const [feb] = (await bills(property, `householdId=${w.households[3]!.id}&period=2026-02`)).items;
    const res = await property.post(`/api/bills/${feb.id}/adjustments`, { kind: 'discount', amountFen: 1_000, reason: '困难家庭减免' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().amountFen).toBe(-1_000);
    const detail = (await property.get(`/api/bills/${feb.id}`)).json();
    expect(detail.adjustFen).toBe(-1_000);
    expect(detail.adjustments[0].reason).toBe('困难家庭减免');
    expect((await property.post(`/api/bills/${feb.id}/adjustments`, { kind: 'waiver', amountFen: detail.outstandingFen + 1, reason: '超额' })).json().error.code).toBe('FEES_ADJUSTMENT_INVALID');
  });
});

describe('online payment through the provider seam', () => {
  let ref: string;
  let amountFen: number;
  let billId: number;
  const callback = async (body: object, opts: { secret?: string; at?: number } = {}) => {
    const raw = JSON.stringify(body);
    const secret = opts.secret ?? await getSecret(t.database.db, 'fees_provider_fake');
    const ts = opts.at ?? Math.floor(t.clock.now().getTime() / 1000);
    return t.app.inject({ method: 'POST', url: '/api/payments/callback/fake', headers: { 'content-type': 'application/json', 'gz-signature': signPayload(secret, ts, raw) }, payload: raw });
  };

  beforeAll(async () => {
    const [jan] = (await bills(resident, 'period=2026-01')).items;
    billId = jan.id;
    const res = await resident.post(`/api/bills/${billId}/payments`, { method: 'online' });
    expect(res.statusCode, res.body).toBe(201);
    ({ ref, amountFen } = res.json().intent);
    expect(amountFen).toBe(jan.outstandingFen);
  });

  it('refuses a forged signature, a replayed old one and a wrong amount, and settles nothing', async () => {
    const event = { eventId: 'evt-1', ref, amountFen, status: 'paid', paidAt: t.clock.now().toISOString() };
    const forged = await callback(event, { secret: 'x'.repeat(43) });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('FEES_CALLBACK_SIGNATURE_INVALID');
    const unsigned = await t.app.inject({ method: 'POST', url: '/api/payments/callback/fake', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(event) });
    expect(unsigned.statusCode).toBe(401);
    expect((await callback(event, { at: Math.floor(t.clock.now().getTime() / 1000) - 3600 })).statusCode).toBe(401);
    const wrong = await callback({ ...event, eventId: 'evt-wrong', amountFen: amountFen - 1 });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('FEES_CALLBACK_AMOUNT_MISMATCH');
    expect((await callback({ ...event, eventId: 'evt-x', ref: 'NOPE' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/payments/callback/alipay', payload: '{}', headers: { 'content-type': 'application/json' } })).statusCode).toBe(404);
    const bill = (await resident.get(`/api/bills/${billId}`)).json();
    expect(bill.paidFen).toBe(0);
  });

  it('settles once on the signed callback and ignores duplicates, even concurrent ones', async () => {
    const event = { eventId: 'evt-2', ref, amountFen, status: 'paid', paidAt: t.clock.now().toISOString() };
    const results = await Promise.all([callback(event), callback(event), callback({ ...event, eventId: 'evt-3' })]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const outcomes = results.map((r) => r.json().outcome).sort();
    expect(outcomes.filter((o: string) => o === 'paid')).toHaveLength(1);
    expect(outcomes.filter((o: string) => o !== 'paid').every((o: string) => o === 'duplicate' || o === 'already_settled')).toBe(true);
    const bill = (await resident.get(`/api/bills/${billId}`)).json();
    expect(bill.status).toBe('paid');
    expect(bill.payments).toHaveLength(1);
    expect(bill.payments[0].method).toBe('online');
    expect((await callback(event)).json().outcome).toBe('duplicate');
  });

  it('runs the fake provider\'s checkout for a resident', async () => {
    const [feb] = (await bills(resident, 'period=2026-02')).items;
    const intent = (await resident.post(`/api/bills/${feb.id}/payments`, { method: 'online' })).json().intent;
    expect((await resident.get(`/api/payments/fake/${intent.ref}`)).json()).toMatchObject({ amountFen: feb.outstandingFen, state: 'pending' });
    const done = await resident.post(`/api/payments/fake/${intent.ref}/complete`, { succeed: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ ok: true, outcome: 'paid' });
    expect((await resident.post(`/api/payments/fake/${intent.ref}/complete`, { succeed: true })).json().error.code).toBe('FEES_INTENT_SETTLED');
    const neighbour = await login(t.app, w.accounts.neighbour.username);
    expect((await neighbour.get(`/api/payments/fake/${intent.ref}`)).statusCode).toBe(404);
    expect((await resident.get(`/api/payments/${done.json().paymentId}/receipt.pdf`)).statusCode).toBe(200);
  });
});

describe('缴费率, arrears, reminders and late fees', () => {
  it('equals a recount from the bills, by households and by area', async () => {
    await foldAllFigures(t.database.db);
    for (const period of ['2026-01', '2026-02']) {
      const rate = (await property.get(`/api/fees/payment-rate?compoundId=${w.compound.id}&period=${period}`)).json();
      const [r] = await queryRows<{ billed: number; paid: number; area: number; area_paid: number }>(t.database.db, sql`
        select count(*)::int as billed, count(*) filter (where paid_fen = amount_fen + adjust_fen)::int as paid, sum(area_hundredths)::int as area,
          coalesce(sum(area_hundredths) filter (where paid_fen = amount_fen + adjust_fen), 0)::int as area_paid
        from fee_bills where compound_id = ${w.compound.id} and period = ${`${period}-01`}::date`);
      expect(rate.byHouseholds).toMatchObject({ billed: r!.billed, paid: r!.paid });
      expect(rate.byArea).toMatchObject({ billed: r!.area, paid: r!.area_paid });
      expect(rate.byHouseholds.rate).toBe(Math.round((r!.paid / r!.billed) * 10_000) / 10_000);
      expect(rate.byHouseholds.formula).toContain(`${r!.paid} ÷ ${r!.billed}`);
      expect(rate.breakdown).toHaveLength(1);
    }
    const staff = await login(t.app, w.accounts.staff.username);
    expect((await staff.get(`/api/fees/payment-rate?communityId=${w.community.id}&period=2026-01`)).json().breakdown[0].name).toBe(w.compound.name);
    const city = (await (await login(t.app, w.accounts.dept.username)).get(`/api/fees/payment-rate?cityId=${w.city.id}`)).json();
    expect(city.level).toBe('city');
    expect(city.byHouseholds.billed).toBe(8);
  });

  it('ages arrears and reminds each owing household once a month', async () => {
    await moveClock('2026-06-10T10:00:00+08:00');
    const arrears = (await property.get(`/api/fees/arrears?compoundId=${w.compound.id}`)).json();
    const total = arrears.buckets.reduce((s: number, b: { owedFen: number }) => s + b.owedFen, 0);
    const [sum] = await queryRows<{ owed: number }>(t.database.db, sql`select sum(amount_fen + adjust_fen - paid_fen)::bigint as owed from fee_bills where compound_id = ${w.compound.id}`);
    expect(total).toBe(Number(sum!.owed));
    expect(arrears.buckets.find((b: { bucket: string }) => b.bucket === 'le6').owedFen).toBeGreaterThan(0);
    const first = (await property.post(`/api/compounds/${w.compound.id}/arrears/reminders`, {})).json();
    expect(first.reminded).toBeGreaterThan(0);
    expect((await property.post(`/api/compounds/${w.compound.id}/arrears/reminders`, {})).json().reminded).toBe(0);
    expect((await resident.get(`/api/fees/arrears?compoundId=${w.compound.id}`)).statusCode).toBe(403);
  });

  it('charges late fees by rule once per month, whatever reruns', async () => {
    const before = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from fee_adjustments a join fee_bills b on b.id = a.bill_id where b.compound_id = ${w.compound.id} and a.kind = 'late_fee'`);
    const run1 = await assessLateFees(t.database.db, t.clock.now());
    const run2 = await assessLateFees(t.database.db, t.clock.now());
    expect(run1.chargedFen).toBeGreaterThan(0);
    expect(run2.chargedFen).toBe(0);
    const after = await queryRows<{ n: number; over: number }>(t.database.db, sql`
      select count(*)::int as n, count(*) filter (where a.amount_fen > b.amount_fen * 150 / 10000 + 1)::int as over
      from fee_adjustments a join fee_bills b on b.id = a.bill_id where b.compound_id = ${w.compound.id} and a.kind = 'late_fee'`);
    expect(after[0]!.n).toBeGreaterThan(before[0]!.n);
    expect(after[0]!.over).toBe(0);
  });
});

describe('a self-governed compound collects its own fees', () => {
  it('lets the owners\' committee set the schedule, bill and take cash as the collector', async () => {
    const schedule = await committee.post('/api/fee-schedules', { compoundId: w.selfGovernedCompound.id, name: '自治小区公共服务费', effectiveFrom: '2026-01', items: [{ code: 'service', name: '公共服务费', basis: 'area', rateFen: 40 }] });
    expect(schedule.statusCode, schedule.body).toBe(201);
    expect(schedule.json().collector).toBe('owners_committee');
    expect((await committee.post(`/api/compounds/${w.selfGovernedCompound.id}/bills/generate`, { period: '2026-01' })).json().created).toBe(3);
    const [bill] = (await bills(committee, `compoundId=${w.selfGovernedCompound.id}`)).items;
    const paid = await committee.post(`/api/bills/${bill.id}/payments`, { method: 'cash', amountFen: bill.outstandingFen });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().payment.collector).toBe('owners_committee');
    expect(paid.json().payment.collectorName).toContain('业委会');
    expect(sgHomes.homes).toHaveLength(3);
  });
});

describe('figures', () => {
  it('stay exact against the recount after everything above', async () => {
    expect(await verifyFigures(t.database.db, feeRateFigures, [w.community.id])).toEqual([]);
  });
});

describe('compounds in scope', () => {
  it('lists the compounds whose fees the actor sees, and which of them they collect', async () => {
    const mine = (await property.get('/api/fees/compounds')).json().items;
    expect(mine.map((c: { id: number }) => c.id)).toEqual([w.compound.id]);
    expect(mine[0]).toMatchObject({ canCollect: true, selfGoverned: false, households: 4 });
    const theirs = (await committee.get('/api/fees/compounds')).json().items;
    expect(theirs.find((c: { id: number }) => c.id === w.selfGovernedCompound.id)).toMatchObject({ canCollect: true, selfGoverned: true });
    expect(theirs.find((c: { id: number }) => c.id === w.compound.id)).toMatchObject({ canCollect: false });
    expect((await resident.get('/api/fees/compounds')).json().items.map((c: { id: number }) => c.id)).toEqual([w.compound.id]);
  });
});
