import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { DEMO_TEST_NOW } from '../../../test/demo.js';
import { isDemoLoaded, loadDemo } from '../../db/demo/seed.js';
import { FakeClock } from '../../server/clock.js';

let t: TestApp;

beforeAll(async () => {
  // The demo's day: on a shared PostgreSQL the other demo test files read what this file may load.
  t = await createTestApp({ clock: new FakeClock(DEMO_TEST_NOW) });
});
afterAll(async () => t?.close());

describe('GET /api/demo/accounts', () => {
  it('advertises nothing without the demo city, and the demo accounts once it is loaded', async () => {
    if (!(await isDemoLoaded(t.database.db))) {
      const empty = await t.app.inject({ method: 'GET', url: '/api/demo/accounts' });
      expect(empty.statusCode).toBe(200);
      expect(empty.json()).toEqual({ enabled: false, password: null, accounts: [] });
      await loadDemo(t.database.db, t.clock, { passwordCost: 10 });
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/demo/accounts' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.enabled).toBe(true);
    expect(body.password).toBe('gongzhi-demo');
    const resident = body.accounts.find((a: { username: string }) => a.username === 'resident1');
    expect(resident).toMatchObject({ roles: ['resident'] });
    expect(resident.description).toContain('鼎立社区');
    expect(body.accounts.map((a: { username: string }) => a.username)).toContain('community1');
    // Only usernames, descriptions and roles: no ids, hashes or phone numbers.
    expect(Object.keys(resident).sort()).toEqual(['description', 'roles', 'username']);
  }, 120_000);
});
