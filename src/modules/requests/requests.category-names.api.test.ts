import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, type RequestsCommunity } from '../../../test/requests-factories.js';

let t: TestApp;
let w: RequestsCommunity;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildRequestsCommunity(t.database.db);
});
afterAll(async () => t?.close());

describe('English category names', () => {
  it('come with the default categories and can be edited by the department', async () => {
    const resident = await login(t.app, w.accounts.resident.username);
    const categories = (await resident.get('/api/request-categories')).json();
    expect(categories.find((c: { code: string }) => c.code === 'heating')).toMatchObject({ name: '暖气不热', nameEn: 'Heating not warm' });
    expect(categories.every((c: { nameEn: string | null }) => typeof c.nameEn === 'string')).toBe(true);

    const dept = await login(t.app, w.accounts.dept.username);
    const id = w.categories.get('other')!.id;
    expect((await dept.patch(`/api/request-categories/${id}`, { nameEn: 'Anything else' })).json()).toMatchObject({ name: '其他', nameEn: 'Anything else' });
    const created = await dept.post('/api/request-categories', { code: 'elevator', name: '电梯故障' });
    expect(created.json()).toMatchObject({ name: '电梯故障', nameEn: null });
    expect((await dept.patch(`/api/request-categories/${id}`, { nameEn: '' })).statusCode).toBe(400);
  });
});
