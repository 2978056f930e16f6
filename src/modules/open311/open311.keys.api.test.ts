import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAdmin, buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { hashApiKey } from './open311.keys.js';
import { open311ApiKeys } from './open311.schema.js';

let t: TestApp;
let w: TestCommunity;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildCommunity(t.database.db);
  admin = await login(t.app, (await buildAdmin(t.database.db, w.city.id)).username);
});
afterAll(async () => t?.close());

describe('Open311 api_key admin', () => {
  it('issues a key once, stores only its hash, binds a community organisation to its community', async () => {
    const res = await admin.post('/api/admin/open311-keys', { organisationId: w.partyCommittee.id, label: '社区网格平台' });
    expect(res.statusCode).toBe(201);
    const issued = res.json();
    expect(issued).toMatchObject({ label: '社区网格平台', cityCode: w.city.code, organisation: { id: w.partyCommittee.id }, community: { id: w.community.id, name: w.community.name }, revokedAt: null });
    expect(issued.key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(issued.keyPrefix).toBe(issued.key.slice(0, 8));
    const [row] = await t.database.db.select().from(open311ApiKeys).where(eq(open311ApiKeys.id, issued.id));
    expect(row!.keyHash).toBe(hashApiKey(issued.key));
    expect(JSON.stringify(row)).not.toContain(issued.key);

    const list = await admin.get('/api/admin/open311-keys?pageSize=100');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(issued.key);
    expect(list.json().items.find((k: { id: number }) => k.id === issued.id)).toMatchObject({ keyPrefix: issued.keyPrefix, community: { id: w.community.id } });
  });

  it('issues a city-wide key to a city organisation, or binds it to a community when asked', async () => {
    const cityWide = await admin.post('/api/admin/open311-keys', { organisationId: w.department.id, label: '12345热线' });
    expect(cityWide.json().community).toBeNull();
    const bound = await admin.post('/api/admin/open311-keys', { organisationId: w.localUnit.id, communityId: w.community.id, label: '热力公司' });
    expect(bound.json().community).toMatchObject({ id: w.community.id });
  });

  it('refuses a community outside the organisation\'s own or its city (422), an unknown organisation (404)', async () => {
    const other = await buildCommunity(t.database.db);
    const wrongCommunity = await admin.post('/api/admin/open311-keys', { organisationId: w.partyCommittee.id, communityId: other.community.id, label: 'x' });
    expect(wrongCommunity.statusCode).toBe(422);
    const wrongCity = await admin.post('/api/admin/open311-keys', { organisationId: w.department.id, communityId: other.community.id, label: 'x' });
    expect(wrongCity.statusCode).toBe(422);
    expect((await admin.post('/api/admin/open311-keys', { organisationId: 9_000_000_000, label: 'x' })).statusCode).toBe(404);
    expect((await admin.post('/api/admin/open311-keys', { organisationId: w.department.id, label: '' })).statusCode).toBe(400);
  });

  it('revokes: the key leaves the default list, stays in includeRevoked, and revoking twice is harmless', async () => {
    const issued = (await admin.post('/api/admin/open311-keys', { organisationId: w.department.id, label: '临时' })).json();
    expect((await admin.delete(`/api/admin/open311-keys/${issued.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/admin/open311-keys/${issued.id}`)).statusCode).toBe(204);
    const active = (await admin.get('/api/admin/open311-keys?pageSize=100')).json().items as { id: number }[];
    expect(active.map((k) => k.id)).not.toContain(issued.id);
    const all = (await admin.get('/api/admin/open311-keys?pageSize=100&includeRevoked=true')).json().items as { id: number; revokedAt: string | null }[];
    expect(all.find((k) => k.id === issued.id)!.revokedAt).not.toBeNull();
    expect((await admin.delete('/api/admin/open311-keys/9000000000')).statusCode).toBe(404);
  });

  it('is for platform admins only (open311:manage)', async () => {
    for (const account of [w.accounts.staff, w.accounts.dept, w.accounts.resident]) {
      const client = await login(t.app, account.username);
      expect((await client.get('/api/admin/open311-keys')).statusCode, account.username).toBe(403);
      expect((await client.post('/api/admin/open311-keys', { organisationId: w.department.id, label: 'x' })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/open311-keys' })).statusCode).toBe(401);
  });
});
