import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, multipartBody, PNG_1PX, type RequestsCommunity } from '../../../test/requests-factories.js';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { buildings } from '../places/places.schema.js';
import { requestCategories as requestCategoriesTable } from './requests.schema.js';

/*
 * A resident's filing answers with the detail it built from what it read and wrote (no read
 * back): it must be exactly what GET /api/requests/:id answers right after, in every shape a
 * filing takes.
 */
let t: TestApp;
let w: RequestsCommunity;
let resident: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildRequestsCommunity(t.database.db);
  resident = await login(t.app, w.accounts.resident.username);
});
afterAll(async () => t?.close());

async function expectAnswerIsReadBack(client: Client, res: { statusCode: number; json: () => { id: number } }) {
  expect(res.statusCode).toBe(201);
  const read = await client.get(`/api/requests/${res.json().id}`);
  expect(read.statusCode).toBe(200);
  expect(res.json()).toEqual(read.json());
}

describe('a filing answers with the request as read back', () => {
  it('own unit, a category, an Idempotency-Key', async () => {
    const res = await resident.post('/api/requests', { description: '家里暖气不热，室温只有12度', locationKind: 'own_unit', categoryId: w.categories.get('heating')!.id }, { 'idempotency-key': 'answer-1' });
    await expectAnswerIsReadBack(resident, res);
    expect(res.json()).toMatchObject({ state: 'submitted', household: { id: w.households[0]!.id }, timeline: [{ action: 'submit' }] });
    // The replay reads back as before.
    const again = await resident.post('/api/requests', { description: '家里暖气不热，室温只有12度', locationKind: 'own_unit', categoryId: w.categories.get('heating')!.id }, { 'idempotency-key': 'answer-1' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(res.json());
  });

  it('classified from the text, urgent, with photos (multipart)', async () => {
    const good = multipartBody({ data: JSON.stringify({ description: '楼道灯不亮，晚上很黑', locationKind: 'stairwell', priority: 'urgent' }) }, [PNG_1PX, PNG_1PX]);
    const filed = await resident.post('/api/requests', good.payload, good.headers);
    await expectAnswerIsReadBack(resident, filed);
    expect(filed.json().attachments).toHaveLength(2);
    expect(filed.json().category.code).toBe('lighting');
  });

  it('a named building, a place text and a contact time', async () => {
    const res = await resident.post('/api/requests', {
      description: '单元门禁坏了', locationKind: 'building', buildingId: w.building.id, locationText: '2单元门口', contactTime: '工作日晚上',
      categoryId: w.categories.get('heating')!.id,
    });
    await expectAnswerIsReadBack(resident, res);
    expect(res.json().locationLabel).toContain(w.building.name);
  });
});

describe('a resident filing with a wrong category or building', () => {
  it('refuses an unknown or inactive category and a building of another compound with 4xx and writes nothing', async () => {
    const unknown = await resident.post('/api/requests', { description: '暖气不热', locationKind: 'own_unit', categoryId: 987654 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('REQUEST_CATEGORY_INVALID');
    const [elsewhere] = await t.database.db.insert(buildings).values({ communityId: w.community.id, compoundId: w.selfGovernedCompound.id, name: '9号楼', floors: 6 }).returning();
    const wrongBuilding = await resident.post('/api/requests', { description: '楼顶漏水', locationKind: 'building', buildingId: elsewhere!.id, categoryId: w.categories.get('heating')!.id });
    expect(wrongBuilding.statusCode).toBe(422);
    expect(wrongBuilding.json().error.code).toBe('REQUEST_LOCATION_INVALID');
    const mine = await resident.get(`/api/requests?pageSize=100`);
    expect(mine.json().items.map((i: { description: string }) => i.description)).not.toContain('楼顶漏水');
  });
});

describe("a resident's filing context, kept for the next filing", () => {
  it('settles a retried key by the write, answers a reused key 422, and sees an edited category at once', async () => {
    const dept = await login(t.app, w.accounts.dept.username);
    const [category] = (await t.database.db.insert(requestCategoriesTable).values({ cityId: w.city.id, code: `ctx-${Date.now()}`, name: '缓存测试类', sortOrder: 99 }).returning());
    const body = { description: '楼道扶手松动', locationKind: 'stairwell' as const, categoryId: category!.id };
    // The first filing reads the context (and keeps it); the retry finds it kept and its key is settled by the write.
    const first = await resident.post('/api/requests', body, { 'idempotency-key': 'ctx-1' });
    expect(first.statusCode).toBe(201);
    const retry = await resident.post('/api/requests', body, { 'idempotency-key': 'ctx-1' });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const reused = await resident.post('/api/requests', { ...body, description: '另一件事' }, { 'idempotency-key': 'ctx-1' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ n }] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from service_requests where category_id = ${category!.id}`) as [{ n: number }];
    expect(n).toBe(1);
    // Deactivated through the API: the next filing in that category is refused, not taken from the kept context.
    expect((await dept.patch(`/api/request-categories/${category!.id}`, { active: false })).statusCode).toBe(200);
    const refused = await resident.post('/api/requests', body, { 'idempotency-key': 'ctx-2' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('REQUEST_CATEGORY_INVALID');
  });
});
