import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAdmin, buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { requestCategories, serviceRequests } from '../requests/requests.schema.js';

let t: TestApp;
let world: TestCommunity;
let other: TestCommunity;
let otherCity: TestCommunity;
let categoryId: number;

const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  world = await buildCommunity(db);
  other = await buildCommunity(db, world);
  otherCity = await buildCommunity(db);
  const [cat] = await db.insert(requestCategories).values({ cityId: world.city.id, code: 'heating', name: '暖气不热' }).returning();
  categoryId = cat!.id;
  const created = new Date('2025-01-15T02:00:00Z');
  const base = {
    communityId: world.community.id, cityId: world.city.id, districtId: world.district.id, streetId: world.street.id, compoundId: world.compound.id,
    categoryId, description: '暖气不热', locationKind: 'own_unit' as const, createdAt: created,
    respondDueAt: new Date(created.getTime() + minutes(60)), resolveDueAt: new Date(created.getTime() + minutes(1440)),
  };
  await db.insert(serviceRequests).values([
    // Accepted after 10 min, resolved after 3 h, closed with 5 stars.
    { ...base, state: 'closed', assigneeCompanyId: world.company.id, acceptedAt: new Date(created.getTime() + minutes(10)), resolvedAt: new Date(created.getTime() + minutes(180)), rating: 5 },
    // Accepted late (marked breached), resolved after 30 h, closed with 3 stars.
    { ...base, state: 'closed', assigneeCompanyId: world.company.id, acceptedAt: new Date(created.getTime() + minutes(90)), respondBreachedAt: new Date(created.getTime() + minutes(60)), resolvedAt: new Date(created.getTime() + minutes(1800)), rating: 3 },
    { ...base, state: 'submitted' },
    // Merged followers count in byState but in no rate.
    { ...base, state: 'merged', respondBreachedAt: new Date(created.getTime() + minutes(60)) },
  ]);
});
afterAll(async () => t?.close());

const as = (username: string): Promise<Client> => login(t.app, username);

describe('GET /api/figures/requests', () => {
  it('gives community staff the figures of their community', async () => {
    const staff = await as(world.accounts.staff.username);
    const res = await staff.get(`/api/figures/requests?communityId=${world.community.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scope).toEqual({ kind: 'community', id: world.community.id, name: world.community.name });
    expect(body.total).toBe(4);
    expect(body.byState).toMatchObject({ closed: 2, submitted: 1, merged: 1, accepted: 0 });
    expect(body.byCategory).toEqual([{ categoryId, name: '暖气不热', count: 4 }]);
    expect(body.responseMinutes).toEqual({ median: 10, p90: 90, count: 2 });
    expect(body.resolutionMinutes).toEqual({ median: 180, p90: 1800, count: 2 });
    expect(body.percentileResolutionMinutes).toBe(15);
    expect(body.slaBreachRate).toBeCloseTo(1 / 3);
    expect(body.qualificationRate).toBe(0.5);
    expect(body.qualificationThreshold).toBe(4);
    expect(body.satisfaction).toEqual({ mean: 4, satisfiedShare: 0.5, rated: 2 });
    expect(body.rates).toEqual({ response: 0.5, resolution: 2 / 3, satisfaction: 0.5 });
    expect(body.monthly).toEqual([{ month: '2025-01', total: 4, closed: 2, breached: 1, qualificationRate: 0.5 }]);
  });

  it('applies a configurable qualification threshold and month windows', async () => {
    const staff = await as(world.accounts.staff.username);
    const lenient = (await staff.get(`/api/figures/requests?communityId=${world.community.id}&qualificationThreshold=3`)).json();
    expect(lenient.qualificationRate).toBe(1);
    const empty = (await staff.get(`/api/figures/requests?communityId=${world.community.id}&from=2025-02&to=2025-12`)).json();
    expect(empty.total).toBe(0);
    expect(empty.rates).toEqual({ response: null, resolution: null, satisfaction: null });
    expect(empty.monthly).toEqual([]);
  });

  it('answers 404 for a community outside the actor\'s scope', async () => {
    const staff = await as(world.accounts.staff.username);
    expect((await staff.get(`/api/figures/requests?communityId=${other.community.id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/figures/requests?cityId=${world.city.id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/figures/requests?communityId=999999999`)).statusCode).toBe(404);
  });

  it('gives property staff their company and nothing else', async () => {
    const property = await as(world.accounts.property.username);
    const own = await property.get(`/api/figures/requests?companyId=${world.company.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().total).toBe(2);
    expect((await property.get(`/api/figures/requests?companyId=${other.company.id}`)).statusCode).toBe(404);
    expect((await property.get(`/api/figures/requests?communityId=${world.community.id}`)).statusCode).toBe(404);
  });

  it('gives a department its whole city, at every level, and not another city', async () => {
    const dept = await as(world.accounts.dept.username);
    for (const q of [`cityId=${world.city.id}`, `districtId=${world.district.id}`, `streetId=${world.street.id}`, `communityId=${other.community.id}`]) {
      const res = await dept.get(`/api/figures/requests?${q}`);
      expect(res.statusCode, q).toBe(200);
    }
    const city = (await dept.get(`/api/figures/requests?cityId=${world.city.id}&categoryId=${categoryId}`)).json();
    expect(city.total).toBe(4);
    expect(city.rates.response).toBe(0.5);
    expect((await dept.get(`/api/figures/requests?cityId=${otherCity.city.id}`)).statusCode).toBe(404);
    expect((await dept.get(`/api/figures/requests?communityId=${otherCity.community.id}`)).statusCode).toBe(404);
  });

  it('refuses residents (403), and bad scopes or windows (400), and a category of another city (404)', async () => {
    const resident = await as(world.accounts.resident.username);
    expect((await resident.get(`/api/figures/requests?communityId=${world.community.id}`)).statusCode).toBe(403);
    const dept = await as(world.accounts.dept.username);
    const none = await dept.get('/api/figures/requests');
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('FIGURES_SCOPE_REQUIRED');
    expect((await dept.get(`/api/figures/requests?cityId=${world.city.id}&communityId=${world.community.id}`)).statusCode).toBe(400);
    const window = await dept.get(`/api/figures/requests?cityId=${world.city.id}&from=2025-05&to=2025-01`);
    expect(window.json().error.code).toBe('FIGURES_RANGE_INVALID');
    expect((await dept.get(`/api/figures/requests?cityId=${world.city.id}&from=2025-1`)).statusCode).toBe(400);
    const [foreign] = await t.database.db.insert(requestCategories).values({ cityId: otherCity.city.id, code: 'x', name: '其他' }).returning();
    expect((await dept.get(`/api/figures/requests?cityId=${world.city.id}&categoryId=${foreign!.id}`)).statusCode).toBe(404);
  });
});

describe('GET /api/figures/requests/ranking', () => {
  it('ranks the communities of a city for its department and an admin', async () => {
    const dept = await as(world.accounts.dept.username);
    const res = await dept.get(`/api/figures/requests/ranking?cityId=${world.city.id}&level=community&sort=resolution`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { id: number }) => i.id)).toEqual([world.community.id, other.community.id]);
    expect(body.items[0]).toMatchObject({ total: 4, filed: 3, rates: { response: 0.5, satisfaction: 0.5 }, ranks: { response: 1, resolution: 1, satisfaction: 1 } });
    expect(body.items[1]).toMatchObject({ total: 0, ranks: { response: null, resolution: null, satisfaction: null } });
    for (const level of ['street', 'district']) {
      const unit = (await dept.get(`/api/figures/requests/ranking?cityId=${world.city.id}&level=${level}`)).json();
      expect(unit.items[0]).toMatchObject({ total: 4, filed: 3 });
    }
    const admin = await as((await buildAdmin(t.database.db, world.city.id)).username);
    expect((await admin.get(`/api/figures/requests/ranking?cityId=${world.city.id}`)).statusCode).toBe(200);
  });

  it('hides the ranking from community staff (404) and residents (403)', async () => {
    const staff = await as(world.accounts.staff.username);
    expect((await staff.get(`/api/figures/requests/ranking?cityId=${world.city.id}`)).statusCode).toBe(404);
    const resident = await as(world.accounts.resident.username);
    expect((await resident.get(`/api/figures/requests/ranking?cityId=${world.city.id}`)).statusCode).toBe(403);
  });
});
