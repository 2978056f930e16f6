import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { openTestDatabase } from '../../../test/db.js';
import type { Database } from '../../db/client.js';
import { creditService } from './members.ledger.js';

let database: Database;
let w: TestCommunity;
beforeAll(async () => {
  database = await openTestDatabase();
  w = await buildCommunity(database.db);
});
afterAll(async () => database?.close());

describe('creditService', () => {
  it('credits a source once per person, even when retried at the same time', async () => {
    const source = { module: 'wishes', kind: 'wish', id: Math.floor(Math.random() * 1e9) };
    const credit = () => database.db.transaction((tx) => creditService({ tx, communityId: w.community.id, personId: w.accounts.staff.personId, source, minutes: 90, at: new Date('2026-03-05T10:00:00+08:00') }));
    const results = await Promise.all([credit(), credit(), credit(), credit()]);
    expect(results.filter((r) => r.credited)).toHaveLength(1);
    expect(results.every((r) => r.points === 3)).toBe(true);
    const rows = (await database.db.execute(sql`select count(*)::int as n, sum(points)::int as p from service_ledger where source_id = ${source.id}`) as unknown as { rows: { n: number; p: number }[] }).rows;
    expect(rows[0]).toEqual({ n: 1, p: 3 });
  });
});
