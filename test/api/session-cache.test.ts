import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accounts } from '../../src/modules/accounts/accounts.schema.js';
import { announceAccountChanged } from '../../src/server/session-cache.js';
import { createTestApp, login, type TestApp } from '../app.js';
import { buildAccount, buildCommunity, type TestCommunity } from '../factories.js';

/*
 * The per-process session cache must never outlive a logout or a change of rights that was
 * announced: on PostgreSQL the announcement crosses processes (LISTEN/NOTIFY), so a second app
 * on the same database drops its copy too.
 */
const onPostgres = !!process.env.DATABASE_URL;
let a: TestApp;
let b: TestApp;
let w: TestCommunity;

beforeAll(async () => {
  a = await createTestApp({ config: { sessionCacheSeconds: 30 } });
  b = await createTestApp({ database: a.database, config: { sessionCacheSeconds: 30 } });
  w = await buildCommunity(a.database.db);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('session cache', () => {
  it('answers from the cache, and a logout ends the session at once', async () => {
    const client = await login(a.app, w.accounts.staff.username);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it.skipIf(!onPostgres)('a logout in one process ends the session in another (PostgreSQL)', async () => {
    const onA = await login(a.app, w.accounts.resident.username);
    const me = () => b.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: onA.headers.cookie! } });
    expect((await me()).statusCode).toBe(200); // now cached in b
    expect((await onA.post('/api/auth/logout')).statusCode).toBe(204);
    await vi.waitFor(async () => expect((await me()).statusCode).toBe(401), { timeout: 5000 });
  });

  it('an announced change of an account drops its cached sessions', async () => {
    const account = await buildAccount(a.database.db, w.city.id, [{ role: 'community_staff', scopeType: 'community', scopeId: w.community.id }]);
    const client = await login(a.app, account.username);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    await a.database.db.update(accounts).set({ disabled: true }).where(eq(accounts.id, account.accountId));
    await announceAccountChanged(a.app.ctx.events, account.accountId);
    await vi.waitFor(async () => expect((await client.get('/api/auth/me')).statusCode).toBe(401), { timeout: 5000 });
  });
});
