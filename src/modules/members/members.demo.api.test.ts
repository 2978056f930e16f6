import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../../../test/app.js';
import { createDemoTestApp } from '../../../test/demo.js';
import { queryRows } from '../../db/client.js';
import { DEMO_PASSWORD } from '../../db/demo/demo-city.js';

/* The demo's members and wishes: the report's numbers in 新华社区, every wish state in 鼎立社区, and the accounts can act. */
let t: TestApp;
beforeAll(async () => {
  t = await createDemoTestApp();
}, 240_000);
afterAll(async () => t?.close());

describe('the demo members and wishes', () => {
  it('新华社区 has 16 自管 and 140 双报到 members, a vanguard team and a 邻里帮帮团, and a 红榜 from the ledger', async () => {
    const community3 = await login(t.app, 'community3', DEMO_PASSWORD);
    const [c] = await queryRows<{ id: number }>(t.database.db, sql`select c.id::int as id from communities c join cities ci on ci.id = c.city_id where c.name = '新华社区' and ci.code = 'xiangyang' order by c.id limit 1`);
    const communityId = c!.id;
    const self = (await community3.get(`/api/members?communityId=${communityId}&kind=self_managed&state=active`)).json();
    const dual = (await community3.get(`/api/members?communityId=${communityId}&kind=dual_registered&state=active`)).json();
    expect([self.total, dual.total]).toEqual([16, 140]);
    const teams = (await community3.get(`/api/teams?communityId=${communityId}`)).json().items.map((x: { kind: string }) => x.kind);
    expect(teams).toEqual(['vanguard', 'helpers']);
    // The year most of the demo's twelve months of wishes fall in (the test clock stands in January).
    const year = new Date(t.clock.now().getTime() - 180 * 86_400_000).getUTCFullYear();
    const roll = (await community3.get(`/api/honour-roll?communityId=${communityId}&period=${year}`)).json();
    expect(roll.items.length).toBeGreaterThan(5);
    expect(roll.items[0].hours).toBeGreaterThan(roll.items.at(-1).hours);
  });

  it('鼎立社区 has wishes in every state; party1…party5 and volunteer1 log in; resident1 can confirm hers', async () => {
    const states = await queryRows<{ state: string }>(t.database.db, sql`select distinct w.state from wishes w join communities c on c.id = w.community_id where c.name = '鼎立社区'`);
    expect(states.map((s) => s.state).sort()).toEqual(['claimed', 'confirmed', 'fulfilled', 'open', 'rejected', 'review']);
    for (const u of ['party1', 'party2', 'party3', 'party4', 'party5', 'volunteer1']) await login(t.app, u, DEMO_PASSWORD);
    const resident1 = await login(t.app, 'resident1', DEMO_PASSWORD);
    const mine = (await resident1.get('/api/wishes?mine=posted&state=fulfilled')).json().items;
    expect(mine[0].abilities.confirm).toBe(true);
    const party3 = await login(t.app, 'party3', DEMO_PASSWORD);
    const open = (await party3.get('/api/wishes?state=open')).json().items;
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open[0].abilities.claim).toBe(true);
    const party5 = await login(t.app, 'party5', DEMO_PASSWORD);
    expect((await party5.post(`/api/wishes/${open[0].id}/claim`)).json().error.code).toBe('WISH_NOT_A_MEMBER');
  });
});
