import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../../../test/app.js';
import { createDemoTestApp } from '../../../test/demo.js';
import { queryRows } from '../../db/client.js';
import { DEMO_PASSWORD } from '../../db/demo/demo-city.js';
import { cities, communities } from '../places/places.schema.js';
import { sweepSla } from './requests.scheduler.js';
import { jointConsultations, serviceRequests } from './requests.schema.js';

let t: TestApp & { loadedMs: number };
let demoCommunityIds: number[];
let loadMs = 0;

beforeAll(async () => {
  t = await createDemoTestApp();
  loadMs = t.loadedMs;
  // Only the demo's own cities: other test files build communities with the same names elsewhere.
  demoCommunityIds = (await t.database.db.select({ id: communities.id }).from(communities).innerJoin(cities, eq(cities.id, communities.cityId))
    .where(and(inArray(communities.name, ['鼎立社区', '橄榄城社区', '新华社区', '祁连社区']), inArray(cities.code, ['kaifeng', 'xiangyang', 'jiayuguan'])))).map((c) => c.id);
}, 240_000);
afterAll(async () => t?.close());

/** On a shared PostgreSQL other tests leave rows behind: look at the demo communities only. */
const inDemo = (alias?: string) => sql.raw(`${alias ? `${alias}.` : ''}community_id in (${demoCommunityIds.join(',')})`);

describe('demo requests', () => {
  it('fills every demo community with requests in all states over the last ~90 days', async () => {
    if (loadMs) console.info(`demo load (places, accounts, requests…): ${Math.round(loadMs)} ms on ${t.database.kind}`);
    const [dingli] = await t.database.db.select({ id: communities.id }).from(communities).where(and(eq(communities.name, '鼎立社区'), inArray(communities.id, demoCommunityIds)));
    const states = await t.database.db.selectDistinct({ state: serviceRequests.state }).from(serviceRequests).where(eq(serviceRequests.communityId, dingli!.id));
    expect(states.map((s) => s.state).sort()).toEqual(['accepted', 'cancelled', 'closed', 'dispatched', 'escalated', 'in_progress', 'merged', 'reopened', 'resolved', 'returned', 'submitted']);
    const [span] = await queryRows<{ n: number; oldest: string; newest: string; late_events: number }>(t.database.db, sql`
      select count(*)::int as n, min(created_at) as oldest, max(created_at) as newest,
        (select count(*)::int from request_events e join service_requests r on r.id = e.request_id where r.source = 'seed' and ${inDemo('r')} and e.at > ${t.clock.now().toISOString()}::timestamptz) as late_events
      from service_requests where source = 'seed' and ${inDemo()}`);
    expect(span!.n).toBeGreaterThan(300);
    expect(new Date(span!.newest).getTime()).toBeLessThanOrEqual(t.clock.now().getTime());
    expect(t.clock.now().getTime() - new Date(span!.oldest).getTime()).toBeLessThan(91 * 86_400_000);
    expect(span!.late_events).toBe(0);
  });

  it('looks like Kaifeng: most accepted within the hour, 处置合格率 near 98 %', async () => {
    const [m] = await queryRows<{ accepted: number; in_hour: number; rated: number; good: number }>(t.database.db, sql`
      select count(*) filter (where accepted_at is not null)::int as accepted,
        count(*) filter (where accepted_at - created_at <= interval '1 hour')::int as in_hour,
        count(*) filter (where state = 'closed' and rating is not null)::int as rated,
        count(*) filter (where state = 'closed' and rating >= 4)::int as good
      from service_requests where source = 'seed' and ${inDemo()}`);
    expect(m!.in_hour / m!.accepted).toBeGreaterThan(0.9);
    expect(m!.good / m!.rated).toBeGreaterThan(0.95);
  });

  it('tells its stories: the cold building 3, a 三方会诊, resident1 awaiting her rating', async () => {
    const [group] = await queryRows<{ master: number; followers: number }>(t.database.db, sql`
      select master_request_id as master, count(*)::int as followers from service_requests
      where master_request_id is not null and source = 'seed' and ${inDemo()} group by master_request_id order by followers desc limit 1`);
    expect(group!.followers).toBe(11);
    const consultations = await t.database.db.select().from(jointConsultations).innerJoin(serviceRequests, eq(serviceRequests.id, jointConsultations.requestId)).where(and(eq(serviceRequests.source, 'seed')));
    expect(consultations.length).toBeGreaterThanOrEqual(1);

    const resident = await login(t.app, 'resident1', DEMO_PASSWORD);
    const mine = (await resident.get('/api/requests?mine=true')).json();
    expect(mine.total).toBeGreaterThanOrEqual(4);
    const waiting = mine.items.find((r: { state: string }) => r.state === 'resolved');
    expect(waiting).toBeDefined();
    const detail = (await resident.get(`/api/requests/${waiting.id}`)).json();
    expect(detail.abilities.confirm).toBe(true);
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'dispatch', 'accept', 'start', 'resolve']);
    const master = (await (await login(t.app, 'community1', DEMO_PASSWORD)).get(`/api/requests/${group!.master}`)).json();
    expect(master.followers).toHaveLength(11);
  });

  it('is consistent with the SLA sweeper: a sweep right after loading finds nothing unmarked', async () => {
    // The demo's own requests must come out of a sweep unchanged. (On a shared PostgreSQL other
    // files add requests of their own to the demo communities, which the sweep may well mark.)
    const sweepable = () => queryRows<{ id: number; state: string; respond: string | null; resolve: string | null }>(t.database.db, sql`
      select id, state, respond_breached_at::text as respond, resolve_breached_at::text as resolve
      from service_requests where source = 'seed' and ${inDemo()} order by id`);
    const before = await sweepable();
    const [others] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from service_requests where source <> 'seed' and ${inDemo()}`);
    const result = await sweepSla(t.app.ctx, t.clock.now(), { communityIds: demoCommunityIds });
    expect(await sweepable()).toEqual(before);
    if (others!.n === 0) expect(result).toEqual({ respondBreaches: 0, resolveBreaches: 0, autoClosed: 0 });
  });
});
