import type { SeedContext } from './context.js';
import { reserveIds, textArray } from './context.js';
import type { PlaceCounts } from './places.js';

const workUnits = ['市教育局', '市人民医院', '市税务局', '供电公司', '市第一中学', '市自然资源局', '市财政局', '市中心医院', '市公安局', '市实验小学', '市文旅局', '市交通运输局'];

/** Accounts the benchmark logs in with, by username pattern (all share one password). */
export function benchUsernames(cityCode: string) {
  return {
    resident: (household: number) => `${cityCode}-resident-${household}`,
    dispatcher: (community: number) => `${cityCode}-dispatcher-${community}`,
    grid: (community: number) => `${cityCode}-grid-${community}`,
    property: (company: number) => `${cityCode}-property-${company}`,
    localUnit: (unit: number) => `${cityCode}-unit-${unit}`,
    dept: () => `${cityCode}-dept`,
  };
}

/** Every `step`-th household's owner gets an account (a resident sample for the bench). */
export function residentAccountStep(households: number): number {
  return Math.max(1, Math.floor(households / 5000));
}

/**
 * Residents (1–3 per household: owner or tenant, co-owner, child), party members (about one
 * adult in twelve), staff people, and accounts for a sample of residents and for the staff the
 * bench needs. Every account shares one password hash, computed once by the caller.
 */
export async function seedPeople(ctx: SeedContext, counts: PlaceCounts, passwordHash: string): Promise<{ people: number; accounts: number }> {
  const { s, opts, stage: S, cityId, base: b } = ctx;
  const code = opts.cityCode;
  const C = counts.communities;
  const P = counts.companies;
  const L = counts.localUnits;
  const [r] = await s.query<{ residents: number }>(`select coalesce(sum(n_people), 0)::int as residents from ${S}.household`);
  const R = r!.residents;
  const staff = 2 * C + P + L + 1;
  b.people = await reserveIds(s, 'people', R + staff);
  const o = b.organisations!;

  await s.exec(`
    insert into people (id, city_id, name, phone, id_number, gender, birth_year) overriding system value
    select ${b.people} + p, ${cityId}, ${S}.person_name(p), case when birth < 2008 then ${S}.mobile(p) end,
           ${S}.id_number(p, birth), case when ${S}.person_male(p) then 'male' else 'female' end, birth
    from (select p, ${S}.birth_year(p, slot) as birth
          from (select hh.person_off + slot as p, slot from ${S}.household hh cross join lateral generate_series(0, hh.n_people - 1) slot) x
          offset 0) y; -- keeps birth a plain column, so the helpers below inline
  `);
  ctx.log('people: residents', R);
  await s.exec(`
    insert into household_members (community_id, household_id, person_id, relation)
    select ${b.communities} + hh.c, ${b.households} + hh.h, ${b.people} + hh.person_off + slot,
           case when slot = 0 then case when ${S}.rnd(hh.person_off, 43) < 0.08 then 'tenant' else 'owner' end
                when slot = 1 then 'co_owner' else 'family' end
    from ${S}.household hh cross join lateral generate_series(0, hh.n_people - 1) slot;
    insert into party_members (community_id, person_id, kind, branch_organisation_id, work_unit)
    select ${b.communities} + hh.c, ${b.people} + p,
           case when dual then 'dual_registered' else 'self_managed' end,
           case when dual or m.self_governed then ${o} + 4 * hh.c + 3 else ${o + 4 * C} + m.company end,
           case when dual then ${S}.pick(${textArray(workUnits)}, p, 46) end
    from (select hh.*, hh.person_off + slot as p, ${S}.rnd(hh.person_off + slot, 45) < 0.85 as dual
          from ${S}.household hh cross join lateral generate_series(0, least(hh.n_people, 2) - 1) slot) hh
    join ${S}.compound m on m.k = hh.k
    where ${S}.rnd(p, 44) < 0.08;
  `);
  ctx.log('people: household members, party members', R);

  // Staff: dispatchers and grid workers per community, one per company and local unit, the department.
  // Usernames follow benchUsernames(); built here in SQL for the set-based insert.
  const staffSql = [
    `select ${R} + c as p, '${code}-dispatcher-' || c as username from generate_series(0, ${C - 1}) c`,
    `select ${R + C} + c, '${code}-grid-' || c from generate_series(0, ${C - 1}) c`,
    `select ${R + 2 * C} + i, '${code}-property-' || i from generate_series(0, ${P - 1}) i`,
    `select ${R + 2 * C + P} + i, '${code}-unit-' || i from generate_series(0, ${L - 1}) i`,
    `select ${R + 2 * C + P + L}, '${code}-dept'`,
  ].join(' union all ');
  const step = residentAccountStep(counts.households);
  await s.query(`
    insert into people (id, city_id, name, phone, gender, birth_year) overriding system value
    select ${b.people} + p, ${cityId}, ${S}.person_name(p), ${S}.mobile(p), case when ${S}.person_male(p) then 'male' else 'female' end, ${S}.birth_year(p, 0)
    from generate_series(${R}, ${R + staff - 1}) p;
    `);
  await s.query(`
    insert into accounts (person_id, username, password_hash)
    select ${b.people} + p, username, $1 from (${staffSql}) x
    union all
    select ${b.people} + person_off, '${code}-resident-' || h, $1 from ${S}.household where h % ${step} = 0
    order by 1`, [passwordHash]);
  await s.exec(`
    insert into role_grants (account_id, role, scope_type, scope_id, organisation_id)
    select a.id, g.role, g.scope_type, g.scope_id, g.org
    from (
      select '${code}-dispatcher-' || c as username, 'community_staff' as role, 'community' as scope_type, ${b.communities} + c as scope_id, ${o} + 4 * c + 1 as org from generate_series(0, ${C - 1}) c
      union all select '${code}-dispatcher-' || c, 'party_committee', 'community', ${b.communities} + c, ${o} + 4 * c from generate_series(0, ${C - 1}) c
      union all select '${code}-grid-' || c, 'grid_worker', 'community', ${b.communities} + c, ${o} + 4 * c + 3 from generate_series(0, ${C - 1}) c
      union all select '${code}-property-' || i, 'property_staff', 'company', ${b.property_companies} + i, ${o + 4 * C} + i from generate_series(0, ${P - 1}) i
      union all select '${code}-unit-' || i, 'local_unit_staff', 'local_unit', ${o + 4 * C + P} + i, ${o + 4 * C + P} + i from generate_series(0, ${L - 1}) i
      union all select '${code}-dept', 'dept_staff', 'city', ${cityId}, ${o + 4 * C + P + L}
      union all select '${code}-resident-' || h, 'resident', 'household', ${b.households} + h, null from ${S}.household where h % ${step} = 0
    ) g join accounts a on a.username = g.username;
    create unlogged table ${S}.account as
    select a.id, a.username, a.person_id - ${b.people} as p from accounts a join people x on x.id = a.person_id
    where x.city_id = ${cityId};
  `);
  const [a] = await s.query<{ n: number }>(`select count(*)::int as n from ${S}.account`);
  ctx.log('people: staff and accounts', staff + a!.n);
  return { people: R + staff, accounts: a!.n };
}
