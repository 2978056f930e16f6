import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityOptions } from '../../../bench/city/options.js';
import { seedCity, type SeedResult } from '../../../bench/city/seed.js';
import { openSession } from '../../../bench/city/session.js';
import { openTestDatabase } from '../../../test/db.js';
import { queryRows, type Database } from '../../db/client.js';
import { verifyFigures } from '../../kernel/figures.js';
import { systemClock } from '../../server/clock.js';
import { loadActor } from '../accounts/accounts.service.js';
import { pointsRuleFrom, pointsRuleOf } from './members.badges.js';
import { memberFigures } from './members.figures.js';
import { honourRoll } from './members.honour.js';
import { membersScale, type MembersBenchFacts } from './members.scale.js';
import { wishStates } from './members.schema.js';
import { claimWish } from './wishes.service.js';

/*
 * The members' rows of seed:city on a small city: the registry is the generator's party members
 * (about 8 % of adults) plus volunteers, in every state with a timeline that ends there; wishes in
 * every state; exactly one ledger credit per confirmed wish, as the live confirmation writes it;
 * the 红榜 equal to the ledger's sums; the figures equal to their recount; the same seed gives
 * the same rows; the bench facts name accounts that can claim the storm's wishes.
 */
let database: Database;
let first: SeedResult;
let ids: number[];
const tag = randomBytes(3).toString('hex');
const options = (code: string) => ({ ...cityOptions({ households: '6000', requests: '750', seed: '7', end: '2026-03-01' }), cityCode: `msscale-${tag}-${code}`, passwordCost: 10, modules: ['members'] });

beforeAll(async () => {
  database = await openTestDatabase();
  first = await seedCity(database, options('a'));
  ids = (await queryRows<{ id: number }>(database.db, sql`select id from communities where city_id = ${first.cityId} order by id`)).map((r) => Number(r.id));
}, 300_000);
afterAll(async () => database?.close());

const inCity = (cityId: number, column: string) => sql.raw(`${column} in (select id from communities where city_id = ${Number(cityId)})`);

const digest = async (cityId: number) => (await queryRows<{ d: string }>(database.db, sql`
  select md5(concat_ws('/',
    (select string_agg(concat_ws('|', p.name, m.kind, m.state, m.branch_name, m.work_unit, m.joined_party_on, m.created_at, m.approved_at, m.closed_at, m.transferred_from_id - m.id, m.skills::text), ',' order by m.id)
       from members m join people p on p.id = m.person_id where ${inCity(cityId, 'm.community_id')}),
    (select string_agg(concat_ws('|', w.title, w.state, w.on_behalf, w.created_at, w.claimed_at, w.fulfilled_at, w.confirmed_at, w.service_minutes, w.due_on, p.name), ',' order by w.id)
       from wishes w left join people p on p.id = w.claimant_person_id where ${inCity(cityId, 'w.community_id')}),
    (select string_agg(concat_ws('|', l.at, l.minutes, l.points, p.name), ',' order by l.at, l.source_id)
       from service_ledger l join people p on p.id = l.person_id where ${inCity(cityId, 'l.community_id')}),
    (select count(*) from wish_events e where ${inCity(cityId, 'e.community_id')}),
    (select count(*) from member_events e where ${inCity(cityId, 'e.community_id')}),
    (select string_agg(concat_ws('|', t.name, t.kind), ',' order by t.id) from teams t where ${inCity(cityId, 't.community_id')})
  )) as d`))[0]!.d;

describe('members in seed:city', () => {
  it('registers the party members (about 8 % of adults) and volunteers, in every state, with their timelines', async () => {
    const [c] = await queryRows<{ adults: number; party: number; party_members: number; unmatched: number; volunteers: number; states: string[]; kinds: string[]; wrong_end: number; open_twice: number; posts: number; teams: number; team_members: number }>(database.db, sql`
      select (select count(*)::int from household_members hm join people p on p.id = hm.person_id where ${inCity(first.cityId, 'hm.community_id')} and p.birth_year <= 2008) as adults,
        (select count(distinct person_id)::int from members m where ${inCity(first.cityId, 'm.community_id')} and m.kind <> 'volunteer') as party,
        (select count(*)::int from party_members pm where ${inCity(first.cityId, 'pm.community_id')}) as party_members,
        (select count(*)::int from party_members pm where ${inCity(first.cityId, 'pm.community_id')}
           and not exists (select 1 from members m where m.person_id = pm.person_id and m.community_id = pm.community_id and m.kind = pm.kind and m.transferred_from_id is null)) as unmatched,
        (select count(*)::int from members m where ${inCity(first.cityId, 'm.community_id')} and m.kind = 'volunteer') as volunteers,
        (select array_agg(distinct state) from members m where ${inCity(first.cityId, 'm.community_id')}) as states,
        (select array_agg(distinct kind) from members m where ${inCity(first.cityId, 'm.community_id')}) as kinds,
        (select count(*)::int from members m where ${inCity(first.cityId, 'm.community_id')}
           and m.state <> (select e.to_state from member_events e where e.member_id = m.id order by e.at desc, e.id desc limit 1)) as wrong_end,
        (select count(*)::int from (select person_id from members m where ${inCity(first.cityId, 'm.community_id')} and m.state in ('pending', 'active') group by person_id having count(*) > 1) x) as open_twice,
        (select count(*)::int from member_posts x where ${inCity(first.cityId, 'x.community_id')}) as posts,
        (select count(*)::int from teams x where ${inCity(first.cityId, 'x.community_id')}) as teams,
        (select count(*)::int from team_members x where ${inCity(first.cityId, 'x.community_id')}) as team_members`);
    expect(c!.party / c!.adults).toBeGreaterThan(0.06);
    expect(c!.party / c!.adults).toBeLessThan(0.10);
    expect(c!.unmatched).toBe(0);
    expect(c!.party).toBe(c!.party_members);
    expect(c!.volunteers).toBeGreaterThan(0);
    expect([...c!.states].sort()).toEqual(['active', 'left', 'pending', 'rejected', 'transferred']);
    expect([...c!.kinds].sort()).toEqual(['dual_registered', 'self_managed', 'volunteer']);
    expect(c!.wrong_end).toBe(0);
    expect(c!.open_twice).toBe(0);
    expect(c!.teams).toBe(2 * ids.length);
    expect(c!.posts).toBeGreaterThanOrEqual(6 * ids.length);
    expect(c!.team_members).toBeGreaterThan(c!.teams * 5);
    expect(first.counts.members).toBeGreaterThan(c!.party);
  });

  it('has wishes in every state, claimed by active veterans, each confirmed one credited exactly once as the live confirmation credits it', async () => {
    const [w] = await queryRows<{ states: string[]; months: number; wrong_end: number; bad_claimant: number; uncredited: number; stray: number; double: number }>(database.db, sql`
      select (select array_agg(distinct state) from wishes w where ${inCity(first.cityId, 'w.community_id')}) as states,
        (select count(distinct date_trunc('month', created_at at time zone 'Asia/Shanghai'))::int from wishes w where ${inCity(first.cityId, 'w.community_id')} and created_at >= '2025-03-01T00:00:00+08:00') as months,
        (select count(*)::int from wishes w where ${inCity(first.cityId, 'w.community_id')}
           and w.state <> (select e.to_state from wish_events e where e.wish_id = w.id order by e.at desc, e.id desc limit 1)) as wrong_end,
        (select count(*)::int from wishes w left join members m on m.id = w.claimant_member_id where ${inCity(first.cityId, 'w.community_id')} and w.state in ('claimed', 'fulfilled', 'confirmed')
           and (m.id is null or m.state <> 'active' or m.community_id <> w.community_id or m.person_id <> w.claimant_person_id or m.approved_at > w.claimed_at)) as bad_claimant,
        (select count(*)::int from wishes w where ${inCity(first.cityId, 'w.community_id')} and w.state = 'confirmed'
           and (select count(*) from service_ledger l where l.source_module = 'wishes' and l.source_kind = 'wish' and l.source_id = w.id) <> 1) as uncredited,
        (select count(*)::int from service_ledger l join wishes w on w.id = l.source_id where ${inCity(first.cityId, 'l.community_id')} and l.source_kind = 'wish' and w.state <> 'confirmed') as stray,
        (select count(*)::int from service_ledger l where ${inCity(first.cityId, 'l.community_id')}
           and not exists (select 1 from wishes w where w.id = l.source_id and w.community_id = l.community_id and w.claimant_person_id = l.person_id and w.confirmed_at = l.at)) as double`);
    expect([...w!.states].sort()).toEqual([...wishStates].sort());
    expect(w!.months).toBe(12);
    expect(w).toMatchObject({ wrong_end: 0, bad_claimant: 0, uncredited: 0, stray: 0, double: 0 });
    // Minutes and points: what stepWish passes to creditService, by the community's rule.
    const rows = await queryRows<{ community_id: number; minutes: number; points: number; service_minutes: number | null; estimated_minutes: number }>(database.db, sql`
      select l.community_id, l.minutes, l.points, w.service_minutes, w.estimated_minutes from service_ledger l join wishes w on w.id = l.source_id where ${inCity(first.cityId, 'l.community_id')}`);
    const rules = new Map(await Promise.all(ids.map(async (id) => [id, pointsRuleFrom(await pointsRuleOf(database.db, id))] as const)));
    const wrong = rows.filter((r) => {
      const minutes = r.service_minutes ?? r.estimated_minutes;
      return r.minutes !== minutes || r.points !== rules.get(Number(r.community_id))!({ source: { module: 'wishes', kind: 'wish', id: 0 }, minutes });
    });
    expect(rows.length).toBe(first.counts.service_ledger);
    expect(wrong).toEqual([]);
    const [{ custom }] = (await queryRows<{ custom: number }>(database.db, sql`select count(*)::int as custom from points_rules where ${inCity(first.cityId, 'community_id')}`)) as [{ custom: number }];
    expect(custom).toBeGreaterThan(0);
  });

  it('gives the 红榜 of a closed year the ledger\'s sums, and leaves the figures equal to their recount', async () => {
    const [dept] = await queryRows<{ id: number }>(database.db, sql`select id from accounts where username = ${`${options('a').cityCode}-dept`}`);
    const actor = (await loadActor(database.db, Number(dept!.id)))!;
    for (const communityId of ids.slice(0, 3)) {
      const roll = await honourRoll({ ctx: { db: database.db, clock: systemClock }, actor, communityId, period: '2025', limit: 20 });
      const sums = await queryRows<{ person_id: number; minutes: number; points: number; services: number }>(database.db, sql`
        select person_id, sum(minutes)::int as minutes, sum(points)::int as points, count(*)::int as services from service_ledger
        where community_id = ${communityId} and at >= '2025-01-01T00:00:00+08:00' and at < '2026-01-01T00:00:00+08:00'
        group by person_id order by sum(minutes) desc, sum(points) desc, person_id limit 20`);
      expect(roll.frozen).toBe(true);
      expect(roll.items.length).toBeGreaterThan(0);
      expect(roll.items.map((r) => [r.personId, r.minutes, r.points, r.services])).toEqual(sums.map((s) => [Number(s.person_id), s.minutes, s.points, s.services]));
      expect(roll.items.every((r) => r.badge !== null)).toBe(true);
    }
    expect(await verifyFigures(database.db, memberFigures, ids)).toEqual([]);
  });

  it('is deterministic', async () => {
    const second = await seedCity(database, options('b'));
    expect(second.counts.service_ledger).toBe(first.counts.service_ledger);
    expect(await digest(second.cityId)).toBe(await digest(first.cityId));
  }, 300_000);

  it('hands the bench member accounts that can claim the storm\'s fresh wishes, and the communities of the 红榜', async () => {
    const s = await openSession(database);
    let facts: MembersBenchFacts;
    try {
      facts = await membersScale.benchFacts!({ cityId: first.cityId, cityCode: options('a').cityCode, query: (q, p) => s.query(q, p) }) as MembersBenchFacts;
    } finally {
      await s.release();
    }
    expect(facts.storm).not.toBeNull();
    expect(facts.storm!.members.length).toBeGreaterThanOrEqual(32);
    expect(facts.storm!.wishIds).toHaveLength(8);
    expect(facts.storm!.staff).toBeTruthy();
    expect(facts.communityIds).toEqual(ids);
    expect(facts.period).toBe('2026');
    const fakeHeaders = { cookie: `gz_session=${'x'.repeat(64)}`, 'x-csrf-token': 'y'.repeat(43) };
    const scenarios = await membersScale.benchScenarios!(facts, async () => fakeHeaders);
    expect(scenarios.map((x) => x.key)).toEqual(['members_claim_storm', 'members_honour_roll_city', 'members_honour_roll_streets']);
    expect(scenarios[0]!.expectedStatuses).toEqual([409]);
    expect(JSON.stringify(scenarios[0]!.requests).length).toBeLessThan(110_000);
    // Two members race on one of the storm's wishes: one claims it, the other is told it is taken.
    const accounts = await queryRows<{ id: number }>(database.db, sql`select id from accounts where username in (${facts.storm!.members[0]!}, ${facts.storm!.members[1]!}) order by id`);
    const ctx = { db: database.db, clock: systemClock };
    const results = await Promise.allSettled(accounts.map(async (a) => claimWish({ ctx, actor: (await loadActor(database.db, Number(a.id)))!, wishId: facts.storm!.wishIds[0]! })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('WISH_ALREADY_CLAIMED');
  });
});
