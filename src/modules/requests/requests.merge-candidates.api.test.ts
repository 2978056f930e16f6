import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../server/clock.js';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, fileAsResident, type RequestsCommunity } from '../../../test/requests-factories.js';

/* GET /requests/:id/merge-candidates: the masters mergeRequest would accept, and no others. */
let t: TestApp;
let a: RequestsCommunity;
let b: RequestsCommunity;
let staff: Client;
const r: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRequestsCommunity(t.database.db);
  b = await buildRequestsCommunity(t.database.db);
  const clock = t.clock as FakeClock;
  const heating = a.categories.get('heating')!.id;
  clock.set('2026-01-13T09:00:00+08:00');
  r.old = await fileAsResident(t.app.ctx, a);
  clock.set('2026-01-15T10:00:00+08:00');
  // Sessions expire by the fake clock: log in once it stands where the tests run.
  staff = await login(t.app, a.accounts.staff.username);
  const property = await login(t.app, a.accounts.property.username);
  const resident = await login(t.app, a.accounts.resident.username);
  r.open = await fileAsResident(t.app.ctx, a);
  r.follower = await fileAsResident(t.app.ctx, a);
  r.resolved = await fileAsResident(t.app.ctx, a);
  r.cancelled = await fileAsResident(t.app.ctx, a);
  r.otherCategory = await fileAsResident(t.app.ctx, a, { categoryId: a.categories.get('sanitation')!.id });
  r.otherCompound = (await staff.post('/api/requests', { description: '自治小区暖气不热', locationKind: 'building', compoundId: a.selfGovernedCompound.id, categoryId: heating })).json().id;
  await fileAsResident(t.app.ctx, b);
  clock.advanceMinutes(5);
  r.self = await fileAsResident(t.app.ctx, a);
  expect((await staff.post(`/api/requests/${r.follower}/merge`, { masterId: r.open })).statusCode).toBe(200);
  await staff.post(`/api/requests/${r.resolved}/dispatch`, { assigneeKind: 'property_company' });
  await property.post(`/api/requests/${r.resolved}/accept`, {});
  expect((await property.post(`/api/requests/${r.resolved}/resolve`, { note: '已修' })).json().state).toBe('resolved');
  expect((await resident.post(`/api/requests/${r.cancelled}/cancel`, { reason: '重复' })).json().state).toBe('cancelled');
});
afterAll(async () => t?.close());

describe('GET /requests/:id/merge-candidates', () => {
  it('lists open requests of the same compound and category from the last 48 h, not itself, not merged ones', async () => {
    const res = await staff.get(`/api/requests/${r.self}/merge-candidates`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { id: number }) => i.id)).toEqual([r.open]);
    expect(items[0]).toMatchObject({ state: 'submitted', followerCount: 1, masterRequestId: null, compound: { id: a.compound.id } });
    // What it offers, merge accepts.
    expect((await staff.post(`/api/requests/${r.self}/merge`, { masterId: r.open })).statusCode).toBe(200);
  });

  it('refuses roles without requests:dispatch (403)', async () => {
    for (const account of [a.accounts.resident, a.accounts.property, a.accounts.committee, a.accounts.dept, a.accounts.grid]) {
      const res = await (await login(t.app, account.username)).get(`/api/requests/${r.open}/merge-candidates`);
      expect.soft(res.statusCode, account.username).toBe(403);
    }
  });

  it('answers 404 for another community\'s request and for a missing one', async () => {
    const other = await login(t.app, b.accounts.staff.username);
    expect((await other.get(`/api/requests/${r.open}/merge-candidates`)).statusCode).toBe(404);
    expect((await staff.get('/api/requests/999999999/merge-candidates')).statusCode).toBe(404);
  });
});
