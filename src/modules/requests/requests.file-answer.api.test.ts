import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, multipartBody, PNG_1PX, type RequestsCommunity } from '../../../test/requests-factories.js';
import { buildings } from '../places/places.schema.js';

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
