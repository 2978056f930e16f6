import { describe, expect, it } from 'vitest';
import { login, useTestWorld } from '../../../test/app.js';
import { buildRequestsCommunity } from '../../../test/requests-factories.js';

const suite = useTestWorld(buildRequestsCommunity);

describe('English category names', () => {
  it('come with the default categories and can be edited by the department', async () => {
    const resident = await login(suite.t.app, suite.w.accounts.resident.username);
    const categories = (await resident.get('/api/request-categories')).json();
    expect(categories.find((c: { code: string }) => c.code === 'heating')).toMatchObject({ name: '暖气不热', nameEn: 'Heating not warm' });
    expect(categories.every((c: { nameEn: string | null }) => typeof c.nameEn === 'string')).toBe(true);

    const dept = await login(suite.t.app, suite.w.accounts.dept.username);
    const id = suite.w.categories.get('other')!.id;
    expect((await dept.patch(`/api/request-categories/${id}`, { nameEn: 'Anything else' })).json()).toMatchObject({ name: '其他', nameEn: 'Anything else' });
    const created = await dept.post('/api/request-categories', { code: 'elevator', name: '电梯故障' });
    expect(created.json()).toMatchObject({ name: '电梯故障', nameEn: null });
    expect((await dept.patch(`/api/request-categories/${id}`, { nameEn: '' })).statusCode).toBe(400);
  });
});
