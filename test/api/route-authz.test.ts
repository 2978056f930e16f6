import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRoute } from '../../src/server/plugins/auth.js';
import { registry } from '../../src/kernel/registry.js';
import { roleHas } from '../../src/modules/access/access.policy.js';
import { createTestApp, login, type Client, type TestApp } from '../app.js';
import { buildAccount, buildCommunity, scopeForRole } from '../factories.js';

/*
 * The generic half of "every route has an authorisation test": for EVERY route the app
 * registers, an anonymous caller is refused (401) unless the route is public, and for every
 * permission-guarded route each role lacking that permission is refused (403) — before any
 * input is looked at. Cross-tenant 404s are proven per module next to each module's routes.
 */
let t: TestApp;
let seen: CatalogRoute[] = [];
const clientsByRole = new Map<string, Client>();

// Every role any module declares, read from the module list the app was built from.
let roles: readonly string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  roles = registry().roles;
  const w = await buildCommunity(t.database.db);
  // Routes are registered by the time the app is ready; read them back from Fastify.
  for (const role of roles) {
    const scope = scopeForRole(w, role);
    const account = await buildAccount(t.database.db, w.city.id, [{ role, ...scope }]);
    clientsByRole.set(role, await login(t.app, account.username));
  }
});
afterAll(async () => t?.close());

function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, '1').replace(/\*$/, '');
}

describe('authorisation of every route', () => {
  it('collects the routes', () => {
    seen = t.app.routeCatalog;
    expect(seen.length).toBeGreaterThan(8);
  });

  it('refuses anonymous callers on every non-public route (401)', async () => {
    for (const r of seen.filter((s) => !s.access.public && !s.access.apiKey)) {
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url), payload: r.method === 'GET' ? undefined : {} });
      expect.soft(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect.soft(res.json().error?.code, `${r.method} ${r.url}`).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses every role that lacks a route\'s permission (403)', async () => {
    for (const r of seen.filter((s) => s.access.permission)) {
      for (const role of roles) {
        if (roleHas(role, r.access.permission!)) continue;
        const client = clientsByRole.get(role)!;
        const res = r.method === 'GET' ? await client.get(concrete(r.url))
          : r.method === 'DELETE' ? await client.delete(concrete(r.url))
          : r.method === 'PATCH' ? await client.patch(concrete(r.url), {})
          : r.method === 'PUT' ? await client.put(concrete(r.url), {})
          : await client.post(concrete(r.url), {});
        expect.soft(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
      }
    }
  });
});
