import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { notFound } from '../../server/errors.js';
import type { Actor } from '../access/access.policy.js';
import { requestCategories } from '../requests/requests.schema.js';
import type { FiguresQuery, RequestFigures } from './figures.dto.js';
import { addCounters, emptyCounters, type Counters, type Histogram } from './figures.math.js';
import { presentRequestFigures } from './figures.presenter.js';
import { checkWindow, resolveFiguresScope, type FiguresScope } from './figures.scope.js';
import { allTimeMonth, counterSumsSql, countersFromRow, liveRollupSql } from './figures.sql.js';

/*
 * Figures are read from the roll-ups only (with the deltas the fold job has not added yet): a
 * community or a street from its community rows, a company, a district or the city from the area
 * rows. Each read touches at most a few thousand rows (months × categories × shards), whatever
 * the number of requests.
 */

interface Source {
  /** FROM items: the roll-ups with the pending deltas (liveRollupSql). */
  counts: string;
  durations: string;
  where: SQL;
}

function sourceOf(scope: FiguresScope): Source {
  if (scope.kind === 'community' || scope.kind === 'street') {
    const column = sql.raw(scope.kind === 'community' ? 'community_id' : 'street_id');
    return { counts: liveRollupSql('communityCounts'), durations: liveRollupSql('communityDurations'), where: sql`t.${column} = ${scope.id}` };
  }
  return { counts: liveRollupSql('areaCounts'), durations: liveRollupSql('areaDurations'), where: sql`t.level = ${scope.kind} AND t.area_id = ${scope.id}` };
}

const monthStart = (m: string) => `${m}-01`;

function windowSql(from?: string, to?: string): SQL {
  return sql`${from ? sql`t.month >= ${monthStart(from)}::date` : sql`true`} AND ${to ? sql`t.month <= ${monthStart(to)}::date` : sql`true`}`;
}

/** Counter sums per month for one category (0 = all categories). */
async function countsByMonth(db: DbOrTx, src: Source, window: SQL, categoryId: number) {
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    SELECT to_char(t.month, 'YYYY-MM') AS month, ${sql.raw(counterSumsSql('t'))}
    FROM ${sql.raw(src.counts)} t WHERE ${src.where} AND ${window} AND t.category_id = ${categoryId}
    GROUP BY t.month ORDER BY t.month`);
  return rows.map((r) => ({ month: String(r.month), counters: countersFromRow(r) }));
}

/** Request count per category, with the category's name. */
async function countsByCategory(db: DbOrTx, src: Source, window: SQL, categoryId: number | undefined) {
  const rows = await queryRows<{ category_id: number; name: string | null; count: number }>(db, sql`
    SELECT t.category_id, c.name, sum(t.total)::bigint AS count
    FROM ${sql.raw(src.counts)} t LEFT JOIN request_categories c ON c.id = t.category_id
    WHERE ${src.where} AND ${window} AND t.category_id <> 0 ${categoryId ? sql`AND t.category_id = ${categoryId}` : sql``}
    GROUP BY t.category_id, c.name HAVING sum(t.total) <> 0 ORDER BY count DESC, t.category_id`);
  return rows.map((r) => ({ categoryId: Number(r.category_id), name: r.name ?? '', count: Number(r.count) }));
}

/** Whole history reads the all-time histogram rows; a window reads its months (never the all-time rows). */
function histogramWindowSql(from?: string, to?: string): SQL {
  if (!from && !to) return sql`t.month = ${allTimeMonth}::date`;
  return sql`t.month > ${allTimeMonth}::date AND ${windowSql(from, to)}`;
}

const metrics = ['response', 'resolution'] as const;

/**
 * One index range per metric. The area table's key is (level, area, category, metric, month,
 * bucket): without the metric the all-time rows are not one range, and PostgreSQL walked every
 * month's entries of the city (≈ 60,000, 925 pages, 10–28 ms) to keep 3,000.
 * Each metric comes back as ONE JSON object {bucket: n}: as ~3,000 rows, parsing the driver's row
 * messages was a third of the server's CPU for a city-wide figure. The two metrics are scalar
 * subqueries of one row, not a UNION ALL: with fresh statistics PostgreSQL ran the UNION as a
 * Parallel Append, and starting two workers cost 15–50 ms on this 2-core machine.
 */
async function histograms(db: DbOrTx, src: Source, window: SQL, categoryId: number) {
  const perMetric = metrics.map((metric) => sql`(
    SELECT coalesce(json_object_agg(b.bucket, b.n), '{}'::json) FROM (
      SELECT t.bucket, sum(t.n)::bigint AS n FROM ${sql.raw(src.durations)} t
      WHERE ${src.where} AND ${window} AND t.category_id = ${categoryId} AND t.metric = ${metric}
      GROUP BY t.bucket HAVING sum(t.n) <> 0) b) AS ${sql.raw(metric)}`);
  const [row] = await queryRows<Record<(typeof metrics)[number], Record<string, number>>>(db, sql`SELECT ${sql.join(perMetric, sql`, `)}`);
  const result = { response: new Map() as Histogram, resolution: new Map() as Histogram };
  for (const metric of metrics) for (const [bucket, n] of Object.entries(row![metric])) result[metric].set(Number(bucket), Number(n));
  return result;
}

async function requireCategoryOfCity(db: DbOrTx, categoryId: number, cityId: number): Promise<void> {
  const [row] = await db.select({ id: requestCategories.id }).from(requestCategories)
    .where(and(eq(requestCategories.id, categoryId), eq(requestCategories.cityId, cityId)));
  if (!row) throw notFound('Category', categoryId);
}

/**
 * GET /api/figures/requests: the figures of one unit over a window of months, as a cached,
 * rendered answer: the viewer's access to the unit is checked on every
 * call; the figures themselves are the same for everyone who may see the unit, so the cache key
 * is the unit and the window, and the entry is tagged with the unit's city — the requests' live
 * events drop it (figures.routes.ts).
 */
export async function getRenderedRequestFigures(
  db: DbOrTx, actor: Actor, query: FiguresQuery,
  cache: { get(key: string, compute: () => Promise<string>, tag?: string): Promise<string> },
  render: (figures: RequestFigures) => string,
): Promise<string> {
  const scope = await resolveFiguresScope(db, actor, query);
  // Every parameter that shapes the answer is in the key (the scope ids are `scope`).
  const key = `${scope.kind}|${scope.id}|${query.from ?? ''}|${query.to ?? ''}|${query.categoryId ?? 0}|${query.qualificationThreshold}`;
  return cache.get(key, async () => render(await computeRequestFigures(db, scope, query)), figuresCacheTag(scope.cityId));
}

/** The cache tag of a city's request figures. */
export const figuresCacheTag = (cityId: number) => `city:${cityId}`;

async function computeRequestFigures(db: DbOrTx, scope: FiguresScope, query: FiguresQuery): Promise<RequestFigures> {
  checkWindow(query.from, query.to);
  if (query.categoryId) await requireCategoryOfCity(db, query.categoryId, scope.cityId);
  const src = sourceOf(scope);
  const window = windowSql(query.from, query.to);
  const category = query.categoryId ?? 0;
  const months = await countsByMonth(db, src, window, category);
  const byCategory = await countsByCategory(db, src, window, query.categoryId);
  const hist = await histograms(db, src, histogramWindowSql(query.from, query.to), category);
  const total: Counters = months.reduce((acc, m) => addCounters(acc, m.counters), emptyCounters());
  return presentRequestFigures({ scope, query, total, months, byCategory, hist });
}
