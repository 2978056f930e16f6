import type { SeedContext } from './context.js';
import { reserveIds, textArray } from './context.js';

const districtNames = ['东城区', '西城区', '南湖区', '北塔区', '新城区', '高新区', '经开区', '老城区', '滨河区', '龙山区'];
const streetWords = ['人民路', '解放路', '建设路', '中山路', '和平路', '新华路', '文化路', '民主路', '复兴路', '胜利路', '光明路', '团结路', '东风路', '朝阳路', '红旗路', '育才路', '迎宾路', '工农路', '南关', '北关'];
const communityWords = ['幸福', '和平', '建设', '光明', '新华', '人民', '东风', '朝阳', '文化', '育才', '丽景', '锦绣', '金桥', '花园', '春晖', '民主', '团结', '胜利', '红旗', '解放',
  '鼎立', '橄榄城', '祁连', '海棠', '卧龙', '新村', '铁西', '矿山', '电厂', '纺织', '机床', '棉厂', '鼓楼', '龙亭', '州桥', '汴河', '清明', '宋都', '菊香', '梁苑'];
const compoundWords = ['阳光', '翠苑', '金色', '碧水', '绿城', '名门', '世纪', '盛世', '御景', '康乐', '万象', '滨江', '香榭', '泰和', '安居', '宜居', '紫荆', '银杏', '枫林', '桂园',
  '华庭', '凤凰', '瑞景', '恒大', '保利', '建业', '正商', '鑫苑', '永威', '亚星', '天伦', '书香', '星河', '运河', '东方', '明珠', '林溪', '清华', '康桥', '锦华'];
const compoundSuffixes = ['小区', '家园', '花园', '苑', '公寓', '新村', '雅居'];
const companyWords = ['鸿翔', '宏润', '众悦欣', '和诚', '嘉美', '安泰', '万家', '康居', '金盾', '正和', '诚信', '绿城', '华润', '建业', '恒信', '祥瑞', '兴业', '天成', '永安', '益民'];
/** Local units (辖区单位) that accept dispatched orders; index 0 must stay the heat company. */
export const localUnitNames = ['热力有限公司', '供电公司', '自来水公司', '市政设施维护中心', '城市管理局', '燃气有限公司', '排水管理处', '园林绿化中心'];

/** Counts derived from the options, shared by the later phases. */
export interface PlaceCounts {
  districts: number;
  streets: number;
  communities: number;
  compounds: number;
  companies: number;
  localUnits: number;
  households: number;
  buildings: number;
  units: number;
}

/**
 * Districts → streets → communities → compounds → buildings → units → households, all with
 * arithmetic ids. Community and compound sizes are Pareto-skewed (a few large new-town
 * communities, many small old ones) so the busiest queues are realistically deep.
 */
export async function seedPlaces(ctx: SeedContext): Promise<PlaceCounts> {
  const { s, opts, stage: S, cityId } = ctx;
  const C = opts.communities;
  const K = Math.max(opts.compounds, C);
  const H = Math.max(opts.households, K);
  const nD = Math.min(districtNames.length, Math.max(1, Math.round(C / 100)));
  const nS = Math.max(nD, Math.round(C / 10));
  const P = opts.companies;
  const L = localUnitNames.length;

  // Communities: how many compounds each holds (at least one), and where its block starts.
  await s.exec(`
    create unlogged table ${S}.community as
    with w as (select c, power(1 - ${S}.rnd(c, 1), -0.45) as w from generate_series(0, ${C - 1}) c),
    cum as (select c, round(${K - C} * sum(w) over (order by c) / sum(w) over ())::int as cw from w),
    n as (select c, 1 + cw - coalesce(lag(cw) over (order by c), 0) as n_compounds from cum)
    select c, n_compounds, (sum(n_compounds) over (order by c) - n_compounds)::int as compound_off,
           floor(c::float8 * ${nS} / ${C})::int as street
    from n;
  `);
  // Compounds: a building type, a size share, a company (neighbouring compounds share one).
  await s.exec(`
    create unlogged table ${S}.compound0 as
    select k, c, j as cj, t,
      case when t < 0.55 then 6 when t < 0.85 then 11 + floor(${S}.rnd(k, 6) * 8)::int when t < 0.97 then 24 + floor(${S}.rnd(k, 6) * 10)::int else 3 end as floors,
      case when t < 0.55 then 2 when t < 0.85 then 2 + floor(${S}.rnd(k, 7) * 2)::int when t < 0.97 then 4 else 1 end as per_landing,
      case when t < 0.55 then 2 + floor(${S}.rnd(k, 8) * 2)::int when t < 0.97 then 1 + floor(${S}.rnd(k, 8) * 2)::int else 2 end as upb,
      case when t < 0.55 then 55 when t < 0.85 then 75 when t < 0.97 then 60 else 140 end as area_lo,
      case when t < 0.55 then 125 when t < 0.85 then 145 when t < 0.97 then 120 else 260 end as area_hi,
      case when t < 0.55 then 1985 + floor(${S}.rnd(k, 9) * 20)::int else 2000 + floor(${S}.rnd(k, 9) * 23)::int end as built_year,
      ${S}.rnd(k, 3) < case when t < 0.55 then 0.15 else 0.03 end as self_governed,
      ((floor(c::float8 * ${P} / ${C})::int + floor(${S}.rnd(k, 4) * 3)::int) % ${P}) as company,
      power(1 - ${S}.rnd(k, 5), -0.3) * case when t < 0.55 then 1 when t < 0.85 then 1.6 when t < 0.97 then 2.6 else 0.4 end as w
    from (select m.c, m.compound_off + j as k, j, ${S}.rnd(m.compound_off + j, 2) as t
          from ${S}.community m cross join lateral generate_series(0, m.n_compounds - 1) j) x;
    create unlogged table ${S}.compound1 as
    select *, 1 + cw - coalesce(lag(cw) over (order by k), 0) as size
    from (select *, round(${H - K} * sum(w) over (order by k) / sum(w) over ())::int as cw from ${S}.compound0) x;
    create unlogged table ${S}.compound as
    select *, (sum(units) over (order by k) - units)::int as unit_off,
              (sum(buildings) over (order by k) - buildings)::int as bld_off,
              (sum(size) over (order by k) - size)::int as hh_off
    from (select *, floors * per_landing as hpu,
                 ceil(size::float8 / (floors * per_landing))::int as units,
                 ceil(ceil(size::float8 / (floors * per_landing)) / upb)::int as buildings
          from ${S}.compound1) x;
  `);
  const [totals] = await s.query<{ units: number; buildings: number; households: number }>(
    `select sum(units)::int as units, sum(buildings)::int as buildings, sum(size)::int as households from ${S}.compound`);
  const counts: PlaceCounts = { districts: nD, streets: nS, communities: C, compounds: K, companies: P, localUnits: L, households: totals!.households, buildings: totals!.buildings, units: totals!.units };

  const b = ctx.base;
  b.districts = await reserveIds(s, 'districts', nD);
  b.streets = await reserveIds(s, 'streets', nS);
  b.communities = await reserveIds(s, 'communities', C);
  b.property_companies = await reserveIds(s, 'property_companies', P);
  // Per community: party committee, residents' committee, owners' committee, grid branch;
  // then one party branch per company, the local units, the housing department.
  b.organisations = await reserveIds(s, 'organisations', 4 * C + P + L + 1);
  b.compounds = await reserveIds(s, 'compounds', K);
  b.buildings = await reserveIds(s, 'buildings', counts.buildings);
  b.building_units = await reserveIds(s, 'building_units', counts.units);
  b.households = await reserveIds(s, 'households', counts.households);

  const cityName = opts.cityName.replace(/市$/, '');
  await s.exec(`
    insert into districts (id, city_id, name) overriding system value
    select ${b.districts} + d, ${cityId}, (${textArray(districtNames)})[d + 1] from generate_series(0, ${nD - 1}) d;
    insert into streets (id, city_id, district_id, name) overriding system value
    select ${b.streets} + st, ${cityId}, ${b.districts} + floor(st::float8 * ${nD} / ${nS})::int,
           (${textArray(streetWords)})[1 + st % ${streetWords.length}] || case when st >= ${streetWords.length} then (st / ${streetWords.length} + 1)::text else '' end || '街道'
    from generate_series(0, ${nS - 1}) st;
    insert into communities (id, city_id, district_id, street_id, name, address, lat, lng) overriding system value
    select ${b.communities} + c, ${cityId}, ${b.districts} + floor(street::float8 * ${nD} / ${nS})::int, ${b.streets} + street,
           (${textArray(communityWords)})[1 + c % ${communityWords.length}] || case when c >= ${communityWords.length} then (c / ${communityWords.length} + 1)::text else '' end || '社区',
           '${cityName}市' || (c + 1)::text || '号社区服务中心',
           34.70 + ${S}.rnd(c, 11) * 0.2, 114.25 + ${S}.rnd(c, 12) * 0.2
    from ${S}.community;
    insert into property_companies (id, city_id, name, short_name, phone) overriding system value
    select ${b.property_companies} + p, ${cityId},
           '${cityName}' || w || '物业服务有限公司', w || '物业', '0371-' || lpad((23000000 + p * 7919)::text, 8, '0')
    from (select p, (${textArray(companyWords)})[1 + p % ${companyWords.length}] || case when p >= ${companyWords.length} then (p / ${companyWords.length} + 1)::text else '' end as w
          from generate_series(0, ${P - 1}) p) x;
  `);
  ctx.log('places: districts, streets, communities, companies', nD + nS + C + P);

  const o = b.organisations;
  await s.exec(`
    insert into organisations (id, city_id, kind, name, community_id, parent_id) overriding system value
    select ${o} + 4 * m.c + r.i, ${cityId}, r.kind, x.name || r.suffix, ${b.communities} + m.c,
           case when r.i = 3 then ${o} + 4 * m.c end
    from ${S}.community m
    join communities x on x.id = ${b.communities} + m.c
    cross join (values (0, 'community_party_committee', '党委'), (1, 'residents_committee', '居民委员会'),
                       (2, 'owners_committee', '业主委员会'), (3, 'grid_party_branch', '第一网格党支部')) r(i, kind, suffix);
    insert into organisations (id, city_id, kind, name, company_id) overriding system value
    select ${o} + ${4 * C} + p, ${cityId}, 'company_party_branch', short_name || '党支部', id
    from (select id, short_name, id - ${b.property_companies} as p from property_companies where city_id = ${cityId}) x;
    insert into organisations (id, city_id, kind, name, phone) overriding system value
    select ${o} + ${4 * C + P} + u, ${cityId}, 'local_unit', '${cityName}市' || (${textArray(localUnitNames)})[u + 1], '0371-2' || lpad((5950000 + u)::text, 7, '0')
    from generate_series(0, ${L - 1}) u;
    insert into organisations (id, city_id, kind, name) overriding system value
    values (${o + 4 * C + P + L}, ${cityId}, 'housing_department', '${cityName}市住房和城乡建设局（物业服务中心）');
  `);
  ctx.log('places: organisations', 4 * C + P + L + 1);

  await s.exec(`
    insert into compounds (id, community_id, city_id, name, address, lat, lng, property_company_id, self_governed, built_year) overriding system value
    select ${b.compounds} + k, ${b.communities} + c, ${cityId},
           (${textArray(compoundWords)})[1 + (c * 3 + cj) % ${compoundWords.length}] || (${textArray(compoundSuffixes)})[1 + cj % ${compoundSuffixes.length}]
             || case when cj >= ${compoundWords.length * compoundSuffixes.length} then (cj / ${compoundWords.length * compoundSuffixes.length} + 1)::text else '' end,
           '${cityName}市' || (k + 1)::text || '号院', 34.70 + ${S}.rnd(k, 13) * 0.2, 114.25 + ${S}.rnd(k, 14) * 0.2,
           case when self_governed then null else ${b.property_companies} + company end, self_governed, built_year
    from ${S}.compound;
    insert into buildings (id, community_id, compound_id, name, floors) overriding system value
    select ${b.buildings} + bld_off + i, ${b.communities} + c, ${b.compounds} + k, (i + 1)::text || '号楼', floors
    from ${S}.compound cross join lateral generate_series(0, buildings - 1) i;
    insert into building_units (id, community_id, building_id, name) overriding system value
    select ${b.building_units} + unit_off + u, ${b.communities} + c, ${b.buildings} + bld_off + u / upb, (u % upb + 1)::text || '单元'
    from ${S}.compound cross join lateral generate_series(0, units - 1) u;
  `);
  ctx.log('places: compounds, buildings, units', K + counts.buildings + counts.units);

  // One household row per flat; the floor plan (area) repeats per landing position in a unit.
  await s.exec(`
    create unlogged table ${S}.household as
    select h, k, c, unit, building, bno, uno, number, n_people, (sum(n_people) over (order by h) - n_people)::int as person_off
    from (select m.hh_off + j as h, m.k, m.c, m.unit_off + j / m.hpu as unit, m.bld_off + (j / m.hpu) / m.upb as building,
                 (j / m.hpu) / m.upb + 1 as bno, (j / m.hpu) % m.upb + 1 as uno,
                 ((j % m.hpu) / m.per_landing + 1)::text || lpad(((j % m.hpu) % m.per_landing + 1)::text, 2, '0') as number,
                 case when ${S}.rnd(m.hh_off + j, 41) < 0.3 then 1 when ${S}.rnd(m.hh_off + j, 41) < 0.8 then 2 else 3 end as n_people
          from ${S}.compound m cross join lateral generate_series(0, m.size - 1) j) x;
    insert into households (id, community_id, compound_id, building_id, unit_id, number, area_m2) overriding system value
    select ${b.households} + m.hh_off + j, ${b.communities} + m.c, ${b.compounds} + m.k,
           ${b.buildings} + m.bld_off + (j / m.hpu) / m.upb, ${b.building_units} + m.unit_off + j / m.hpu,
           ((j % m.hpu) / m.per_landing + 1)::text || lpad(((j % m.hpu) % m.per_landing + 1)::text, 2, '0'),
           round((m.area_lo + ${S}.rnd((m.unit_off + j / m.hpu) * 8 + (j % m.hpu) % m.per_landing, 42) * (m.area_hi - m.area_lo))::numeric, 2)
    from ${S}.compound m cross join lateral generate_series(0, m.size - 1) j;
  `);
  ctx.log('places: households', counts.households);
  return counts;
}
