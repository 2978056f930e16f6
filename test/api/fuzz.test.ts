import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { registry } from '../../src/kernel/registry.js';
import { createTestApp, login, type Client, type TestApp } from '../app.js';
import { buildAccount, scopeForRole } from '../factories.js';
import { buildRequestsCommunity, fileAsResident, type RequestsCommunity } from '../requests-factories.js';
import { operationsOf, requestsFor, type FuzzRequest, type Operation } from '../fuzz/openapi-fuzz.js';

/*
 * Every operation of the OpenAPI document, sent broken in every way test/fuzz/openapi-fuzz.ts
 * knows, as anonymous and as every role of every module (in scope of a real community, so the
 * requests get past the permission check into validation and the services). No answer may be
 * a 5xx, and every 4xx under /api must carry {"error":{code,message,details}}. It grows with
 * every module: new routes are in the document the moment they are registered.
 */
let t: TestApp;
let w: RequestsCommunity;
let ops: Operation[] = [];
const clients = new Map<string, Client | null>();
const ids: Record<string, string> = {};

beforeAll(async () => {
  // Limits off: thousands of writes from one client would otherwise be answered 429 before they reach validation.
  t = await createTestApp({ config: { writeLimits: null } });
  w = await buildRequestsCommunity(t.database.db);
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  // The live stream never ends by design (test/api… live-stream tests cover it); everything else is fuzzed.
  ops = operationsOf(doc).filter((op) => !op.path.endsWith('/events/stream'));
  clients.set('anonymous', null);
  for (const role of registry().roles) {
    const scope = scopeForRole(w, role, w.households[0]!.id);
    const account = await buildAccount(t.database.db, w.city.id, [{ role, ...scope }]);
    clients.set(role, await login(t.app, account.username));
  }
  // Path ids that exist, so requests reach the services: a filed request, the world's places,
  // and for any other resource the newest row of the table its path segment names.
  const requestId = await fileAsResident(t.app.ctx, w);
  Object.assign(ids, { id: String(requestId), attachmentId: '1', service_code: 'heating', service_request_id: String(requestId) });
  const tables = new Set((await queryRows<{ table_name: string }>(t.database.db, sql`select table_name from information_schema.tables where table_schema = 'public'`)).map((r) => r.table_name));
  for (const op of ops) {
    const segment = op.path.split('/')[2]?.replace(/-/g, '_');
    if (segment && tables.has(segment) && !(segment in known)) {
      const [row] = await queryRows<{ id: number | null }>(t.database.db, sql.raw(`select max(id) as id from ${segment}`)).catch(() => [{ id: null }]);
      known[segment] = row?.id ? String(row.id) : '1';
    }
  }
  Object.assign(known, { communities: String(w.community.id), compounds: String(w.compound.id), buildings: String(w.building.id), households: String(w.households[0]!.id), requests: String(requestId) });
});
afterAll(async () => t?.close());

const known: Record<string, string> = {};

// The fuzz's bad logins come from an address of their own, so the login throttle they trip
// (per IP, kept in the database) cannot lock out other test files sharing a PostgreSQL.
const fuzzIp = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function send(client: Client | null, r: FuzzRequest) {
  const headers = { ...r.headers };
  if (client) {
    // The logged-in client's cookie and CSRF token, with the variant's own headers on top.
    return client.raw({ method: r.method, url: r.url, headers, payload: r.payload, remoteAddress: fuzzIp });
  }
  return t.app.inject({ method: r.method as 'GET', url: r.url, headers, payload: r.payload as string, remoteAddress: fuzzIp });
}

describe('OpenAPI fuzz: no 5xx for any bad input, as anyone', () => {
  it('covers every operation', () => {
    expect(ops.length).toBeGreaterThan(50);
  });

  it('answers every broken request with a 4xx (or a 2xx), never a 5xx', { timeout: 900_000 }, async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      const segment = op.path.split('/')[2]?.replace(/-/g, '_') ?? '';
      const opIds = { ...ids, id: known[segment] ?? ids.id! };
      // Deep variants for the administrator and for two of the roles holding the route's
      // permission in scope (validation is one zod schema whoever sends it; more holders would
      // repeat it — the route-authz test covers every role's answer); a light pass for the rest.
      const holders = (registry().permissionRoles.get(permissionOf(op) ?? '') ?? []).filter((r) => r !== 'platform_admin').slice(0, 2);
      for (const [role, client] of clients) {
        const deep = role === 'platform_admin' || holders.includes(role);
        for (const r of requestsFor(op, opIds, deep ? 'full' : 'light')) {
          const res = await send(client, r);
          sent++;
          const where = `${role} ${op.method} ${op.path} [${r.label}] → ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${where} ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400 && op.path.startsWith('/api/')) {
            const body = safeJson(res.body) as { error?: { code?: unknown; message?: unknown } } | undefined;
            if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') failures.push(`${where} without an error body: ${res.body.slice(0, 120)}`);
          }
        }
      }
    }
    console.info(`fuzz: ${sent} requests over ${ops.length} operations as ${clients.size} roles, ${failures.length} failed`);
    expect(sent).toBeGreaterThan(5000);
    // One line per kind of failure (operation, breakage, status), with how many requests hit it.
    const kinds = new Map<string, { n: number; example: string }>();
    for (const f of failures) {
      const key = f.replace(/^\S+ /, '').replace(/\[([^\]=]*)=?[^\]]*\]/, '[$1]').replace(/ \{.*$|without an error body.*$/, '');
      const known = kinds.get(key);
      kinds.set(key, { n: (known?.n ?? 0) + 1, example: known?.example ?? f });
    }
    expect([...kinds.entries()].map(([k, v]) => `${v.n}× ${k} — e.g. ${v.example.slice(0, 300)}`), `${failures.length} of ${sent} requests failed`).toEqual([]);
  });
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The permission a route declares (from the app's route catalog). */
function permissionOf(op: Operation): string | undefined {
  const url = op.path.replace(/\{(\w+)\}/g, ':$1');
  return t.app.routeCatalog.find((r) => r.method === op.method && r.url === url)?.access.permission;
}
