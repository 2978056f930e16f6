import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityOptions } from '../../../bench/city/options.js';
import { seedCity, type SeedResult } from '../../../bench/city/seed.js';
import { openSession } from '../../../bench/city/session.js';
import type { Database } from '../../db/client.js';
import { verifyFigures } from '../../kernel/figures.js';
import { openTestDatabase } from '../../../test/db.js';
import { feeRateFigures } from './fees.figures.js';

/*
 * The fees part of seed:city on a small city: a schedule per compound, `years` × 12 bills per
 * household, payments whose allocations add up to what the bills say is paid, consecutive
 * receipt numbers, arrears of every age, and the `fees` figures exact against the recount.
 */
let database: Database;
let city: SeedResult;
const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
  const s = await openSession(database);
  try {
    return (await s.query<T>(sql, params))[0]!;
  } finally {
    await s.release();
  }
};

beforeAll(async () => {
  database = await openTestDatabase();
  city = await seedCity(database, { ...cityOptions({ households: '400', requests: '200', seed: '7', end: '2026-01-10' }), cityCode: `feescale-${randomBytes(3).toString('hex')}`, passwordCost: 10 });
}, 240_000);
afterAll(async () => database?.close());

describe('seed:city fees', () => {
  it('bills every household every month of two years, once', async () => {
    const r = await one<{ bills: number; homes: number; periods: number; dupes: number }>(`
      select count(*)::int as bills, count(distinct b.household_id)::int as homes, count(distinct b.period)::int as periods,
        (select count(*)::int from households h join compounds k on k.id = h.compound_id where k.city_id = $1) as dupes
      from fee_bills b join compounds k on k.id = b.compound_id where k.city_id = $1`, [city.cityId]);
    expect(r.periods).toBe(24);
    expect(r.homes).toBe(r.dupes);
    expect(r.bills).toBe(24 * r.homes);
    expect(city.counts.fee_bills).toBe(r.bills);
  });

  it('pays with allocations that add up, and leaves arrears of every age', async () => {
    const r = await one<{ paid: number; allocated: number; payments: number; sum: number; dup: number; ages: number; lastRate: number }>(`
      select (select sum(b.paid_fen) from fee_bills b join compounds k on k.id = b.compound_id where k.city_id = $1)::bigint as paid,
        (select sum(a.amount_fen) from fee_allocations a join fee_payments p on p.id = a.payment_id join compounds k on k.id = p.compound_id where k.city_id = $1)::bigint as allocated,
        (select count(*) from fee_payments p join compounds k on k.id = p.compound_id where k.city_id = $1)::int as payments,
        (select sum(p.amount_fen) from fee_payments p join compounds k on k.id = p.compound_id where k.city_id = $1)::bigint as sum,
        (select count(*) - count(distinct receipt_no) from fee_payments p join compounds k on k.id = p.compound_id where k.city_id = $1)::int as dup,
        (select count(distinct least(4, (date '2026-01-01' - b.period) / 91)) from fee_bills b join compounds k on k.id = b.compound_id where k.city_id = $1 and b.paid_fen = 0)::int as ages,
        (select avg(case when paid_fen = amount_fen then 1.0 else 0 end) from fee_bills b join compounds k on k.id = b.compound_id where k.city_id = $1 and b.period = '2025-12-01')::float8 as "lastRate"`, [city.cityId]);
    expect(Number(r.allocated)).toBe(Number(r.paid));
    expect(Number(r.sum)).toBe(Number(r.paid));
    expect(r.payments).toBeGreaterThan(0);
    expect(r.dup).toBe(0);
    expect(r.ages).toBeGreaterThanOrEqual(4);
    expect(r.lastRate).toBeGreaterThan(0.8);
    expect(r.lastRate).toBeLessThan(0.97);
  });

  it('leaves the fees figures exact against the recount', async () => {
    const s = await openSession(database);
    const ids = (await s.query<{ id: number }>('select id from communities where city_id = $1', [city.cityId])).map((x) => Number(x.id));
    await s.release();
    expect(await verifyFigures(database.db, feeRateFigures, ids)).toEqual([]);
  });
});
