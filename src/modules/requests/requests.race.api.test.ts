import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, fileAsResident, type RequestsCommunity } from '../../../test/requests-factories.js';

/*
 * Races the database must decide, with real concurrency on PostgreSQL (several pool
 * connections). To prove the conditional UPDATE decided — not a state check in JavaScript that
 * happened to run second — both dispatchers read the request before either writes: the test
 * holds the request's row lock in a transaction of its own, so both UPDATEs queue behind it with
 * the state they read; on release one moves the row and the other finds it moved: STALE.
 * PGlite has one connection (statements run one after another), so this file runs on PostgreSQL.
 */
const onPostgres = !!process.env.DATABASE_URL;
let t: TestApp;
let w: RequestsCommunity;
let staff: Client;
let staff2: Client;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  w = await buildRequestsCommunity(t.database.db);
  staff = await login(t.app, w.accounts.staff.username);
  staff2 = await login(t.app, w.accounts.staff.username);
});
afterAll(async () => t?.close());

/** Runs `race` while a separate connection holds the row lock of request `id`; releases it once both writers wait. */
async function withRowHeld<T>(id: number, race: () => Promise<T>): Promise<T> {
  const client = await t.database.pool!.connect();
  try {
    await client.query('begin');
    await client.query('select id from service_requests where id = $1 for update', [id]);
    const running = race();
    // Both UPDATEs are queued on the lock (pg_locks shows them waiting), then the lock goes.
    let queued = false;
    for (let i = 0; i < 100 && !queued; i++) {
      // Statistics are a snapshot per transaction: clear it to see the writers arrive.
      await client.query('select pg_stat_clear_snapshot()');
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'update%service_requests%'`);
      queued = rows[0]!.n >= 2;
      if (!queued) await new Promise((r) => setTimeout(r, 50));
    }
    // Without both writers waiting on the lock, this test would prove nothing.
    if (!queued) throw new Error('the two writers never queued on the row lock');
    await client.query('commit');
    return await running;
  } finally {
    client.release();
  }
}

describe.skipIf(!onPostgres)('races decided by the conditional UPDATE (PostgreSQL)', () => {
  it('two dispatchers at once: one 200, one REQUEST_STALE (both had read it as submitted)', async () => {
    const id = await fileAsResident(t.app.ctx, w);
    const [a, b] = await withRowHeld(id, () => Promise.all([
      staff.post(`/api/requests/${id}/dispatch`, { assigneeKind: 'property_company' }),
      staff2.post(`/api/requests/${id}/dispatch`, { assigneeKind: 'local_unit', organisationId: w.localUnit.id }),
    ]));
    const results = [a!, b!].map((r) => ({ status: r.statusCode, code: r.statusCode === 200 ? null : r.json().error.code }));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.code).toBe('REQUEST_STALE');
    const events = await t.database.db.execute(sql`select count(*)::int as n from request_events where request_id = ${id} and action = 'dispatch'`);
    expect((events as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it('ten concurrent dispatches from ten connections: exactly one wins, the rest are 409 and nothing is half-written', async () => {
    const id = await fileAsResident(t.app.ctx, w);
    // Logins one after another: parallel logins of one account count as attempts in flight (the throttle's rule).
    const clients: Client[] = [];
    for (let i = 0; i < 10; i++) clients.push(await login(t.app, w.accounts.staff.username));
    const results = await Promise.all(clients.map((c) => c.post(`/api/requests/${id}/dispatch`, { assigneeKind: 'property_company' })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(9);
    const rows = (await t.database.db.execute(sql`select version, (select count(*)::int from request_events e where e.request_id = r.id and e.action = 'dispatch') as n from service_requests r where id = ${id}`) as unknown as { rows: { version: number; n: number }[] }).rows;
    expect(rows[0]).toEqual({ version: 2, n: 1 });
  });
});
