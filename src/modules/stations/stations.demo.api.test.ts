import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Client, type TestApp } from '../../../test/app.js';
import { createDemoTestApp } from '../../../test/demo.js';
import { queryRows } from '../../db/client.js';
import { DEMO_PASSWORD } from '../../db/demo/demo-city.js';
import { verifyFigures } from '../../kernel/figures.js';
import { stationFigures } from './stations.figures.js';
import { stations } from './stations.schema.js';

/*
 * The demo stations are the report's: 新华社区's covers 9 compounds, 3 urban-village areas and 47
 * shops, keeps 4 categories / 8 kinds of rescue equipment and 9 / 34 of supplies, has a 12-person
 * team trained twice in March, keys with the company and the community; 鼎立社区's is smaller. Their
 * history is consistent (the ledger sums to the stock, no negative stock, figures exact) and the
 * accounts that act on them can.
 */
let t: TestApp;
let xinhua: { id: number; communityId: number };
let dingli: { id: number; communityId: number };
let community3: Client;

beforeAll(async () => {
  t = await createDemoTestApp();
  const find = async (name: string) => {
    const [row] = await queryRows<{ id: number; community_id: number }>(t.database.db, sql`
      select s.id, s.community_id from stations s join cities c on c.id = s.city_id where s.name = ${name} and c.code in ('xiangyang', 'kaifeng') order by s.id limit 1`);
    return { id: Number(row!.id), communityId: Number(row!.community_id) };
  };
  xinhua = await find('新华社区应急服务站');
  dingli = await find('鼎立社区应急服务站');
  community3 = await login(t.app, 'community3', DEMO_PASSWORD);
}, 240_000);
afterAll(async () => t?.close());

describe('the demo stations', () => {
  it('新华社区: the report\'s coverage, catalogue and team, managed by community3', async () => {
    const d = (await community3.get(`/api/stations/${xinhua.id}`)).json();
    expect(d).toMatchObject({ name: '新华社区应急服务站', alwaysOpen: true, company: { name: '众悦欣物业' }, teamSize: 12 });
    expect(d.coverage).toEqual({ compounds: 9, urbanVillages: 3, shops: 47 });
    expect(d.itemKinds).toEqual({ rescue: 8, supplies: 34, rescueCategories: 4, suppliesCategories: 9 });
    expect(d.abilities).toMatchObject({ manage: true, checkout: true });
    expect(d.coverageList.filter((c: { kind: string; contactPhone: string | null }) => c.kind === 'shop' && c.contactPhone)).toHaveLength(47);
    expect(d.coverageList.filter((c: { compound: unknown }) => c.compound)).toHaveLength(2);
    expect(d.keyHolders.map((h: { side: string }) => h.side).sort()).toEqual(['community', 'community', 'property', 'property']);
    // Alerts and readiness show real state: something to fix, but a station that is ready.
    expect(d.alertList.length).toBeGreaterThan(0);
    expect(d.alertList.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['expired', 'near_expiry', 'below_standard']));
    expect(d.readiness.score).toBeGreaterThan(80);
    expect(d.readiness.score).toBeLessThan(100);
    expect(d.latestRollCall.open).toBe(true);
  });

  it('has the two March trainings with the team, and later drills', async () => {
    const drills = (await community3.get(`/api/stations/${xinhua.id}/drills?kind=training`)).json();
    const march = drills.items.filter((d: { heldAt: string }) => new Date(d.heldAt).getUTCMonth() === 2);
    expect(march).toHaveLength(2);
    expect(march.map((d: { attendees: unknown[] }) => d.attendees.length).sort()).toEqual([11, 12]);
    expect((await community3.get(`/api/stations/${xinhua.id}/drills`)).json().total).toBeGreaterThanOrEqual(4);
  });

  it('has incidents begun as service requests of the community', async () => {
    const incidents = (await community3.get(`/api/stations/${xinhua.id}/incidents?pageSize=50`)).json();
    expect(incidents.total).toBeGreaterThanOrEqual(4);
    const linked = incidents.items.filter((i: { requestId: number | null }) => i.requestId !== null);
    expect(linked.length).toBeGreaterThanOrEqual(1);
    for (const i of linked) expect((await community3.get(`/api/requests/${i.requestId}`)).statusCode).toBe(200);
    expect(incidents.items.every((i: { responders: unknown[] }) => i.responders.length > 0)).toBe(true);
  });

  it('keeps a consistent history: the ledger sums to the stock, nothing negative, figures exact', async () => {
    const [bad] = await queryRows<{ n: number }>(t.database.db, sql`
      select count(*)::int as n from station_items i
      where i.station_id in (${xinhua.id}, ${dingli.id})
        and (i.quantity < 0 or i.quantity <> (select coalesce(sum(delta), 0) from station_item_events e where e.item_id = i.id))`);
    expect(bad!.n).toBe(0);
    const [out] = await queryRows<{ n: number }>(t.database.db, sql`
      select count(*)::int as n from station_items i
      where i.station_id in (${xinhua.id}, ${dingli.id}) and i.consumable = false
        and i.quantity + (select coalesce(sum(c.quantity - c.returned_quantity - c.lost_quantity), 0) from station_checkouts c where c.item_id = i.id and c.state = 'out')
            < (select e.quantity_after from station_item_events e where e.item_id = i.id and e.kind = 'initial')`);
    expect(out!.n).toBe(0);
    expect(await verifyFigures(t.database.db, stationFigures, [xinhua.communityId, dingli.communityId])).toEqual([]);
  });

  it('鼎立社区: community1 and property1 run it; rescue1 works the 新华 station at night', async () => {
    for (const username of ['community1', 'property1']) {
      const c = await login(t.app, username, DEMO_PASSWORD);
      const d = (await c.get(`/api/stations/${dingli.id}`)).json();
      expect(d).toMatchObject({ alwaysOpen: false, opensAt: '08:00', closesAt: '20:00', abilities: { manage: true } });
      expect((await c.get(`/api/stations/${xinhua.id}`)).statusCode).toBe(404);
    }
    const rescue = await login(t.app, 'rescue1', DEMO_PASSWORD);
    const items = (await rescue.get(`/api/stations/${xinhua.id}/items?q=挪车`)).json();
    expect(items.items[0]).toMatchObject({ name: '挪车器' });
    const mine = (await rescue.get('/api/station-roll-calls/mine')).json();
    expect(mine.items).toEqual([expect.objectContaining({ stationId: xinhua.id, keyLabel: '器材室备用钥匙', answer: null })]);
    const [row] = await t.database.db.select().from(stations).where(and(eq(stations.id, dingli.id)));
    expect(row!.companyId).not.toBeNull();
  });
});
