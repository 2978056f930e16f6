import { shanghaiMonth } from '../../shared/shanghai-time.js';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { Random } from '../../db/demo/random.js';
import { requestStates, type RequestState } from '../../shared/request-states.js';
import { requestCategories, serviceRequests } from '../requests/requests.schema.js';
import type { RequestFigures } from './figures.dto.js';
import { addToHistogram, countRequest, emptyCounters, resolutionMinutes, responseMinutes, type Counters, type Histogram } from './figures.math.js';
import { presentRequestFigures } from './figures.presenter.js';
import { foldRequestDeltas, rebuildRollups, verifyRollups } from './figures.rollups.js';
import { foldDeltasSql } from './figures.sql.js';

/*
 * THE exactness test: a seeded random workload of inserts, single and bulk updates and deletes
 * runs straight against service_requests (so only the triggers keep the roll-ups), then every
 * figure the API derives from the roll-ups must equal a recount of the raw rows done here, in
 * TypeScript, with the pure definitions of figures.math. Only this test's own city is compared.
 */

let t: TestApp;
let a: TestCommunity;
let b: TestCommunity;
let categories: { id: number; name: string }[];
const rng = new Random(20250704);
const base = Date.parse('2025-01-01T00:00:00+08:00');
const minute = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await buildCommunity(db);
  b = await buildCommunity(db, a);
  categories = await db.insert(requestCategories).values(
    ['暖气不热', '房顶/管道漏水', '卫生死角', '楼道照明'].map((name, i) => ({ cityId: a.city.id, code: `c${i}`, name })),
  ).returning({ id: requestCategories.id, name: requestCategories.name });
});
afterAll(async () => t?.close());

type Row = typeof serviceRequests.$inferInsert;

/** A request in a random state with times and marks that fit it (mostly), over ~6 months. */
function randomRequest(): Row {
  const world = rng.chance(0.6) ? a : b;
  const createdAt = new Date(base + rng.int(0, 180 * 24 * 60) * minute);
  const state = rng.pick(requestStates);
  const at = (maxMinutes: number) => new Date(createdAt.getTime() + rng.int(0, maxMinutes) * minute + rng.int(0, 59_999));
  const accepted = !['submitted', 'dispatched'].includes(state) || rng.chance(0.1);
  const resolved = ['resolved', 'closed'].includes(state) || rng.chance(0.1);
  return {
    communityId: world.community.id, cityId: world.city.id, districtId: world.district.id, streetId: world.street.id, compoundId: world.compound.id,
    categoryId: rng.pick(categories).id, description: '随机', locationKind: 'building', state,
    assigneeCompanyId: rng.pick([a.company.id, b.company.id, null]),
    createdAt, respondDueAt: new Date(createdAt.getTime() + 60 * minute), resolveDueAt: new Date(createdAt.getTime() + 1440 * minute),
    acceptedAt: accepted ? at(rng.pick([90, 600, 5000])) : null,
    resolvedAt: resolved ? at(rng.pick([1440, 20_000, 100_000])) : null,
    respondBreachedAt: rng.chance(0.2) ? at(120) : null,
    resolveBreachedAt: rng.chance(0.15) ? at(3000) : null,
    rating: rng.chance(0.5) ? rng.int(1, 5) : null,
  };
}

/** One random change to a request: what the lifecycle services (and bad luck) do. */
function randomChange(): Partial<Row> {
  const r = randomRequest();
  switch (rng.int(0, 8)) {
    case 0: return { state: r.state };
    case 1: return { state: 'accepted', acceptedAt: r.acceptedAt ?? new Date(base) };
    case 2: return { state: 'closed', resolvedAt: r.resolvedAt ?? new Date(base + 3 * 86_400_000), rating: r.rating };
    case 3: return { rating: r.rating };
    case 4: return { respondBreachedAt: r.respondBreachedAt, resolveBreachedAt: r.resolveBreachedAt };
    case 5: return { categoryId: r.categoryId, assigneeCompanyId: r.assigneeCompanyId };
    case 6: return { createdAt: r.createdAt };
    case 7: return { communityId: r.communityId, streetId: r.streetId, compoundId: r.compoundId };
    default: return { description: 'touched, nothing watched' };
  }
}

async function runWorkload(steps: number): Promise<void> {
  const db = t.database.db;
  let ids: number[] = [];
  for (let step = 0; step < steps; step++) {
    const op = rng.int(0, 9);
    if (op <= 2 || ids.length < 10) {
      const rows = Array.from({ length: rng.int(1, 15) }, randomRequest);
      ids.push(...(await db.insert(serviceRequests).values(rows).returning({ id: serviceRequests.id })).map((r) => r.id));
    } else if (op <= 7) {
      await db.update(serviceRequests).set(randomChange()).where(eq(serviceRequests.id, rng.pick(ids)));
    } else if (op === 8) {
      const some = Array.from({ length: rng.int(2, 12) }, () => rng.pick(ids));
      await db.update(serviceRequests).set(randomChange()).where(inArray(serviceRequests.id, some));
    } else {
      const gone = Array.from({ length: rng.int(1, 3) }, () => rng.pick(ids));
      await db.delete(serviceRequests).where(inArray(serviceRequests.id, gone));
      ids = ids.filter((id) => !gone.includes(id));
    }
  }
}

// ---- the independent recount ------------------------------------------------------------------

type Raw = typeof serviceRequests.$inferSelect;
const monthOf = (d: Date) => shanghaiMonth(d);

function recount(rows: Raw[], q: { kind: RequestFigures['scope']['kind']; id: number; name: string; from?: string; to?: string; categoryId?: number }): RequestFigures {
  const inWindow = rows.filter((r) => (!q.from || monthOf(r.createdAt) >= q.from) && (!q.to || monthOf(r.createdAt) <= q.to));
  const byCategory = new Map<number, number>();
  for (const r of inWindow) if (!q.categoryId || r.categoryId === q.categoryId) byCategory.set(r.categoryId, (byCategory.get(r.categoryId) ?? 0) + 1);
  const chosen = inWindow.filter((r) => !q.categoryId || r.categoryId === q.categoryId);
  const total = emptyCounters();
  const months = new Map<string, Counters>();
  const hist = { response: new Map() as Histogram, resolution: new Map() as Histogram };
  for (const r of chosen) {
    const facts = { ...r, state: r.state as RequestState };
    countRequest(total, facts);
    const m = monthOf(r.createdAt);
    if (!months.has(m)) months.set(m, emptyCounters());
    countRequest(months.get(m)!, facts);
    addToHistogram(hist.response, responseMinutes(facts));
    addToHistogram(hist.resolution, resolutionMinutes(facts));
  }
  return presentRequestFigures({
    scope: { kind: q.kind, id: q.id, name: q.name, cityId: a.city.id },
    query: { from: q.from, to: q.to, categoryId: q.categoryId, qualificationThreshold: 4 },
    total,
    months: [...months.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([month, counters]) => ({ month, counters })),
    byCategory: [...byCategory.entries()]
      .map(([categoryId, count]) => ({ categoryId, name: categories.find((c) => c.id === categoryId)!.name, count }))
      .sort((x, y) => y.count - x.count || x.categoryId - y.categoryId),
    hist,
  });
}

async function compareEveryScope(dept: Client): Promise<number> {
  const rows = await t.database.db.select().from(serviceRequests).where(eq(serviceRequests.cityId, a.city.id));
  const scopes = [
    { kind: 'community' as const, id: a.community.id, name: a.community.name, rows: rows.filter((r) => r.communityId === a.community.id) },
    { kind: 'community' as const, id: b.community.id, name: b.community.name, rows: rows.filter((r) => r.communityId === b.community.id) },
    { kind: 'street' as const, id: a.street.id, name: a.street.name, rows },
    { kind: 'district' as const, id: a.district.id, name: a.district.name, rows },
    { kind: 'city' as const, id: a.city.id, name: a.city.name, rows },
    { kind: 'company' as const, id: a.company.id, name: a.company.name, rows: rows.filter((r) => r.assigneeCompanyId === a.company.id) },
    { kind: 'company' as const, id: b.company.id, name: b.company.name, rows: rows.filter((r) => r.assigneeCompanyId === b.company.id) },
  ];
  const windows = [{}, { from: '2025-02', to: '2025-04' }, { from: '2025-03' }, { categoryId: categories[0]!.id }, { to: '2025-05', categoryId: categories[2]!.id }];
  let compared = 0;
  for (const scope of scopes) {
    for (const w of windows) {
      const params = new URLSearchParams({ [`${scope.kind}Id`]: String(scope.id), ...Object.fromEntries(Object.entries(w).map(([k, v]) => [k, String(v)])) });
      const res = await dept.get(`/api/figures/requests?${params}`);
      expect(res.statusCode).toBe(200);
      expect(res.json(), `${scope.kind} ${scope.id} ${params}`).toEqual(recount(scope.rows, { ...scope, ...w }));
      compared++;
    }
  }
  return compared;
}

describe('roll-ups stay exact', () => {
  it('equal a full recount after a random workload of inserts, updates and deletes', async () => {
    await runWorkload(400);
    const db = t.database.db;
    const [{ n }] = (await db.execute(sql`select count(*)::int as n from service_requests where city_id = ${a.city.id}`) as unknown as { rows: { n: number }[] }).rows as [{ n: number }];
    expect(n).toBeGreaterThan(300);
    const dept = await login(t.app, a.accounts.dept.username);
    expect(await compareEveryScope(dept)).toBe(35);
    expect(await verifyRollups(db, { communityIds: [a.community.id, b.community.id] })).toEqual([]);
    // The same after the fold job has added some of the deltas to the roll-ups, then all of them.
    // (On a shared PostgreSQL another test file's rebuild may have folded them already.)
    await db.execute(sql.raw(foldDeltasSql(150)));
    expect(await compareEveryScope(dept)).toBe(35);
    expect(await verifyRollups(db, { communityIds: [a.community.id, b.community.id] })).toEqual([]);
    await foldRequestDeltas(db);
    expect(await compareEveryScope(dept)).toBe(35);
    expect(await verifyRollups(db, { communityIds: [a.community.id, b.community.id] })).toEqual([]);
  });

  it('verifyRollups finds a tampered roll-up and rebuildRollups repairs it', async () => {
    const db = t.database.db;
    // The fold job (off in tests) adds the pending deltas to the roll-up rows tampered with below.
    await foldRequestDeltas(db);
    expect(await verifyRollups(db, { communityIds: [a.community.id, b.community.id] })).toEqual([]);
    await db.execute(sql`update figures_community_counts set total = total + 1 where community_id = ${a.community.id} and category_id = 0`);
    await db.execute(sql`update figures_area_durations set n = n + 1 where level = 'city' and area_id = ${a.city.id}`);
    const differences = await verifyRollups(db, { communityIds: [a.community.id] });
    expect(new Set(differences.map((d) => d.table))).toEqual(new Set(['figures_community_counts', 'figures_area_durations']));
    await rebuildRollups(db, { communityIds: [a.community.id] });
    expect(await verifyRollups(db, { communityIds: [a.community.id, b.community.id] })).toEqual([]);
    await compareEveryScope(await login(t.app, a.accounts.dept.username));
  });
});
