import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../server/clock.js';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount } from '../../../test/factories.js';
import { buildRequestsCommunity, fileAsResident, type RequestsCommunity } from '../../../test/requests-factories.js';

/*
 * GET /requests/counts (the queue's counters in one query) and the createdFrom/createdTo day
 * filter of the list, the counts and the exports (Asia/Shanghai days, not UTC days).
 */
let t: TestApp;
let a: RequestsCommunity;
let b: RequestsCommunity;
let staff: Client;
const ids: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRequestsCommunity(t.database.db);
  b = await buildRequestsCommunity(t.database.db);
  const clock = t.clock as FakeClock;
  // 13 Jan 09:00, 14 Jan 23:30 and 15 Jan 00:10 Shanghai time. The last two fall on the same
  // UTC day (14 Jan), so a filter on UTC days would put them together.
  for (const at of ['2026-01-13T09:00:00+08:00', '2026-01-14T23:30:00+08:00', '2026-01-15T00:10:00+08:00']) {
    clock.set(at);
    ids.push(await fileAsResident(t.app.ctx, a));
  }
  await fileAsResident(t.app.ctx, b);
  // Sessions expire by the (fake) clock: log in once it stands where the tests run.
  staff = await login(t.app, a.accounts.staff.username);
  expect((await staff.post(`/api/requests/${ids[0]}/dispatch`, { assigneeKind: 'property_company' })).statusCode).toBe(200);
  clock.set('2026-01-15T00:20:00+08:00');
});
afterAll(async () => t?.close());

const listIds = async (c: Client, query: string) => (await c.get(`/api/requests?${query}`)).json().items.map((r: { id: number }) => r.id).sort();

describe('GET /requests/counts', () => {
  it('counts per state, overdue and total over the dispatcher\'s scope, in line with the list', async () => {
    const res = await staff.get('/api/requests/counts');
    expect(res.statusCode).toBe(200);
    const counts = res.json();
    expect(counts.byState).toMatchObject({ submitted: 2, dispatched: 1, accepted: 0, closed: 0, merged: 0 });
    expect(Object.keys(counts.byState)).toHaveLength(11);
    // Only the first request is past its respond deadline at 00:20 (the second is due at 00:30).
    expect(counts).toMatchObject({ overdue: 1, total: 3 });
    expect((await staff.get('/api/requests?overdue=true')).json().total).toBe(counts.overdue);
    expect((await staff.get('/api/requests')).json().total).toBe(counts.total);
  });

  it('takes the list\'s filters', async () => {
    expect((await staff.get('/api/requests/counts?state=submitted')).json()).toMatchObject({ total: 2, byState: { dispatched: 0, submitted: 2 } });
    expect((await staff.get('/api/requests/counts?assignee=none')).json().total).toBe(2);
    expect((await staff.get(`/api/requests/counts?q=%23${ids[1]}`)).json().total).toBe(1);
    expect((await staff.get('/api/requests/counts?state=nonsense')).statusCode).toBe(400);
  });

  it('counts only what the actor may see: a resident their household, other tenants nothing', async () => {
    const resident = await login(t.app, a.accounts.resident.username);
    expect((await resident.get('/api/requests/counts')).json().total).toBe(3);
    for (const username of [a.accounts.neighbour.username, b.accounts.staff.username, b.accounts.property.username, b.accounts.dept.username]) {
      const res = await (await login(t.app, username)).get('/api/requests/counts');
      expect.soft(res.statusCode, username).toBe(200);
      expect.soft(res.json().total, username).toBe(b.accounts.dept.username === username || b.accounts.staff.username === username ? 1 : 0);
    }
  });

  it('refuses roles without requests:read (403) and anonymous callers (401)', async () => {
    const member = await buildAccount(t.database.db, a.city.id, [{ role: 'party_member', scopeType: 'community', scopeId: a.community.id }]);
    expect((await (await login(t.app, member.username)).get('/api/requests/counts')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/requests/counts' })).statusCode).toBe(401);
  });
});

describe('createdFrom / createdTo', () => {
  it('filters the list by Shanghai days, both ends inclusive', async () => {
    expect(await listIds(staff, 'createdFrom=2026-01-14&createdTo=2026-01-14')).toEqual([ids[1]]);
    expect(await listIds(staff, 'createdFrom=2026-01-15')).toEqual([ids[2]]);
    expect(await listIds(staff, 'createdTo=2026-01-14')).toEqual([ids[0], ids[1]].sort());
    expect(await listIds(staff, 'createdFrom=2026-01-13&createdTo=2026-01-15')).toEqual([...ids].sort());
    expect(await listIds(staff, 'createdFrom=2026-01-16')).toEqual([]);
  });

  it('applies to the counts and the exports', async () => {
    expect((await staff.get('/api/requests/counts?createdFrom=2026-01-14')).json()).toMatchObject({ total: 2, byState: { submitted: 2, dispatched: 0 } });
    const csv = (await staff.get('/api/requests/export.csv?createdTo=2026-01-14')).body;
    const exported = csv.split('\n').slice(1).filter(Boolean).map((line) => Number(line.split(',')[0]));
    expect(exported.sort()).toEqual([ids[0], ids[1]].sort());
    const xlsx = await staff.get('/api/requests/export.xlsx?createdFrom=2026-01-15&createdTo=2026-01-15');
    expect(xlsx.statusCode).toBe(200);
  });

  it('rejects what is not a calendar day (400)', async () => {
    for (const q of ['createdFrom=2026-13-01', 'createdTo=yesterday', 'createdFrom=2026-01-14T00:00:00Z']) {
      expect.soft((await staff.get(`/api/requests?${q}`)).statusCode, q).toBe(400);
      expect.soft((await staff.get(`/api/requests/counts?${q}`)).statusCode, q).toBe(400);
    }
  });
});
