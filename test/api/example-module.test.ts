import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registry } from '../../src/kernel/registry.js';
import { can } from '../../src/modules/access/access.policy.js';
import { loadActor } from '../../src/modules/accounts/accounts.service.js';
import { modules } from '../../src/modules/index.js';
import { systemClock } from '../../src/server/clock.js';
import type { LiveEvent } from '../../src/server/events.js';
import { createTestApp, login, type TestApp } from '../app.js';
import { exampleModule } from '../example/example.module.js';
import { exampleNotesDdl } from '../example/example.schema.js';
import { buildCommunity, type TestCommunity } from '../factories.js';

/*
 * "Adding a module touches its own folder, the module list and a migration — nothing else":
 * test/example/ is such a folder, and appending its manifest to the list is all this test does
 * to wire it. Its routes, permissions, table, job and live topic then work like any module's.
 */
let t: TestApp;
let w: TestCommunity;
let other: TestCommunity;

beforeAll(async () => {
  t = await createTestApp({ modules: [...modules, exampleModule], clock: systemClock, config: { jobs: ['example.see-notes'] } });
  await t.database.db.execute(sql.raw(exampleNotesDdl));
  w = await buildCommunity(t.database.db);
  other = await buildCommunity(t.database.db);
});
afterAll(async () => t?.close());

describe('an example module registered through its manifest only', () => {
  it('adds its permissions to the access policy, for the roles it names', async () => {
    expect(registry().permissions).toContain('example:write');
    const staff = (await loadActor(t.database.db, w.accounts.staff.accountId))!;
    const resident = (await loadActor(t.database.db, w.accounts.resident.accountId))!;
    expect(can(staff, 'example:write', { communityId: w.community.id })).toBe(true);
    expect(can(staff, 'example:write', { communityId: other.community.id })).toBe(false);
    expect(can(resident, 'example:read', { communityId: w.community.id })).toBe(false);
  });

  it('serves its routes with their declared access, and 404 across tenants', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/example/notes/1' })).statusCode).toBe(401);
    const resident = await login(t.app, w.accounts.resident.username);
    expect((await resident.post(`/api/example/communities/${w.community.id}/notes`, { body: 'x' })).statusCode).toBe(403);
    const staff = await login(t.app, w.accounts.staff.username);
    expect((await staff.post(`/api/example/communities/${other.community.id}/notes`, { body: 'x' })).statusCode).toBe(404);
    const created = await staff.post(`/api/example/communities/${w.community.id}/notes`, { body: '楼道灯已修好' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect((await staff.get(`/api/example/notes/${id}`)).json()).toMatchObject({ body: '楼道灯已修好' });
    const outsider = await login(t.app, other.accounts.staff.username);
    expect((await outsider.get(`/api/example/notes/${id}`)).statusCode).toBe(404);
    // Its input is validated by the kernel's primitives like every module's.
    expect((await staff.post(`/api/example/communities/${w.community.id}/notes`, { body: 'a\u0000b' })).statusCode).toBe(400);
  });

  it('appears in the OpenAPI document and the route catalog', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/example/notes/{id}');
    expect(t.app.routeCatalog.some((r) => r.url === '/api/example/communities/:id/notes' && r.access.permission === 'example:write')).toBe(true);
  });

  it('delivers its live topic to whoever holds the topic\'s permission on the scope', async () => {
    const seen: LiveEvent[] = [];
    const off = t.app.ctx.events.subscribe((e) => seen.push(e));
    const staff = await login(t.app, w.accounts.staff.username);
    await staff.post(`/api/example/communities/${w.community.id}/notes`, { body: '新通知' });
    // On PostgreSQL the event comes back through LISTEN/NOTIFY, a moment after the answer.
    await vi.waitFor(() => expect(seen.some((e) => e.topic === 'example.note.created')).toBe(true), { timeout: 5000 });
    off();
    const event = seen.find((e) => e.topic === 'example.note.created')!;
    const { eventVisibleTo } = await import('../../src/kernel/live.js');
    const mine = (await loadActor(t.database.db, w.accounts.staff.accountId))!;
    const theirs = (await loadActor(t.database.db, other.accounts.staff.accountId))!;
    const dept = (await loadActor(t.database.db, w.accounts.dept.accountId))!;
    expect(eventVisibleTo(mine, event)).toBe(true);
    expect(eventVisibleTo(theirs, event)).toBe(false);
    // The department holds example:read on its city — but the event's scope names only the community.
    expect(eventVisibleTo(dept, event)).toBe(false);
  });

  it('runs its job from the kernel runner', async () => {
    const staff = await login(t.app, w.accounts.staff.username);
    const id = (await staff.post(`/api/example/communities/${w.community.id}/notes`, { body: '待处理' })).json().id as number;
    await vi.waitFor(async () => {
      const note = (await staff.get(`/api/example/notes/${id}`)).json();
      expect(note.state).toBe('seen');
    }, { timeout: 10_000, interval: 200 });
    const [job] = (await t.database.db.execute(sql`select runs, last_error from kernel_jobs where name = 'example.see-notes'`) as unknown as { rows: { runs: number; last_error: string | null }[] }).rows;
    expect(job!.runs).toBeGreaterThan(0);
    expect(job!.last_error).toBeNull();
  });
});
