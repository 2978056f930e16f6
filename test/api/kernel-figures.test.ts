import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { foldAllFigures, foldFigures, readFigureDays, readFigures, rebuildFigures, recordFigures, totalsOf, verifyFigures, type FiguresContributor } from '../../src/kernel/figures.js';
import { Random } from '../../src/db/demo/random.js';
import { openTestDatabase } from '../db.js';
import { buildCity, buildCommunity, type TestCommunity } from '../factories.js';

/*
 * The figures-contributor contract on a stand-in fact table: every write adds its fact row and
 * its counter deltas in one transaction; the figures must equal a recount at every level, with
 * the fold job behind, half-way or done, and a rebuild must repair tampered cells.
 */
let database: Database;
let a: TestCommunity;
let b: TestCommunity;
const family = `test.facts.${Math.random().toString(36).slice(2, 8)}`;

const contributor: FiguresContributor = {
  family,
  description: 'test facts',
  counters: { made: 'facts made', points: 'points of the facts' },
  dimension: 'kind',
  daily: ['made'],
  sourceTables: ['kernel_test_facts'],
  recount: (ids) => sql`
    select community_id, compound_id, 0 as company_id, kind as dim, day, 'made' as counter, count(*) as n from kernel_test_facts
      where family = ${family} ${ids ? sql`and community_id = any(${`{${ids.join(',')}}`}::bigint[])` : sql``} group by 1, 2, 3, 4, 5
    union all
    select community_id, compound_id, 0, kind, day, 'points', sum(points) from kernel_test_facts
      where family = ${family} ${ids ? sql`and community_id = any(${`{${ids.join(',')}}`}::bigint[])` : sql``} group by 1, 2, 3, 4, 5`,
};

beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.execute(sql`create table if not exists kernel_test_facts (id bigint generated always as identity primary key, family text not null,
    community_id bigint not null, compound_id bigint not null, kind text not null, day date not null, points int not null)`);
  const city = await buildCity(database.db);
  a = await buildCommunity(database.db, city);
  b = await buildCommunity(database.db, city);
});
afterAll(async () => database?.close());

async function addFact(w: TestCommunity, kind: string, day: string, points: number) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into kernel_test_facts (family, community_id, compound_id, kind, day, points) values (${family}, ${w.community.id}, ${w.compound.id}, ${kind}, ${day}, ${points})`);
    await recordFigures(tx, contributor, [
      { communityId: w.community.id, compoundId: w.compound.id, dim: kind, day, counter: 'made', delta: 1 },
      { communityId: w.community.id, compoundId: w.compound.id, dim: kind, day, counter: 'points', delta: points },
    ]);
  });
}

const ids = () => [a.community.id, b.community.id];

describe('kernel figures', () => {
  it('equal a recount before, during and after the fold, at every level', async () => {
    const days = ['2025-11-30', '2025-12-01', '2026-01-13', '2026-01-14'];
    const kinds = ['x', 'y', 'z'];
    const rng = new Random(7);
    const rnd = (n: number) => rng.int(0, n - 1);
    // Concurrent writers, like residents at once: no shared counter row to wait on.
    await Promise.all(Array.from({ length: 60 }, () => addFact(rnd(2) ? a : b, kinds[rnd(3)]!, days[rnd(4)]!, 1 + rnd(5))));
    expect(await verifyFigures(database.db, contributor, ids())).toEqual([]);
    await foldFigures(database.db, 17);
    expect(await verifyFigures(database.db, contributor, ids())).toEqual([]);
    await foldAllFigures(database.db);
    expect(await verifyFigures(database.db, contributor, ids())).toEqual([]);

    const [total] = (await database.db.execute(sql`select count(*)::int as made, sum(points)::int as points from kernel_test_facts where family = ${family}`) as unknown as { rows: { made: number; points: number }[] }).rows;
    const city = totalsOf(await readFigures(database.db, { family, level: 'city', areaIds: [a.city.id] }));
    expect(city).toEqual({ made: total!.made, points: total!.points });
    const street = totalsOf(await readFigures(database.db, { family, level: 'street', areaIds: [a.street.id] }));
    expect(street).toEqual(city);
    const compounds = totalsOf(await readFigures(database.db, { family, level: 'compound', areaIds: [a.compound.id, b.compound.id] }));
    expect(compounds).toEqual(city);
    // A window reads its months only; the ranking form reads every community of the city.
    const january = totalsOf(await readFigures(database.db, { family, level: 'city', areaIds: [a.city.id], from: '2026-01', to: '2026-01', counters: ['made'] }));
    const [jan] = (await database.db.execute(sql`select count(*)::int as n from kernel_test_facts where family = ${family} and day >= '2026-01-01'`) as unknown as { rows: { n: number }[] }).rows;
    expect(january).toEqual({ made: jan!.n });
    const ranked = await readFigures(database.db, { family, level: 'community', withinCityId: a.city.id, counters: ['made'], by: ['area'] });
    expect(ranked.reduce((s, r) => s + r.n, 0)).toBe(total!.made);
    const calendar = await readFigureDays(database.db, { family, level: 'city', areaId: a.city.id, counter: 'made', from: '2025-11-01', to: '2026-01-31' });
    expect([...calendar.values()].reduce((s, n) => s + n, 0)).toBe(total!.made);
  });

  it('finds tampered cells, and a rebuild repairs them', async () => {
    await addFact(a, 'x', '2026-01-13', 3);
    await foldAllFigures(database.db);
    await database.db.execute(sql`update figures_cells set n = n + 5 where family = ${family} and level = 'community' and area_id = ${a.community.id} and month = '2026-01-01' and dim = 'x' and counter = 'made'`);
    const found = await verifyFigures(database.db, contributor, ids());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ communityId: a.community.id, dim: 'x', month: '2026-01', counter: 'made' });
    await rebuildFigures(database.db, contributor, { cityIds: [a.city.id] });
    expect(await verifyFigures(database.db, contributor, ids())).toEqual([]);
    await foldAllFigures(database.db);
    expect(await verifyFigures(database.db, contributor, ids())).toEqual([]);
  });
});
