import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../db/client.js';
import { counterColumnNames, counterDefs, counterSumsSql, liveRollupSql, monthSql } from '../../figures/figures.sql.js';
import { requestDayFigures } from '../dashboard.request-days.js';
import { familyCalendar, familySource } from './family-source.js';
import { idArray, ratio, sum, type DashboardLevel, type MetricDef, type MetricFile, type MetricSource, type SourceQuery, type SourceRow } from './types.js';

/*
 * 三单服务 figures, read from the figures module's request roll-ups (docs/FIGURES.md): community
 * and street from the community rows, district and city from the area rows — never a scan of
 * service_requests. The roll-ups are not kept per compound, so these metrics stop at the community.
 * Counters are the roll-ups' columns (total, filed, respond_due, respond_on_time, solved,
 * rated_1…5, closed_rated_1…5, breached…); `total:<categoryId>` counts each category.
 */

type RollupLevel = Exclude<DashboardLevel, 'compound'>;

function rollupFrom(level: RollupLevel, ids: string): { from: string; area: string; where: SQL } {
  if (level === 'community' || level === 'street') {
    const col = level === 'community' ? 'community_id' : 'street_id';
    return { from: liveRollupSql('communityCounts'), area: `t.${col}`, where: sql`t.${sql.raw(col)} = any(${ids}::bigint[])` };
  }
  return { from: liveRollupSql('areaCounts'), area: 't.area_id', where: sql`t.level = ${level} and t.area_id = any(${ids}::bigint[])` };
}

function toRows(rows: Record<string, unknown>[]): SourceRow[] {
  const out = new Map<string, SourceRow>();
  for (const r of rows) {
    const areaId = Number(r.area_id);
    const month = r.month === null || r.month === undefined ? null : String(r.month);
    const key = `${areaId}|${month ?? ''}`;
    let row = out.get(key);
    if (!row) out.set(key, (row = { areaId, month, counters: {} }));
    const category = Number(r.category_id);
    if (category === 0) {
      for (const c of counterColumnNames) { const n = Number(r[c] ?? 0); if (n !== 0) row.counters[c] = n; }
    } else if (Number(r.total) !== 0) {
      row.counters[`total:${category}`] = Number(r.total);
    }
  }
  return [...out.values()];
}

const bounds = (q: SourceQuery) => ({ from: `${q.from}-01`, to: `${q.to}-01` });

async function readRequests(db: DbOrTx, q: SourceQuery): Promise<SourceRow[]> {
  if (q.areaIds.length === 0 || q.level === 'compound') return [];
  const src = rollupFrom(q.level, idArray(q.areaIds));
  const { from, to } = bounds(q);
  const month = q.byMonth ? sql`to_char(t.month, 'YYYY-MM')` : sql`null::text`;
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    select ${sql.raw(src.area)} as area_id, ${month} as month, t.category_id, ${sql.raw(counterSumsSql('t'))}
    from ${sql.raw(src.from)} t where ${src.where} and t.month between ${from}::date and ${to}::date
    group by 1, 2, 3`);
  return toRows(rows);
}

const areaColumn: Record<RollupLevel, string> = { city: 'city_id', district: 'district_id', street: 'street_id', community: 'community_id' };

/** The same counters counted from service_requests with the roll-ups' own definitions (figures.sql counterDefs). */
async function recountRequests(db: DbOrTx, q: SourceQuery): Promise<SourceRow[]> {
  if (q.areaIds.length === 0 || q.level === 'compound') return [];
  const col = areaColumn[q.level];
  const { from, to } = bounds(q);
  const sums = counterDefs.map(([c, cond]) => `count(*) filter (where ${cond('r')})::bigint as ${c}`).join(', ');
  const month = q.byMonth ? `to_char(${monthSql('r')}, 'YYYY-MM')` : 'null::text';
  const all = await queryRows<Record<string, unknown>>(db, sql`
    select r.${sql.raw(col)} as area_id, ${sql.raw(month)} as month, 0 as category_id, ${sql.raw(sums)}
    from service_requests r
    where r.${sql.raw(col)} = any(${idArray(q.areaIds)}::bigint[]) and ${sql.raw(monthSql('r'))} between ${from}::date and ${to}::date
    group by 1, 2`);
  const byCategory = await queryRows<Record<string, unknown>>(db, sql`
    select r.${sql.raw(col)} as area_id, ${sql.raw(month)} as month, r.category_id, count(*)::bigint as total
    from service_requests r
    where r.${sql.raw(col)} = any(${idArray(q.areaIds)}::bigint[]) and ${sql.raw(monthSql('r'))} between ${from}::date and ${to}::date and r.category_id is not null
    group by 1, 2, 3`);
  return toRows([...all, ...byCategory]);
}

export const requestsSource: MetricSource = {
  id: 'requests',
  module: 'requests',
  levels: ['city', 'district', 'street', 'community'],
  windowed: true,
  freshness: 'live: the request roll-ups plus the deltas not yet folded (figures.fold-requests, every second), exact at each read',
  read: readRequests,
  recount: recountRequests,
  async dimLabels(db, dims) {
    const ids = dims.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ id: number; name: string }>(db, sql`select id, name from request_categories where id = any(${idArray(ids)}::bigint[])`);
    return new Map(rows.map((r) => [String(r.id), r.name]));
  },
};

/** Requests created per compound and day (family `dashboard.requests`): totals at every level, and the calendar. */
export const requestDaysSource = familySource(requestDayFigures, { id: 'requests.days', module: 'requests' });

const rated = ['rated_1', 'rated_2', 'rated_3', 'rated_4', 'rated_5'];
const closedRated = ['closed_rated_1', 'closed_rated_2', 'closed_rated_3', 'closed_rated_4', 'closed_rated_5'];
const common = { module: 'requests', source: requestsSource } as const;

const metrics: MetricDef[] = [
  {
    module: 'requests', source: requestDaysSource, id: 'requests.total', unit: 'count', higherIsBetter: true,
    name: { zh: '诉求总数', en: 'Requests filed' },
    definition: { zh: '窗口内创建的全部诉求（任何状态），按小区和日期计', en: 'Every request created in the window, in any state (kept per compound and day)', sql: 'sum(created) from family dashboard.requests' },
    value: (c) => sum(c, 'created'),
  },
  {
    ...common, id: 'requests.response_rate', unit: 'percent', higherIsBetter: true,
    name: { zh: '响应率', en: 'Response rate' },
    definition: { zh: '按时受理数 ÷ 应响应数（已受理或已标记响应超时）', en: 'Accepted before the respond deadline and never marked breached ÷ response due (accepted, or marked as a respond breach)', sql: 'sum(respond_on_time) / sum(respond_due)' },
    value: (c) => ratio(sum(c, 'respond_on_time'), sum(c, 'respond_due')),
    base: (c) => sum(c, 'respond_due'),
  },
  {
    ...common, id: 'requests.resolution_rate', unit: 'percent', higherIsBetter: true,
    name: { zh: '解决率', en: 'Resolution rate' },
    definition: { zh: '已解决或已办结 ÷ 有效诉求（不含合并、撤销）', en: 'Resolved or closed ÷ filed (merged and cancelled excluded)', sql: 'sum(solved) / sum(filed)' },
    value: (c) => ratio(sum(c, 'solved'), sum(c, 'filed')),
    base: (c) => sum(c, 'filed'),
  },
  {
    ...common, id: 'requests.satisfaction_rate', unit: 'percent', higherIsBetter: true,
    name: { zh: '满意率', en: 'Satisfaction rate' },
    definition: { zh: '评价 4–5 星 ÷ 已评价', en: 'Rated 4–5 ÷ rated', sql: 'sum(rated_4 + rated_5) / sum(rated_1 + … + rated_5)' },
    value: (c) => ratio(sum(c, 'rated_4', 'rated_5'), sum(c, ...rated)),
    base: (c) => sum(c, ...rated),
  },
  {
    ...common, id: 'requests.qualification_rate', unit: 'percent', higherIsBetter: true,
    name: { zh: '处置合格率', en: 'Qualified handling rate' },
    definition: { zh: '办结且评价 ≥ 4 星 ÷ 办结且已评价', en: 'Closed and rated at least 4 ÷ closed with a rating', sql: 'sum(closed_rated_4 + closed_rated_5) / sum(closed_rated_1 + … + closed_rated_5)' },
    value: (c) => ratio(sum(c, 'closed_rated_4', 'closed_rated_5'), sum(c, ...closedRated)),
    base: (c) => sum(c, ...closedRated),
  },
  {
    ...common, id: 'requests.sla_breach_rate', unit: 'percent', higherIsBetter: false,
    name: { zh: '超时率', en: 'SLA breach rate' },
    definition: { zh: '响应或办理超时的有效诉求 ÷ 有效诉求', en: 'Filed requests with a respond or resolve breach ÷ filed', sql: 'sum(breached) / sum(filed)' },
    value: (c) => ratio(sum(c, 'breached'), sum(c, 'filed')),
    base: (c) => sum(c, 'filed'),
  },
  {
    ...common, id: 'requests.sla_breaches', unit: 'count', higherIsBetter: false,
    name: { zh: '超时诉求数', en: 'SLA breaches' },
    definition: { zh: '响应或办理超时的有效诉求数', en: 'Filed requests with a respond or resolve breach', sql: 'sum(breached)' },
    value: (c) => sum(c, 'breached'),
  },
];

export const requestsMetrics: MetricFile = {
  module: 'requests',
  metrics,
  calendars: [familyCalendar(requestDayFigures, 'created', { id: 'requests.created_daily', module: 'requests', name: { zh: '诉求日历', en: 'Requests per day' } })],
  breakdowns: [{ id: 'requests.by_category', module: 'requests', source: requestsSource, counter: 'total', unit: 'count', name: { zh: '诉求分类', en: 'Requests by category' } }],
};

