import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../../../test/app.js';
import { createDemoTestApp } from '../../../test/demo.js';
import { queryRows } from '../../db/client.js';
import { DEMO_PASSWORD } from '../../db/demo/demo-city.js';

/*
 * The demo ratings: 开封's certified 2025 cycle (鸿翔物业 five stars, 宏润物业 four lowered to
 * three) seen by dept1, 和诚物业 across its 19 compounds in 嘉峪关, and 2026's open cycle where
 * 鸿翔物业's self-evaluation waits for community1.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createDemoTestApp();
}, 240_000);
afterAll(async () => t?.close());

describe('the demo ratings', () => {
  it('dept1 sees 开封\'s certified 2025 cycle and the open 2026 one', async () => {
    const dept1 = await login(t.app, 'dept1', DEMO_PASSWORD);
    const cycles = (await dept1.get('/api/rating-cycles')).json().items;
    expect(cycles.map((c: { year: number; open: boolean }) => [c.year, c.open])).toEqual([[2026, true], [2025, false]]);
    const last = (await dept1.get(`/api/ratings?cycleId=${cycles[1].id}`)).json().items;
    expect(last.map((r: { company: { name: string }; level: number; status: string }) => [r.company.name, r.level, r.status]).sort()).toEqual([['宏润物业', 3, 'certified'], ['鸿翔物业', 5, 'certified']]);
  });

  it('community1 has 鸿翔物业\'s self-evaluation waiting for its assessment', async () => {
    const community1 = await login(t.app, 'community1', DEMO_PASSWORD);
    const waiting = (await community1.get('/api/ratings?awaitingMe=true')).json().items;
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ company: { name: '鸿翔物业' }, state: 'self_evaluated', cycle: { year: 2026 } });
    const d = (await community1.get(`/api/ratings/${waiting[0].id}`)).json();
    expect(d.abilities.assess).toBe(true);
    expect(d.measured.find((m: { key: string }) => m.key === 'payment_rate').value).not.toBeNull();
    // 鸿翔物业党支部's 自管党员 (party2) from the registry; the activities criterion is read from community's figures.
    const measured = (key: string) => d.measured.find((m: { key: string }) => m.key === key);
    expect(measured('self_managed_members')).toMatchObject({ source: 'members', unit: 'count' });
    expect(measured('self_managed_members').value).toBeGreaterThanOrEqual(1);
    expect(measured('community_activities')).toMatchObject({ source: 'community', unit: 'count' });
    expect(Number.isInteger(measured('community_activities').value)).toBe(true);
  });

  it('和诚物业 serves 19 compounds in 嘉峪关 and is five stars, awarded with 祁连社区党委', async () => {
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from compounds k join property_companies c on c.id = k.property_company_id where c.short_name = '和诚物业'`);
    expect(row!.n).toBe(19);
    const dept2 = await login(t.app, 'dept2', DEMO_PASSWORD);
    const items = (await dept2.get('/api/ratings')).json().items;
    expect(items.map((r: { company: { name: string }; level: number }) => [r.company.name, r.level])).toEqual([['和诚物业', 5]]);
    const [district] = await queryRows<{ id: number }>(t.database.db, sql`select c.district_id as id from communities c where c.name = '祁连社区'`);
    const lists = (await t.app.inject({ method: 'GET', url: `/api/rating-lists?districtId=${district!.id}` })).json();
    expect(lists.honour).toEqual([expect.objectContaining({ company: expect.objectContaining({ name: '和诚物业' }), level: 5, compounds: 19 })]);
    const pdf = await dept2.get(`/api/ratings/${items[0].ratingId ?? items[0].id}/certificate.pdf`);
    expect(pdf.statusCode).toBe(200);
  });

  it('宏润物业 is on 开封\'s warning list, with its answer on record', async () => {
    const [district] = await queryRows<{ id: number }>(t.database.db, sql`select c.district_id as id from communities c where c.name = '橄榄城社区'`);
    const lists = (await t.app.inject({ method: 'GET', url: `/api/rating-lists?districtId=${district!.id}` })).json();
    expect(lists.warning.map((w: { company: { name: string }; status: string }) => [w.company.name, w.status])).toContainEqual(['宏润物业', 'lowered']);
    const property2 = await login(t.app, 'property2', DEMO_PASSWORD);
    const history = (await property2.get(`/api/companies/${(await queryRows<{ id: number }>(t.database.db, sql`select id from property_companies where short_name = '宏润物业'`))[0]!.id}/ratings`)).json();
    expect(history.items.map((i: { year: number; state: string }) => [i.year, i.state])).toEqual([[2026, 'draft'], [2025, 'certified']]);
    expect(history.items[1].reasons.map((r: { action: string }) => r.action)).toEqual(['certify', 'propose_lowering', 'answer', 'lower']);
  });
});
