import { defineScale, type CitySeedContext } from '../../kernel/scale.js';
import { xinhuaStation } from './stations.demo-data.js';

/*
 * The stations' part of the city-scale tools. seed:city: a station per street (in the street's
 * first community, co-run by the company serving most of its compounds) with the report's
 * 42-kind catalogue, its coverage, key holders, team, monthly roll calls, quarterly drills,
 * incidents, and a check-out history replayed into the item ledger — set-based INSERT … SELECT,
 * ids reserved with reserveIds and derived arithmetically. bench: concurrent check-outs of the
 * last units, the readiness list over the whole city, and the station page.
 */

const catalogue = [...xinhuaStation.rescue.map((i) => ({ ...i, section: 'rescue' })), ...xinhuaStation.supplies.map((i) => ({ ...i, section: 'supplies' }))];
const K = catalogue.length;
const HOLDERS = 3;
const TEAM = 8;
const ROLL_CALLS = 6;
const SHOPS = 8;
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const givens = ['建华', '志强', '秀兰', '海涛', '丽', '军', '桂英', '磊', '敏', '俊', '春梅', '国庆', '卫东', '晓燕', '鹏', '静'];
const skills = ['电工', '水电维修', '管道抢修', '破拆', '挪车', '驾驶', '急救', '心肺复苏', '消防', '疏散引导', '搜救', '排水泵操作'];
const shopKinds = ['便民超市', '大药房', '五金店', '早餐店', '理发店', '快递驿站', '水果店', '汽车修理', '牛肉面馆', '粮油店'];
const incidentKinds = ['burst_pipe', 'flooding', 'fire', 'power', 'blocked_car', 'medical', 'snow_ice', 'other'];
const incidentTitles: Record<string, string> = {
  burst_pipe: '楼道水管爆裂', flooding: '地库入口积水', fire: '电动车充电起火', power: '楼栋停电', blocked_car: '车辆堵塞消防通道', medical: '老人夜间摔倒', snow_ice: '道路结冰', other: '高空坠物隐患',
};

const q = (v: string) => `'${v.replace(/'/g, "''")}'`;
const arr = (items: readonly string[]) => `array[${items.map(q).join(',')}]::text[]`;

export async function seedStationsCity(ctx: CitySeedContext): Promise<Record<string, number>> {
  const { s, cityId, seed } = ctx;
  const end = ctx.end.toISOString();
  /** A deterministic number in [0, 1) from the city's seed, a row expression and a salt. */
  const rnd = (expr: string, salt: number) => `(('x' || substr(md5('${seed}:' || (${expr})::text || ':${salt}'), 1, 12))::bit(48)::bigint::float8 / 281474976710656.0)`;
  const pick = (items: readonly string[], expr: string, salt: number) => `(${arr(items)})[1 + floor(${rnd(expr, salt)} * ${items.length})::int]`;
  const person = (expr: string, salt: number) => `${pick(surnames, expr, salt)} || ${pick(givens, expr, salt + 1)}`;
  const mobile = (expr: string, salt: number) => `'13' || (5 + floor(${rnd(expr, salt)} * 5))::int::text || lpad(floor(${rnd(expr, salt + 1)} * 100000000)::bigint::text, 8, '0')`;
  const months = Math.max(1, Math.floor(ctx.years * 12));
  const drills = Math.max(1, Math.ceil(ctx.years * 4));

  const [{ n } = { n: 0 }] = await s.query<{ n: number }>(`select count(*)::int as n from streets st where st.city_id = $1 and exists (select 1 from communities c where c.street_id = st.id)`, [cityId]);
  if (n === 0) return {};
  const b = {
    stations: await ctx.reserveIds('stations', n),
    items: await ctx.reserveIds('station_items', n * K),
    checkouts: await ctx.reserveIds('station_checkouts', n * months * 4),
    holders: await ctx.reserveIds('station_key_holders', n * HOLDERS),
    team: await ctx.reserveIds('station_team_members', n * TEAM),
    rollCalls: await ctx.reserveIds('station_roll_calls', n * ROLL_CALLS),
    drills: await ctx.reserveIds('station_drills', n * drills),
    incidents: await ctx.reserveIds('station_incidents', n * months),
  };
  const counts: Record<string, number> = {};
  const since = `(${q(end)}::timestamptz - interval '${Math.round(ctx.years * 365)} days')`;
  const inCity = `station_id between ${b.stations} and ${b.stations + n - 1}`;
  // The city's stations with their ordinal (id - base).
  const st = `(select x.*, x.id - ${b.stations} as ord from stations x where x.id between ${b.stations} and ${b.stations + n - 1})`;

  counts.stations = await s.run(`
    insert into stations (id, community_id, city_id, district_id, street_id, company_id, name, address, location_note, always_open, opens_at, closes_at,
      duty_phone, roll_call_every_days, roll_call_answer_hours, drill_every_days, created_at, updated_at) overriding system value
    select ${b.stations} + ord, c.id, ${cityId}, c.district_id, c.street_id,
      (select k.property_company_id from compounds k where k.community_id = c.id and k.property_company_id is not null group by 1 order by count(*) desc, 1 limit 1),
      c.name || '应急服务站', coalesce(c.address, c.name), '社区党群服务中心一楼应急物资室', ${rnd('ord', 1)} < 0.7,
      case when ${rnd('ord', 1)} < 0.7 then null else '08:00' end, case when ${rnd('ord', 1)} < 0.7 then null else '20:00' end,
      '0' || (371 + floor(${rnd('ord', 2)} * 9))::int::text || '-' || lpad(floor(${rnd('ord', 3)} * 100000000)::bigint::text, 8, '0'),
      30, 48, 90, ${since}, ${since}
    from (select row_number() over (order by st.id) - 1 as ord, st.id as street_id from streets st
          where st.city_id = ${cityId} and exists (select 1 from communities c where c.street_id = st.id)) x
    cross join lateral (select * from communities c where c.street_id = x.street_id order by c.id limit 1) c`);

  const values = catalogue.map((i, k) => `(${k}, ${q(i.section)}, ${q(i.category)}, ${q(i.name)}, ${q(i.unit)}, ${i.standard}, ${!!i.consumable}, ${q(i.location)}, ${i.expiresInDays ?? 'null'}, ${i.inspectEveryDays ?? 'null'})`).join(',\n');
  counts.station_items = await s.run(`
    insert into station_items (id, community_id, station_id, section, category, name, unit, quantity, standard_quantity, consumable, location,
      expires_on, inspect_every_days, last_inspected_on, next_inspection_on, created_at, updated_at) overriding system value
    select ${b.items} + s.ord * ${K} + c.k, s.community_id, s.id, c.section, c.category, c.name, c.unit,
      case when ${rnd(`s.ord * ${K} + c.k`, 10)} < 0.12 then floor(c.standard * 0.6)::int else c.standard end,
      c.standard, c.consumable, c.location,
      case when c.expires is not null then (${q(end)}::timestamptz at time zone 'Asia/Shanghai')::date + (c.expires + floor(${rnd(`s.ord * ${K} + c.k`, 11)} * 300) - 70)::int end,
      c.every, li.last, li.last + c.every, s.created_at, s.created_at
    from ${st} s cross join (values ${values}) c(k, section, category, name, unit, standard, consumable, location, expires, every)
    cross join lateral (select case when c.every is not null then (${q(end)}::timestamptz at time zone 'Asia/Shanghai')::date - floor(${rnd(`s.ord * ${K} + c.k`, 12)} * c.every * 1.12)::int end as last) li`);

  counts.station_coverage = await s.run(`
    insert into station_coverage (community_id, station_id, kind, name, compound_id, address, headcount, created_at)
    select s.community_id, s.id, 'compound', k.name, k.id, k.address, (select count(*) from households h where h.compound_id = k.id)::int, s.created_at
    from ${st} s join compounds k on k.community_id = s.community_id`);
  counts.station_coverage += await s.run(`
    insert into station_coverage (community_id, station_id, kind, name, address, contact_name, contact_phone, headcount, created_at)
    select distinct on (s.id, nm) s.community_id, s.id, 'shop', nm, s.address, ${person('s.ord * 100 + i', 20)}, ${mobile('s.ord * 100 + i', 22)}, 1 + floor(${rnd('s.ord * 100 + i', 24)} * 7)::int, s.created_at
    from ${st} s cross join generate_series(0, ${SHOPS - 1}) i
    cross join lateral (select ${pick(['新华', '惠民', '邻里', '兴旺', '和顺', '万家', '阳光', '福满'], 's.ord * 100 + i', 25)} || ${pick(shopKinds, 's.ord * 100 + i', 26)} as nm) n
    order by s.id, nm`);

  counts.station_key_holders = await s.run(`
    insert into station_key_holders (id, community_id, station_id, name, phone, side, organisation, key_label, account_id, created_at) overriding system value
    select ${b.holders} + s.ord * ${HOLDERS} + r, s.community_id, s.id, ${person(`s.ord * ${HOLDERS} + r`, 30)}, ${mobile(`s.ord * ${HOLDERS} + r`, 32)},
      case when r = 2 and s.company_id is not null then 'property' else 'community' end,
      case when r = 2 and s.company_id is not null then (select short_name from property_companies p where p.id = s.company_id) else '社区居委会' end,
      (array['正门钥匙', '正门备用钥匙', '物资室钥匙'])[r + 1],
      case when r = 0 then (select g.account_id from role_grants g where g.role = 'community_staff' and g.scope_type = 'community' and g.scope_id = s.community_id order by g.account_id limit 1)
           when r = 2 then (select g.account_id from role_grants g where g.role = 'property_staff' and g.scope_type = 'company' and g.scope_id = s.company_id order by g.account_id limit 1) end,
      s.created_at
    from ${st} s cross join generate_series(0, ${HOLDERS - 1}) r`);

  counts.station_team_members = await s.run(`
    insert into station_team_members (id, community_id, station_id, name, phone, team_role, side, skills, joined_on, created_at) overriding system value
    select ${b.team} + s.ord * ${TEAM} + r, s.community_id, s.id,
      ${pick(surnames, `s.ord * ${TEAM} + r`, 40)} || (${arr(givens)})[1 + ((floor(${rnd('s.ord', 41)} * ${givens.length})::int + r) % ${givens.length})],
      ${mobile(`s.ord * ${TEAM} + r`, 42)}, case r when 0 then 'leader' when 1 then 'deputy' else 'member' end,
      case when r in (0, 2, 3) then 'property' when r in (1, 4) then 'community' else 'volunteer' end,
      array[${pick(skills, `s.ord * ${TEAM} + r`, 44)}, ${pick(skills, `s.ord * ${TEAM} + r`, 45)}], (s.created_at at time zone 'Asia/Shanghai')::date, s.created_at
    from ${st} s cross join generate_series(0, ${TEAM - 1}) r`);

  // Check-outs: four a month; in each month four different kinds (k, k+11, k+22, k+33 mod 42), so one
  // kind is never out twice at once. Equipment comes back within the day; consumables are restocked
  // three days later. The last month's first check-out of equipment is still out (some overdue).
  const H = `(${q(end)}::timestamptz - interval '${months * 30} days')`;
  counts.station_checkouts = await s.run(`
    insert into station_checkouts (id, community_id, station_id, item_id, quantity, returned_quantity, state, purpose, reason, borrower_name, borrower_phone,
      checked_out_by_name, checked_out_at, due_at, returned_at, return_note, version) overriding system value
    select ${b.checkouts} + (s.ord * ${months} + m) * 4 + j, s.community_id, s.id, i.id, x.qty,
      case when still_out or i.consumable then 0 else x.qty end,
      case when i.consumable then 'consumed' when still_out then 'out' else 'returned' end,
      x.purpose, case x.purpose when 'drill' then '培训演练用' when 'incident' then '应急处置' when 'inspection' then '巡检维护' else '居民借用' end,
      case when x.purpose = 'loan' then ${person('(s.ord * 1000 + m) * 4 + j', 50)} end, case when x.purpose = 'loan' then ${mobile('(s.ord * 1000 + m) * 4 + j', 52)} end,
      (select t.name from station_team_members t where t.station_id = s.id order by t.id offset floor(${rnd('(s.ord * 1000 + m) * 4 + j', 54)} * ${TEAM})::int limit 1),
      x.at, case when not i.consumable then x.at + interval '24 hours' end,
      case when not still_out and not i.consumable then x.at + make_interval(hours => 2 + floor(${rnd('(s.ord * 1000 + m) * 4 + j', 56)} * 18)::int) end,
      case when not still_out and not i.consumable then '已清点归位' end, case when still_out or i.consumable then 1 else 2 end
    from ${st} s cross join generate_series(0, ${months - 1}) m cross join generate_series(0, 3) j
    cross join lateral (select ${b.items} + s.ord * ${K} + ((floor(${rnd(`s.ord * 1000 + m`, 60)} * ${K})::int + j * 11) % ${K}) as item_id) p
    join station_items i on i.id = p.item_id
    cross join lateral (select m = ${months - 1} and j = 0 and not i.consumable as still_out) o
    cross join lateral (select
      case when i.consumable then greatest(1, floor(i.quantity * 0.1)::int) else 1 end as qty,
      case when o.still_out then ${q(end)}::timestamptz - make_interval(hours => 6 + floor(${rnd('(s.ord * 1000 + m) * 4 + j', 62)} * 54)::int)
           else ${H} + make_interval(days => m * 30 + floor(${rnd('(s.ord * 1000 + m) * 4 + j', 63)} * 26)::int, hours => 8 + floor(${rnd('(s.ord * 1000 + m) * 4 + j', 64)} * 12)::int) end as at,
      ${pick(['drill', 'incident', 'inspection', 'loan', 'incident', 'other'], '(s.ord * 1000 + m) * 4 + j', 65)} as purpose) x
    where i.quantity >= x.qty`);

  // The ledger, replayed: opening stock, check-outs, returns and restocks, each with the quantity after it.
  counts.station_item_events = await s.run(`
    insert into station_item_events (community_id, station_id, item_id, kind, delta, quantity_after, checkout_id, actor_name, note, at)
    select community_id, station_id, item_id, kind, delta, sum(delta) over (partition by item_id order by at, seq rows unbounded preceding), checkout_id, actor_name, note, at
    from (
      select community_id, station_id, id as item_id, 'initial' as kind, quantity as delta, null::bigint as checkout_id, '建档' as actor_name, '建站入库' as note, created_at as at, 0 as seq
        from station_items where ${inCity}
      union all select community_id, station_id, item_id, 'checkout', -quantity, id, checked_out_by_name, reason, checked_out_at, 1 from station_checkouts where ${inCity}
      union all select community_id, station_id, item_id, 'return', returned_quantity, id, checked_out_by_name, return_note, returned_at, 2 from station_checkouts where ${inCity} and state = 'returned'
      union all select community_id, station_id, item_id, 'restock', quantity, id, '物资管理员', '补充消耗', checked_out_at + interval '3 days', 3 from station_checkouts
        where ${inCity} and state = 'consumed' and checked_out_at + interval '3 days' < ${q(end)}::timestamptz
    ) e`);
  await s.run(`update station_items i set quantity = e.q from (select item_id, sum(delta)::int as q from station_item_events where ${inCity} group by item_id) e where e.item_id = i.id`);

  // Monthly roll calls; in one station of five a holder without the app missed the latest.
  counts.station_roll_calls = await s.run(`
    insert into station_roll_calls (id, community_id, station_id, started_at, due_at, note) overriding system value
    select ${b.rollCalls} + s.ord * ${ROLL_CALLS} + r, s.community_id, s.id, t.at, t.at + interval '48 hours', '月度点名'
    from ${st} s cross join generate_series(0, ${ROLL_CALLS - 1}) r
    cross join lateral (select ${q(end)}::timestamptz - make_interval(days => r * 30 + 3 + floor(${rnd(`s.ord * ${ROLL_CALLS} + r`, 70)} * 8)::int, hours => 15) as at) t`);
  counts.station_roll_call_answers = await s.run(`
    insert into station_roll_call_answers (community_id, station_id, roll_call_id, key_holder_id, answer, answered_at, answered_by_account_id, on_behalf, note)
    select rc.community_id, rc.station_id, rc.id, h.id, case when missed then null else 'has_key' end,
      case when missed then null else rc.started_at + make_interval(mins => 20 + floor(${rnd(`(rc.id - ${b.rollCalls}) * 10 + h.id - ${b.holders}`, 72)} * 1400)::int) end,
      case when missed then null else h.account_id end, not missed and h.account_id is null, case when not missed and h.account_id is null then '电话确认' end
    from station_roll_calls rc join station_key_holders h on h.station_id = rc.station_id
    cross join lateral (select rc.id = ${b.rollCalls} + (rc.station_id - ${b.stations}) * ${ROLL_CALLS} and h.account_id is null and ${rnd(`rc.station_id - ${b.stations}`, 74)} < 0.2 as missed) x
    where rc.${inCity}`);

  // Quarterly drills (in one station of seven the latest is missing), with attendance.
  counts.station_drills = await s.run(`
    insert into station_drills (id, community_id, station_id, kind, title, held_at, duration_minutes, location, trainer, practised, created_at) overriding system value
    select ${b.drills} + s.ord * ${drills} + d, s.community_id, s.id, case when d % 2 = 0 then 'drill' else 'training' end,
      (array['防汛排涝应急演练', '应急装备使用培训', '消防疏散演练', '心肺复苏与AED急救培训'])[d % 4 + 1], t.at, 60 + 30 * (d % 3), '社区党群服务中心', case when d % 2 = 1 then '区消防救援大队' end,
      case d % 4 when 0 then array['沙袋围堵', '排水泵架设'] when 1 then array['液压破拆工具组操作', '漏电检测仪使用'] when 2 then array['干粉灭火器使用', '疏散引导'] else array['心肺复苏', 'AED使用'] end,
      t.at + interval '2 hours'
    from ${st} s cross join generate_series(0, ${drills - 1}) d
    cross join lateral (select ${q(end)}::timestamptz - make_interval(days => d * 91 + 6 + floor(${rnd(`s.ord * ${drills} + d`, 80)} * 60)::int, hours => 6) as at) t
    where t.at > s.created_at and not (d = 0 and ${rnd('s.ord', 81)} < 0.15)`);
  counts.station_drill_attendance = await s.run(`
    insert into station_drill_attendance (community_id, drill_id, team_member_id)
    select d.community_id, d.id, t.id from station_drills d join station_team_members t on t.station_id = d.station_id
    where d.${inCity} and ${rnd(`(d.id - ${b.drills}) * 100 + t.id - ${b.team}`, 82)} < 0.8`);

  counts.station_incidents = await s.run(`
    insert into station_incidents (id, community_id, station_id, kind, title, description, occurred_at, location_text, state, outcome, closed_at, created_at) overriding system value
    select ${b.incidents} + s.ord * ${months} + m, s.community_id, s.id, kd, ttl.title, '居民报警后应急队员出动处置', t.at, s.name, case when m = ${months - 1} and ${rnd('s.ord * 1000 + m', 91)} < 0.3 then 'open' else 'closed' end,
      case when m = ${months - 1} and ${rnd('s.ord * 1000 + m', 91)} < 0.3 then null else '已处置完毕' end,
      case when m = ${months - 1} and ${rnd('s.ord * 1000 + m', 91)} < 0.3 then null else t.at + interval '4 hours' end, t.at + interval '20 minutes'
    from ${st} s cross join generate_series(0, ${months - 1}) m
    cross join lateral (select ${pick(incidentKinds, 's.ord * 1000 + m', 92)} as kd) k
    cross join lateral (select (${`jsonb_build_object(${Object.entries(incidentTitles).map(([k, v]) => `${q(k)}, ${q(v)}`).join(', ')})`}) ->> kd as title) ttl
    cross join lateral (select ${H} + make_interval(days => m * 30 + floor(${rnd('s.ord * 1000 + m', 93)} * 28)::int, hours => floor(${rnd('s.ord * 1000 + m', 94)} * 24)::int) as at) t
    where ${rnd('s.ord * 1000 + m', 90)} < 0.5`);
  counts.station_incident_responders = await s.run(`
    insert into station_incident_responders (community_id, incident_id, team_member_id)
    select i.community_id, i.id, t.id from station_incidents i join station_team_members t on t.station_id = i.station_id
    where i.${inCity} and (t.team_role = 'leader' or ${rnd(`(i.id - ${b.incidents}) * 100 + t.id - ${b.team}`, 95)} < 0.3)`);

  for (const [table, rows] of Object.entries(counts)) ctx.log(table, rows);
  return counts;
}

interface StationBenchFacts {
  cityId: number;
  dept: string;
  stations: { id: number; dispatcher: string; itemIds: number[] }[];
}

export const stationsScale = defineScale<StationBenchFacts>({
  seedCity: seedStationsCity,
  benchFacts: async ({ cityId, cityCode, query }) => {
    const rows = await query<{ id: number; dispatcher: string | null; item_ids: number[] }>(`
      select s.id, (select a.username from role_grants g join accounts a on a.id = g.account_id
                    where g.role = 'community_staff' and g.scope_type = 'community' and g.scope_id = s.community_id order by a.id limit 1) as dispatcher,
        (select array_agg(i.id order by i.id) from station_items i where i.station_id = s.id) as item_ids
      from stations s where s.city_id = $1 order by s.id limit 8`, [cityId]);
    return { cityId, dept: `${cityCode}-dept`, stations: rows.filter((r) => r.dispatcher).map((r) => ({ id: Number(r.id), dispatcher: r.dispatcher!, itemIds: (r.item_ids ?? []).map(Number) })) };
  },
  benchScenarios: async (facts, login) => {
    if (facts.stations.length === 0) return [];
    const dept = await login(facts.dept);
    const sessions = await Promise.all(facts.stations.map(async (s) => ({ s, headers: await login(s.dispatcher) })));
    return [
      {
        key: 'stations_readiness_city', title: 'stations: readiness of every station of the city (GET /api/station-readiness)', ceiling: 'framework',
        note: 'one statement over all the city\'s stations: stock vs standard, expiry, inspections, roll calls, drills',
        requests: [{ method: 'GET', path: `/api/station-readiness?cityId=${facts.cityId}`, headers: dept }],
      },
      {
        key: 'stations_page', title: 'stations: the station page (GET /api/stations/:id)', ceiling: 'framework',
        note: `${sessions.length} stations round-robin: coverage, key holders, team, roll call, alerts, readiness`,
        requests: sessions.map(({ s, headers }) => ({ method: 'GET', path: `/api/stations/${s.id}`, headers })),
      },
      {
        key: 'stations_checkout', title: 'stations: concurrent check-outs of the last units (POST /api/stations/:id/checkouts)', ceiling: 'database', expectedStatuses: [409],
        note: `${sessions.length} stations × every kind, one unit each, until nothing is left: 409 STATION_STOCK_INSUFFICIENT is the expected answer once a kind is empty`,
        requests: sessions.flatMap(({ s, headers }) => s.itemIds.map((itemId) => ({ method: 'POST' as const, path: `/api/stations/${s.id}/checkouts`, headers, body: { itemId, quantity: 1, purpose: 'drill' } }))),
      },
    ];
  },
});
