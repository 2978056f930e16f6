import { defineScale, type CitySeedContext } from '../../kernel/scale.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { wishIdeas } from './members.demo.js';

/*
 * The members' part of the city-scale tools. seed:city: the registry from the generator's
 * party_members (every one of them registered where they live: 自管 in their property company's
 * branch, 双报到 in their unit's) plus volunteers, most approved, some pending, rejected, left or
 * transferred, with their timelines; 三岗 posts, a 党员先锋队 and a 邻里帮帮团 per community;
 * some communities' own points rules; the history's 微心愿 in every state with their timelines,
 * and the service-ledger credit of each confirmed wish exactly as stepWish writes it (source,
 * minutes, points by the community's rule). Set-based INSERT … SELECT with reserved ids; the
 * figures come from the recount the generator runs afterwards. bench: a claim storm on a few
 * fresh wishes of one community, and the 红榜 of every community as the department reads it.
 */

/** Accounts for the bench: active members of the storm community (username `${cityCode}-members-<n>`). */
const BENCH_ACCOUNTS = 64;
/** Fresh, approved, unclaimed wishes posted in the storm community for the bench. */
const STORM_WISHES = 64;
/** Wishes a community posts in a year (新华社区's year in the demo: about 110). */
const WISHES_PER_YEAR = 120;
/** Share of adults who are not party members and volunteer. */
const VOLUNTEERS = 0.015;

const q = (v: string) => `'${v.replace(/'/g, "''")}'`;
const arr = (items: readonly string[]) => `array[${items.map(q).join(',')}]::text[]`;

const skills = ['维修', '理发', '陪诊', '代购', '辅导功课', '电脑手机', '心理疏导', '法律咨询', '助老', '保洁', '水电维修', '文艺宣传'];
const availability = ['工作日晚上', '周末', '随时', '周末上午', '工作日白天'];
const duties = ['楼栋长', '物业服务示范岗', '应急先锋', '垃圾分类督导', '矛盾调解员', '文明劝导'];
const fulfilNotes = ['已上门完成，老人很满意', '已陪同完成，顺利返回', '已送到家中', '问题已解决，留了联系方式'];
const thanks = ['谢谢党员同志！', '感谢志愿者的热心帮助', '太及时了，谢谢！', '给社区点赞'];

export async function seedMembersCity(ctx: CitySeedContext): Promise<Record<string, number>> {
  const { s, cityId, seed } = ctx;
  /** A deterministic number in [0, 1) from the city's seed, a row expression and a salt. */
  const rnd = (expr: string, salt: number) => `(('x' || substr(md5('${seed}:' || (${expr})::text || ':${salt}'), 1, 12))::bit(48)::bigint::float8 / 281474976710656.0)`;
  const pick = (items: readonly string[], expr: string, salt: number) => `(${arr(items)})[1 + floor(${rnd(expr, salt)} * ${items.length})::int]`;
  const E = `${q(ctx.end.toISOString())}::timestamptz`;
  const wishYears = Math.max(1, ctx.years);
  const spanHours = Math.round(wishYears * 365) * 24;
  const since = `(${E} - interval '${spanHours} hours')`;
  const adultYear = Number(shanghaiDate(ctx.end).slice(0, 4)) - 18;

  const [c0] = await s.query<{ n: number; p0: string | number | null }>(`select (select count(*)::int from communities where city_id = $1) as n, (select min(id) from people where city_id = $1) as p0`, [cityId]);
  const C = c0?.n ?? 0;
  if (C === 0 || c0?.p0 == null) return {};
  const p0 = Number(c0.p0);
  const counts: Record<string, number> = {};
  const temp = ['gzm_plan', 'gzm_comm', 'gzm_acct'];
  await s.exec(temp.map((t) => `drop table if exists ${t}`).join(';'));

  // The registry's plan: every party member of the city where they live, and volunteers among the
  // other adults; each with its fate (state), when it registered, was approved and was closed.
  // Veterans (approved before the history starts) are the ones who claim the history's wishes.
  await s.exec(`
    create temp table gzm_plan as
    with src as (
      select pm.person_id, pm.community_id, pm.kind, pm.work_unit, o.name as org_name, pc.short_name as company, hm.household_id, h.compound_id, p.birth_year
      from party_members pm join communities c on c.id = pm.community_id and c.city_id = ${cityId}
      join people p on p.id = pm.person_id
      join household_members hm on hm.person_id = pm.person_id and hm.community_id = pm.community_id
      join households h on h.id = hm.household_id
      left join organisations o on o.id = pm.branch_organisation_id
      left join compounds k on k.id = h.compound_id
      left join property_companies pc on pc.id = k.property_company_id
      union all
      select hm.person_id, hm.community_id, 'volunteer', null, null, null, hm.household_id, h.compound_id, p.birth_year
      from household_members hm join communities c on c.id = hm.community_id and c.city_id = ${cityId}
      join people p on p.id = hm.person_id join households h on h.id = hm.household_id
      where p.birth_year <= ${adultYear} and ${rnd(`hm.person_id - ${p0}`, 1)} < ${VOLUNTEERS}
        and not exists (select 1 from party_members pm where pm.person_id = hm.person_id)
    ), planned as (
      select (row_number() over (order by person_id, community_id) - 1)::int as ord, src.* from src
    ), fated as (
      select x.*, case when u < 0.04 then 'pending' when u < 0.05 then 'rejected' when u < 0.08 then 'left' when u < 0.10 then 'transferred' else 'active' end as fate,
        case when u < 0.04 then ${E} - make_interval(hours => 2 + floor(${rnd('ord', 11)} * 600)::int)
             when (u >= 0.10 and ${rnd('ord', 12)} < 0.8) or (u >= 0.05 and ${rnd('ord', 12)} < 0.4)
               then ${since} - make_interval(days => 1 + floor(${rnd('ord', 11)} * 1000)::int, hours => floor(${rnd('ord', 13)} * 12)::int)
             else ${since} + make_interval(hours => floor(${rnd('ord', 11)} * ${spanHours - 30 * 24})::int) end as created_at
      from (select planned.*, ${rnd('ord', 10)} as u from planned) x
    ), approved as (
      select f.*, case when fate in ('active', 'left', 'transferred') then created_at + make_interval(hours => 20 + floor(${rnd('ord', 14)} * 100)::int) end as approved_at from fated f
    )
    select a.*, case when fate = 'rejected' then created_at + interval '30 hours'
                     when fate in ('left', 'transferred') then approved_at + (${E} - approved_at) * (0.2 + 0.7 * ${rnd('ord', 15)}) end as closed_at
    from approved a`);
  const [plan] = await s.query<{ n: number; t: number }>(`select count(*)::int as n, (count(*) filter (where fate = 'transferred'))::int as t from gzm_plan`);
  const N = plan!.n;
  const T = plan!.t;
  if (N === 0) return {};
  const mBase = await ctx.reserveIds('members', N + T);
  const inMembers = `id between ${mBase} and ${mBase + N + T - 1}`;

  // The bench's accounts: active veterans of the community with the most of them, those without an
  // account first (resident on their household and party_member/volunteer on the community, as the
  // demo's members have; approval itself grants no role: the registry decides who may claim).
  const [storm] = await s.query<{ community_id: string | number }>(`
    select community_id from gzm_plan where fate = 'active' and approved_at < ${since} group by community_id order by count(*) desc, community_id limit 1`);
  counts.member_accounts = storm ? await s.run(`
    insert into accounts (person_id, username, password_hash)
    select person_id, $1::text || '-members-' || (row_number() over (order by ord) - 1), $2 from (
      select p.person_id, p.ord from gzm_plan p where p.community_id = ${storm.community_id} and p.fate = 'active' and p.approved_at < ${since}
      order by p.person_id in (select a.person_id from accounts a join people x on x.id = a.person_id where x.city_id = ${cityId}), p.ord limit ${BENCH_ACCOUNTS}) x
    order by ord`, [ctx.cityCode, ctx.passwordHash]) : 0;
  const usernames = Array.from({ length: BENCH_ACCOUNTS }, (_, n) => `${ctx.cityCode}-members-${n}`);
  await s.exec(`create temp table gzm_acct as select a.id, a.person_id from accounts a where a.username = any(${arr(usernames)})`);
  if (counts.member_accounts) {
    await s.run(`
      insert into role_grants (account_id, role, scope_type, scope_id)
      select a.id, 'resident', 'household', p.household_id from gzm_acct a join gzm_plan p on p.person_id = a.person_id
      union all
      select a.id, case when p.kind = 'volunteer' then 'volunteer' else 'party_member' end, 'community', p.community_id from gzm_acct a join gzm_plan p on p.person_id = a.person_id`);
  }

  counts.members = await s.run(`
    insert into members (id, community_id, person_id, account_id, kind, branch_name, work_unit, joined_party_on, compound_id, skills, availability,
      state, version, approved_at, closed_at, transferred_from_id, created_at, updated_at) overriding system value
    select ${mBase} + p.ord, p.community_id, p.person_id, a.id, p.kind,
      case p.kind when 'volunteer' then null when 'self_managed' then p.org_name else p.work_unit || '机关党支部' end,
      case p.kind when 'volunteer' then null when 'self_managed' then p.company else p.work_unit end,
      case when p.kind <> 'volunteer' then make_date(least(p.birth_year + 18 + floor(${rnd('p.ord', 20)} * greatest(1, ${adultYear + 17} - p.birth_year))::int, ${adultYear + 17}), 1 + floor(${rnd('p.ord', 21)} * 12)::int, 1) end,
      p.compound_id, jsonb_build_array(${pick(skills, 'p.ord', 22)}, ${pick(skills, 'p.ord', 23)}), ${pick(availability, 'p.ord', 24)},
      p.fate, case p.fate when 'pending' then 1 when 'rejected' then 2 when 'active' then 2 else 3 end,
      p.approved_at, p.closed_at, null, p.created_at, coalesce(p.closed_at, p.approved_at, p.created_at)
    from gzm_plan p left join gzm_acct a on a.person_id = p.person_id`);
  // A transfer (组织关系转接) opens a registration in a neighbouring community (of the same street
  // when it has one), pending until that committee approves it three days later.
  counts.members += await s.run(`
    insert into members (id, community_id, person_id, account_id, kind, branch_name, work_unit, joined_party_on, compound_id, skills, availability,
      state, version, approved_at, closed_at, transferred_from_id, created_at, updated_at) overriding system value
    select ${mBase + N} + (row_number() over (order by m.id) - 1), t.id, m.person_id, m.account_id, m.kind, m.branch_name, m.work_unit, m.joined_party_on, null, m.skills, m.availability,
      case when m.closed_at + interval '3 days' < ${E} then 'active' else 'pending' end, case when m.closed_at + interval '3 days' < ${E} then 2 else 1 end,
      case when m.closed_at + interval '3 days' < ${E} then m.closed_at + interval '3 days' end, null, m.id, m.closed_at, least(m.closed_at + interval '3 days', ${E})
    from members m join communities c on c.id = m.community_id
    cross join lateral (select c2.id from communities c2 where c2.city_id = ${cityId} and c2.id <> m.community_id
                        order by (c2.street_id = c.street_id) desc, abs(c2.id - m.community_id), c2.id limit 1) t
    where m.id between ${mBase} and ${mBase + N - 1} and m.state = 'transferred'`);

  // Communities: their staff (the live steps' actors), compounds, resident accounts, veteran members, points rule.
  await s.exec(`
    create temp table gzm_comm as
    select c.id, (row_number() over (order by c.id) - 1)::int as ord, c.name, g.staff, g.committee, k.compounds,
      r.accounts as res_accounts, r.compounds as res_compounds, v.ids as vet_ids, v.persons as vet_persons, coalesce(cardinality(v.ids), 0) as vets,
      l.party as lead_party, coalesce(l.volunteer, l.any) as lead_helpers
    from communities c
    left join (select scope_id, min(account_id) filter (where role = 'community_staff') as staff, min(account_id) filter (where role = 'party_committee') as committee
               from role_grants where scope_type = 'community' and role in ('community_staff', 'party_committee')
                 and scope_id in (select id from communities where city_id = ${cityId}) group by scope_id) g on g.scope_id = c.id
    left join (select community_id, array_agg(id order by id) as compounds from compounds where city_id = ${cityId} group by community_id) k on k.community_id = c.id
    left join (select h.community_id, array_agg(g.account_id order by g.account_id) as accounts, array_agg(h.compound_id order by g.account_id) as compounds
               from role_grants g join households h on h.id = g.scope_id
               where g.role = 'resident' and g.scope_type = 'household' and h.community_id in (select id from communities where city_id = ${cityId}) group by h.community_id) r on r.community_id = c.id
    left join (select community_id, array_agg(id order by id) as ids, array_agg(person_id order by id) as persons
               from members where ${inMembers} and state = 'active' and approved_at < ${since} group by community_id) v on v.community_id = c.id
    left join (select community_id, min(id) filter (where kind <> 'volunteer') as party, min(id) filter (where kind = 'volunteer') as volunteer, min(id) as any
               from members where ${inMembers} and state = 'active' group by community_id) l on l.community_id = c.id
    where c.city_id = ${cityId}`);

  counts.member_events = await s.run(`
    insert into member_events (community_id, member_id, at, actor_account_id, actor_role, action, from_state, to_state, note, data)
    select e.community_id, e.member_id, e.at, e.actor, e.role, e.action, e.from_state, e.to_state, e.note, e.data
    from (
      select m.community_id, m.id as member_id, m.created_at as at, case when m.transferred_from_id is null then m.account_id else c.committee end as actor,
        case when m.transferred_from_id is null then 'self' else 'party_committee' end as role, case when m.transferred_from_id is null then 'register' else 'transfer_in' end as action,
        null as from_state, 'pending' as to_state, null as note,
        case when m.transferred_from_id is null then '{}'::jsonb else jsonb_build_object('fromMemberId', m.transferred_from_id) end as data, 0 as seq
      from members m join gzm_comm c on c.id = m.community_id where m.${inMembers}
      union all
      select m.community_id, m.id, m.approved_at, c.committee, 'party_committee', 'approve', 'pending', 'active', null, '{}'::jsonb, 1
      from members m join gzm_comm c on c.id = m.community_id where m.${inMembers} and m.approved_at is not null
      union all
      select m.community_id, m.id, m.closed_at, c.committee, 'party_committee', 'reject', 'pending', 'rejected', '请补充党组织关系证明', '{}'::jsonb, 1
      from members m join gzm_comm c on c.id = m.community_id where m.${inMembers} and m.state = 'rejected'
      union all
      select m.community_id, m.id, m.closed_at, m.account_id, 'self', 'leave', 'active', 'left', '搬离本社区', '{}'::jsonb, 2
      from members m where m.${inMembers} and m.state = 'left'
      union all
      select m.community_id, m.id, m.closed_at, c.committee, 'party_committee', 'transfer', 'active', 'transferred', null, jsonb_build_object('toCommunityId', n.community_id), 2
      from members m join gzm_comm c on c.id = m.community_id join members n on n.transferred_from_id = m.id and n.${inMembers}
      where m.${inMembers} and m.state = 'transferred'
    ) e order by e.at, e.member_id, e.seq`);

  // 三岗: six active veteran party members of each community hold a post; a member who left held one until then.
  counts.member_posts = await s.run(`
    insert into member_posts (community_id, member_id, post, duty, starts_on, ends_on, created_at)
    select x.community_id, x.id, (array['responsibility', 'demonstration', 'vanguard'])[1 + x.rn % 3], (${arr(duties)})[1 + x.rn % ${duties.length}],
      (x.approved_at at time zone 'Asia/Shanghai')::date + 7, case when x.state = 'left' then (x.closed_at at time zone 'Asia/Shanghai')::date end, x.approved_at + interval '7 days'
    from (select m.*, (row_number() over (partition by m.community_id, m.state order by m.id) - 1)::int as rn from members m
          where m.${inMembers} and m.kind <> 'volunteer' and m.approved_at < ${since} and m.state in ('active', 'left')) x
    where (x.state = 'active' and x.rn < 6) or (x.state = 'left' and x.rn < 1)`);

  const tBase = await ctx.reserveIds('teams', 2 * C);
  counts.teams = await s.run(`
    insert into teams (id, community_id, name, kind, leader_member_id, description, created_at) overriding system value
    select ${tBase} + 2 * c.ord + k, c.id, c.name || case k when 0 then '党员先锋队' else '邻里帮帮团' end, case k when 0 then 'vanguard' else 'helpers' end,
      case k when 0 then c.lead_party else c.lead_helpers end,
      case k when 0 then '党员带头，急难险重冲在前' else '邻里互助，小事不出小区' end, ${since}
    from gzm_comm c cross join generate_series(0, 1) k`);
  counts.team_members = await s.run(`
    insert into team_members (community_id, team_id, member_id, created_at)
    select x.community_id, ${tBase} + 2 * c.ord + case when x.kind = 'volunteer' or x.rn >= 20 then 1 else 0 end, x.id, greatest(x.approved_at, ${since})
    from (select m.*, (row_number() over (partition by m.community_id, m.kind = 'volunteer' order by m.id) - 1)::int as rn from members m
          where m.${inMembers} and m.state = 'active') x join gzm_comm c on c.id = x.community_id
    where x.kind = 'volunteer' or x.rn < 35
    union all
    select x.community_id, ${tBase} + 2 * c.ord + 1, x.id, greatest(x.approved_at, ${since})
    from (select m.*, (row_number() over (partition by m.community_id order by m.id) - 1)::int as rn from members m
          where m.${inMembers} and m.state = 'active' and m.kind <> 'volunteer') x join gzm_comm c on c.id = x.community_id
    where x.rn between 10 and 19`);

  // A quarter of the communities reward a confirmed wish with a bonus point (as 鼎立社区 does); a tenth count by the hour.
  counts.points_rules = await s.run(`
    insert into points_rules (community_id, minutes_per_point, min_points, wish_bonus, claim_days, updated_at)
    select c.id, case when ${rnd('c.ord', 30)} < 0.25 then 30 else 60 end, 1, case when ${rnd('c.ord', 30)} < 0.25 then 1 else 2 end,
      case when ${rnd('c.ord', 30)} < 0.25 then 7 else 5 end, ${since}
    from gzm_comm c where ${rnd('c.ord', 30)} < 0.35`);

  // 微心愿 over the history, evenly spread with jitter; the state follows the age (the last days'
  // wishes are still in review, open, claimed or fulfilled; older ones mostly confirmed, a few
  // refused or never claimed). Claimants are the community's veterans, a few of whom serve most.
  // (OFFSET 0 keeps each lateral step a step: flattened, every reference would recompute its hashes.)
  const W = Math.max(1, Math.round(wishYears * WISHES_PER_YEAR));
  const ideas = wishIdeas.map(([t, b, f, m], i) => `(${i}, ${q(t)}, ${q(b)}, ${q(f)}, ${m})`).join(', ');
  const wBase = await ctx.reserveIds('wishes', C * W + STORM_WISHES);
  const inWishes = `id between ${wBase} and ${wBase + C * W + STORM_WISHES - 1}`;
  const i = `(c.ord * ${W} + k)`;
  counts.wishes = await s.run(`
    insert into wishes (id, community_id, compound_id, title, body, for_whom, due_on, estimated_minutes, posted_by_account_id, on_behalf, state, version,
      claimant_member_id, claimant_person_id, claimed_at, claim_deadline, fulfilled_at, fulfil_note, service_minutes, confirmed_at, thanks, review_note, created_at, updated_at) overriding system value
    select ${wBase} + ${i}, c.id, by.compound_id, idea.title, idea.body, idea.for_whom, (t.posted at time zone 'Asia/Shanghai')::date + 7 + floor(${rnd(i, 61)} * 8)::int, idea.minutes,
      by.account_id, by.on_behalf, st.state, case st.state when 'review' then 1 when 'open' then 2 when 'rejected' then 2 when 'claimed' then 3 when 'fulfilled' then 4 else 5 end,
      case when st.reached >= 2 then c.vet_ids[cl.idx] end, case when st.reached >= 2 then c.vet_persons[cl.idx] end,
      case when st.reached >= 2 then tm.claimed end, case when st.reached >= 2 then tm.claimed + make_interval(days => coalesce(r.claim_days, 7)) end,
      case when st.reached >= 3 then tm.fulfilled end, case when st.reached >= 3 then ${pick(fulfilNotes, i, 66)} end,
      case when st.reached >= 3 then idea.minutes + case when ${rnd(i, 67)} < 0.3 then 15 * (1 + floor(${rnd(i, 68)} * 3)::int) else 0 end end,
      case when st.reached >= 4 then tm.confirmed end, case when st.reached >= 4 then ${pick(thanks, i, 69)} end,
      case when st.state = 'rejected' then '涉及个人隐私信息，请修改后重新提交' end, t.posted,
      case st.reached when 4 then tm.confirmed when 3 then tm.fulfilled when 2 then tm.claimed when 1 then t.posted + interval '1 hour' else t.posted end
    from gzm_comm c cross join generate_series(0, ${W - 1}) k
    left join points_rules r on r.community_id = c.id
    cross join lateral (select ${since} + make_interval(mins => floor((k + ${rnd(i, 60)}) * ${spanHours * 60} / ${W})::int) as posted offset 0) t
    cross join lateral (select extract(epoch from (${E} - t.posted)) / 86400 as age, ${rnd(i, 62)} as u offset 0) a
    join (values ${ideas}) idea(n, title, body, for_whom, minutes) on idea.n = floor(${rnd(i, 63)} * ${wishIdeas.length})::int
    cross join lateral (select case when c.res_accounts is not null and ${rnd(i, 64)} < 0.3 then floor(${rnd(i, 65)} * cardinality(c.res_accounts))::int + 1 end as ri offset 0) ri
    cross join lateral (select case when ri.ri is not null then c.res_accounts[ri.ri] else coalesce(c.staff, 0) end as account_id,
                               case when ri.ri is not null then c.res_compounds[ri.ri] else c.compounds[1 + floor(${rnd(i, 70)} * cardinality(c.compounds))::int] end as compound_id,
                               ri.ri is null as on_behalf offset 0) by
    cross join lateral (select case when a.age < 1 then 'review' when a.age < 3 then 'open' when a.age < 6 then 'claimed' when a.age < 10 then 'fulfilled'
                                    when a.u < 0.04 then 'rejected' when a.u < 0.06 then 'open' else 'confirmed' end as s0 offset 0) s0
    cross join lateral (select case when c.vets = 0 and s0.s0 in ('claimed', 'fulfilled', 'confirmed') then 'open' else s0.s0 end as state offset 0) s1
    cross join lateral (select s1.state, case s1.state when 'review' then 0 when 'rejected' then 1 when 'open' then 1 when 'claimed' then 2 when 'fulfilled' then 3 else 4 end as reached offset 0) st
    cross join lateral (select case when ${rnd(i, 71)} < 0.5 then 1 + floor(${rnd(i, 72)} * least(10, c.vets))::int else 1 + floor(${rnd(i, 72)} * c.vets)::int end as idx offset 0) cl
    cross join lateral (select t.posted + make_interval(hours => 4 + floor(${rnd(i, 73)} * 30)::int) as claimed offset 0) t1
    cross join lateral (select t1.claimed, t1.claimed + make_interval(hours => 12 + floor(${rnd(i, 74)} * 48)::int) as fulfilled offset 0) t2
    cross join lateral (select t2.claimed, t2.fulfilled, t2.fulfilled + make_interval(hours => 2 + floor(${rnd(i, 75)} * 20)::int) as confirmed offset 0) tm
    where c.compounds is not null`);
  // The bench's pool: fresh wishes of the storm community, approved within the last day, unclaimed.
  if (storm) {
    counts.wishes += await s.run(`
      insert into wishes (id, community_id, compound_id, title, body, for_whom, due_on, estimated_minutes, posted_by_account_id, on_behalf, state, version, created_at, updated_at) overriding system value
      select ${wBase + C * W} + j, c.id, c.compounds[1 + j % cardinality(c.compounds)], idea.title, idea.body, idea.for_whom, (${E} at time zone 'Asia/Shanghai')::date + 5 + j % 7,
        idea.minutes, coalesce(c.staff, 0), true, 'open', 2, ${E} - make_interval(hours => 2 + j % 20), ${E} - make_interval(hours => 1 + j % 20)
      from gzm_comm c cross join generate_series(0, ${STORM_WISHES - 1}) j
      join (values ${ideas}) idea(n, title, body, for_whom, minutes) on idea.n = j % ${wishIdeas.length}
      where c.id = ${storm.community_id}`);
  }

  counts.wish_events = await s.run(`
    insert into wish_events (community_id, wish_id, at, actor_account_id, actor_role, action, from_state, to_state, note)
    select e.community_id, e.wish_id, e.at, e.actor, e.role, e.action, e.from_state, e.to_state, e.note
    from (
      select w.community_id, w.id as wish_id, w.created_at as at, w.posted_by_account_id as actor, case when w.on_behalf then 'community_staff' else 'resident' end as role,
        'post' as action, null as from_state, 'review' as to_state, null as note, 0 as seq from wishes w where w.${inWishes}
      union all
      select w.community_id, w.id, w.created_at + interval '1 hour', c.staff, 'community_staff', 'approve', 'review', 'open', null, 1
      from wishes w join gzm_comm c on c.id = w.community_id where w.${inWishes} and w.state not in ('review', 'rejected')
      union all
      select w.community_id, w.id, w.created_at + interval '1 hour', c.staff, 'community_staff', 'reject', 'review', 'rejected', w.review_note, 1
      from wishes w join gzm_comm c on c.id = w.community_id where w.${inWishes} and w.state = 'rejected'
      union all
      select w.community_id, w.id, w.claimed_at, m.account_id, 'member', 'claim', 'open', 'claimed', null, 2
      from wishes w join members m on m.id = w.claimant_member_id where w.${inWishes} and w.claimed_at is not null
      union all
      select w.community_id, w.id, w.fulfilled_at, m.account_id, 'claimant', 'fulfil', 'claimed', 'fulfilled', w.fulfil_note, 3
      from wishes w join members m on m.id = w.claimant_member_id where w.${inWishes} and w.fulfilled_at is not null
      union all
      select w.community_id, w.id, w.confirmed_at, case when w.on_behalf then c.staff else w.posted_by_account_id end, case when w.on_behalf then 'community_staff' else 'resident' end,
        'confirm', 'fulfilled', 'confirmed', w.thanks, 4
      from wishes w join gzm_comm c on c.id = w.community_id where w.${inWishes} and w.confirmed_at is not null
    ) e order by e.at, e.wish_id, e.seq`);

  // The ledger: what stepWish's confirmation credits — (wishes, wish, id, claimant) once, at the
  // confirmation, the reported minutes (the estimate when none), points by the community's rule
  // (pointsRuleFrom: per started block, a floor, the wish bonus; the default rule without a row).
  counts.service_ledger = await s.run(`
    insert into service_ledger (community_id, person_id, source_module, source_kind, source_id, at, minutes, points, note, created_at)
    select w.community_id, w.claimant_person_id, 'wishes', 'wish', w.id, w.confirmed_at, x.minutes,
      greatest(coalesce(r.min_points, 1), ceil(x.minutes::numeric / coalesce(r.minutes_per_point, 30))::int) + coalesce(r.wish_bonus, 0), w.title, w.confirmed_at
    from wishes w left join points_rules r on r.community_id = w.community_id
    cross join lateral (select coalesce(w.service_minutes, w.estimated_minutes) as minutes) x
    where w.${inWishes} and w.state = 'confirmed' and w.claimant_person_id is not null
    order by w.confirmed_at, w.id`);

  await s.exec(temp.map((t) => `drop table if exists ${t}`).join(';'));
  for (const [table, rows] of Object.entries(counts)) ctx.log(table, rows);
  return counts;
}

export interface MembersBenchFacts {
  dept: string;
  /** The storm: the community's member accounts, its staff (who puts a claimed wish back), its fresh open wishes. */
  storm: { communityId: number; members: string[]; staff: string | null; wishIds: number[] } | null;
  communityIds: number[];
  streetIds: number[];
  /** The 红榜 period read: the year of the ledger's latest credit. */
  period: string;
}

/** Wishes a storm cycles through, and claims per wish between two releases (the request list travels as one argv). */
const STORM_CYCLE = { wishes: 8, claims: 32 };

export const membersScale = defineScale<MembersBenchFacts>({
  seedCity: seedMembersCity,
  benchFacts: async ({ cityId, cityCode, query }) => {
    const accounts = await query<{ username: string; community_id: string | number }>(`
      select a.username, g.scope_id as community_id from accounts a join people p on p.id = a.person_id
      join role_grants g on g.account_id = a.id and g.scope_type = 'community' and g.role in ('party_member', 'volunteer')
      where p.city_id = $1 and a.username like $2 order by a.id`, [cityId, `${cityCode}-members-%`]);
    let storm: MembersBenchFacts['storm'] = null;
    if (accounts.length) {
      const communityId = Number(accounts[0]!.community_id);
      const [staff] = await query<{ username: string }>(`
        select a.username from role_grants g join accounts a on a.id = g.account_id
        where g.role = 'community_staff' and g.scope_type = 'community' and g.scope_id = $1 order by a.id limit 1`, [communityId]);
      const wishes = await query<{ id: string | number }>(`select id from wishes where community_id = $1 and state = 'open' and claimant_member_id is null order by created_at desc, id desc limit $2`, [communityId, STORM_CYCLE.wishes]);
      storm = { communityId, members: accounts.filter((a) => Number(a.community_id) === communityId).map((a) => a.username), staff: staff?.username ?? null, wishIds: wishes.map((w) => Number(w.id)) };
    }
    const communities = await query<{ id: string | number }>('select id from communities where city_id = $1 order by id limit 300', [cityId]);
    const streets = await query<{ id: string | number }>('select id from streets where city_id = $1 order by id', [cityId]);
    const [latest] = await query<{ at: Date | string | null }>(`select max(l.at) as at from service_ledger l join communities c on c.id = l.community_id where c.city_id = $1`, [cityId]);
    return { dept: `${cityCode}-dept`, storm, communityIds: communities.map((c) => Number(c.id)), streetIds: streets.map((r) => Number(r.id)), period: shanghaiDate(latest?.at ? new Date(latest.at) : new Date()).slice(0, 4) };
  },
  benchScenarios: async (facts, login) => {
    const out = [];
    const st = facts.storm;
    if (st && st.members.length && st.wishIds.length && st.staff) {
      const sessions: Record<string, string>[] = [];
      for (let i = 0; i < st.members.length; i += 16) sessions.push(...await Promise.all(st.members.slice(i, i + 16).map((u) => login(u))));
      const staff = await login(st.staff);
      // Each wish: a burst of claims by different members (one wins, the others get 409), then
      // staff put it back in the pool (release), so the storm never runs dry however long it lasts.
      const requests = st.wishIds.flatMap((id, w) => [
        ...Array.from({ length: STORM_CYCLE.claims }, (_, j) => ({ method: 'POST' as const, path: `/api/wishes/${id}/claim`, headers: sessions[(w * 7 + j) % sessions.length]!, body: {} })),
        { method: 'POST' as const, path: `/api/wishes/${id}/release`, headers: staff, body: {} },
      ]);
      out.push({
        key: 'members_claim_storm', title: 'members: claim storm on fresh 微心愿 (POST /api/wishes/:id/claim)', ceiling: 'database' as const, expectedStatuses: [409],
        note: `${sessions.length} members of one community racing ${STORM_CYCLE.claims} at a time on each of ${st.wishIds.length} open wishes: one claim wins (the conditional UPDATE), the others answer 409 WISH_ALREADY_CLAIMED; after each burst staff release the wish (1 request in ${STORM_CYCLE.claims + 1}; 409 if it was not claimed yet), so the pool never empties`,
        requests,
      });
    }
    if (facts.communityIds.length) {
      const dept = await login(facts.dept);
      out.push({
        key: 'members_honour_roll_city', title: `members: 红榜 of every community of the city (GET /api/honour-roll?period=${facts.period})`, ceiling: 'framework' as const,
        note: `${facts.communityIds.length} communities round-robin as the department, from the service ledger (a closed period from its frozen snapshot)`,
        requests: facts.communityIds.map((id) => ({ method: 'GET' as const, path: `/api/honour-roll?communityId=${id}&period=${facts.period}&limit=20`, headers: dept })),
      });
      if (facts.streetIds.length) {
        out.push({
          key: 'members_honour_roll_streets', title: `members: 红榜 of every street of the city (GET /api/honour-roll?streetId=…&period=${facts.period})`, ceiling: 'framework' as const,
          note: `${facts.streetIds.length} streets round-robin as the department: each the sum of its communities' rolls`,
          requests: facts.streetIds.map((id) => ({ method: 'GET' as const, path: `/api/honour-roll?streetId=${id}&period=${facts.period}&limit=20`, headers: dept })),
        });
      }
    }
    return out;
  },
});
