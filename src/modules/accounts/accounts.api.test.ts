import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: world.accounts.resident.username, password: 'nope' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password', details: null } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'nope' } });
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
