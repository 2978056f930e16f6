import type { SeedContext } from './context.js';
import { reserveIds, textArray } from './context.js';
import type { PlaceCounts } from './places.js';
import { residentAccountStep } from './people.js';
import { categoryProfiles, localUnitFor, paths, ratingComments, stepNotes } from './request-profile.js';

import { shanghaiDate } from '../../src/shared/shanghai-time.js';

export { shanghaiDate };

/**
 * A calendar of the window: per day a volume weight (weekday, growth of adoption, weather) and
 * per category a share of that day. Heating requests live in the heating season (15 Nov – 15 Mar)
 * and triple in 5-day cold snaps; 道路积水 follows summer rain and storms.
 */
async function seedCalendar(ctx: SeedContext, days: number, endDate: string): Promise<void> {
  const { s, stage: S, opts } = ctx;
  const profiles = categoryProfiles.map((c, i) => `(${i}, '${c.code}', ${c.share}, ${c.resolveHours}, ${c.urgentShare}, ${c.escalateShare}, ${textArray(c.locations)}, ${textArray(c.texts)})`).join(',\n');
  await s.exec(`
    create unlogged table ${S}.category as
    select p.*, rc.id, rc.respond_minutes, rc.resolve_minutes, rc.urgent_respond_minutes, rc.urgent_resolve_minutes, rc.default_assignee_kind
    from (values ${profiles}) p(idx, code, share, resolve_hours, urgent_share, escalate_share, locations, texts)
    join request_categories rc on rc.city_id = ${ctx.cityId} and rc.code = p.code;

    create unlogged table ${S}.day0 as
    select d, day, heating, rainy,
      heating and ${S}.rnd((d + 2) / 5, 50) < 0.22 as cold_snap,
      heating and m = 11 and dd between 15 and 22 as heating_start,
      rainy and ${S}.rnd(d, 51) < 0.3 as rain,
      rainy and ${S}.rnd(d, 51) < 0.08 as storm,
      (case when dow >= 6 then 0.85 else 1.0 end) * (0.6 + 0.8 * d / ${days}.0) as f,
      (day::timestamp - interval '8 hours') at time zone 'UTC' as day_start
    from (select d, day, m, dd, dow,
                 (m in (12, 1, 2) or (m = 11 and dd >= 15) or (m = 3 and dd <= 15)) as heating,
                 (m in (6, 7, 8) or (m = 9 and dd <= 15)) as rainy
          from (select d, day, extract(month from day)::int as m, extract(day from day)::int as dd, extract(isodow from day)::int as dow
                from (select d, date '${endDate}' - ${days} + d as day from generate_series(0, ${days - 1}) d) a) b) c;

    create unlogged table ${S}.daycat0 as
    select y.d, c.idx, c.share * (case c.code
        when 'heating' then case when y.heating then (365.0 / 121) * (case when y.cold_snap then 3.5 when y.heating_start then 2.5 else 1 end) else 0.02 end
        when 'waterlogging' then case when y.storm then 12 when y.rain then 4 when y.rainy then 0.6 else 0.15 end
        when 'leak' then (case when y.storm then 2.2 when y.rain then 1.5 else 1 end) * (case when y.heating then 1.15 else 1 end)
        when 'ebike' then case when y.rainy then 1.3 else 1 end
        when 'dispute' then case when y.rainy then 1.2 else 1 end
        else 1 end) as w
    from ${S}.day0 y cross join ${S}.category c;

    create unlogged table ${S}.day as
    select y.*, n, (cum - n)::int as r_off from (
      select d, cum, cum - coalesce(lag(cum) over (order by d), 0) as n from (
        select d, round(${opts.requests} * sum(wd) over (order by d) / sum(wd) over ())::int as cum
        from (select y.d, y.f * sum(dc.w) as wd from ${S}.day0 y join ${S}.daycat0 dc on dc.d = y.d group by y.d, y.f) x) z) n
    join ${S}.day0 y using (d);

    create unlogged table ${S}.daycat as
    select d, idx, lo, case when idx = ${categoryProfiles.length - 1} then 2 else hi end as hi from (
      select d, idx, coalesce(sum(w) over (partition by d order by idx rows between unbounded preceding and 1 preceding), 0) / sum(w) over (partition by d) as lo,
             sum(w) over (partition by d order by idx) / sum(w) over (partition by d) as hi
      from ${S}.daycat0) x;
  `);
}

/**
 * Historical requests, then their timelines. Each request gets a planned lifecycle (a path and
 * the delay of every step, drawn per request); its state is wherever that plan stands at the
 * end of the window, so recent requests are open, old ones mostly closed, and every state
 * occurs. Merged requests repeat the request just before them (same household and category) and
 * point at it as master.
 */
export async function seedRequests(ctx: SeedContext, counts: PlaceCounts): Promise<{ requests: number; events: number }> {
  const { s, stage: S, opts, cityId, base: b } = ctx;
  const endDate = shanghaiDate(opts.end);
  const E = `'${opts.end.toISOString()}'::timestamptz`;
  const days = Math.max(1, Math.round(opts.years * 365));
  await seedCalendar(ctx, days, endDate);
  ctx.log('requests: calendar', days);

  const H = counts.households;
  const C = counts.communities;
  const P = counts.companies;
  const o = b.organisations!;
  const step = residentAccountStep(H);
  b.service_requests = await reserveIds(s, 'service_requests', opts.requests);
  const localUnitCase = Object.entries(localUnitFor).map(([code, i]) => `when '${code}' then ${o + 4 * C + P + i}`).join(' ');

  await s.exec(`
    create unlogged table ${S}.req0 as
    select q.r, q.d, q.k, q.cold_snap, q.created_at, q.merged, q.h, dc.idx as cat
    from (
      select *, floor(${S}.rnd(case when merged then r - 1 else r end, 62) * ${H})::int as h,
                ${S}.rnd(case when merged then r - 1 else r end, 63) as cu
      from (
        select y.d, y.cold_snap, y.r_off + k as r, k,
               -- a day's requests in order, denser by day than by night: t = x + 0.5·sin(2πx)/2π
               y.day_start + (x + 0.5 * sin(2 * pi() * x) / (2 * pi())) * interval '1 day' as created_at,
               k >= 1 and ${S}.rnd(y.r_off + k, 61) < 0.02 and ${S}.rnd(y.r_off + k - 1, 61) >= 0.02 as merged
        from ${S}.day y cross join lateral generate_series(0, y.n - 1) k
        cross join lateral (select (k + ${S}.rnd(y.r_off + k, 60)) / y.n as x) xx) a) q
    join ${S}.daycat dc on dc.d = q.d and q.cu >= dc.lo and q.cu < dc.hi;
  `);
  ctx.log('requests: drawn', opts.requests);

  // The plan of each request: path, priority, assignee, delays in minutes → milestone times.
  await s.exec(`
    create unlogged table ${S}.req1 as
    select q.*, c.id as category_id, c.code, c.default_assignee_kind, hh.c, hh.k as kk, hh.building, hh.bno, hh.uno, hh.number, hh.person_off,
      m.self_governed, m.company,
      case when q.merged then 'merged' when stall in ('returned', 'reopened', 'escalated') then stall when stall is not null then 'normal'
           when u_path < 0.025 then 'cancelled' when u_path < 0.055 then 'returned' when u_path < 0.08 then 'reopened'
           when u_path < 0.08 + c.escalate_share then 'escalated' else 'normal' end as path,
      ${S}.rnd(r, 64) < c.urgent_share as urgent,
      ${S}.pick(c.texts, r, 66) as text, ${S}.pick(c.locations, r, 67) as location_kind,
      case when ${S}.rnd(r, 68) < 0.75 then 'app' when ${S}.rnd(r, 68) < 0.95 then 'phone' else 'open311' end as source,
      (case when q.cold_snap and c.code = 'heating' then 4 else 1 end) * (case when ${S}.rnd(r, 64) < c.urgent_share then 0.4 else 1 end) as slow,
      c.resolve_hours * 60 * (case when ${S}.rnd(r, 64) < c.urgent_share then 0.5 else 1 end) * (case when ${S}.rnd(r, 75) < 0.03 then 12 else 1 end) as resolve_mean,
      case when ${S}.rnd(r, 64) < c.urgent_share then c.urgent_respond_minutes else c.respond_minutes end as respond_minutes,
      case when ${S}.rnd(r, 64) < c.urgent_share then c.urgent_resolve_minutes else c.resolve_minutes end as resolve_minutes,
      case when stall is not null then stall = 'in_progress' else ${S}.rnd(r, 72) < 0.5 end as has_start,
      ${S}.rnd(r, 76) < 0.75 as rated,
      ${S}.rnd(r, 85) < 0.5 as cancel_dispatched,
      ${S}.rnd(r, 87) < 0.7 as cancel_by_reporter
    from (select *, ${S}.rnd(r, 65) as u_path,
            -- 积案: about one request in fifty stalls in an open state and is still open at E
            case when not merged and ${S}.rnd(r, 92) < 0.02 then case
              when ${S}.rnd(r, 93) < 0.10 then 'submitted' when ${S}.rnd(r, 93) < 0.25 then 'dispatched' when ${S}.rnd(r, 93) < 0.40 then 'accepted'
              when ${S}.rnd(r, 93) < 0.55 then 'in_progress' when ${S}.rnd(r, 93) < 0.70 then 'returned' when ${S}.rnd(r, 93) < 0.85 then 'reopened'
              else 'escalated' end end as stall
          from ${S}.req0) q
    join ${S}.category c on c.idx = q.cat
    join ${S}.household hh on hh.h = q.h
    join ${S}.compound m on m.k = hh.k;

    create unlogged table ${S}.req2 as
    select x.*,
      case when stall is null or stall in ('dispatched','accepted','in_progress','returned','reopened','escalated') then created_at + o_dispatch * interval '1 minute' end as t_dispatch, case when stall is null or stall in ('returned') then created_at + o_return * interval '1 minute' end as t_return,
      case when stall is null then created_at + o_redispatch * interval '1 minute' end as t_redispatch, case when stall is null or stall in ('accepted','in_progress','reopened','escalated') then created_at + o_accept * interval '1 minute' end as t_accept,
      case when stall is null or stall in ('escalated') then created_at + o_escalate * interval '1 minute' end as t_escalate, case when stall is null then created_at + o_consult * interval '1 minute' end as t_consult,
      case when stall is null then created_at + o_accept2 * interval '1 minute' end as t_accept2, case when stall is null or stall in ('in_progress') then created_at + o_start * interval '1 minute' end as t_start,
      case when stall is null or stall in ('reopened') then created_at + o_resolve * interval '1 minute' end as t_resolve, case when stall is null or stall in ('reopened') then created_at + o_reopen * interval '1 minute' end as t_reopen,
      case when stall is null then created_at + o_reaccept * interval '1 minute' end as t_reaccept, case when stall is null then created_at + o_reresolve * interval '1 minute' end as t_reresolve,
      case when stall is null then created_at + (coalesce(o_reresolve, o_resolve) + case when rated then 5 + ${S}.expo(r, 77, 600) else 10080 end) * interval '1 minute' end as t_close,
      case when path = 'cancelled' then created_at + (coalesce(o_dispatch, 0) + 2 + ${S}.expo(r, 84, 120)) * interval '1 minute' end as t_cancel,
      case when stall is null then created_at + o_merge * interval '1 minute' end as t_merge
    from (
      select w.*, coalesce(o_accept2, o_start, o_accept) + 10 + ${S}.expo(r, 74, resolve_mean) as o_resolve,
        o_reopen0 + coalesce(o_accept2, o_start, o_accept) + 10 + ${S}.expo(r, 74, resolve_mean) as o_reopen,
        o_reopen0 + coalesce(o_accept2, o_start, o_accept) + 10 + ${S}.expo(r, 74, resolve_mean) + d_reaccept as o_reaccept,
        o_reopen0 + coalesce(o_accept2, o_start, o_accept) + 10 + ${S}.expo(r, 74, resolve_mean) + d_reaccept + 10 + ${S}.expo(r, 74, resolve_mean) / 2 as o_reresolve
      from (
        select v.*, case when path = 'normal' and has_start then o_accept + 5 + ${S}.expo(r, 73, 30) end as o_start,
          case when path = 'escalated' then o_accept + 60 + ${S}.expo(r, 82, 2880) end as o_escalate,
          case when path = 'escalated' then o_accept + 60 + ${S}.expo(r, 82, 2880) + 60 + ${S}.expo(r, 83, 4320) end as o_consult,
          case when path = 'escalated' then o_accept + 60 + ${S}.expo(r, 82, 2880) + 60 + ${S}.expo(r, 83, 4320) + 1 + ${S}.expo(r, 71, 10 * slow) end as o_accept2,
          case when path = 'reopened' then 30 + ${S}.expo(r, 80, 720) end as o_reopen0,
          case when path = 'reopened' then 2 + ${S}.expo(r, 81, 60) end as d_reaccept
        from (
          select u.*, case when path in ('normal', 'returned', 'reopened', 'escalated') then coalesce(o_redispatch, o_dispatch) + 1 + ${S}.expo(r, 71, 10 * slow) end as o_accept
          from (
            select t.*, case when path = 'returned' then o_dispatch + 5 + ${S}.expo(r, 78, 40) end as o_return,
              case when path = 'returned' then o_dispatch + 5 + ${S}.expo(r, 78, 40) + 2 + ${S}.expo(r, 79, 30) end as o_redispatch,
              case when path = 'merged' then 5 + ${S}.expo(r, 86, 60) end as o_merge
            from (
              select z.*, case when path = 'merged' or (path = 'cancelled' and not cancel_dispatched) then null
                               else 1 + ${S}.expo(r, 70, 6 * slow) end as o_dispatch
              from ${S}.req1 z) t) u) v) w) x;
  `);
  ctx.log('requests: planned', opts.requests);

  // Columns as the requests module writes them, the state being where the plan stands at E.
  const assigneeKind = `case when x.default_assignee_kind = 'property_company' and x.self_governed then 'grid_worker' else x.default_assignee_kind end`;
  await s.exec(`
    create unlogged table ${S}.req as
    select x.*, ${b.service_requests} + r as id, ${b.communities} + c as community_id, ${b.compounds} + kk as compound_id,
      ${b.households} + h as household_id, ${b.people} + person_off as reporter_person_id,
      ra.id as reporter_account_id, da.id as dispatcher_account_id,
      ${assigneeKind} as assignee_kind0,
      case when ${assigneeKind} = 'property_company' then ${b.property_companies} + company end as assignee_company0,
      case ${assigneeKind} when 'local_unit' then case code ${localUnitCase} else ${o + 4 * C + P + 3} end
                           when 'grid_worker' then ${o} + 4 * c + 3 end as assignee_org0,
      case ${assigneeKind} when 'grid_worker' then ga.id when 'property_company' then pa.id when 'local_unit' then ua.id end as assignee_actor,
      case ${assigneeKind} when 'grid_worker' then 'grid_worker' when 'property_company' then 'property_staff' else 'local_unit_staff' end as assignee_role,
      case when rated then case when ${S}.rnd(r, 90) < 0.75 then 5 when ${S}.rnd(r, 90) < 0.93 then 4 when ${S}.rnd(r, 90) < 0.975 then 3
                                when ${S}.rnd(r, 90) < 0.99 then 2 else 1 end end as rating
    from ${S}.req2 x
    left join ${S}.account ra on h % ${step} = 0 and ra.p = person_off
    left join ${S}.account da on da.username = '${opts.cityCode}-dispatcher-' || c
    left join ${S}.account ga on ga.username = '${opts.cityCode}-grid-' || c
    left join ${S}.account pa on pa.username = '${opts.cityCode}-property-' || company
    left join ${S}.account ua on ua.username = '${opts.cityCode}-unit-' || case code when 'heating' then 0 when 'waterlogging' then 6 else 3 end;
  `);
  ctx.log('requests: staged', opts.requests);

  const state = `case
      when path = 'merged' then case when t_merge <= ${E} then 'merged' else 'submitted' end
      when path = 'cancelled' then case when t_cancel <= ${E} then 'cancelled' when t_dispatch <= ${E} then 'dispatched' else 'submitted' end
      else case when t_close <= ${E} then 'closed' when t_reresolve <= ${E} then 'resolved' when t_reaccept <= ${E} then 'accepted'
        when t_reopen <= ${E} then 'reopened' when t_resolve <= ${E} then 'resolved' when t_start <= ${E} then 'in_progress'
        when t_accept2 <= ${E} then 'accepted' when t_consult <= ${E} then 'dispatched' when t_escalate <= ${E} then 'escalated'
        when t_accept <= ${E} then 'accepted' when t_redispatch <= ${E} then 'dispatched' when t_return <= ${E} then 'returned'
        when t_dispatch <= ${E} then 'dispatched' else 'submitted' end end`;
  const upTo = (col: string) => `case when ${col} <= ${E} then ${col} end`;
  const milestones = ['t_dispatch', 't_return', 't_redispatch', 't_accept', 't_escalate', 't_consult', 't_accept2', 't_start', 't_resolve',
    't_reopen', 't_reaccept', 't_reresolve', 't_close', 't_cancel', 't_merge'];
  const requestsWritten = s.exec(`
    insert into service_requests (id, community_id, city_id, district_id, street_id, compound_id, building_id, household_id, category_id,
      priority, description, location_kind, location_text, source, state, reporter_person_id, reporter_account_id, reporter_name, reporter_phone,
      assignee_kind, assignee_company_id, assignee_organisation_id, assignee_account_id, master_request_id,
      dispatched_at, respond_due_at, resolve_due_at, accepted_at, resolved_at, closed_at, respond_breached_at, resolve_breached_at,
      rating, rating_comment, rated_at, reopen_count, created_at, updated_at, version)
    overriding system value
    select id, community_id, ${cityId}, cm.district_id, cm.street_id, compound_id, ${b.buildings} + building, household_id, category_id,
      case when urgent then 'urgent' else 'normal' end,
      bno || '号楼' || uno || '单元：' || text, location_kind,
      case location_kind when 'own_unit' then bno || '号楼' || uno || '单元' || number when 'building' then bno || '号楼' when 'stairwell' then bno || '号楼' || uno || '单元楼道'
        when 'garage' then '地下车库' when 'road' then '小区主路' when 'green_space' then bno || '号楼前绿地' else '小区公共区域' end,
      source, st, reporter_person_id, reporter_account_id, ${S}.person_name(person_off), ${S}.mobile(person_off),
      case when assigned then assignee_kind0 end, case when assigned then assignee_company0 end, case when assigned then assignee_org0 end,
      case when assigned and assignee_kind0 = 'grid_worker' then assignee_actor end,
      case when path = 'merged' then id - 1 end,
      greatest(${upTo('t_dispatch')}, ${upTo('t_redispatch')}, ${upTo('t_consult')}), respond_due, resolve_due,
      ${upTo('t_accept')}, case when st in ('resolved', 'closed') then coalesce(${upTo('t_reresolve')}, t_resolve) end, ${upTo('t_close')},
      case when respond_due < least(coalesce(${upTo('t_accept')}, ${E}), coalesce(${upTo('t_cancel')}, ${E}), coalesce(${upTo('t_merge')}, ${E}), ${E}) then respond_due end,
      case when resolve_due < least(coalesce(${upTo('t_resolve')}, ${E}), coalesce(${upTo('t_cancel')}, ${E}), coalesce(${upTo('t_merge')}, ${E}), ${E}) then resolve_due end,
      case when st = 'closed' then rating end,
      case when st = 'closed' and ${S}.rnd(r, 91) < 0.3 then (${textArray(ratingComments)})[rating] end,
      case when st = 'closed' and rated then t_close end,
      case when t_reopen <= ${E} then 1 else 0 end,
      created_at,
      greatest(created_at, ${milestones.map(upTo).join(', ')}),
      1 + ${milestones.map((c) => `coalesce(${c} <= ${E}, false)::int`).join(' + ')}
    from (select q.*, ${state} as st,
                 created_at + respond_minutes * interval '1 minute' as respond_due, created_at + resolve_minutes * interval '1 minute' as resolve_due,
                 ${state} not in ('submitted', 'returned', 'merged') and t_dispatch <= ${E} as assigned
          from ${S}.req q) x
    join (select id as cm_id, district_id, street_id from communities where city_id = ${cityId}) cm on cm.cm_id = x.community_id
  `).then(() => ctx.log('requests: service_requests', opts.requests));
  // The two big inserts read the same staging table and share nothing else: on PostgreSQL they
  // run side by side on two connections.
  const [, events] = await Promise.all([requestsWritten, seedTimelines(ctx.s2 ? { ...ctx, s: ctx.s2 } : ctx, E)]);
  return { requests: opts.requests, events };
}

/** The timeline rows: one per step of the request's path that happened by E. */
async function seedTimelines(ctx: SeedContext, E: string): Promise<number> {
  const { s, stage: S } = ctx;
  const steps = Object.entries(paths).flatMap(([path, list]) => list.map((st, i) =>
    `('${path}', ${i + 1}, '${st.action}', ${st.from ? `'${st.from}'` : 'null'}, '${st.to}', '${st.at}', '${st.actor}')`));
  const atCases = [...new Set(Object.values(paths).flat().map((st) => st.at))].map((col) => `when '${col}' then q.${col}`).join(' ');
  const notes = Object.entries(stepNotes).map(([a, n]) => `when '${a}' then '${n}'`).join(' ');
  await s.exec(`
    create unlogged table ${S}.step as
    select * from (values ${steps.join(',')}) v(path, seq, action, from_state, to_state, at_col, actor);
  `);
  const n = await s.run(`
    insert into request_events (community_id, request_id, at, actor_account_id, actor_role, action, from_state, to_state, note, data)
    select q.community_id, q.id, e.at,
      case e.actor when 'reporter' then q.reporter_account_id when 'dispatcher' then q.dispatcher_account_id when 'consultant' then q.dispatcher_account_id
        when 'assignee' then q.assignee_actor when 'closer' then case when q.rated then q.reporter_account_id end
        else case when q.cancel_by_reporter then q.reporter_account_id else q.dispatcher_account_id end end,
      case e.actor when 'reporter' then 'resident' when 'dispatcher' then 'community_staff' when 'consultant' then 'party_committee'
        when 'assignee' then q.assignee_role when 'closer' then case when q.rated then 'resident' else 'system' end
        else case when q.cancel_by_reporter then 'resident' else 'community_staff' end end,
      case when e.action = 'close' then case when q.rated then 'confirm' else 'auto_close' end else e.action end,
      case when e.from_state is null or e.from_state <> '*' then e.from_state when e.action = 'resolve' then case when q.t_start is null then 'accepted' else 'in_progress' end
           else case when q.t_dispatch is null then 'submitted' else 'dispatched' end end,
      e.to_state,
      case e.action ${notes} end,
      case e.action
        when 'submit' then jsonb_build_object('source', q.source, 'categoryId', q.category_id, 'priority', case when q.urgent then 'urgent' else 'normal' end)
        when 'dispatch' then jsonb_strip_nulls(jsonb_build_object('assigneeKind', q.assignee_kind0, 'companyId', q.assignee_company0, 'organisationId', q.assignee_org0))
        when 'close' then case when q.rated then jsonb_build_object('rating', q.rating) else '{}'::jsonb end
        else '{}'::jsonb end
    from ${S}.req q
    join ${S}.step st on st.path = q.path
    cross join lateral (select st.*, case st.at_col ${atCases} end as at) e
    where e.at <= ${E}`);
  ctx.log('requests: request_events', n);
  return n;
}
