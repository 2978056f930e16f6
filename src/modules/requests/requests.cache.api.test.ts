import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../server/clock.js';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, type RequestsCommunity } from '../../../test/requests-factories.js';
import { serviceRequests } from './requests.schema.js';

/*
 * The queue page and the request detail with the read cache on (the other tests run with it off).
 * A change written behind the app's back (no live event) shows that an answer comes from the cache;
 * a write through the app must show in its own answer and in the next read at once — on PostgreSQL
 * too, where other processes hear of it through NOTIFY. What depends on the viewer (masking, 404)
 * or on the clock (the SLA status) is decided on every read, not cached.
 * The whole API suite also passes with the cache on: `GZ_TEST_REQUESTS_CACHE=600 npm run test:api`.
 */
let t: TestApp;
let w: RequestsCommunity;
let other: RequestsCommunity;
let resident: Client, staff: Client, committee: Client, otherStaff: Client;

beforeAll(async () => {
  t = await createTestApp({ config: { requestsCacheSeconds: 600 } });
  w = await buildRequestsCommunity(t.database.db);
  other = await buildRequestsCommunity(t.database.db);
  [resident, staff, committee, otherStaff] = await Promise.all(
    [w.accounts.resident, w.accounts.staff, w.accounts.committee, other.accounts.staff].map((a) => login(t.app, a.username)),
  ) as [Client, Client, Client, Client];
});
afterAll(async () => t?.close());

const file = async (client: Client, description = '3号楼暖气不热，屋里只有14度') => {
  const res = await client.post('/api/requests', { description, locationKind: 'own_unit' });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; state: string };
};
const queue = (client: Client, communityId = w.community.id) => client.get(`/api/requests?communityId=${communityId}&state=submitted,dispatched`);
const ids = async (client: Client, communityId?: number) => (await queue(client, communityId)).json().items.map((i: { id: number }) => i.id) as number[];
const behindTheAppsBack = (id: number, description: string) => t.database.db.update(serviceRequests).set({ description }).where(eq(serviceRequests.id, id));

describe('the queue page through the read cache', () => {
  it('serves a repeated page from the cache and drops it the moment a request of the community is written', async () => {
    const first = await file(resident);
    expect(await ids(staff)).toContain(first.id);
    await behindTheAppsBack(first.id, '缓存里的旧描述不应改变');
    const cached = (await queue(staff)).json().items.find((i: { id: number }) => i.id === first.id);
    expect(cached.description).not.toBe('缓存里的旧描述不应改变');

    // A filing through the app: the page shows it in the very next read, with the row changed behind the back re-read too.
    const second = await file(resident, '2号楼楼道灯不亮');
    const fresh = (await queue(staff)).json();
    expect(fresh.items.map((i: { id: number }) => i.id)).toContain(second.id);
    expect(fresh.items.find((i: { id: number }) => i.id === first.id).description).toBe('缓存里的旧描述不应改变');

    // A dispatch answered by the same process: the dispatcher's next page has the new state.
    const dispatched = await staff.post(`/api/requests/${second.id}/dispatch`, { assigneeKind: 'property_company' });
    expect(dispatched.json().state).toBe('dispatched');
    expect((await queue(staff)).json().items.find((i: { id: number }) => i.id === second.id).state).toBe('dispatched');
    expect((await queue(staff)).json().total).toBe(fresh.total);
  });

  it('keeps a community\'s page when another community\'s request is written', async () => {
    const mine = await file(resident);
    expect(await ids(staff)).toContain(mine.id);
    await behindTheAppsBack(mine.id, '另一个社区的写入不影响这里');
    const otherResident = await login(t.app, other.accounts.resident.username);
    await file(otherResident);
    expect((await queue(staff)).json().items.find((i: { id: number }) => i.id === mine.id).description).not.toBe('另一个社区的写入不影响这里');
  });

  it('masks per viewer and answers an outsider from the database, not from the warm entry', async () => {
    const r = await file(resident);
    const staffRow = (await queue(staff)).json().items.find((i: { id: number }) => i.id === r.id);
    const committeeRow = (await queue(committee)).json().items.find((i: { id: number }) => i.id === r.id);
    expect(staffRow.reporter.phone).toBe('13803781201');
    expect(committeeRow.reporter.phone).not.toBe('13803781201');
    expect(committeeRow.reporter.phone).toMatch(/\*/);
    // Again, each from its rendered text: still each viewer's own.
    expect((await queue(committee)).json().items.find((i: { id: number }) => i.id === r.id)).toEqual(committeeRow);
    expect((await queue(staff)).json().items.find((i: { id: number }) => i.id === r.id)).toEqual(staffRow);
    const outsider = (await queue(otherStaff)).json();
    expect(outsider.items).toEqual([]);
    expect(outsider.total).toBe(0);
  });

  it('judges the SLA against the current time on every read of a cached page', async () => {
    const r = await file(resident);
    const status = async (client: Client) => (await queue(client)).json().items.find((i: { id: number }) => i.id === r.id).slaStatus as string;
    expect(await status(staff)).toBe('ok');
    (t.clock as FakeClock).advanceMinutes(60 * 24 * 3);
    try {
      // Three days on, with a session of that day: no write in between, so the page is the cached one.
      expect(await status(await login(t.app, w.accounts.staff.username))).toBe('breached');
    } finally {
      (t.clock as FakeClock).advanceMinutes(-60 * 24 * 3);
    }
  });
});

describe('the request detail through the read cache', () => {
  it('serves a repeated detail from the cache; a step through the app shows in its answer and the next read', async () => {
    const r = await file(resident);
    await staff.get(`/api/requests/${r.id}`);
    await staff.get(`/api/requests/${r.id}`);
    await behindTheAppsBack(r.id, '详情缓存里的旧描述不应改变');
    expect((await staff.get(`/api/requests/${r.id}`)).json().description).not.toBe('详情缓存里的旧描述不应改变');

    const dispatched = (await staff.post(`/api/requests/${r.id}/dispatch`, { assigneeKind: 'property_company', note: '请尽快处理' })).json();
    expect(dispatched.state).toBe('dispatched');
    expect(dispatched.description).toBe('详情缓存里的旧描述不应改变');
    const again = (await staff.get(`/api/requests/${r.id}`)).json();
    expect(again.timeline.map((e: { action: string }) => e.action)).toContain('dispatch');
    expect(again.abilities.dispatch).toBe(false);
  });

  it('decides visibility, masking, the household and the abilities per viewer from one entry', async () => {
    const r = await file(resident);
    const byStaff = (await staff.get(`/api/requests/${r.id}`)).json();
    const byCommittee = (await committee.get(`/api/requests/${r.id}`)).json();
    const byResident = (await resident.get(`/api/requests/${r.id}`)).json();
    expect(byStaff.household).not.toBeNull();
    expect(byStaff.abilities.dispatch).toBe(true);
    expect(byCommittee.household).toBeNull();
    expect(byCommittee.reporter.phone).not.toBe('13803781201');
    expect(byCommittee.abilities.dispatch).toBe(false);
    expect(byResident.reporter.phone).toBe('13803781201');
    expect(byResident.abilities.cancel).toBe(true);
    // Cross-tenant reads answer 404 whether or not the entry is warm.
    expect((await otherStaff.get(`/api/requests/${r.id}`)).statusCode).toBe(404);
    const neighbour = await login(t.app, w.accounts.neighbour.username);
    expect((await neighbour.get(`/api/requests/${r.id}`)).statusCode).toBe(404);
  });
});
