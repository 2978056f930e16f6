import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { roleHas, type Permission } from '../access/access.policy.js';
import { cycleBody, sheet } from './ratings.testing.js';

/*
 * Tenant isolation on every route of the module: outsiders — the committee and office of a
 * community the company does not serve, staff of another company, the department of another
 * city, a resident — get 404 for the rating, its cycle (another city's) and the company's
 * history (403 when their role lacks the route's permission), and never see it in a list.
 * Insiders of each kind see it.
 */
let t: TestApp;
let a: TestCommunity;
let neighbour: TestCommunity;
let far: TestCommunity;
let cycleId: number;
let ratingId: number;
const outsiders: { label: string; role: string; client: Client }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await buildCommunity(db);
  neighbour = await buildCommunity(db, a);
  far = await buildCommunity(db);
  const dept = await login(t.app, a.accounts.dept.username);
  const company = await login(t.app, a.accounts.property.username);
  const staff = await login(t.app, a.accounts.staff.username);
  cycleId = (await dept.post('/api/rating-cycles', cycleBody(2025))).json().id;
  ratingId = (await company.post('/api/ratings', { cycleId, companyId: a.company.id })).json().id;
  await company.post(`/api/ratings/${ratingId}/self-evaluation`, { scores: sheet(0.9) });
  await staff.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(0.85), opinion: '同意' });
  const certified = await dept.post(`/api/ratings/${ratingId}/certify`, { level: 4, score: 85, reason: '认定四星' });
  expect(certified.statusCode, certified.body).toBe(200);
  outsiders.push(
    { label: 'committee of a community the company does not serve', role: 'party_committee', client: await login(t.app, neighbour.accounts.staff.username) },
    { label: 'staff of another company in the city', role: 'property_staff', client: await login(t.app, neighbour.accounts.property.username) },
    { label: 'department of another city', role: 'dept_staff', client: await login(t.app, far.accounts.dept.username) },
    { label: 'company of another city', role: 'property_staff', client: await login(t.app, far.accounts.property.username) },
    { label: 'resident of the served community', role: 'resident', client: await login(t.app, a.accounts.resident.username) },
  );
});
afterAll(async () => t?.close());

const r = () => ratingId;
const routes: { method: 'GET' | 'POST'; url: () => string; permission: Permission; body?: unknown; cityScoped?: boolean }[] = [
  { method: 'GET', url: () => `/api/ratings/${r()}`, permission: 'ratings:read' },
  { method: 'POST', url: () => `/api/ratings/${r()}/self-evaluation`, permission: 'ratings:apply', body: { scores: sheet(1) } },
  { method: 'POST', url: () => `/api/ratings/${r()}/assessments`, permission: 'ratings:assess', body: { scores: sheet(1), opinion: '外人测评' } },
  { method: 'POST', url: () => `/api/ratings/${r()}/certify`, permission: 'ratings:certify', body: { level: 5, score: 99, reason: '外人认定' } },
  { method: 'POST', url: () => `/api/ratings/${r()}/lower`, permission: 'ratings:read', body: { step: 'propose', toLevel: 3, grounds: 'complaints', reason: '外人降级' } },
  { method: 'GET', url: () => `/api/ratings/${r()}/certificate.pdf`, permission: 'ratings:read' },
  { method: 'GET', url: () => `/api/companies/${a.company.id}/ratings`, permission: 'ratings:read' },
  { method: 'GET', url: () => `/api/rating-cycles/${cycleId}`, permission: 'ratings:read', cityScoped: true },
  { method: 'POST', url: () => '/api/ratings', permission: 'ratings:read', body: () => ({ cycleId, companyId: a.company.id }) },
];

describe('ratings: tenant isolation', () => {
  for (const route of routes) {
    it(`${route.method} ${route.url.toString().replace(/^\(\) => /, '')}: outsiders get 404 (403 without the permission)`, async () => {
      for (const o of outsiders) {
        // A cycle is the city's published programme: readers of the same city see it.
        if (route.cityScoped && !o.label.includes('another city')) continue;
        const body = typeof route.body === 'function' ? (route.body as () => unknown)() : route.body;
        const res = route.method === 'GET' ? await o.client.get(route.url()) : await o.client.post(route.url(), body);
        const expected = roleHas(o.role, route.permission) ? 404 : 403;
        expect(res.statusCode, `${o.label}: ${res.body}`).toBe(expected);
      }
    });
  }

  it('lists never show another tenant\'s ratings or cycles', async () => {
    for (const o of outsiders) {
      const list = await o.client.get('/api/ratings');
      if (list.statusCode === 403) continue;
      expect(list.json().items.map((x: { id: number }) => x.id), o.label).not.toContain(ratingId);
      if (o.label.includes('another city')) expect((await o.client.get('/api/rating-cycles')).json().items, o.label).toEqual([]);
    }
    expect((await (await login(t.app, far.accounts.dept.username)).get(`/api/rating-cycles?cityId=${a.city.id}`)).json().items).toEqual([]);
  });

  it('insiders of each kind see it: the department, the company, the served community\'s committee', async () => {
    for (const username of [a.accounts.dept.username, a.accounts.property.username, a.accounts.staff.username]) {
      const c = await login(t.app, username);
      expect((await c.get(`/api/ratings/${ratingId}`)).statusCode, username).toBe(200);
      expect((await c.get('/api/ratings')).json().items.map((x: { id: number }) => x.id), username).toContain(ratingId);
      expect((await c.get(`/api/ratings/${ratingId}/certificate.pdf`)).statusCode, username).toBe(200);
    }
  });

  it('the public lists are per district: another district lists nothing of it; an unknown district is 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/published-ratings?districtId=${a.district.id}` })).json().items.map((x: { ratingId: number }) => x.ratingId)).toEqual([ratingId]);
    expect((await t.app.inject({ method: 'GET', url: `/api/published-ratings?districtId=${far.district.id}` })).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/rating-lists?districtId=999999999' })).statusCode).toBe(404);
  });
});
