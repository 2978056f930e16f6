import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { buildStation, type StationFixture } from './stations.testing.js';

/*
 * Bad input on every route of the module, driven by its OpenAPI schemas: each body property set
 * to each of a list of wrong values (and bodies that are not objects), each query parameter too.
 * Every answer is a clear 4xx {"error":{code,message,details}} — never a 500 — and nothing
 * half-written is left (the stock still sums to the ledger).
 */
let t: TestApp;
let w: TestCommunity;
let staff: Client;
let f: StationFixture;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  w = await buildCommunity(t.database.db);
  staff = await login(t.app, w.accounts.staff.username);
  f = await buildStation(staff, { communityId: w.community.id, companyId: w.company.id, holderAccountId: w.accounts.staff.accountId });
  ids.coverage = (await staff.post(`/api/stations/${f.stationId}/coverage`, { kind: 'shop', name: '便民超市' })).json().id;
  ids.checkout = (await staff.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.hydraulic, purpose: 'drill' })).json().id;
  ids.rollCall = (await staff.post(`/api/stations/${f.stationId}/roll-calls`, {})).json().id;
  ids.incident = (await staff.post(`/api/stations/${f.stationId}/incidents`, { kind: 'fire', title: '电动车起火', occurredAt: '2026-01-13T01:00:00+08:00' })).json().id;
});
afterAll(async () => t?.close());

const wrong: unknown[] = [null, -1, 0, 1.5, 2 ** 53, 1e300, '', 'x\u0000y', '\uD800', 'a'.repeat(5000), [], [1, 'x'], {}, true, '9999-99-99', '25:99'];
type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[] };

function concrete(url: string): string {
  const id = url.startsWith('/api/stations/') ? f.stationId
    : url.startsWith('/api/station-items/') ? f.items.sandbags
    : url.startsWith('/api/checkouts/') ? ids.checkout
    : url.startsWith('/api/station-key-holders/') ? f.keyHolderIds[1]
    : url.startsWith('/api/station-roll-calls/') ? ids.rollCall
    : url.startsWith('/api/station-team/') ? f.teamIds[2]
    : url.startsWith('/api/station-incidents/') ? ids.incident
    : url.startsWith('/api/station-coverage/') ? ids.coverage : 1;
  return url.replace(':id', String(id));
}

describe('bad input', () => {
  it('gets a clear 4xx on every route of the module, never a 500', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { in: string; name: string }[] }>>;
    };
    const routes = t.app.routeCatalog.filter((r) => /^\/api\/(stations?|station-|checkouts)/.test(r.url) && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThanOrEqual(30);
    const failures: string[] = [];
    let calls = 0;
    for (const r of routes) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      const url = concrete(r.url);
      const body = op?.requestBody?.content?.['application/json']?.schema;
      const check = async (label: string, res: { statusCode: number; json: () => unknown }) => {
        calls++;
        if (res.statusCode >= 500) failures.push(`${r.method} ${r.url} ${label}: ${res.statusCode}`);
        else if (res.statusCode >= 400) {
          const e = (res.json() as { error?: { code?: string; message?: string } }).error;
          if (!e?.code || !e.message) failures.push(`${r.method} ${r.url} ${label}: no error body`);
        }
      };
      if (r.method === 'GET' || r.method === 'DELETE') {
        for (const p of (op?.parameters ?? []).filter((x) => x.in === 'query')) {
          for (const v of ['-1', '0', 'x', '9'.repeat(30), '%00', '2026-13-40']) {
            await check(`?${p.name}=${v}`, await staff.get(`${url}?${p.name}=${encodeURIComponent(v)}`));
          }
        }
        continue;
      }
      for (const payload of [{}, [], 'text', 42, { unknown: 1 }]) await check(`body ${JSON.stringify(payload)}`, await (r.method === 'PATCH' ? staff.patch(url, payload) : staff.post(url, payload)));
      for (const [name] of Object.entries(body?.properties ?? {})) {
        for (const v of wrong) {
          const payload = { [name]: v };
          await check(`${name}=${JSON.stringify(v)?.slice(0, 20)}`, await (r.method === 'PATCH' ? staff.patch(url, payload) : staff.post(url, payload)));
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(500);
    // Nothing half-written: the stock still equals its ledger.
    for (const itemId of Object.values(f.items)) {
      const events = (await staff.get(`/api/station-items/${itemId}/events?pageSize=100`)).json().items as { delta: number; quantityAfter: number }[];
      const items = (await staff.get(`/api/stations/${f.stationId}/items?pageSize=100`)).json().items as { id: number; quantity: number }[];
      expect(events.reduce((s, e) => s + e.delta, 0)).toBe(items.find((i) => i.id === itemId)!.quantity);
    }
  });
});
