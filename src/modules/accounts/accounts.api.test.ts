import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../server/clock.js';
import { accounts } from './accounts.schema.js';
import { createTestApp, login, type TestApp } from '../../../test/app.js';
import { buildAccount, buildCommunity, TEST_PASSWORD, type TestCommunity } from '../../../test/factories.js';

let t: TestApp;
let world: TestCommunity;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildCommunity(t.database.db);
});
afterAll(async () => t?.close());

describe('auth', () => {
  it('logs in, answers /me with roles and scopes, and logs out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: world.accounts.staff.username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gz_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.roles.map((r: { role: string }) => r.role).sort()).toEqual(['community_staff', 'party_committee']);
    expect(me.roles[0].scopeName).toBe(world.community.name);

    const headers = { cookie: `gz_session=${cookie.value}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    // Logout is a write: without the CSRF header it is refused.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(403);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...headers, 'x-csrf-token': me.csrfToken } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('accepts the phone number of the account\'s person as the login name', async () => {
    // A phone unique across the (possibly shared PostgreSQL) test database.
    const phone = `15${String(Date.now()).slice(-9)}`;
    const account = await buildAccount(t.database.db, world.city.id, [{ role: 'resident', scopeType: 'household', scopeId: world.households[3]!.id }], { phone });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: phone, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe(account.username);
  });

  it('rejects a wrong password with a stable error and never says which part was wrong', async () => {
    // Failed logins come from an address of their own: on a shared PostgreSQL, failures from the
    // default 127.0.0.1 would count against every other test file's logins.
    const remoteAddress = `10.3.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: world.accounts.resident.username, password: 'nope' }, remoteAddress });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password', details: null } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'nope' }, remoteAddress });
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const username = world.accounts.neighbour.username;
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong' }, remoteAddress: `10.9.0.${i}` });
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD }, remoteAddress: '10.9.0.99' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('LOGIN_RATE_LIMITED');
  });

  it('limits failures per IP across accounts', async () => {
    for (let i = 0; i < 30; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `ghost-${i}`, password: 'x' }, remoteAddress: '10.8.8.8' });
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: world.accounts.dept.username, password: TEST_PASSWORD }, remoteAddress: '10.8.8.8' });
    expect(res.statusCode).toBe(429);
  });

  it('cuts a burst of 30 parallel wrong passwords at the limit: 5 checked, 25 refused before any check', async () => {
    const account = await buildAccount(t.database.db, world.city.id, [{ role: 'resident', scopeType: 'household', scopeId: world.households[2]!.id }]);
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => t.app.inject({
      method: 'POST', url: '/api/auth/login', payload: { username: account.username, password: `guess-${i}` }, remoteAddress: `10.7.${i}.1`,
    })));
    const statuses = burst.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    const refused = burst.find((r) => r.statusCode === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The right password waits for the lock like everyone else.
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account.username, password: TEST_PASSWORD }, remoteAddress: '10.7.99.1' });
    expect(right.statusCode).toBe(429);
  });

  it('answers for a disabled account exactly as for a wrong password, even with the right one', async () => {
    const account = await buildAccount(t.database.db, world.city.id, [{ role: 'resident', scopeType: 'household', scopeId: world.households[3]!.id }]);
    await t.database.db.update(accounts).set({ disabled: true }).where(eq(accounts.id, account.accountId));
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account.username, password: TEST_PASSWORD }, remoteAddress: '10.6.0.1' });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account.username, password: 'nope' }, remoteAddress: '10.6.0.2' });
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual(wrong.json());
  });

  it('ends a session after the idle timeout (30 min), though its 12 h are not over', async () => {
    const idle = await createTestApp({ database: t.database, config: { sessionIdleMinutes: 30 } });
    try {
      const client = await login(idle.app, world.accounts.committee.username);
      (idle.clock as FakeClock).advanceMinutes(20);
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);
      // Use keeps it alive: 20 more minutes are within 30 of the last request.
      (idle.clock as FakeClock).advanceMinutes(20);
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);
      (idle.clock as FakeClock).advanceMinutes(31);
      expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await idle.close();
    }
  });
});

describe('API conventions', () => {
  it('answers malformed JSON, wrong types, unknown fields and huge bodies with 4xx JSON errors', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MALFORMED_REQUEST');
    const types = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 5, password: [] } });
    expect(types.statusCode).toBe(400);
    expect(types.json().error.code).toBe('VALIDATION_FAILED');
    const extra = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b', admin: true } });
    expect(extra.statusCode).toBe(400);
    const huge = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'x'.repeat(2_000_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('reports health with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('publishes an OpenAPI document covering every API route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const routes = t.app.printRoutes({ commonPrefix: false });
    expect(routes).toContain('/api/auth/login');
    for (const route of ['POST /api/auth/login', 'GET /api/auth/me', 'GET /api/communities', 'GET /api/communities/{id}/compounds']) {
      expect(documented.has(route)).toBe(true);
    }
  });

  it('a logged-in client works through the test helper', async () => {
    const client = await login(t.app, world.accounts.staff.username);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
  });
});
