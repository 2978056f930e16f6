import { defineScale, type CitySeedContext } from '../../kernel/scale.js';
import { shanghaiMonth } from '../../shared/shanghai-time.js';

/*
 * Fees at city scale. seed:city: a schedule per compound and `years` × 12 monthly bills for every
 * household (≈ 7 M at 300,000 households over two years), paid by the quarter — most households
 * always, some with a recent streak of unpaid months, a few with long arrears or none paid —
 * and one allocation per paid bill. Set-based: a handful of INSERT … SELECT statements; the
 * figures come from the `fees` recount afterwards (seed-city rebuilds every family).
 * bench: bill generation for a ~2,000-household compound, a burst of cash payments by the
 * collectors, and 缴费率 for the whole city.
 */

/** YYYY-MM, n months from `month`. */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** A deterministic 0..999 from integers (Knuth's multiplicative hash): the same city gives the same bills. */
const hash = (expr: string, salt: number) => `(((${expr})::bigint * 2654435761 + ${salt}) % 4294967296 / 4294967)::int`;

async function seedFees(ctx: CitySeedContext): Promise<Record<string, number>> {
  const { s, cityId, seed } = ctx;
  const months = Math.max(1, Math.round(ctx.years * 12));
  const last = addMonths(shanghaiMonth(ctx.end), -1);
  const first = addMonths(last, 1 - months);
  const schedules = await s.run(`
    insert into fee_schedules (community_id, compound_id, name, effective_from, items, due_days, collector, created_at)
    select k.community_id, k.id, k.name || ' 物业服务收费标准', '${first}-01'::date,
      jsonb_build_array(
        jsonb_build_object('code', 'property', 'name', case when k.self_governed then '自治管理服务费' else '物业服务费' end, 'basis', 'area', 'rateFen', r.rate),
        jsonb_build_object('code', 'garbage', 'name', '生活垃圾清运费', 'basis', 'household', 'rateFen', 800)),
      30, case when k.self_governed then 'owners_committee' else 'company' end, '${first}-01T00:00:00+08:00'::timestamptz
    from compounds k cross join lateral (select case when k.self_governed then 35 else 50 + (${hash('k.id', seed)} % 14) * 10 end as rate) r
    where k.city_id = ${cityId}`);
  ctx.log('schedules', schedules);

  // Households: how reliably they pay (0..999) → from which month on they owe (`months` = never), their
  // bill's lines and amount (the same every month under one schedule), and where their rows go:
  // bill of month i = bill_base + 12-month block, payment of quarter q = pay_base + pay_off + q.
  await s.exec(`
    create temp table gz_fee_home on commit preserve rows as
    select x.*, (row_number() over (order by x.id) - 1)::bigint as hi,
      (sum((x.owes_from + 2) / 3) over (order by x.id) - (x.owes_from + 2) / 3)::bigint as pay_off
    from (select h.id, h.community_id, h.compound_id, h.building_id, a.area, f.id as schedule_id, a.prop + 800 as amount,
            case when r < 880 then ${months} when r < 960 then ${months} - 1 - r % 6 when r < 990 then greatest(0, ${months} - 6 - r % 18) else 0 end as owes_from,
            jsonb_build_array(
              jsonb_build_object('code', 'property', 'name', f.items->0->>'name', 'basis', 'area', 'rateFen', (f.items->0->>'rateFen')::int, 'quantity', a.area, 'amountFen', a.prop),
              jsonb_build_object('code', 'garbage', 'name', '生活垃圾清运费', 'basis', 'household', 'rateFen', 800, 'quantity', 1, 'amountFen', 800)) as lines
          from households h join compounds k on k.id = h.compound_id join fee_schedules f on f.compound_id = k.id
          cross join lateral (select ${hash('h.id', seed + 17)} as r) x
          cross join lateral (select round(h.area_m2 * 100)::int as area) ar
          cross join lateral (select ar.area, floor(((f.items->0->>'rateFen')::bigint * ar.area * 2 + 100) / 200)::bigint as prop) a
          where k.city_id = ${cityId}) x`);
  const [sizes = { homes: 0, pays: 0 }] = await s.query<{ homes: number; pays: number }>('select count(*)::int as homes, coalesce(sum((owes_from + 2) / 3), 0)::int as pays from gz_fee_home');
  const billBase = await ctx.reserveIds('fee_bills', sizes.homes * months);
  const payBase = await ctx.reserveIds('fee_payments', sizes.pays);
  // Bulk load: the secondary indexes are built once afterwards rather than maintained row by row.
  const secondary = await s.query<{ name: string; def: string }>(`select indexname as name, indexdef as def from pg_indexes where tablename in ('fee_bills', 'fee_allocations') and indexname not like '%_pkey'`);
  const rebuild = sizes.homes * months >= 200_000 && secondary.length > 0;
  if (rebuild) await s.exec(secondary.map((i) => `drop index if exists ${i.name}`).join('; '));
  let bills: number;
  let payments: number;
  let allocations: number;
  try {
    bills = await s.run(`
      insert into fee_bills (id, community_id, compound_id, building_id, household_id, period, schedule_id, area_hundredths, lines, amount_fen, paid_fen, due_date, created_at, updated_at)
      overriding system value
      select ${billBase} + h.hi * ${months} + p.i, h.community_id, h.compound_id, h.building_id, h.id, p.period, h.schedule_id, h.area, h.lines,
        h.amount, case when p.i < h.owes_from then h.amount else 0 end, p.period + 30, p.period::timestamptz, p.period::timestamptz
      from gz_fee_home h
      cross join lateral (select i, ('${first}-01'::date + make_interval(months => i))::date as period from generate_series(0, ${months - 1}) i) p`);
    ctx.log('bills', bills);
    // Payments: one per household and quarter of paid months, a few days to a month after the quarter.
    await s.exec(`
      create temp table gz_fee_pay on commit preserve rows as
      select y.*, row_number() over (partition by y.compound_id, extract(year from y.paid_at at time zone 'Asia/Shanghai') order by y.paid_at, y.household_id) as n
      from (select h.id as household_id, h.community_id, h.compound_id, h.pay_off + q as pn, h.amount * least(3, h.owes_from - 3 * q) as amount,
              least((('${first}-01'::date + make_interval(months => least(3 * q + 2, h.owes_from - 1) + 1))::timestamp
                  + make_interval(days => ${hash('h.id + q', seed + 31)} % 28, hours => 9 + ${hash('h.id', seed + 5)} % 9)) at time zone 'Asia/Shanghai',
                '${ctx.end.toISOString()}'::timestamptz - interval '1 hour') as paid_at,
              (array['online', 'cash', 'transfer', 'online'])[1 + ${hash('h.id', seed + 7)} % 4] as method
            from gz_fee_home h cross join lateral generate_series(0, (h.owes_from + 2) / 3 - 1) q) y`);
    payments = await s.run(`
      insert into fee_payments (id, community_id, compound_id, household_id, kind, method, amount_fen, receipt_no, collector, collector_name, provider, provider_ref, paid_at, created_at)
      overriding system value
      select ${payBase} + p.pn, p.community_id, p.compound_id, p.household_id, 'payment', p.method, p.amount,
        'SJ' || extract(year from p.paid_at at time zone 'Asia/Shanghai')::int || '-' || p.compound_id || '-' || lpad(p.n::text, 6, '0'),
        case when k.self_governed then 'owners_committee' else 'company' end, coalesce(c.name, k.name || '业主委员会'),
        case when p.method = 'online' then 'fake' end, case when p.method = 'online' then 'SEED' || (${payBase} + p.pn) end, p.paid_at, p.paid_at
      from gz_fee_pay p join compounds k on k.id = p.compound_id left join property_companies c on c.id = k.property_company_id`);
    ctx.log('payments', payments);
    // One allocation per paid bill, to its quarter's payment: both ids are arithmetic, no join.
    allocations = await s.run(`
      insert into fee_allocations (community_id, payment_id, bill_id, amount_fen, created_at)
      select h.community_id, ${payBase} + h.pay_off + i / 3, ${billBase} + h.hi * ${months} + i, h.amount, ('${first}-01'::date + make_interval(months => i + 1))::timestamptz
      from gz_fee_home h cross join lateral generate_series(0, h.owes_from - 1) i`);
    ctx.log('allocations', allocations);
    await s.run(`
      insert into fee_receipt_counters (community_id, compound_id, year, last)
      select min(community_id), compound_id, extract(year from paid_at at time zone 'Asia/Shanghai')::int, max(n) from gz_fee_pay group by compound_id, 3`);
  } finally {
    if (rebuild) {
      for (const i of secondary) await s.exec(i.def.replace(/^CREATE (UNIQUE )?INDEX /, (m) => `${m}IF NOT EXISTS `));
      ctx.log('fee indexes rebuilt', secondary.length);
    }
  }
  await s.exec('drop table if exists gz_fee_pay; drop table if exists gz_fee_home');
  await s.exec('analyze fee_bills, fee_payments, fee_allocations, fee_schedules');
  return { fee_schedules: schedules, fee_bills: bills, fee_payments: payments, fee_allocations: allocations };
}

interface FeeBenchFacts {
  compound: { id: number; households: number; collector: string } | null;
  open: { billId: number; collector: string }[];
  cityId: number;
  dept: string;
  period: string;
}

export const feesScale = defineScale<FeeBenchFacts>({
  seedCity: seedFees,
  benchFacts: async ({ cityId, cityCode, query }) => {
    const companies = await query<{ min: number }>('select min(id)::int as min from property_companies where city_id = $1', [cityId]);
    const firstCompany = Number(companies[0]?.min ?? 0);
    // The served compound closest to 2,000 households (the generated city's largest hold about 1,000).
    const [compound] = await query<{ id: number; households: number; company: number }>(`
      select k.id, count(h.id)::int as households, k.property_company_id as company from compounds k join households h on h.compound_id = k.id
      where k.city_id = $1 and not k.self_governed group by k.id order by abs(count(h.id) - 2000), k.id limit 1`, [cityId]);
    // Open bills of different households across the companies, so the burst spreads over many collectors (write limits are per account).
    const open = await query<{ bill_id: number; company: number }>(`
      select bill_id, company from (
        select b.id as bill_id, k.property_company_id as company,
          row_number() over (partition by k.property_company_id order by b.household_id, b.period) as n,
          row_number() over (partition by b.household_id order by b.period) as first
        from fee_bills b join compounds k on k.id = b.compound_id
        where k.city_id = $1 and not k.self_governed and b.amount_fen + b.adjust_fen > b.paid_fen) x
      where first = 1 and n <= 3 order by bill_id limit 150`, [cityId]);
    const [latest] = await query<{ period: string }>(`select to_char(max(b.period), 'YYYY-MM') as period from fee_bills b join compounds k on k.id = b.compound_id where k.city_id = $1`, [cityId]);
    return {
      compound: compound ? { id: Number(compound.id), households: compound.households, collector: `${cityCode}-property-${Number(compound.company) - firstCompany}` } : null,
      open: open.map((o) => ({ billId: Number(o.bill_id), collector: `${cityCode}-property-${Number(o.company) - firstCompany}` })),
      cityId, dept: `${cityCode}-dept`, period: latest?.period ?? '2026-01',
    };
  },
  benchScenarios: async (facts, login) => {
    if (!facts.compound) return [];
    const collectorHeaders = new Map<string, Record<string, string>>();
    for (const username of new Set([facts.compound.collector, ...facts.open.map((o) => o.collector)])) collectorHeaders.set(username, await login(username));
    const dept = await login(facts.dept);
    // Future months, one per request: every generation creates the compound's bills of a month of its own.
    const periods = Array.from({ length: 240 }, (_, i) => addMonths('2031-01', i));
    return [
      {
        key: 'fees_generate', title: `fees 1. bill generation for a ${facts.compound.households}-household compound (POST /api/compounds/:id/bills/generate)`, ceiling: 'database',
        note: `compound ${facts.compound.id}; each request a new month (2031-01 on), so each creates ${facts.compound.households} bills in one transaction`,
        requests: periods.map((period) => ({ method: 'POST' as const, path: `/api/compounds/${facts.compound!.id}/bills/generate`, headers: collectorHeaders.get(facts.compound!.collector)!, body: { period } })),
      },
      {
        key: 'fees_pay', title: 'fees 2. payment burst: cash at the office, spread oldest first (POST /api/bills/:id/payments, Idempotency-Key)', ceiling: 'database', idempotencyKeys: true,
        note: `${facts.open.length} open bills of different households, ¥1.00 each, by their compounds' collectors (${collectorHeaders.size} accounts)`,
        requests: facts.open.map((o) => ({ method: 'POST' as const, path: `/api/bills/${o.billId}/payments`, headers: collectorHeaders.get(o.collector)!, body: { method: 'cash', amountFen: 100 } })),
        expectedStatuses: [422],
      },
      {
        key: 'fees_rate_city', title: `fees 3. 缴费率 of the whole city, ${facts.period} (GET /api/fees/payment-rate?cityId=)`, ceiling: 'framework',
        requests: [{ method: 'GET', path: `/api/fees/payment-rate?cityId=${facts.cityId}&period=${facts.period}`, headers: dept }],
      },
    ];
  },
});
