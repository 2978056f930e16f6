import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../db/client.js';
import { idArray, ratio, sum, type DashboardLevel, type MetricDef, type MetricFile, type MetricSource, type SourceQuery, type SourceRow } from './types.js';

/*
 * 红色物业 coverage, a snapshot of the places tables (small reference tables: ~3,000 compounds
 * in a prefecture city), counted per compound and summed up the tree in one statement.
 */

const areaOf: Record<DashboardLevel, string> = { city: 'cm.city_id', district: 'cm.district_id', street: 'cm.street_id', community: 'cm.id', compound: 'k.id' };

/**
 * A compound has a party organisation when a grid or company party branch sits in it, or its
 * property company has a party branch. The branches are joined as two small distinct sets (hash
 * joins), not probed per compound: `exists` per compound scanned the organisations table 3,000
 * times per area level (1.7 s of the city's dashboard).
 */
const partyOrgSql = `(po_in.compound_id is not null or po_co.company_id is not null)`;
const partyOrgJoins = `
    left join (select distinct o.compound_id from organisations o where o.kind in ('grid_party_branch', 'company_party_branch') and o.compound_id is not null) po_in on po_in.compound_id = k.id
    left join (select distinct o.company_id from organisations o where o.kind = 'company_party_branch' and o.company_id is not null) po_co on po_co.company_id = k.property_company_id`;

async function countCoverage(db: DbOrTx, q: SourceQuery): Promise<SourceRow[]> {
  if (q.areaIds.length === 0) return [];
  const area = areaOf[q.level];
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    select ${sql.raw(area)} as area_id, count(*)::bigint as compounds,
      count(*) filter (where k.property_company_id is not null)::bigint as with_company,
      count(*) filter (where k.property_company_id is null)::bigint as without_company,
      count(*) filter (where k.self_governed)::bigint as self_governed,
      count(*) filter (where ${sql.raw(partyOrgSql)})::bigint as with_party_org,
      coalesce(sum(h.n), 0)::bigint as households,
      coalesce(sum(h.n) filter (where k.property_company_id is not null), 0)::bigint as households_with_company,
      coalesce(sum(h.n) filter (where ${sql.raw(partyOrgSql)}), 0)::bigint as households_with_party_org
    from compounds k join communities cm on cm.id = k.community_id
    left join (select hh.compound_id, count(*) as n from households hh join communities hc on hc.id = hh.community_id
      where ${sql.raw(area.replace(/^cm\./, 'hc.').replace(/^k\.id$/, 'hh.compound_id'))} = any(${idArray(q.areaIds)}::bigint[]) group by hh.compound_id) h on h.compound_id = k.id
    ${sql.raw(partyOrgJoins)}
    where ${sql.raw(area)} = any(${idArray(q.areaIds)}::bigint[])
    group by 1`);
  return rows.map((r) => ({
    areaId: Number(r.area_id), month: null,
    counters: Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'area_id').map(([k, v]) => [k, Number(v)])),
  }));
}

export const coverageSource: MetricSource = {
  id: 'places.coverage',
  module: 'places',
  levels: ['city', 'district', 'street', 'community', 'compound'],
  windowed: false,
  freshness: 'snapshot: the places tables as they are now (compounds, organisations, households)',
  read: countCoverage,
  recount: countCoverage,
};

const common = { module: 'places', source: coverageSource } as const;

const metrics: MetricDef[] = [
  {
    ...common, id: 'places.compounds', unit: 'count', higherIsBetter: true,
    name: { zh: '小区数', en: 'Compounds' },
    definition: { zh: '辖区内的小区', en: 'Compounds in the area', sql: 'count(*) from compounds' },
    value: (c) => sum(c, 'compounds'),
  },
  {
    ...common, id: 'places.households', unit: 'count', higherIsBetter: true,
    name: { zh: '户数', en: 'Households' },
    definition: { zh: '辖区内登记的住户', en: 'Households registered in the area', sql: 'count(*) from households' },
    value: (c) => sum(c, 'households'),
  },
  {
    ...common, id: 'places.property_coverage', unit: 'percent', higherIsBetter: true,
    name: { zh: '物业覆盖率', en: 'Property service coverage' },
    definition: { zh: '有物业服务企业的小区 ÷ 小区', en: 'Compounds served by a property company ÷ compounds', sql: 'count(*) filter (where property_company_id is not null) / count(*) from compounds' },
    value: (c) => ratio(sum(c, 'with_company'), sum(c, 'compounds')),
    base: (c) => sum(c, 'households'),
  },
  {
    ...common, id: 'places.party_org_coverage', unit: 'percent', higherIsBetter: true,
    name: { zh: '党组织覆盖率', en: 'Party organisation coverage' },
    definition: {
      zh: '有党组织（小区内的网格/企业党支部，或其物业企业的党支部）的小区 ÷ 小区',
      en: 'Compounds with a party organisation (a grid or company branch in the compound, or a branch of its property company) ÷ compounds',
      sql: 'count(*) filter (where exists organisations(kind in (grid_party_branch, company_party_branch), compound_id = k.id) or exists organisations(kind = company_party_branch, company_id = k.property_company_id)) / count(*)',
    },
    value: (c) => ratio(sum(c, 'with_party_org'), sum(c, 'compounds')),
    base: (c) => sum(c, 'households'),
  },
  {
    ...common, id: 'places.unserved', unit: 'count', higherIsBetter: false,
    name: { zh: '三无小区', en: 'Compounds without a property company' },
    definition: { zh: '没有物业服务企业的小区（三无小区）', en: 'Compounds with no property company (三无小区)', sql: 'count(*) filter (where property_company_id is null)' },
    value: (c) => sum(c, 'without_company'),
  },
  {
    ...common, id: 'places.self_governed', unit: 'count', higherIsBetter: true,
    name: { zh: '居民自治小区', en: 'Self-governed compounds' },
    definition: { zh: '由居民自治管理的小区', en: 'Compounds governed by their residents', sql: 'count(*) filter (where self_governed)' },
    value: (c) => sum(c, 'self_governed'),
  },
];

export const placesMetrics: MetricFile = { module: 'places', metrics };
