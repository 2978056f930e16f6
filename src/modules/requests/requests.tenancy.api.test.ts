import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, multipartBody, PNG_1PX, type RequestsCommunity } from '../../../test/requests-factories.js';
import { roleHas, type Permission } from '../access/access.policy.js';
import { buildAccount } from '../../../test/factories.js';

/*
 * Tenant isolation on every route of the module: outsiders (another household of the same
 * community, staff of another community, property staff of another company, a department of
 * another city) get 404 for a specific request (403 when their role lacks the route's permission
 * altogether) and never see it in a list or an export.
 */
let t: TestApp;
let a: RequestsCommunity;
let b: RequestsCommunity;
let requestId: number;
let attachmentId: number;
let categoryId: number;
let ruleId: number;
let notificationId: number;
const outsiders: { label: string; role: string; client: Client }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRequestsCommunity(t.database.db);
  b = await buildRequestsCommunity(t.database.db);
  const resident = await login(t.app, a.accounts.resident.username);
  const staff = await login(t.app, a.accounts.staff.username);
  const deptA = await login(t.app, a.accounts.dept.username);
  const { payload, headers } = multipartBody({ data: JSON.stringify({ description: '楼顶漏水严重', locationKind: 'own_unit' }) }, [PNG_1PX]);
  const created = (await resident.post('/api/requests', payload, headers)).json();
  requestId = created.id;
  attachmentId = created.attachments[0].id;
  await staff.post(`/api/requests/${requestId}/dispatch`, { assigneeKind: 'property_company' });
  categoryId = created.category.id;
  ruleId = (await deptA.post('/api/classification-rules', { categoryId, keywords: ['专属词'] })).json().id;
  notificationId = (await resident.get('/api/notifications')).json().items[0].id;
  outsiders.push(
    { label: 'resident of another household', role: 'resident', client: await login(t.app, a.accounts.neighbour.username) },
    { label: 'staff of another community', role: 'community_staff', client: await login(t.app, b.accounts.staff.username) },
    { label: 'property staff of another company', role: 'property_staff', client: await login(t.app, b.accounts.property.username) },
    { label: 'department of another city', role: 'dept_staff', client: await login(t.app, b.accounts.dept.username) },
    { label: 'local unit of another city', role: 'local_unit_staff', client: await login(t.app, b.accounts.unitStaff.username) },
    { label: 'grid worker not assigned', role: 'grid_worker', client: await login(t.app, a.accounts.grid.username) },
  );
});
afterAll(async () => t?.close());

const consult = { heldAt: '2026-01-13T15:00:00+08:00', attendees: [{ side: 'party', name: '王' }], decision: '维修', actions: [] };
const routes: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: () => string; permission: Permission | null; body?: unknown }[] = [
  { method: 'GET', url: () => `/api/requests/${requestId}`, permission: 'requests:read' },
  { method: 'GET', url: () => `/api/requests/${requestId}/attachments/${attachmentId}`, permission: 'requests:read' },
  { method: 'GET', url: () => `/api/requests/${requestId}/assignees`, permission: 'requests:dispatch' },
  { method: 'POST', url: () => `/api/requests/${requestId}/dispatch`, permission: 'requests:dispatch', body: { assigneeKind: 'property_company' } },
  { method: 'POST', url: () => `/api/requests/${requestId}/merge`, permission: 'requests:dispatch', body: () => ({ masterId: requestId + 1 }) },
  { method: 'POST', url: () => `/api/requests/${requestId}/accept`, permission: 'requests:work', body: {} },
  { method: 'POST', url: () => `/api/requests/${requestId}/return`, permission: 'requests:work', body: { reason: '不归我管' } },
  { method: 'POST', url: () => `/api/requests/${requestId}/start`, permission: 'requests:work', body: {} },
  { method: 'POST', url: () => `/api/requests/${requestId}/progress`, permission: 'requests:work', body: { note: '进展' } },
  { method: 'POST', url: () => `/api/requests/${requestId}/resolve`, permission: 'requests:work', body: { note: '已修' } },
  { method: 'POST', url: () => `/api/requests/${requestId}/confirm`, permission: 'requests:rate', body: { rating: 1 } },
  { method: 'POST', url: () => `/api/requests/${requestId}/reopen`, permission: 'requests:rate', body: { reason: '没修好' } },
  { method: 'POST', url: () => `/api/requests/${requestId}/cancel`, permission: 'requests:read', body: { reason: '撤销' } },
  { method: 'POST', url: () => `/api/requests/${requestId}/escalate`, permission: 'requests:dispatch', body: { note: '会诊' } },
  { method: 'POST', url: () => `/api/requests/${requestId}/consultations`, permission: 'requests:consult', body: consult },
  { method: 'PATCH', url: () => `/api/request-categories/${categoryId}`, permission: 'requests:configure', body: { name: '改名' } },
  { method: 'PATCH', url: () => `/api/classification-rules/${ruleId}`, permission: 'requests:configure', body: { weight: 9 } },
  { method: 'DELETE', url: () => `/api/classification-rules/${ruleId}`, permission: 'requests:configure' },
  { method: 'POST', url: () => `/api/notifications/${notificationId}/read`, permission: 'notifications:read', body: {} },
];

function call(c: Client, r: (typeof routes)[number]) {
  const body = typeof r.body === 'function' ? (r.body as () => unknown)() : r.body;
  if (r.method === 'GET') return c.get(r.url());
  if (r.method === 'DELETE') return c.delete(r.url());
  if (r.method === 'PATCH') return c.patch(r.url(), body);
  return c.post(r.url(), body);
}

describe('tenant isolation', () => {
  it('answers 404 (or 403 without the permission) on every route about one record', async () => {
    for (const o of outsiders) {
      for (const r of routes) {
        const res = await call(o.client, r);
        const holds = r.permission === null || roleHas(o.role, r.permission);
        expect.soft(res.statusCode, `${o.label}: ${r.method} ${r.url()}`).toBe(holds ? 404 : 403);
      }
    }
  });

  it('never lists or exports the request for an outsider', async () => {
    for (const o of outsiders) {
      if (!roleHas(o.role, 'requests:read')) continue;
      const list = (await o.client.get('/api/requests?pageSize=100')).json();
      expect.soft(list.items.map((i: { id: number }) => i.id), o.label).not.toContain(requestId);
      const filtered = (await o.client.get(`/api/requests?communityId=${a.community.id}&q=%23${requestId}`)).json();
      expect.soft(filtered.total, o.label).toBe(0);
      const csv = await o.client.get('/api/requests/export.csv');
      expect.soft(csv.body, o.label).not.toContain('楼顶漏水严重');
      const notes = (await o.client.get('/api/notifications')).json();
      expect.soft(notes.items.map((n: { id: number }) => n.id), o.label).not.toContain(notificationId);
    }
  });

  it('lists what the insiders may see', async () => {
    for (const who of [a.accounts.resident, a.accounts.staff, a.accounts.property, a.accounts.dept, a.accounts.committee]) {
      const c = await login(t.app, who.username);
      expect.soft((await c.get('/api/requests?pageSize=100')).json().items.map((i: { id: number }) => i.id), who.username).toContain(requestId);
    }
    const unitOfCity = await login(t.app, a.accounts.unitStaff.username);
    expect((await unitOfCity.get(`/api/requests/${requestId}`)).statusCode).toBe(404);
  });

  it('a role lacking requests:read gets 403 on lists and exports', async () => {
    const member = await buildAccount(t.database.db, a.city.id, [{ role: 'party_member', scopeType: 'community', scopeId: a.community.id }]);
    const c = await login(t.app, member.username);
    expect((await c.get('/api/requests')).statusCode).toBe(403);
    expect((await c.get('/api/requests/export.csv')).statusCode).toBe(403);
    expect((await c.get(`/api/requests/${requestId}`)).statusCode).toBe(403);
  });
});
