import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { roleHas, type Permission } from '../access/access.policy.js';
import { addActivity, addVenue, at } from './community.testing.js';

/*
 * Tenant isolation on every route of the module: staff of another community, property staff of
 * another company, a department of another city, a resident of another community and a grid
 * worker elsewhere get 404 for a room, booking, activity, sign-up, announcement, reception day
 * or matter of community A (403 when their role lacks the route's permission), and never see
 * them in a list.
 */
let t: TestApp;
let a: TestCommunity;
let b: TestCommunity;
const ids: Record<string, number> = {};
const outsiders: { label: string; role: string; client: Client }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await buildCommunity(t.database.db);
  b = await buildCommunity(t.database.db);
  const staff = await login(t.app, a.accounts.staff.username);
  const resident = await login(t.app, a.accounts.resident.username);
  ids.venue = await addVenue(staff, a.community.id, { compoundId: a.compound.id });
  ids.booking = (await resident.post(`/api/venues/${ids.venue}/bookings`, { startsAt: at('2026-01-14', '10:00'), endsAt: at('2026-01-14', '11:00'), purpose: '练球' })).json().id;
  ids.activity = await addActivity(staff, a.community.id, { capacity: 10 });
  ids.signup = (await resident.post(`/api/activities/${ids.activity}/signups`, {})).json().id;
  ids.announcement = (await staff.post('/api/announcements', { communityId: a.community.id, title: '通知', body: '内容' })).json().id;
  ids.day = (await staff.post('/api/reception-days', { compoundId: a.compound.id, managerName: '王经理', location: '物业中心', startsAt: at('2026-01-15', '09:00'), endsAt: at('2026-01-15', '11:00') })).json().id;
  ids.matter = (await resident.post(`/api/reception-days/${ids.day}/matters`, { matter: '电梯异响' })).json().id;
  outsiders.push(
    { label: 'staff of another community', role: 'community_staff', client: await login(t.app, b.accounts.staff.username) },
    { label: 'property staff of another company', role: 'property_staff', client: await login(t.app, b.accounts.property.username) },
    { label: 'department of another city', role: 'dept_staff', client: await login(t.app, b.accounts.dept.username) },
    { label: 'resident of another community', role: 'resident', client: await login(t.app, b.accounts.resident.username) },
    { label: 'grid worker of another community', role: 'grid_worker', client: await login(t.app, b.accounts.grid.username) },
  );
});
afterAll(async () => t?.close());

const routes: { method: 'GET' | 'POST'; url: () => string; permission: Permission; body?: unknown }[] = [
  { method: 'GET', url: () => `/api/venues/${ids.venue}/bookings`, permission: 'community:read' },
  { method: 'GET', url: () => `/api/venues/${ids.venue}/calendar.ics`, permission: 'community:read' },
  { method: 'POST', url: () => `/api/venues/${ids.venue}/bookings`, permission: 'community:book', body: { startsAt: at('2026-01-14', '14:00'), endsAt: at('2026-01-14', '15:00'), purpose: '外人' } },
  { method: 'POST', url: () => `/api/bookings/${ids.booking}/cancel`, permission: 'community:book' },
  { method: 'POST', url: () => `/api/bookings/${ids.booking}/approve`, permission: 'community:manage' },
  { method: 'POST', url: () => `/api/bookings/${ids.booking}/check-in`, permission: 'community:book' },
  { method: 'GET', url: () => `/api/activities/${ids.activity}`, permission: 'community:read' },
  { method: 'POST', url: () => `/api/activities/${ids.activity}/signups`, permission: 'community:signup' },
  { method: 'POST', url: () => `/api/signups/${ids.signup}/cancel`, permission: 'community:signup' },
  { method: 'POST', url: () => `/api/activities/${ids.activity}/check-ins`, permission: 'community:signup', body: { name: '外人' } },
  { method: 'POST', url: () => `/api/activities/${ids.activity}/check-outs`, permission: 'community:signup', body: { checkinId: 1 } },
  { method: 'GET', url: () => `/api/activities/${ids.activity}/code`, permission: 'community:manage' },
  { method: 'POST', url: () => `/api/activities/${ids.activity}/report`, permission: 'community:manage', body: { report: '外人写的' } },
  { method: 'GET', url: () => `/api/activity-figures?communityId=${a.community.id}&year=2026`, permission: 'community:read' },
  { method: 'GET', url: () => `/api/activity-figures/export?communityId=${a.community.id}&year=2026&format=csv`, permission: 'community:read' },
  { method: 'POST', url: () => `/api/announcements/${ids.announcement}/read`, permission: 'community:read' },
  { method: 'GET', url: () => `/api/venue-day?communityId=${a.community.id}&day=2026-01-14`, permission: 'community:read' },
  { method: 'GET', url: () => `/api/reception-days/${ids.day}`, permission: 'community:read' },
  { method: 'POST', url: () => `/api/reception-days/${ids.day}/matters`, permission: 'community:book', body: { matter: '外人' } },
  { method: 'POST', url: () => `/api/reception-matters/${ids.matter}/answer`, permission: 'community:manage', body: { answer: '外人' } },
  { method: 'POST', url: () => `/api/reception-matters/${ids.matter}/request`, permission: 'community:manage', body: {} },
  { method: 'POST', url: () => '/api/venues', permission: 'community:manage', body: () => ({ communityId: a.community.id, name: '外人的房间', kind: 'other', capacity: 5 }) },
  { method: 'POST', url: () => '/api/activities', permission: 'community:manage', body: () => ({ communityId: a.community.id, organiserKind: 'team', organiserName: '外人', type: 'other', title: '外人', locationText: '某处', startsAt: at('2026-01-14', '09:00'), endsAt: at('2026-01-14', '10:00') }) },
  { method: 'POST', url: () => '/api/announcements', permission: 'community:manage', body: () => ({ communityId: a.community.id, title: '外人', body: '外人' }) },
  { method: 'POST', url: () => '/api/study-materials', permission: 'community:manage', body: () => ({ communityId: a.community.id, category: 'notes', title: '外人', body: '外人' }) },
  { method: 'POST', url: () => '/api/reception-days', permission: 'community:manage', body: () => ({ compoundId: a.compound.id, managerName: '外人', location: '某处', startsAt: at('2026-01-16', '09:00'), endsAt: at('2026-01-16', '10:00') }) },
];

describe('tenant isolation', () => {
  it('answers 404 (or 403 without the permission) on every route about community A\'s records', async () => {
    for (const o of outsiders) {
      for (const r of routes) {
        const body = typeof r.body === 'function' ? (r.body as () => unknown)() : r.body;
        const res = r.method === 'GET' ? await o.client.get(r.url()) : await o.client.post(r.url(), body);
        expect.soft(res.statusCode, `${o.label}: ${r.method} ${r.url()} ${res.body.slice(0, 120)}`).toBe(roleHas(o.role, r.permission) ? 404 : 403);
      }
    }
  });

  it('never lists community A\'s rooms, activities, announcements, study materials or reception days to an outsider', async () => {
    for (const o of outsiders) {
      for (const url of ['/api/venues', '/api/activities', '/api/announcements', '/api/study-materials', '/api/reception-days']) {
        const res = await o.client.get(`${url}?communityId=${a.community.id}`);
        if (res.statusCode === 403) continue;
        expect.soft(res.json().items, `${o.label} ${url}`).toEqual([]);
      }
    }
    const staff = await login(t.app, a.accounts.staff.username);
    const d = (await staff.get(`/api/activities/${ids.activity}`)).json();
    expect(d.counts.checkedIn).toBe(0);
    expect(d.report).toBeNull();
    expect((await staff.get(`/api/venues/${ids.venue}/bookings?from=${encodeURIComponent(at('2026-01-14', '00:00'))}`)).json().items).toHaveLength(1);
  });

  it('shows them to insiders of every kind', async () => {
    for (const u of [a.accounts.staff, a.accounts.property, a.accounts.dept, a.accounts.resident, a.accounts.neighbour, a.accounts.committee, a.accounts.grid]) {
      const c = await login(t.app, u.username);
      // A community-wide activity is the community's; property staff reach what is in their compounds.
      if (u !== a.accounts.property) expect.soft((await c.get(`/api/activities/${ids.activity}`)).statusCode, u.username).toBe(200);
      expect.soft((await c.get('/api/venues')).json().items.map((v: { id: number }) => v.id), u.username).toContain(ids.venue);
    }
  });
});
