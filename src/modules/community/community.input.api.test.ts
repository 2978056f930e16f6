import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount, scopeForRole } from '../../../test/factories.js';
import { operationsOf, requestsFor, type Operation } from '../../../test/fuzz/openapi-fuzz.js';
import { buildRequestsCommunity, type RequestsCommunity } from '../../../test/requests-factories.js';
import { queryRows } from '../../db/client.js';
import { addActivity, addVenue, at } from './community.testing.js';

/*
 * The whole-project fuzz (test/api/fuzz.test.ts) narrowed to this module's routes, so it runs in
 * a minute: every operation sent broken in every way test/fuzz/openapi-fuzz.ts knows, as
 * anonymous and as the roles that use community life, with ids of real rows. No 5xx; every 4xx
 * carries {"error":{code,message,details}}.
 */
const prefixes = ['/api/venues', '/api/venue-day', '/api/bookings', '/api/activities', '/api/activity-figures', '/api/signups', '/api/announcements', '/api/study-materials', '/api/reception-days', '/api/reception-matters'];
const tableOf: Record<string, string> = { venues: 'venues', bookings: 'venue_bookings', activities: 'activities', signups: 'activity_signups', announcements: 'announcements', 'reception-days': 'reception_days', 'reception-matters': 'reception_matters' };
let t: TestApp;
let w: RequestsCommunity;
let ops: Operation[] = [];
const clients = new Map<string, Client | null>();
const known: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ config: { writeLimits: null } });
  w = await buildRequestsCommunity(t.database.db);
  ops = operationsOf((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()).filter((op) => prefixes.some((p) => op.path.startsWith(p)));
  clients.set('anonymous', null);
  for (const role of ['resident', 'party_member', 'community_staff', 'property_staff', 'dept_staff', 'platform_admin']) {
    const account = await buildAccount(t.database.db, w.city.id, [{ role, ...scopeForRole(w, role, w.households[0]!.id) }]);
    clients.set(role, await login(t.app, account.username));
  }
  const staff = await login(t.app, w.accounts.staff.username);
  const resident = await login(t.app, w.accounts.resident.username);
  const venue = await addVenue(staff, w.community.id);
  await resident.post(`/api/venues/${venue}/bookings`, { startsAt: at('2026-01-14', '10:00'), endsAt: at('2026-01-14', '11:00'), purpose: '练球' });
  const activity = await addActivity(staff, w.community.id, { capacity: 5 });
  await resident.post(`/api/activities/${activity}/signups`, {});
  await staff.post('/api/announcements', { communityId: w.community.id, title: '通知', body: '内容' });
  const day = (await staff.post('/api/reception-days', { compoundId: w.compound.id, managerName: '王经理', location: '物业中心', startsAt: at('2026-01-15', '09:00'), endsAt: at('2026-01-15', '11:00') })).json().id;
  await resident.post(`/api/reception-days/${day}/matters`, { matter: '电梯异响' });
  for (const [segment, table] of Object.entries(tableOf)) {
    const [row] = await queryRows<{ id: number }>(t.database.db, sql.raw(`select max(id) as id from ${table}`));
    known[segment] = String(row!.id);
  }
}, 120_000);
afterAll(async () => t?.close());

describe('community routes under broken input', () => {
  it('answer every broken request with a 4xx (or a 2xx), never a 5xx', { timeout: 600_000 }, async () => {
    expect(ops.length).toBeGreaterThanOrEqual(30);
    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      const id = known[op.path.split('/')[2] ?? ''] ?? '1';
      for (const [role, client] of clients) {
        for (const r of requestsFor(op, { id }, role === 'anonymous' ? 'light' : 'full')) {
          const res = client ? await client.raw({ method: r.method, url: r.url, headers: { ...r.headers }, payload: r.payload }) : await t.app.inject({ method: r.method as 'GET', url: r.url, headers: { ...r.headers }, payload: r.payload as string });
          sent++;
          const where = `${role} ${op.method} ${op.path} [${r.label}] → ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${where} ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400) {
            let body: { error?: { code?: unknown; message?: unknown } } | undefined;
            try { body = JSON.parse(res.body); } catch { body = undefined; }
            if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') failures.push(`${where} without an error body: ${res.body.slice(0, 120)}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(failures.slice(0, 20), `${failures.length} of ${sent} failed`).toEqual([]);
  });
});
