import { describe, expect, it } from 'vitest';
import { login, useTestWorld } from '../../../test/app.js';
import { shanghaiMonth } from '../../shared/shanghai-time.js';
import { buildAccount, buildCity, buildCommunity, type TestCommunity } from '../../../test/factories.js';
import type { Db } from '../../db/client.js';
import { buildingUnits, households, streets } from '../places/places.schema.js';
import { requestCategories, serviceRequests } from '../requests/requests.schema.js';
import { rankItems } from './dashboard.service.js';

/*
 * Scoping and the shape of the answers: a department sees its city, a street office its street
 * (its communities, not another street's), a community only itself; another city's node and a
 * node outside one's grant answer 404 like a node that does not exist.
 */

async function addHomes(db: Db, w: TestCommunity, n: number) {
  const [unit] = await db.insert(buildingUnits).values({ communityId: w.community.id, buildingId: w.building.id, name: `${n}单元` }).returning();
  await db.insert(households).values(Array.from({ length: n }, (_, i) => ({
    communityId: w.community.id, compoundId: w.compound.id, buildingId: w.building.id, unitId: unit!.id, number: `${900 + i}`, areaM2: 90,
  })));
}

async function buildWorld(db: Db) {
  const a = await buildCommunity(db);
  const b = await buildCommunity(db, a);
  const [street2] = await db.insert(streets).values({ cityId: a.city.id, districtId: a.district.id, name: '第二街道' }).returning();
  const c = await buildCommunity(db, { ...a, street: street2! });
  const other = await buildCommunity(db, await buildCity(db, '别市'));
  for (const w of [a, b, c]) await addHomes(db, w, 6);
  const streetOffice = await buildAccount(db, a.city.id, [{ role: 'dept_staff', scopeType: 'street', scopeId: a.street.id }]);
  const compoundCommittee = await buildAccount(db, a.city.id, [{ role: 'owners_committee', scopeType: 'compound', scopeId: a.compound.id }]);
  const [category] = await db.insert(requestCategories).values({ cityId: a.city.id, code: 'heat', name: '暖气不热' }).returning();
  // Six requests in a, rated 5, 5, 5, 4, 2 and one unrated; two in b.
  const base = new Date('2026-11-10T02:00:00Z');
  const rows = [[a, 5], [a, 5], [a, 5], [a, 4], [a, 2], [a, null], [b, 5], [b, 1]] as const;
  await db.insert(serviceRequests).values(rows.map(([w, rating]) => ({
    communityId: w.community.id, cityId: w.city.id, districtId: w.district.id, streetId: w.street.id, compoundId: w.compound.id,
    categoryId: category!.id, description: '暖气不热', locationKind: 'building' as const, state: 'closed' as const, createdAt: base,
    respondDueAt: new Date(base.getTime() + 3_600_000), resolveDueAt: new Date(base.getTime() + 86_400_000),
    acceptedAt: new Date(base.getTime() + 600_000), resolvedAt: new Date(base.getTime() + 7_200_000), rating,
  })));
  return { a, b, c, other, street2: street2!, streetOffice, compoundCommittee, category: category! };
}

const s = useTestWorld(buildWorld);
const q = (level: string, id: number, extra = '') => `/api/dashboard/overview?level=${level}&id=${id}&from=2026-01&to=2026-12${extra}`;
type Overview = { node: { name: string }; breadcrumb: { level: string }[]; children: { id: number; name: string }[]; metrics: { id: string; value: number | null; status: string; base: number | null }[]; childValues: { id: number; values: Record<string, { value: number | null; status: string }> }[]; trends: { months: string[]; partialMonth: string | null; series: Record<string, (number | null)[]> }; breakdowns: { id: string; dims: { label: string; total: number }[] }[] };
const metric = (o: Overview, id: string) => o.metrics.find((m) => m.id === id)!;

describe('the dashboard of each level', () => {
  it('the department sees the city with its districts, and the figures of every registered metric', async () => {
    const dept = await login(s.t.app, s.w.a.accounts.dept.username);
    const res = await dept.get(q('city', s.w.a.city.id));
    expect(res.statusCode).toBe(200);
    const o = res.json() as Overview;
    expect(o.children.map((c) => c.id)).toEqual([s.w.a.district.id]);
    const registry = (await dept.get('/api/dashboard/metrics')).json() as { metrics: { id: string }[] };
    expect(o.metrics.map((m) => m.id)).toEqual(registry.metrics.map((m) => m.id));
    expect(metric(o, 'requests.total')).toMatchObject({ value: 8, status: 'ok' });
    // Qualified: closed and rated ≥ 4 → 5 of 7 rated.
    expect(metric(o, 'requests.qualification_rate').value).toBeCloseTo(5 / 7);
    expect(metric(o, 'places.compounds').value).toBe(6);
    expect(metric(o, 'places.property_coverage').value).toBeCloseTo(0.5);
    expect(o.trends.months).toHaveLength(12);
    expect(o.trends.series['requests.total']![10]).toBe(8);
    // The month now running is named, so the screen can mark it as not yet complete.
    const nowMonth = shanghaiMonth(s.t.clock.now());
    const current = (await dept.get(`/api/dashboard/overview?level=city&id=${s.w.a.city.id}&from=${nowMonth}&to=${nowMonth}`)).json() as Overview;
    expect(current.trends).toMatchObject({ months: [nowMonth], partialMonth: nowMonth });
    const past = (await dept.get(`/api/dashboard/overview?level=city&id=${s.w.a.city.id}&from=2020-01&to=2020-12`)).json() as Overview;
    expect(past.trends.partialMonth).toBeNull();
    const cal = (await dept.get(`/api/dashboard/calendar?level=city&id=${s.w.a.city.id}&calendar=requests.created_daily&year=2026`)).json();
    expect(cal).toMatchObject({ kept: true, days: [{ day: '2026-11-10', n: 8 }] });
    expect(o.breakdowns.find((b) => b.id === 'requests.by_category')!.dims).toEqual([{ key: String(s.w.category.id), label: '暖气不热', total: 8 }]);
  });

  it('a street office sees its street and its communities, not the other street, the district or the city', async () => {
    const office = await login(s.t.app, s.w.streetOffice.username);
    const o = (await office.get(q('street', s.w.a.street.id))).json() as Overview;
    expect(o.children.map((c) => c.id).sort()).toEqual([s.w.a.community.id, s.w.b.community.id].sort());
    expect(o.breadcrumb.map((b) => b.level)).toEqual(['street']);
    expect((await office.get(q('community', s.w.b.community.id))).statusCode).toBe(200);
    for (const [level, id] of [['street', s.w.street2.id], ['community', s.w.c.community.id], ['district', s.w.a.district.id], ['city', s.w.a.city.id], ['compound', s.w.c.compound.id]] as const) {
      expect((await office.get(q(level, id))).statusCode, `${level} ${id}`).toBe(404);
    }
    const home = (await office.get('/api/dashboard/home')).json() as { nodes: { level: string; id: number }[] };
    expect(home.nodes).toEqual([{ level: 'street', id: s.w.a.street.id, name: s.w.a.street.name }]);
  });

  it('a community sees only itself (compounds as children); other communities and other cities answer 404', async () => {
    const staff = await login(s.t.app, s.w.a.accounts.staff.username);
    const o = (await staff.get(q('community', s.w.a.community.id))).json() as Overview;
    expect(o.children.map((c) => c.id).sort()).toEqual([s.w.a.compound.id, s.w.a.selfGovernedCompound.id].sort());
    expect(o.breadcrumb.map((b) => b.level)).toEqual(['community']);
    expect(metric(o, 'requests.satisfaction_rate')).toMatchObject({ status: 'ok', base: 5 });
    expect(metric(o, 'requests.satisfaction_rate').value).toBeCloseTo(4 / 5);
    // Compounds: the request roll-ups are not kept per compound; coverage is.
    expect(o.childValues[0]!.values['requests.response_rate']!.status).toBe('not_kept');
    expect(o.childValues.find((c) => c.id === s.w.a.compound.id)!.values['requests.total']).toMatchObject({ status: 'ok', value: 6 });
    expect((await staff.get(q('community', s.w.b.community.id))).statusCode).toBe(404);
    expect((await staff.get(q('street', s.w.a.street.id))).statusCode).toBe(404);
    expect((await staff.get(q('city', s.w.other.city.id))).statusCode).toBe(404);
    expect((await staff.get(q('community', s.w.other.community.id))).statusCode).toBe(404);
    expect((await staff.get(`/api/dashboard/ranking?level=community&id=${s.w.b.community.id}&metric=places.compounds`)).statusCode).toBe(404);
  });

  it('too few to rate: fewer than 5 behind a percentage', async () => {
    const dept = await login(s.t.app, s.w.a.accounts.dept.username);
    const o = (await dept.get(q('street', s.w.a.street.id))).json() as Overview;
    const b = o.childValues.find((c) => c.id === s.w.b.community.id)!;
    expect(b.values['requests.satisfaction_rate']).toMatchObject({ status: 'too_few', value: null });
    expect(b.values['requests.total']).toMatchObject({ status: 'ok', value: 2 });
  });

  it('an owners\' committee on a compound sees that compound only', async () => {
    const committee = await login(s.t.app, s.w.compoundCommittee.username);
    expect((await committee.get(q('compound', s.w.a.compound.id))).statusCode).toBe(200);
    expect((await committee.get(q('compound', s.w.a.selfGovernedCompound.id))).statusCode).toBe(404);
    expect((await committee.get(q('community', s.w.a.community.id))).statusCode).toBe(404);
  });

  it('ranks the street\'s communities (competition ranks, too few unranked); residents and property staff may not read', async () => {
    const dept = await login(s.t.app, s.w.a.accounts.dept.username);
    const r = (await dept.get(`/api/dashboard/ranking?level=street&id=${s.w.a.street.id}&metric=requests.total&from=2026-01&to=2026-12`)).json();
    expect(r.items.map((i: { id: number; rank: number | null; value: number | null }) => [i.id, i.rank, i.value])).toEqual([[s.w.a.community.id, 1, 6], [s.w.b.community.id, 2, 2]]);
    const sat = (await dept.get(`/api/dashboard/ranking?level=street&id=${s.w.a.street.id}&metric=requests.satisfaction_rate&from=2026-01&to=2026-12`)).json();
    expect(sat.items.map((i: { rank: number | null; status: string }) => [i.rank, i.status])).toEqual([[1, 'ok'], [null, 'too_few']]);
    expect((await dept.get(`/api/dashboard/ranking?level=street&id=${s.w.a.street.id}&metric=nope.nothing`)).statusCode).toBe(400);
    const resident = await login(s.t.app, s.w.a.accounts.resident.username);
    expect((await resident.get(q('community', s.w.a.community.id))).statusCode).toBe(403);
    const property = await login(s.t.app, s.w.a.accounts.property.username);
    expect((await property.get(q('community', s.w.a.community.id))).statusCode).toBe(403);
  });

  it('tags the overview: the same ETag back answers 304 without a body, another viewer out of scope still 404', async () => {
    const dept = await login(s.t.app, s.w.a.accounts.dept.username);
    const first = await dept.get(q('street', s.w.a.street.id));
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers['content-type']).toContain('application/json');
    const again = await dept.raw({ method: 'GET', url: q('street', s.w.a.street.id), headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await dept.raw({ method: 'GET', url: q('street', s.w.a.street.id), headers: { 'if-none-match': '"something-else"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual(first.json());
    // The tag is no key: a viewer without the street gets 404 whatever they send.
    const outsider = await login(s.t.app, s.w.other.accounts.dept.username);
    expect((await outsider.raw({ method: 'GET', url: q('street', s.w.a.street.id), headers: { 'if-none-match': etag } })).statusCode).toBe(404);
  });

  it('refuses bad input with 400', async () => {
    const dept = await login(s.t.app, s.w.a.accounts.dept.username);
    for (const url of [
      '/api/dashboard/overview?level=planet&id=1', `/api/dashboard/overview?level=city&id=${s.w.a.city.id}&from=2026-12&to=2026-01`,
      '/api/dashboard/overview?level=city&id=-1', `/api/dashboard/overview?level=city&id=${s.w.a.city.id}&from=2000-01&to=2026-01`,
      `/api/dashboard/calendar?level=city&id=${s.w.a.city.id}&calendar=x.y&year=1`,
    ]) {
      const res = await dept.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
  });
});

describe('rankItems', () => {
  it('shares ranks on ties and leaves the unrated unranked; lower is better when asked', () => {
    const v = (value: number | null, status = 'ok') => ({ value, base: null, status: status as 'ok' });
    expect(rankItems([v(0.5), v(0.9), v(0.5), v(null, 'too_few')], true).map((i) => i.rank)).toEqual([1, 2, 2, null]);
    expect(rankItems([v(3), v(1), v(2)], false).map((i) => i.value)).toEqual([1, 2, 3]);
  });
});

