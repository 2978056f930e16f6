import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import type { Random } from '../../db/demo/random.js';
import type { DemoAccountSpec, DemoContext } from '../../kernel/demo.js';
import { shanghaiMonth, shanghaiMonthStart } from '../../shared/shanghai-time.js';
import { generateBillsFor, periodDay } from './fees.bills.js';
import { billDeltas, recordFeeDeltas } from './fees.figures.js';
import { collectorOf, loadCompoundPlace, type CompoundPlace } from './fees.places.js';
import { feeSchedules, type ScheduleItem } from './fees.schema.js';

/*
 * Demo fees: a year of monthly bills for the demo compounds, paid the way people pay (by the
 * quarter or the month, at the office, by transfer or online), with the payment rates of the
 * reports — 卧龙小区: 91 of 96 households (95 %), 众悦欣物业's 新华苑 at 95 % — and a few long
 * arrears. Bills come from the same generator as the API; payments are written set-based (a
 * few multi-row INSERTs) and their figures recorded in the demo transaction.
 */
export const feesDemoAccounts: DemoAccountSpec[] = [
  {
    username: 'property3', description: '物业 · 众悦欣物业 收费员（襄阳 众悦欣·新华苑）', name: '韩晓梅', gender: 'female', phone: '13707106603', city: 'xiangyang',
    grants: [{ role: 'property_staff', scope: 'company', target: '众悦欣物业' }],
  },
  {
    username: 'committee2', description: '业委会 · 卧龙小区业主委员会（自治小区，代收物业费）', name: '周德明', gender: 'male', phone: '13407106604', city: 'xiangyang',
    home: { compound: '卧龙小区', building: '2号楼', unit: '1单元', number: '301' },
    grants: [{ role: 'resident', scope: 'household', target: 'home' }, { role: 'owners_committee', scope: 'community', target: '新华社区' }],
  },
  {
    username: 'resident3', description: '居民 · 襄阳 卧龙小区 1号楼', name: '陈桂兰', gender: 'female', phone: '13807106605', city: 'xiangyang',
    home: { compound: '卧龙小区', building: '1号楼', unit: '1单元', number: '101' }, grants: [{ role: 'resident', scope: 'household', target: 'home' }],
  },
];

interface CompoundPlan {
  compound: string;
  items: ScheduleItem[];
  /** Share of households that paid the last month in full. */
  rate: number;
  /** Collector who takes cash at the office (demo account), if any. */
  cashier?: string;
  /** Households forced to owe (username of a demo account living there → months owed). */
  owing?: Record<string, number>;
  /** Households that pay everything (demo accounts). */
  paying?: string[];
}

const multi = (rate: number): ScheduleItem => ({ code: 'property', name: '物业服务费', basis: 'area', rateFen: rate });
const garbage: ScheduleItem = { code: 'garbage', name: '生活垃圾清运费', basis: 'household', rateFen: 800 };

const plans: CompoundPlan[] = [
  { compound: '鼎立小区A区', items: [multi(65), garbage], rate: 0.93, cashier: 'property1', owing: { resident1: 2 }, paying: ['committee1'] },
  { compound: '鼎立小区B区', items: [multi(70), garbage], rate: 0.91, cashier: 'property1', paying: ['party1'] },
  { compound: '橄榄城1期', items: [{ ...multi(160), name: '物业服务费（高层）' }, { code: 'elevator', name: '电梯运行费', basis: 'area', rateFen: 25, buildingType: 'high' }], rate: 0.96, cashier: 'property2' },
  { compound: '橄榄城2期', items: [{ ...multi(180), name: '物业服务费（高层）' }, { code: 'elevator', name: '电梯运行费', basis: 'area', rateFen: 25, buildingType: 'high' }], rate: 0.97, cashier: 'property2', paying: ['resident2'] },
  { compound: '众悦欣·新华苑', items: [multi(120), garbage], rate: 0.95, cashier: 'property3' },
  { compound: '卧龙小区', items: [{ code: 'service', name: '自治管理服务费', basis: 'area', rateFen: 35 }, { code: 'garbage', name: '生活垃圾清运费', basis: 'household', rateFen: 500 }], rate: 91 / 96, cashier: 'committee2', owing: { resident3: 1 }, paying: ['committee2'] },
  { compound: '祁连小区', items: [multi(55), garbage], rate: 0.9 },
  { compound: '和诚嘉苑', items: [multi(80), garbage], rate: 0.94 },
  { compound: '雄关花园', items: [multi(60), garbage], rate: 0.92 },
  { compound: '海棠尊邸', items: [{ ...multi(150), name: '物业服务费（高层）' }, { code: 'elevator', name: '电梯运行费', basis: 'area', rateFen: 20, buildingType: 'high' }], rate: 0.96 },
];

/** YYYY-MM, n months from `month`. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** The billing months of the demo: the twelve before the current one (the current month is for staff to generate). */
export function demoPeriods(now: Date): string[] {
  const current = shanghaiMonth(now);
  return Array.from({ length: 12 }, (_, i) => addMonths(current, i - 12));
}

interface BillFact { id: number; household_id: number; building_id: number; period: string; area_hundredths: number; amount_fen: number }

function shuffle<T>(rng: Random, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function homeOf(ctx: DemoContext, username: string): Promise<number | undefined> {
  const account = ctx.accounts.get(username);
  if (!account) return undefined;
  const [row] = await queryRows<{ id: number }>(ctx.db, sql`select scope_id as id from role_grants where account_id = ${account.accountId} and scope_type = 'household' limit 1`);
  return row ? Number(row.id) : undefined;
}

async function seedCompound(ctx: DemoContext, plan: CompoundPlan, periods: string[]): Promise<void> {
  const { db, rng } = ctx;
  const now = ctx.clock.now();
  const known = ctx.places.compounds.get(plan.compound);
  if (!known) return;
  const place = (await loadCompoundPlace(db, known.id))!;
  const collector = await collectorOf(db, place);
  const cashier = plan.cashier ? ctx.accounts.get(plan.cashier)?.accountId ?? null : null;
  await db.insert(feeSchedules).values({
    communityId: place.communityId, compoundId: place.compoundId, name: `${place.name} 物业服务收费标准（${periods[0]!.slice(0, 4)}年起）`, effectiveFrom: periodDay(periods[0]!),
    items: plan.items, dueDays: 30, lateFee: null, collector: collector.kind, createdBy: cashier, createdAt: shanghaiMonthStart(periods[0]!),
  });
  for (const period of periods) await generateBillsFor(db, place, periodDay(period), shanghaiMonthStart(period));
  const bills = (await queryRows<BillFact>(db, sql`
    select id, household_id, building_id, to_char(period, 'YYYY-MM') as period, area_hundredths, amount_fen from fee_bills where compound_id = ${place.compoundId} order by household_id, period`))
    .map((b) => ({ ...b, id: Number(b.id), household_id: Number(b.household_id), building_id: Number(b.building_id), area_hundredths: Number(b.area_hundredths), amount_fen: Number(b.amount_fen) }));
  const homes = [...new Set(bills.map((b) => b.household_id))];

  // Who owes the last month, and since when: a few long arrears, most one or two months.
  const owing = new Map<number, number>();
  for (const [username, months] of Object.entries(plan.owing ?? {})) {
    const home = await homeOf(ctx, username);
    if (home) owing.set(home, months);
  }
  const paying = new Set(await Promise.all((plan.paying ?? []).map((u) => homeOf(ctx, u))));
  const debtors = homes.length - Math.round(homes.length * plan.rate);
  for (const home of shuffle(rng, homes.filter((h) => !paying.has(h) && !owing.has(h)))) {
    if (owing.size >= debtors) break;
    owing.set(home, rng.weighted([[1, 5], [2, 4], [3, 3], [5, 2], [8, 1], [12, 1]] as const));
  }

  // Payments: by the quarter, the half year or the month, a little after the last month they cover.
  const last = periods.at(-1)!;
  const payments: { household_id: number; method: string; amount: number; paid_at: string; bills: BillFact[] }[] = [];
  for (const home of homes) {
    const mine = bills.filter((b) => b.household_id === home);
    const owedFrom = owing.has(home) ? addMonths(last, 1 - owing.get(home)!) : '9999-99';
    const paid = mine.filter((b) => b.period < owedFrom);
    const chunk = rng.weighted([[3, 5], [1, 3], [6, 2]] as const);
    const method = rng.weighted([['online', 4], ['cash', 3], ['transfer', 2]] as const);
    for (let i = 0; i < paid.length; i += chunk) {
      const covered = paid.slice(i, i + chunk);
      const lastMonth = covered.at(-1)!.period;
      const at = new Date(shanghaiMonthStart(lastMonth).getTime() + (3 + rng.int(0, 40)) * 86_400_000 + rng.int(8, 19) * 3_600_000);
      payments.push({ household_id: home, method, amount: covered.reduce((s, b) => s + b.amount_fen, 0), paid_at: (at > now ? new Date(now.getTime() - rng.int(1, 48) * 3_600_000) : at).toISOString(), bills: covered });
    }
  }
  payments.sort((a, b) => (a.paid_at < b.paid_at ? -1 : a.paid_at > b.paid_at ? 1 : a.household_id - b.household_id));
  if (!payments.length) return;

  const ids = (await queryRows<{ id: number }>(db, sql`select nextval(pg_get_serial_sequence('fee_payments', 'id'))::bigint as id from generate_series(1, ${payments.length})`)).map((r) => Number(r.id));
  const counters = new Map<number, number>();
  const rows = payments.map((p, i) => {
    const year = Number(shanghaiMonth(p.paid_at).slice(0, 4));
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    return {
      id: ids[i], household_id: p.household_id, method: p.method, amount: p.amount, paid_at: p.paid_at,
      receipt: `SJ${year}-${place.compoundId}-${String(n).padStart(6, '0')}`, cashier: p.method === 'online' ? null : cashier,
      provider: p.method === 'online' ? 'fake' : null, ref: p.method === 'online' ? `DEMO${place.compoundId}X${String(ids[i]).padStart(10, '0')}` : null,
    };
  });
  await db.execute(sql`
    insert into fee_payments (id, community_id, compound_id, household_id, kind, method, amount_fen, receipt_no, collector, collector_name, cashier_account_id, provider, provider_ref, paid_at, created_at)
    overriding system value
    select v.id, ${place.communityId}, ${place.compoundId}, v.household_id, 'payment', v.method, v.amount, v.receipt, ${collector.kind}, ${collector.name}, v.cashier, v.provider, v.ref, v.paid_at, v.paid_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, household_id bigint, method text, amount bigint, receipt text, cashier bigint, provider text, ref text, paid_at timestamptz)`);
  for (const [year, last] of counters) {
    await db.execute(sql`insert into fee_receipt_counters (community_id, compound_id, year, last) values (${place.communityId}, ${place.compoundId}, ${year}, ${last})`);
  }
  const allocations = payments.flatMap((p, i) => p.bills.map((b) => ({ payment_id: ids[i], bill_id: b.id, amount: b.amount_fen, at: p.paid_at })));
  await db.execute(sql`
    insert into fee_allocations (community_id, payment_id, bill_id, amount_fen, created_at)
    select ${place.communityId}, v.payment_id, v.bill_id, v.amount, v.at from jsonb_to_recordset(${JSON.stringify(allocations)}::jsonb) as v(payment_id bigint, bill_id bigint, amount bigint, at timestamptz)`);
  await db.execute(sql`
    update fee_bills b set paid_fen = b.amount_fen, updated_at = v.at
    from jsonb_to_recordset(${JSON.stringify(allocations)}::jsonb) as v(payment_id bigint, bill_id bigint, amount bigint, at timestamptz) where b.id = v.bill_id`);

  // One debtor paid part of the oldest bill they owe: a partial bill for the arrears screens.
  const partial = [...owing.entries()].find(([home, months]) => months >= 3 && home !== undefined);
  if (partial) await payPart(ctx, place, collector, cashier, bills.filter((b) => b.household_id === partial[0]).at(-partial[1])!, counters);

  const paidBills = new Set(allocations.map((a) => a.bill_id));
  await recordFeeDeltas(db, bills.filter((b) => paidBills.has(b.id)).flatMap((b) => {
    const before = { communityId: place.communityId, compoundId: place.compoundId, companyId: place.companyId, buildingId: b.building_id, period: periodDay(b.period), areaHundredths: b.area_hundredths, amountFen: b.amount_fen, adjustFen: 0, paidFen: 0 };
    return billDeltas(before, { ...before, paidFen: b.amount_fen });
  }));
}

/** Half of one bill, paid at the office. */
async function payPart(ctx: DemoContext, place: CompoundPlace, collector: { kind: 'company' | 'owners_committee'; name: string }, cashier: number | null, bill: BillFact, counters: Map<number, number>) {
  const now = ctx.clock.now();
  const amount = Math.floor(bill.amount_fen / 2);
  const year = Number(shanghaiMonth(now).slice(0, 4));
  const n = (counters.get(year) ?? 0) + 1;
  counters.set(year, n);
  const paidAt = new Date(now.getTime() - 20 * 86_400_000);
  const [p] = await queryRows<{ id: number }>(ctx.db, sql`
    insert into fee_payments (community_id, compound_id, household_id, kind, method, amount_fen, receipt_no, collector, collector_name, cashier_account_id, note, paid_at, created_at)
    values (${place.communityId}, ${place.compoundId}, ${bill.household_id}, 'payment', 'cash', ${amount}, ${`SJ${year}-${place.compoundId}-${String(n).padStart(6, '0')}`},
      ${collector.kind}, ${collector.name}, ${cashier}, '先交一半，余款下月补齐', ${paidAt.toISOString()}::timestamptz, ${paidAt.toISOString()}::timestamptz) returning id`);
  await ctx.db.execute(sql`insert into fee_allocations (community_id, payment_id, bill_id, amount_fen, created_at) values (${place.communityId}, ${p!.id}, ${bill.id}, ${amount}, ${paidAt.toISOString()}::timestamptz)`);
  await ctx.db.execute(sql`update fee_bills set paid_fen = paid_fen + ${amount} where id = ${bill.id}`);
  await ctx.db.execute(sql`
    insert into fee_receipt_counters (community_id, compound_id, year, last) values (${place.communityId}, ${place.compoundId}, ${year}, ${n})
    on conflict (compound_id, year) do update set last = excluded.last`);
  const before = { communityId: place.communityId, compoundId: place.compoundId, companyId: place.companyId, buildingId: bill.building_id, period: periodDay(bill.period), areaHundredths: bill.area_hundredths, amountFen: bill.amount_fen, adjustFen: 0, paidFen: 0 };
  await recordFeeDeltas(ctx.db, billDeltas(before, { ...before, paidFen: amount }));
}

export async function seedFeesDemo(ctx: DemoContext): Promise<void> {
  const periods = demoPeriods(ctx.clock.now());
  for (const plan of plans) await seedCompound(ctx, plan, periods);
}
