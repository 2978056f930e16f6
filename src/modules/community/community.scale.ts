import { defineScale, type CitySeedContext } from '../../kernel/scale.js';

/*
 * Community life in the city-scale tools. seed:city: two rooms per community, a weekly booking of
 * each over the years, 36 activities a year per community in Kaifeng's mix of types with 20
 * check-ins each, and one upcoming free clinic of 40 seats per community — set-based INSERT …
 * SELECT with reserved ids (the figures are rebuilt from their recount afterwards). bench: the
 * sign-up storm on a clinic (hundreds of residents at once on 40 seats) and the year's figures
 * of every community.
 */

const ROOMS = 2;
const PER_YEAR = 36;
const CHECKINS = 20;
const WEEK_MS = 7 * 86_400_000;

export async function seedCommunityCity(ctx: CitySeedContext): Promise<Record<string, number>> {
  const { s, cityId } = ctx;
  const [{ n } = { n: 0 }] = await s.query<{ n: number }>('select count(*)::int as n from communities where city_id = $1', [cityId]);
  if (n === 0) return {};
  const weeks = Math.max(1, Math.floor(ctx.years * 52));
  const perCommunity = Math.max(1, Math.round(ctx.years * PER_YEAR));
  const b = {
    venues: await ctx.reserveIds('venues', n * ROOMS),
    bookings: await ctx.reserveIds('venue_bookings', n * ROOMS * weeks),
    activities: await ctx.reserveIds('activities', n * (perCommunity + 1)),
    checkins: await ctx.reserveIds('activity_checkins', n * perCommunity * CHECKINS),
  };
  const end = ctx.end.getTime();
  const since = new Date(end - weeks * WEEK_MS).toISOString();
  const cm = `(select c.*, (row_number() over (order by c.id) - 1)::int as ord,
    (select g.account_id from role_grants g where g.role = 'community_staff' and g.scope_type = 'community' and g.scope_id = c.id order by g.account_id limit 1) as staff
    from communities c where c.city_id = ${cityId})`;
  const counts: Record<string, number> = {};
  counts.venues = await s.run(`
    insert into venues (id, community_id, city_id, district_id, street_id, name, kind, capacity, opens_at, closes_at, rules, created_at)
    overriding system value
    select ${b.venues} + c.ord * ${ROOMS} + r, c.id, c.city_id, c.district_id, c.street_id, (array['党群服务中心活动室', '党群服务中心会议室'])[r + 1],
      (array['activity_room', 'meeting_room'])[r + 1], (array[50, 20])[r + 1], '08:00', '21:00', '用后恢复原样', '${since}'::timestamptz
    from ${cm} c cross join generate_series(0, ${ROOMS - 1}) r`);
  counts.venue_bookings = await s.run(`
    insert into venue_bookings (id, community_id, venue_id, booked_by_account_id, holder_name, purpose, starts_at, ends_at, state, checked_in_at, created_at)
    overriding system value
    select ${b.bookings} + (c.ord * ${ROOMS} + r) * ${weeks} + w, c.id, ${b.venues} + c.ord * ${ROOMS} + r, coalesce(c.staff, 0), '社区居委会',
      (array['舞蹈排练', '楼栋议事'])[r + 1], t, t + interval '2 hours', case when w % 9 = 4 then 'released' else 'checked_in' end,
      case when w % 9 = 4 then null else t end, t - interval '3 days'
    from ${cm} c cross join generate_series(0, ${ROOMS - 1}) r cross join generate_series(0, ${weeks - 1}) w
    cross join lateral (select '${since}'::timestamptz + make_interval(days => w * 7 + (c.ord % 5)) + interval '1 hour' * (10 + r * 4)) x(t)
    where c.staff is not null`);
  // Types in Kaifeng's proportions (65 : 13 : 47 : 240 of 365), spread evenly over the years.
  counts.activities = await s.run(`
    insert into activities (id, community_id, city_id, district_id, street_id, organiser_kind, organiser_name, type, title, venue_id, starts_at, ends_at, capacity, audience, state, no_shows_recorded_at, created_by_account_id, created_at)
    overriding system value
    select ${b.activities} + c.ord * ${perCommunity + 1} + k, c.id, c.city_id, c.district_id, c.street_id, 'community', c.name, y.type, y.type || '活动', ${b.venues} + c.ord * ${ROOMS},
      t, t + interval '2 hours', null, 'community', 'published', t + interval '3 hours', c.staff, t - interval '7 days'
    from ${cm} c cross join generate_series(0, ${perCommunity - 1}) k
    cross join lateral (select case when (k * 5 + c.ord) % 73 < 13 then 'culture' when (k * 5 + c.ord) % 73 < 16 then 'party' when (k * 5 + c.ord) % 73 < 25 then 'festival' else 'other' end) y(type)
    cross join lateral (select '${since}'::timestamptz + make_interval(days => (k * ${weeks * 7} / ${perCommunity})) + interval '15 hours') x(t)`);
  const clinicAt = new Date(end + 3 * 86_400_000).toISOString();
  counts.activities += await s.run(`
    insert into activities (id, community_id, city_id, district_id, street_id, organiser_kind, organiser_name, type, title, location_text, starts_at, ends_at, capacity, audience, state, created_by_account_id, created_at)
    overriding system value
    select ${b.activities} + c.ord * ${perCommunity + 1} + ${perCommunity}, c.id, c.city_id, c.district_id, c.street_id, 'community', c.name, 'other', '免费义诊（40个名额）', '社区广场',
      '${clinicAt}'::timestamptz, '${clinicAt}'::timestamptz + interval '3 hours', 40, 'community', 'published', c.staff, '${new Date(end).toISOString()}'::timestamptz
    from ${cm} c`);
  counts.activity_checkins = await s.run(`
    insert into activity_checkins (id, community_id, activity_id, person_id, name, method, checked_in_at)
    overriding system value
    select ${b.checkins} + (c.ord * ${perCommunity} + k) * ${CHECKINS} + j, c.id, ${b.activities} + c.ord * ${perCommunity + 1} + k, null, '居民' || (j + 1),
      case when j % 5 = 0 then 'staff' else 'qr' end, a.starts_at + make_interval(mins => j)
    from ${cm} c cross join generate_series(0, ${perCommunity - 1}) k cross join generate_series(0, ${CHECKINS - 1}) j
    join activities a on a.id = ${b.activities} + c.ord * ${perCommunity + 1} + k`);
  return counts;
}

interface Facts { clinicId: number | null; residents: string[]; dept: string; communityIds: number[]; year: number }

export const communityScale = defineScale<Facts>({
  seedCity: seedCommunityCity,
  benchFacts: async ({ cityId, cityCode, query }) => {
    // The community with the most resident accounts, and its upcoming clinic.
    const [top] = await query<{ community_id: number; clinic: number | null }>(`
      select h.community_id, (select a.id from activities a where a.community_id = h.community_id and a.capacity = 40 order by a.starts_at desc limit 1) as clinic
      from role_grants g join households h on h.id = g.scope_id
      where g.role = 'resident' and g.scope_type = 'household' and h.community_id in (select id from communities where city_id = $1)
      group by h.community_id order by count(*) desc limit 1`, [cityId]);
    const residents = top ? await query<{ username: string }>(`
      select a.username from role_grants g join accounts a on a.id = g.account_id join households h on h.id = g.scope_id
      where g.role = 'resident' and g.scope_type = 'household' and h.community_id = $1 order by a.id limit 300`, [top.community_id]) : [];
    const communities = await query<{ id: number }>('select id from communities where city_id = $1 order by id limit 200', [cityId]);
    const [y] = await query<{ year: number }>('select extract(year from max(starts_at))::int as year from activities where city_id = $1 and capacity is null', [cityId]);
    return { clinicId: top?.clinic ? Number(top.clinic) : null, residents: residents.map((r) => r.username), dept: `${cityCode}-dept`, communityIds: communities.map((c) => Number(c.id)), year: y?.year ?? new Date().getFullYear() };
  },
  benchScenarios: async (facts, login) => {
    const out = [];
    if (facts.clinicId && facts.residents.length) {
      const sessions = [];
      for (const u of facts.residents) sessions.push(await login(u));
      out.push({
        key: 'community_signup_storm', title: 'community: sign-up storm on a 40-seat free clinic (POST /api/activities/:id/signups)', ceiling: 'database' as const, expectedStatuses: [409],
        note: `${sessions.length} residents at once: the first 40 arrivals seated, the rest on the waiting list in order; a repeat sign-up answers 409 COMMUNITY_ALREADY_SIGNED_UP`,
        requests: sessions.map((headers) => ({ method: 'POST' as const, path: `/api/activities/${facts.clinicId}/signups`, headers, body: {} })),
      });
    }
    if (facts.communityIds.length) {
      const dept = await login(facts.dept);
      out.push({
        key: 'community_figures', title: 'community: a year\'s activity figures of every community (GET /api/activity-figures)', ceiling: 'framework' as const,
        note: `${facts.communityIds.length} communities round-robin, by type, from the folded figures`,
        requests: facts.communityIds.map((id) => ({ method: 'GET' as const, path: `/api/activity-figures?communityId=${id}&year=${facts.year}`, headers: dept })),
      });
    }
    return out;
  },
});
