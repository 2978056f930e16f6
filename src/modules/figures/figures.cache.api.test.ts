import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/app.js';
import { buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { requestCategories, serviceRequests } from '../requests/requests.schema.js';

/*
 * The figures' read cache, switched on (the other tests run with it off): a request's live event
 * retires its city's figures at once; another city's writes leave them be. A row written behind
 * the app's back (no event) shows that the answer really comes from the cache.
 */
let t: TestApp;
let world: TestCommunity;
let elsewhere: TestCommunity;
const categories = new Map<number, number>();

beforeAll(async () => {
  t = await createTestApp({ config: { figuresCacheSeconds: 600 } });
  const db = t.database.db;
  world = await buildCommunity(db);
  elsewhere = await buildCommunity(db);
  for (const w of [world, elsewhere]) {
    const [cat] = await db.insert(requestCategories).values({ cityId: w.city.id, code: 'lighting', name: '楼道灯不亮' }).returning();
    categories.set(w.city.id, cat!.id);
  }
});
afterAll(async () => t?.close());

async function fileBehindTheAppsBack(w: TestCommunity): Promise<void> {
  const now = t.clock.now();
  await t.database.db.insert(serviceRequests).values({
    communityId: w.community.id, cityId: w.city.id, districtId: w.district.id, streetId: w.street.id, compoundId: w.compound.id,
    categoryId: categories.get(w.city.id)!, description: '楼道灯不亮', locationKind: 'stairwell', state: 'submitted', createdAt: now,
    respondDueAt: new Date(now.getTime() + 3_600_000), resolveDueAt: new Date(now.getTime() + 86_400_000),
  });
}

describe('GET /api/figures/requests with the read cache on', () => {
  it('serves a repeated read from the cache, and drops it when a request of the city is filed', async () => {
    const dept = await login(t.app, world.accounts.dept.username);
    const total = async () => (await dept.get(`/api/figures/requests?cityId=${world.city.id}`)).json().total as number;
    expect(await total()).toBe(0);
    await fileBehindTheAppsBack(world);
    expect(await total()).toBe(0);

    const resident = await login(t.app, world.accounts.resident.username);
    const filed = await resident.post('/api/requests', { description: '3号楼2单元楼道灯不亮', locationKind: 'stairwell', categoryId: categories.get(world.city.id)! });
    expect(filed.statusCode).toBe(201);
    // On PostgreSQL the event comes back through LISTEN/NOTIFY, a moment after the answer.
    await expect.poll(total, { timeout: 5000, interval: 50 }).toBe(2);
  });

  it('keeps a city\'s figures when another city\'s request changes, and checks access before any cached answer', async () => {
    const dept = await login(t.app, world.accounts.dept.username);
    const before = (await dept.get(`/api/figures/requests?cityId=${world.city.id}`)).json().total as number;
    await fileBehindTheAppsBack(world);
    const resident = await login(t.app, elsewhere.accounts.resident.username);
    expect((await resident.post('/api/requests', { description: '楼道灯坏了', locationKind: 'stairwell', categoryId: categories.get(elsewhere.city.id)! })).statusCode).toBe(201);
    expect((await dept.get(`/api/figures/requests?cityId=${world.city.id}`)).json().total).toBe(before);

    // The threshold of 处置合格率 is part of what is cached: another threshold is another answer.
    const strict = (await dept.get(`/api/figures/requests?cityId=${world.city.id}&qualificationThreshold=5`)).json();
    expect(strict.qualificationThreshold).toBe(5);
    expect((await dept.get(`/api/figures/requests?cityId=${world.city.id}`)).json().qualificationThreshold).toBe(4);

    const outsider = await login(t.app, elsewhere.accounts.dept.username);
    expect((await outsider.get(`/api/figures/requests?cityId=${world.city.id}`)).statusCode).toBe(404);
  });
});
