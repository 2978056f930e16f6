import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityChecksum } from '../../bench/city/checksum.js';
import { cityOptions } from '../../bench/city/options.js';
import { seedCity, type SeedResult } from '../../bench/city/seed.js';
import { openSession } from '../../bench/city/session.js';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { verifyRollups } from '../../src/modules/figures/figures.rollups.js';
import { requestStates } from '../../src/shared/request-states.js';
import { openTestDatabase } from '../db.js';

// The city generator at a tiny size: the counts asked for, every lifecycle state, consistent
// references (FK checks are off while it loads), exact roll-ups, and the same data for the same seed.
describe('seed:city generator', () => {
  let database: Database;
  const tag = randomBytes(3).toString('hex');
  const options = (code: string, seed = 42) => ({
    ...cityOptions({ households: '500', requests: '2000', seed: String(seed), end: '2026-01-10' }),
    cityCode: `seedtest-${tag}-${code}`,
    passwordCost: 10,
  });
  let first: SeedResult;
  let indexesBefore: string[];

  // A full roll-up rebuild (a fresh database: PGlite here) drops the roll-ups' indexes and builds them after.
  const figuresIndexes = async () => (await queryRows<{ indexdef: string }>(database.db, sql`select indexdef from pg_indexes where tablename like 'figures%' order by indexdef`)).map((r) => r.indexdef);

  beforeAll(async () => {
    database = await openTestDatabase();
    indexesBefore = await figuresIndexes();
    first = await seedCity(database, options('a'));
  });
  afterAll(async () => {
    await database?.close();
  });

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
    const s = await openSession(database);
    try {
      return (await s.query<T>(sql, params))[0]!;
    } finally {
      await s.release();
    }
  };

  it('writes the sizes asked for', async () => {
    expect(first.counts.households).toBe(500);
    expect(first.counts.requests).toBe(2000);
    const counts = await one<{ households: number; requests: number; events: number; accounts: number; members: number }>(`
      select (select count(*) from households h join compounds k on k.id = h.compound_id where k.city_id = $1)::int as households,
             (select count(*) from service_requests where city_id = $1)::int as requests,
             (select count(*) from request_events e join service_requests r on r.id = e.request_id where r.city_id = $1)::int as events,
             (select count(*) from accounts a join people p on p.id = a.person_id where p.city_id = $1)::int as accounts,
             (select count(*) from party_members m join people p on p.id = m.person_id where p.city_id = $1)::int as members`, [first.cityId]);
    expect(counts.households).toBe(500);
    expect(counts.requests).toBe(2000);
    expect(counts.events).toBe(first.counts.events);
    expect(counts.events).toBeGreaterThan(4 * 2000);
    expect(counts.accounts).toBe(first.counts.accounts);
    expect(counts.members).toBeGreaterThan(0);
  });

  it('has requests in every state, with a timeline that ends in that state', async () => {
    const { states } = await one<{ states: string[] }>('select array_agg(distinct state) as states from service_requests where city_id = $1', [first.cityId]);
    expect([...states].sort()).toEqual([...requestStates].sort());
    const { wrong } = await one<{ wrong: number }>(`
      select count(*)::int as wrong from service_requests r
      where r.city_id = $1 and r.state <> (select e.to_state from request_events e where e.request_id = r.id order by e.at desc, e.id desc limit 1)`, [first.cityId]);
    expect(wrong).toBe(0);
  });

  it('writes consistent references', async () => {
    const { dangling } = await one<{ dangling: number }>(`
      select (select count(*) from service_requests r left join households h on h.id = r.household_id
               left join compounds k on k.id = r.compound_id left join request_categories c on c.id = r.category_id
               where r.city_id = $1 and (h.id is null or k.id is null or c.id is null or h.compound_id <> r.compound_id or k.community_id <> r.community_id))
           + (select count(*) from households h left join building_units u on u.id = h.unit_id left join buildings b on b.id = h.building_id
               where h.community_id in (select id from communities where city_id = $1) and (u.id is null or b.id is null or u.building_id <> b.id or b.compound_id <> h.compound_id))
           + (select count(*) from household_members m left join people p on p.id = m.person_id left join households h on h.id = m.household_id
               where m.community_id in (select id from communities where city_id = $1) and (p.id is null or h.id is null))
           + (select count(*) from role_grants g join accounts a on a.id = g.account_id join people p on p.id = a.person_id
               where p.city_id = $1 and g.scope_type = 'community' and g.scope_id not in (select id from communities where city_id = $1))
           as dangling`, [first.cityId]);
    expect(Number(dangling)).toBe(0);
  });

  it('leaves the figures roll-ups equal to a full recount', async () => {
    const { ids } = await one<{ ids: number[] }>('select array_agg(id) as ids from communities where city_id = $1', [first.cityId]);
    expect(await verifyRollups(database.db, { communityIds: ids.map(Number) })).toEqual([]);
    expect(indexesBefore.length).toBeGreaterThan(8);
    expect(await figuresIndexes()).toEqual(indexesBefore);
  });

  it('is deterministic: the same seed gives the same city, another seed another', async () => {
    const second = await seedCity(database, options('b'));
    const other = await seedCity(database, options('c', 43));
    const s = await openSession(database);
    try {
      const [a, b, c] = [await cityChecksum(s, first.cityId), await cityChecksum(s, second.cityId), await cityChecksum(s, other.cityId)];
      expect(b).toBe(a);
      expect(c).not.toBe(a);
    } finally {
      await s.release();
    }
  });
});
