import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../db/client.js';
import { shanghaiDate } from '../../../shared/shanghai-time.js';
import { idArray, ratio, sum, type DashboardLevel, type MetricFile, type MetricSource, type SourceQuery, type SourceRow } from './types.js';

/** The column (of compound k joined to community c) that names each level's area. */
const areaColumn: Record<DashboardLevel, string> = { city: 'c.city_id', district: 'c.district_id', street: 'c.street_id', community: 'c.id', compound: 'k.id' };

/**
 * 星级评定 now, over the property companies serving each area (a company serves an area when it
 * manages one of its compounds): how many serve, and how many hold a 5-, 4- or 3-star rating in
 * force (certified or under a lowering procedure, its cycle still valid today; the latest cycle
 * when several are). Ratings are few — one per company per year — so this reads the ratings
 * tables directly at each read, and the recount is the same statement.
 */
async function readRatings(db: DbOrTx, q: SourceQuery): Promise<SourceRow[]> {
  if (q.areaIds.length === 0) return [];
  const area = sql.raw(areaColumn[q.level]);
  const today = shanghaiDate(q.now);
  const rows = await queryRows<{ area_id: number; serving: number; rated: number; five: number; four: number; three: number }>(db, sql`
    with serving as (
      select distinct ${area} as area_id, k.property_company_id as company_id
      from compounds k join communities c on c.id = k.community_id
      where k.property_company_id is not null and ${area} = any(${idArray(q.areaIds)}::bigint[])
    ), in_force as (
      select distinct on (r.company_id) r.company_id, r.level
      from ratings r join rating_cycles y on y.id = r.cycle_id
      where r.company_id in (select company_id from serving) and r.level is not null and r.state in ('certified', 'lowering') and y.valid_until >= ${today}::date
      order by r.company_id, y.year desc, r.id desc
    )
    select s.area_id, count(*)::int as serving, count(f.level)::int as rated,
      count(*) filter (where f.level = 5)::int as five, count(*) filter (where f.level = 4)::int as four, count(*) filter (where f.level = 3)::int as three
    from serving s left join in_force f on f.company_id = s.company_id group by s.area_id`);
  return rows.map((r) => ({
    areaId: Number(r.area_id), month: null,
    counters: Object.fromEntries(Object.entries({ companies: r.serving, rated: r.rated, 'rated:5': r.five, 'rated:4': r.four, 'rated:3': r.three }).map(([k, n]) => [k, Number(n)]).filter(([, n]) => n !== 0)),
  }));
}

export const ratingsSource: MetricSource = {
  id: 'ratings.in_force',
  module: 'ratings',
  levels: ['city', 'district', 'street', 'community', 'compound'],
  windowed: false,
  freshness: 'snapshot: read from the ratings tables at each read (one rating per company per year: small), levels in force today',
  read: readRatings,
  recount: readRatings,
  dimLabels: async (_db, dims) => new Map(dims.map((d) => [d, `${'★'.repeat(Number(d) || 0)} ${d}星级`])),
};
const common = { module: 'ratings', source: ratingsSource } as const;

export const ratingsMetrics: MetricFile = {
  module: 'ratings',
  metrics: [
    ...([5, 4, 3] as const).map((level) => ({
      ...common, id: `ratings.stars_${level}`, unit: 'count' as const, higherIsBetter: true,
      name: { zh: `${level}星级物业企业`, en: `${level}-star companies` },
      definition: {
        zh: `服务本辖区（管理其中小区）的物业企业中，现持有有效${level}星级评定的（已认定或降级程序中、周期未过期；直接读取评定表：每家企业每年一条）`,
        en: `Property companies serving the area (managing one of its compounds) holding a ${level}-star rating in force (certified or under lowering, cycle still valid; read from the ratings tables directly: one rating per company per year)`,
        sql: `count(distinct company) where latest in-force ratings.level = ${level}`,
      },
      value: (c: Record<string, number>) => sum(c, `rated:${level}`),
    })),
    {
      ...common, id: 'ratings.rated_share', unit: 'percent', higherIsBetter: true,
      name: { zh: '星级物业覆盖率', en: 'Serving companies rated' },
      definition: {
        zh: '服务本辖区的物业企业中持有有效星级（3–5星）的比例（直接读取评定表）',
        en: 'Share of the property companies serving the area that hold a star rating (3–5) in force (read from the ratings tables directly)',
        sql: 'count(in-force rated companies) / count(serving companies)',
      },
      value: (c) => ratio(sum(c, 'rated'), sum(c, 'companies')),
      base: (c) => sum(c, 'companies'),
    },
  ],
  breakdowns: [{ id: 'ratings.rated_by_level', module: 'ratings', source: ratingsSource, counter: 'rated', unit: 'count', name: { zh: '星级物业企业（按星级）', en: 'Rated companies by level' } }],
};
