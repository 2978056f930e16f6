import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount, buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { roleHas, type Permission } from '../access/access.policy.js';
import { buildStation, type StationFixture } from './stations.testing.js';

/*
 * Tenant isolation on every route of the module: outsiders — staff of another community,
 * property staff of another company, a department of another city, a resident of another
 * community, the rescue team of another community, a grid worker elsewhere — get 404 for a
 * station or anything of it (403 when their role lacks the route's permission), and never see it
 * in a list or the readiness ranking. Insiders of each kind see it.
 */
let t: TestApp;
let a: TestCommunity;
let b: TestCommunity;
let f: StationFixture;
const ids: Record<string, number> = {};
const outsiders: { label: string; role: string; client: Client }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await buildCommunity(t.database.db);
  b = await buildCommunity(t.database.db);
  const staff = await login(t.app, a.accounts.staff.username);
  f = await buildStation(staff, { communityId: a.community.id, companyId: a.company.id, holderAccountId: a.accounts.staff.accountId });
  ids.coverage = (await staff.post(`/api/stations/${f.stationId}/coverage`, { kind: 'shop', name: '便民超市', contactPhone: '13900001111' })).json().id;
  ids.checkout = (await staff.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.hydraulic, purpose: 'drill' })).json().id;
  ids.rollCall = (await staff.post(`/api/stations/${f.stationId}/roll-calls`, {})).json().id;
  ids.incident = (await staff.post(`/api/stations/${f.stationId}/incidents`, { kind: 'fire', title: '电动车起火', occurredAt: '2026-01-13T01:00:00+08:00' })).json().id;
  const rescueB = await buildAccount(t.database.db, b.city.id, [{ role: 'rescue_member', scopeType: 'community', scopeId: b.community.id }]);
  outsiders.push(
    { label: 'staff of another community', role: 'community_staff', client: await login(t.app, b.accounts.staff.username) },
    { label: 'property staff of another company', role: 'property_staff', client: await login(t.app, b.accounts.property.username) },
    { label: 'department of another city', role: 'dept_staff', client: await login(t.app, b.accounts.dept.username) },
    { label: 'resident of another community', role: 'resident', client: await login(t.app, b.accounts.resident.username) },
    { label: 'rescue team of another community', role: 'rescue_member', client: await login(t.app, rescueB.username) },
    { label: 'grid worker of another community', role: 'grid_worker', client: await login(t.app, b.accounts.grid.username) },
  );
});
afterAll(async () => t?.close());

const s = () => f.stationId;
const routes: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: () => string; permission: Permission; body?: unknown }[] = [
  { method: 'GET', url: () => `/api/stations/${s()}`, permission: 'stations:read' },
  { method: 'PATCH', url: () => `/api/stations/${s()}`, permission: 'stations:manage', body: { dutyPhone: '110' } },
  { method: 'POST', url: () => `/api/stations/${s()}/coverage`, permission: 'stations:manage', body: { kind: 'shop', name: '外人加的店' } },
  { method: 'DELETE', url: () => `/api/station-coverage/${ids.coverage}`, permission: 'stations:manage' },
  { method: 'GET', url: () => `/api/stations/${s()}/readiness`, permission: 'stations:read' },
  { method: 'GET', url: () => `/api/stations/${s()}/items`, permission: 'stations:read' },
  { method: 'POST', url: () => `/api/stations/${s()}/items`, permission: 'stations:manage', body: { section: 'supplies', category: '类', name: '外人物资', unit: '个', standardQuantity: 1 } },
  { method: 'PATCH', url: () => `/api/station-items/${f.items.sandbags}`, permission: 'stations:manage', body: { standardQuantity: 1 } },
  { method: 'POST', url: () => `/api/station-items/${f.items.sandbags}/restock`, permission: 'stations:manage', body: { quantity: 1 } },
  { method: 'POST', url: () => `/api/station-items/${f.items.sandbags}/stocktake`, permission: 'stations:manage', body: { counted: 0 } },
  { method: 'POST', url: () => `/api/station-items/${f.items.hydraulic}/inspections`, permission: 'stations:manage', body: { ok: true } },
  { method: 'GET', url: () => `/api/station-items/${f.items.sandbags}/events`, permission: 'stations:read' },
  { method: 'POST', url: () => `/api/stations/${s()}/checkouts`, permission: 'stations:checkout', body: () => ({ itemId: f.items.sandbags, purpose: 'incident' }) },
  { method: 'GET', url: () => `/api/stations/${s()}/checkouts`, permission: 'stations:read' },
  { method: 'POST', url: () => `/api/checkouts/${ids.checkout}/return`, permission: 'stations:checkout', body: {} },
  { method: 'POST', url: () => `/api/stations/${s()}/key-holders`, permission: 'stations:manage', body: { name: '外人', phone: '13900000000', side: 'community', organisation: '某', keyLabel: '钥匙' } },
  { method: 'PATCH', url: () => `/api/station-key-holders/${f.keyHolderIds[0]}`, permission: 'stations:manage', body: { active: false } },
  { method: 'POST', url: () => `/api/stations/${s()}/roll-calls`, permission: 'stations:manage', body: {} },
  { method: 'GET', url: () => `/api/stations/${s()}/roll-calls`, permission: 'stations:read' },
  { method: 'POST', url: () => `/api/station-roll-calls/${ids.rollCall}/answer`, permission: 'stations:keys', body: { answer: 'has_key' } },
  { method: 'POST', url: () => `/api/station-roll-calls/${ids.rollCall}/record`, permission: 'stations:manage', body: () => ({ keyHolderId: f.keyHolderIds[1], answer: 'has_key' }) },
  { method: 'GET', url: () => `/api/stations/${s()}/team`, permission: 'stations:read' },
  { method: 'POST', url: () => `/api/stations/${s()}/team`, permission: 'stations:manage', body: { name: '外人', phone: '13900000000', side: 'volunteer' } },
  { method: 'PATCH', url: () => `/api/station-team/${f.teamIds[0]}`, permission: 'stations:manage', body: { active: false } },
  { method: 'GET', url: () => `/api/stations/${s()}/drills`, permission: 'stations:read' },
  { method: 'POST', url: () => `/api/stations/${s()}/drills`, permission: 'stations:manage', body: { kind: 'drill', title: '外人演练', heldAt: '2026-01-10T10:00:00+08:00', durationMinutes: 30, practised: ['x'] } },
  { method: 'GET', url: () => `/api/stations/${s()}/incidents`, permission: 'stations:read' },
  { method: 'POST', url: () => `/api/stations/${s()}/incidents`, permission: 'stations:checkout', body: { kind: 'fire', title: '外人事件', occurredAt: '2026-01-13T01:00:00+08:00' } },
  { method: 'GET', url: () => `/api/station-incidents/${ids.incident}`, permission: 'stations:read' },
  { method: 'POST', url: () => `/api/station-incidents/${ids.incident}/close`, permission: 'stations:checkout', body: { outcome: '外人关闭' } },
];

function call(c: Client, r: (typeof routes)[number]) {
  const body = typeof r.body === 'function' ? (r.body as () => unknown)() : r.body;
  if (r.method === 'GET') return c.get(r.url());
  if (r.method === 'DELETE') return c.delete(r.url());
  if (r.method === 'PATCH') return c.patch(r.url(), body);
  return c.post(r.url(), body);
}

describe('tenant isolation', () => {
  it('answers 404 (or 403 without the permission) on every route about one station or its records', async () => {
    for (const o of outsiders) {
      for (const r of routes) {
        const res = await call(o.client, r);
        expect.soft(res.statusCode, `${o.label}: ${r.method} ${r.url()}`).toBe(roleHas(o.role, r.permission) ? 404 : 403);
      }
    }
  });

  it('never lists the station or its readiness for an outsider, nor creates one in another community', async () => {
    for (const o of outsiders) {
      const list = (await o.client.get('/api/stations?pageSize=100')).json();
      expect.soft(list.items.map((i: { id: number }) => i.id), o.label).not.toContain(f.stationId);
      expect.soft((await o.client.get(`/api/stations?communityId=${a.community.id}`)).json().total, o.label).toBe(0);
      const ranking = (await o.client.get(`/api/station-readiness?communityId=${a.community.id}`)).json();
      expect.soft(ranking.items, o.label).toEqual([]);
      const created = await o.client.post('/api/stations', { communityId: a.community.id, name: '外人建的站', address: '某路' });
      expect.soft(created.statusCode, o.label).toBe(roleHas(o.role, 'stations:create') ? 404 : 403);
    }
    // Nothing an outsider tried was written.
    const staff = await login(t.app, a.accounts.staff.username);
    const d = (await staff.get(`/api/stations/${f.stationId}`)).json();
    expect(d.dutyPhone).toBe('0710-3219988');
    expect(d.coverageList.map((c: { name: string }) => c.name)).toEqual(['便民超市']);
    expect(d.team.every((m: { active: boolean }) => m.active)).toBe(true);
  });

  it('shows the station to every kind of insider', async () => {
    const rescueA = await buildAccount(t.database.db, a.city.id, [{ role: 'rescue_member', scopeType: 'community', scopeId: a.community.id }]);
    for (const username of [a.accounts.staff.username, a.accounts.property.username, a.accounts.dept.username, a.accounts.resident.username, a.accounts.neighbour.username, a.accounts.committee.username, a.accounts.grid.username, rescueA.username]) {
      const c = await login(t.app, username);
      expect.soft((await c.get('/api/stations')).json().items.map((i: { id: number }) => i.id), username).toContain(f.stationId);
      expect.soft((await c.get(`/api/stations/${f.stationId}`)).statusCode, username).toBe(200);
    }
    // A local unit has no business with stations at all.
    const unit = await login(t.app, a.accounts.unitStaff.username);
    expect((await unit.get(`/api/stations/${f.stationId}`)).statusCode).toBe(403);
  });
});
