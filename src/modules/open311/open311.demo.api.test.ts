import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp } from '../../../test/app.js';
import { createDemoTestApp } from '../../../test/demo.js';
import { DEMO_OPEN311_KEY, seedOpen311Demo } from './open311.demo.js';

let t: TestApp;

beforeAll(async () => {
  t = await createDemoTestApp();
  // A shared database may hold a demo loaded before this seeder existed; the seeder is idempotent.
  await seedOpen311Demo(t.database.db);
}, 240_000);
afterAll(async () => t?.close());

describe('the demo api_key', () => {
  it('files in 鼎立社区 as the README shows, and only there', async () => {
    const post = (fields: Record<string, string>) => t.app.inject({
      method: 'POST', url: '/open311/v2/requests.json', payload: new URLSearchParams({ api_key: DEMO_OPEN311_KEY, jurisdiction_id: 'kaifeng', ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const res = await post({ service_code: 'lighting', address_string: '鼎立社区 A区12号楼', description: '12号楼楼道灯不亮' });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json()[0].service_request_id as string;
    const back = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json?jurisdiction_id=kaifeng` });
    expect(back.json()[0]).toMatchObject({ status: 'open', address: expect.stringContaining('鼎立小区A区 12号楼') });
    const near = await post({ service_code: 'lighting', lat: '34.7902', long: '114.3500' });
    expect(near.statusCode).toBe(200);
    const elsewhere = await post({ service_code: 'lighting', address_string: '橄榄城1期 3号楼' });
    expect(elsewhere.statusCode).toBe(403);
  });

  it('works with the kaifeng services list', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/open311/v2/services.xml?jurisdiction_id=kaifeng' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<service_code>heating</service_code>');
  });
});
