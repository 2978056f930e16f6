import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { roleHas, type Permission } from '../access/access.policy.js';
import { buildMembersCommunity, type MembersCommunity } from '../../../test/members-factories.js';
import { fulfilment } from './members.testing.js';

/*
 * Tenant isolation on every route of the module: staff, the department, residents, members and
 * property staff of another community (another city) get 404 for a wish, a registration, a
 * compound's serving members, a person's ledger or a community's 红榜 (403 when their role lacks
 * the route's permission), see none of it in a list, and create nothing in it.
 */
let t: TestApp;
let a: MembersCommunity;
let b: MembersCommunity;
const ids: Record<string, number> = {};
const outsiders: { label: string; roles: string[]; client: Client }[] = [];
const holds = (o: { roles: string[] }, p: Permission) => o.roles.some((r) => roleHas(r, p));

beforeAll(async () => {
  t = await createTestApp();
  a = await buildMembersCommunity(t.database.db, 2);
  b = await buildMembersCommunity(t.database.db, 1);
  const staff = await login(t.app, a.accounts.staff.username);
  const resident = await login(t.app, a.accounts.resident.username);
  const member = await login(t.app, a.members[0]!.username);
  const wish = { title: '修理轮椅', body: '轮椅刹车坏了', forWhom: '行动不便的老人', dueOn: '2026-01-30' };
  ids.review = (await resident.post('/api/wishes', wish)).json().id;
  for (const k of ['open', 'claimed', 'fulfilled']) {
    ids[k] = (await resident.post('/api/wishes', { ...wish, title: `修理轮椅${k}` })).json().id;
    await staff.post(`/api/wishes/${ids[k]}/approve`, {});
  }
  await member.post(`/api/wishes/${ids.claimed}/claim`);
  await member.post(`/api/wishes/${ids.fulfilled}/claim`);
  await member.raw({ method: 'POST', url: `/api/wishes/${ids.fulfilled}/fulfil`, ...fulfilment({ note: '修好了' }) });
  ids.team = (await staff.post('/api/teams', { communityId: a.community.id, name: '邻里帮帮团', kind: 'helpers', memberIds: [a.members[0]!.memberId] })).json().id;
  outsiders.push(
    { label: 'staff of another community', roles: ['community_staff', 'party_committee'], client: await login(t.app, b.accounts.staff.username) },
    { label: 'department of another city', roles: ['dept_staff'], client: await login(t.app, b.accounts.dept.username) },
    { label: 'resident of another community', roles: ['resident'], client: await login(t.app, b.accounts.resident.username) },
    { label: 'member of another community', roles: ['resident', 'party_member'], client: await login(t.app, b.members[0]!.username) },
    { label: 'property staff of another company', roles: ['property_staff'], client: await login(t.app, b.accounts.property.username) },
    { label: 'grid worker of another community', roles: ['grid_worker'], client: await login(t.app, b.accounts.grid.username) },
  );
}, 120_000);
afterAll(async () => t?.close());

type Route = { method: 'GET' | 'POST' | 'PUT'; url: () => string; permission: Permission; body?: unknown; multipart?: boolean };
const routes: Route[] = [
  ...['review', 'open', 'claimed', 'fulfilled'].map((k): Route => ({ method: 'GET', url: () => `/api/wishes/${ids[k]}`, permission: 'wishes:read' })),
  { method: 'GET', url: () => `/api/wishes/${ids.fulfilled}/photo`, permission: 'wishes:read' },
  { method: 'POST', url: () => `/api/wishes/${ids.review}/approve`, permission: 'wishes:manage', body: {} },
  { method: 'POST', url: () => `/api/wishes/${ids.review}/reject`, permission: 'wishes:manage', body: { note: '外人' } },
  { method: 'POST', url: () => `/api/wishes/${ids.open}/claim`, permission: 'wishes:claim', body: {} },
  { method: 'POST', url: () => `/api/wishes/${ids.claimed}/release`, permission: 'wishes:read', body: {} },
  { method: 'POST', url: () => `/api/wishes/${ids.claimed}/fulfil`, permission: 'wishes:claim', multipart: true },
  { method: 'POST', url: () => `/api/wishes/${ids.fulfilled}/confirm`, permission: 'wishes:read', body: {} },
  { method: 'POST', url: () => `/api/wishes/${ids.fulfilled}/decline`, permission: 'wishes:read', body: { reason: '外人拒绝' } },
  { method: 'POST', url: () => '/api/wishes', permission: 'wishes:post', body: () => ({ compoundId: a.compound.id, title: '外人心愿', body: '外人', forWhom: '外人', dueOn: '2026-01-30' }) },
  { method: 'GET', url: () => `/api/wish-figures?communityId=${a.community.id}`, permission: 'wishes:review' },
  { method: 'GET', url: () => `/api/members/${a.members[0]!.memberId}`, permission: 'members:read' },
  { method: 'POST', url: () => '/api/members', permission: 'members:register', body: () => ({ communityId: a.community.id, kind: 'volunteer' }) },
  { method: 'POST', url: () => `/api/members/${a.members[1]!.memberId}/approve`, permission: 'members:approve', body: {} },
  { method: 'POST', url: () => `/api/members/${a.members[1]!.memberId}/leave`, permission: 'members:read', body: {} },
  { method: 'POST', url: () => `/api/members/${a.members[1]!.memberId}/transfer`, permission: 'members:manage', body: () => ({ toCommunityId: b.community.id }) },
  { method: 'POST', url: () => `/api/members/${a.members[1]!.memberId}/posts`, permission: 'members:manage', body: { post: 'vanguard', duty: '外人', startsOn: '2026-01-01' } },
  { method: 'POST', url: () => `/api/members/${a.members[1]!.memberId}/posts/1/end`, permission: 'members:manage', body: {} },
  { method: 'GET', url: () => `/api/members/${a.members[1]!.memberId}/transfer-targets`, permission: 'members:manage' },
  { method: 'POST', url: () => `/api/teams/${ids.team}/members`, permission: 'members:manage', body: () => ({ memberId: a.members[1]!.memberId }) },
  { method: 'POST', url: () => `/api/teams/${ids.team}/members/${a.members[0]!.memberId}/remove`, permission: 'members:manage', body: {} },
  { method: 'PUT', url: () => `/api/teams/${ids.team}/leader`, permission: 'members:manage', body: () => ({ memberId: a.members[0]!.memberId }) },
  { method: 'GET', url: () => `/api/honour-roll?streetId=${a.street.id}&period=2026`, permission: 'members:serving' },
  { method: 'GET', url: () => `/api/compounds/${a.compound.id}/serving-members`, permission: 'members:serving' },
  { method: 'POST', url: () => '/api/teams', permission: 'members:manage', body: () => ({ communityId: a.community.id, name: '外人队', kind: 'volunteer' }) },
  { method: 'GET', url: () => `/api/service-ledger?personId=${a.members[0]!.personId}`, permission: 'members:read' },
  { method: 'GET', url: () => `/api/honour-roll?communityId=${a.community.id}&period=2026`, permission: 'members:serving' },
  { method: 'GET', url: () => `/api/points-rules?communityId=${a.community.id}`, permission: 'members:serving' },
  { method: 'PUT', url: () => '/api/points-rules', permission: 'members:approve', body: () => ({ communityId: a.community.id, minutesPerPoint: 5, minPoints: 100, wishBonus: 100, claimDays: 1 }) },
];

function call(c: Client, r: Route) {
  const body = typeof r.body === 'function' ? (r.body as () => unknown)() : r.body;
  if (r.multipart) return c.raw({ method: 'POST', url: r.url(), ...fulfilment({ note: '外人完成' }) });
  if (r.method === 'GET') return c.get(r.url());
  if (r.method === 'PUT') return c.put(r.url(), body);
  return c.post(r.url(), body);
}

describe('tenant isolation', () => {
  it('answers 404 (or 403 without the permission) on every route about a record of another community', async () => {
    for (const o of outsiders) {
      for (const r of routes) {
        const res = await call(o.client, r);
        expect.soft(res.statusCode, `${o.label}: ${r.method} ${r.url()} ${res.body}`).toBe(holds(o, r.permission) ? 404 : 403);
      }
    }
  });

  it('lists nothing of the other community, and nothing an outsider tried was written', async () => {
    for (const o of outsiders) {
      if (holds(o, 'wishes:read')) {
        expect.soft((await o.client.get(`/api/wishes?communityId=${a.community.id}`)).json().total, o.label).toBe(0);
        expect.soft((await o.client.get('/api/wishes?pageSize=100')).json().items.map((w: { communityId: number }) => w.communityId), o.label).not.toContain(a.community.id);
      }
      if (holds(o, 'members:read')) expect.soft((await o.client.get(`/api/members?communityId=${a.community.id}`)).json().total, o.label).toBe(0);
      if (holds(o, 'members:serving')) expect.soft((await o.client.get(`/api/teams?communityId=${a.community.id}`)).json().items, o.label).toEqual([]);
    }
    const staff = await login(t.app, a.accounts.staff.username);
    expect((await staff.get(`/api/wishes/${ids.review}`)).json().state).toBe('review');
    expect((await staff.get(`/api/wishes/${ids.open}`)).json().state).toBe('open');
    expect((await staff.get(`/api/wishes/${ids.claimed}`)).json().state).toBe('claimed');
    expect((await staff.get(`/api/wishes/${ids.fulfilled}`)).json().state).toBe('fulfilled');
    expect((await staff.get(`/api/members/${a.members[1]!.memberId}`)).json()).toMatchObject({ state: 'active', posts: [] });
    expect((await staff.get(`/api/points-rules?communityId=${a.community.id}`)).json().minPoints).toBe(1);
    expect((await staff.get(`/api/wishes?communityId=${a.community.id}`)).json().total).toBe(4);
    expect((await staff.get(`/api/teams?communityId=${a.community.id}`)).json().items.map((x: { name: string }) => x.name)).toEqual(['邻里帮帮团']);
  });

  it('insiders: residents see public wishes of their compound only, staff and the department see all', async () => {
    const neighbour = await login(t.app, a.accounts.neighbour.username);
    const seen = (await neighbour.get('/api/wishes')).json().items.map((w: { id: number }) => w.id);
    expect(seen).toEqual(expect.arrayContaining([ids.open, ids.claimed, ids.fulfilled]));
    expect(seen).not.toContain(ids.review);
    const dept = await login(t.app, a.accounts.dept.username);
    expect((await dept.get(`/api/wishes/${ids.review}`)).statusCode).toBe(200);
    expect((await dept.post(`/api/wishes/${ids.review}/approve`, {})).statusCode).toBe(403);
  });
});
