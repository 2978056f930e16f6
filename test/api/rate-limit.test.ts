import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../app.js';
import { buildAccount, buildCommunity, type TestCommunity } from '../factories.js';

/*
 * Write rate limits live in the database, so two app processes on one database share them; a
 * write over the limit answers 429 with Retry-After before its body is looked at.
 */
let a: TestApp;
let b: TestApp;
let w: TestCommunity;
const limits = { perAccount: 5, perIp: 40, perApiKey: 5 };

beforeAll(async () => {
  a = await createTestApp({ config: { writeLimits: limits } });
  // A second app on the same database, like a second process behind the load balancer.
  b = await createTestApp({ database: a.database, config: { writeLimits: limits } });
  w = await buildCommunity(a.database.db);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('write rate limits', () => {
  it('count an account\'s writes across processes and answer 429 with Retry-After over the limit', async () => {
    const onA = await login(a.app, w.accounts.resident.username);
    const onB = await login(b.app, w.accounts.resident.username);
    // A fresh address: other test files on a shared PostgreSQL write from 127.0.0.1 in the same
    // minute, and the per-IP counter (40 / 8 per account group) must not be what refuses here.
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.9`;
    const write = (c: typeof onA) => c.raw({ method: 'POST', url: '/api/notifications/read-all', payload: {}, remoteAddress: ip });
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await write(i % 2 ? onA : onB)).statusCode);
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => write(i % 2 ? onA : onB)));
    const statuses = [...results, ...burst.map((r) => r.statusCode)];
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const refused = burst.find((r) => r.statusCode === 429)!;
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Reads are not limited.
    expect((await onA.get('/api/notifications')).statusCode).toBe(200);
    // Another account has its own quota.
    const staff = await login(a.app, w.accounts.staff.username);
    const elsewhere = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.10`;
    expect((await staff.raw({ method: 'POST', url: '/api/notifications/read-all', payload: {}, remoteAddress: elsewhere })).statusCode).toBe(200);
  });

  it('limit writes per client IP across accounts (an eighth of the limit per account group)', async () => {
    // Two accounts whose writes land on the same part of the IP's counter (account id mod 8).
    const made: { username: string; accountId: number }[] = [];
    while (made.length < 2) {
      const acc = await buildAccount(a.database.db, w.city.id, [{ role: 'resident', scopeType: 'household', scopeId: w.households[2]!.id }]);
      if (made.length === 0 || acc.accountId % 8 === made[0]!.accountId % 8) made.push(acc);
    }
    const clients = await Promise.all(made.map((m) => login(a.app, m.username)));
    // A fresh address: counters live in the (possibly shared) database for the rest of the minute.
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.4`;
    const statuses: number[] = [];
    // 3 + 3 writes: each account stays under its own 5, together they pass the IP part's 40 / 8 = 5.
    for (const c of clients) for (let i = 0; i < 3; i++) statuses.push((await c.raw({ method: 'POST', url: '/api/notifications/read-all', payload: {}, remoteAddress: ip })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('exempt login and logout, which have their own rules', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await a.app.inject({ method: 'POST', url: '/api/auth/logout', remoteAddress: '10.5.5.6' })).statusCode);
    expect(statuses.every((s) => s === 204)).toBe(true);
  });
});
