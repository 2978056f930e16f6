import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount, buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { loadActor } from '../accounts/accounts.service.js';
import { checkOutItem } from './stations.checkouts.js';
import { buildStation, type StationFixture } from './stations.testing.js';

/*
 * Races decided in the database, with real concurrency on PostgreSQL (DATABASE_URL: a pool of
 * 20 connections, every request its own transaction; on PGlite the same test runs serialised):
 * fifty team members reaching for the last units at once, fifty service calls in independent
 * transactions, returns of one check-out racing each other, and two managers opening a roll call.
 */
let t: TestApp;
let w: TestCommunity;
let staff: Client;
let f: StationFixture;
const team: Client[] = [];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildCommunity(t.database.db);
  staff = await login(t.app, w.accounts.staff.username);
  f = await buildStation(staff, { communityId: w.community.id, companyId: w.company.id });
  for (let i = 0; i < 10; i++) {
    const member = await buildAccount(t.database.db, w.city.id, [{ role: 'rescue_member', scopeType: 'community', scopeId: w.community.id }]);
    team.push(await login(t.app, member.username));
  }
});
afterAll(async () => t?.close());

async function addItem(name: string, quantity: number, consumable = false): Promise<number> {
  const res = await staff.post(`/api/stations/${f.stationId}/items`, { section: 'supplies', category: '测试类', name, unit: '个', quantity, standardQuantity: quantity, consumable });
  return res.json().id;
}

async function stockOf(itemId: number) {
  const [row] = await queryRows<{ quantity: number; ledger: number; events: number; units_out: number }>(t.database.db, sql`
    select i.quantity,
      (select coalesce(sum(delta), 0)::int from station_item_events e where e.item_id = i.id) as ledger,
      (select count(*)::int from station_item_events e where e.item_id = i.id and e.kind = 'checkout') as events,
      (select coalesce(sum(quantity - returned_quantity), 0)::int from station_checkouts c where c.item_id = i.id) as units_out
    from station_items i where i.id = ${itemId}`);
  return row!;
}

describe('stock never goes negative', () => {
  it('under 50 concurrent check-outs of the last 5 units through the API', async () => {
    const itemId = await addItem('挪车器（最后5台）', 5);
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      team[i % team.length]!.post(`/api/stations/${f.stationId}/checkouts`, { itemId, quantity: 1, purpose: 'incident', reason: `并发领用 ${i}` })));
    const statuses = replies.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(45);
    for (const r of replies.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('STATION_STOCK_INSUFFICIENT');
    // The winners saw the stock fall 4, 3, 2, 1, 0 — each exactly once.
    expect(replies.filter((r) => r.statusCode === 201).map((r) => r.json().itemQuantityAfter).sort()).toEqual([0, 1, 2, 3, 4]);
    const s = await stockOf(itemId);
    expect(s).toEqual({ quantity: 0, ledger: 0, events: 5, units_out: 5 });
  });

  it('under 50 concurrent check-outs of mixed sizes in independent service transactions', async () => {
    const itemId = await addItem('防汛沙袋（并发）', 40, true);
    const actors = await Promise.all([w.accounts.staff.accountId, w.accounts.property.accountId].map((id) => loadActor(t.database.db, id)));
    const sizes = Array.from({ length: 50 }, (_, i) => (i % 3) + 1);
    const results = await Promise.allSettled(sizes.map((quantity, i) =>
      checkOutItem({ ctx: t.app.ctx, actor: actors[i % 2]!, stationId: f.stationId, input: { itemId, quantity, purpose: 'incident' } })));
    const taken = results.flatMap((r, i) => (r.status === 'fulfilled' ? [sizes[i]!] : []));
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('STATION_STOCK_INSUFFICIENT');
    const total = taken.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(40);
    // Whoever lost was told the truth: no request that still fit was refused once the others settled.
    const s = await stockOf(itemId);
    expect(s.quantity).toBe(40 - total);
    expect(s.quantity).toBeGreaterThanOrEqual(0);
    expect(s.ledger).toBe(s.quantity);
    expect(s.quantity).toBeLessThan(3);
  });

  it('is also refused by the database itself (CHECK quantity >= 0)', async () => {
    const itemId = await addItem('强光手电（约束）', 1);
    await expect(t.database.db.execute(sql`update station_items set quantity = quantity - 2 where id = ${itemId}`)).rejects.toMatchObject({ cause: { code: '23514' } });
    expect((await stockOf(itemId)).quantity).toBe(1);
  });
});

describe('returns and roll calls race safely', () => {
  it('10 concurrent returns of one check-out put it back once', async () => {
    const itemId = await addItem('液压剪扩器（归还）', 3);
    const c = (await team[0]!.post(`/api/stations/${f.stationId}/checkouts`, { itemId, quantity: 2, purpose: 'drill' })).json();
    const replies = await Promise.all(team.map((m) => m.post(`/api/checkouts/${c.id}/return`, {})));
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'STATION_CHECKOUT_SETTLED')).toBe(true);
    expect((await stockOf(itemId)).quantity).toBe(3);
  });

  it('two managers (and the schedule) open one roll call, not three', async () => {
    const property = await login(t.app, w.accounts.property.username);
    const replies = await Promise.all([staff, property, staff, property].map((m) => m.post(`/api/stations/${f.stationId}/roll-calls`, {})));
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'STATION_ROLL_CALL_OPEN')).toBe(true);
    const [n] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from station_roll_calls where station_id = ${f.stationId}`);
    expect(n!.n).toBe(1);
  });
});
