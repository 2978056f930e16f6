import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { createPdf } from '../../kernel/pdf.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { shanghaiDateTime, shanghaiMonth } from '../../shared/shanghai-time.js';
import type { Actor } from '../access/access.policy.js';
import { barChartPng } from './dashboard.bars.js';
import { levelNames, moduleNames, statusNames, unitNames } from './dashboard.export.js';
import { loadNode, requireNode, type DashboardNode } from './dashboard.levels.js';
import { dashboardReports } from './dashboard.schema.js';
import { addMonths, overviewOf, rankItems, type MetricValue, type Overview } from './dashboard.service.js';
import { metricById, metrics } from './metrics/index.js';
import { minimumBase, type MetricDef } from './metrics/types.js';

/*
 * The monthly report of one area (city, district, street, community or compound): every
 * registered figure for the month and the twelve months to it, the monthly trend as bars, the
 * children ranked by the key rates — Chinese, from the registry, like the page. Generated on
 * demand (GET /api/dashboard/report.pdf) and by the monthly job, which keeps each area's file.
 */

function text(m: MetricDef, v: MetricValue | undefined): string {
  if (!v || v.status !== 'ok' || v.value === null) return v ? statusNames[v.status] || '—' : '—';
  switch (m.unit) {
    case 'percent': return `${(v.value * 100).toFixed(1)}%`;
    case 'fen': return `¥${(v.value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'score': return v.value.toFixed(1);
    default: return v.value.toLocaleString('zh-CN');
  }
}

const rankedMetrics = ['requests.response_rate', 'requests.qualification_rate', 'fees.payment_rate_households', 'places.property_coverage'];

/** The PDF bytes of one area's month. */
export async function renderMonthlyReport(db: DbOrTx, actor: Actor, node: DashboardNode, month: string, now: Date): Promise<Buffer> {
  const single = await overviewOf(db, actor, node, { from: month, to: month }, now);
  const year = await overviewOf(db, actor, node, { from: addMonths(month, -11), to: month }, now);
  const title = `${node.name}红色物业月度报告`;
  const pdf = createPdf({ title: `${title}（${month}）`, header: `${levelNames[node.level]} · ${node.name} · 数据驾驶舱月度报告`, footer: '共治平台 · 数据来自各模块实时汇总', createdAt: now });
  pdf.title(`${title}（${month.replace('-', '年')}月）`);
  pdf.keyValues([
    ['统计范围', [...node.ancestors.map((a) => a.name), node.name].join(' / ')],
    ['统计月份', month],
    ['对比区间', `${year.window.from} 至 ${year.window.to}（近 12 个月）`],
    ['生成时间', shanghaiDateTime(now)],
    ['说明', `百分比背后不足 ${minimumBase} 户（或件）时记为"样本过少"；覆盖率与战备度为生成时的现状`],
  ]);
  const monthValues = new Map(single.metrics.map((m) => [m.id, m]));
  const yearValues = new Map(year.metrics.map((m) => [m.id, m]));
  for (const module of [...new Set(metrics.map((m) => m.module))]) {
    pdf.heading(moduleNames[module] ?? module);
    pdf.table(
      [{ header: '指标', width: 2.2 }, { header: '本月', width: 1.3, align: 'right' }, { header: '近 12 个月', width: 1.3, align: 'right' }, { header: '口径', width: 4.2 }],
      metrics.filter((m) => m.module === module).map((m) => [m.name.zh, m.source.windowed ? text(m, monthValues.get(m.id)) : '—', text(m, yearValues.get(m.id)), `${m.definition.zh}（${unitNames[m.unit]}）`]),
    );
  }
  trendSection(pdf, year);
  rankingSection(pdf, single, year);
  return pdf.toBuffer();
}

function trendSection(pdf: ReturnType<typeof createPdf>, year: Overview): void {
  const total = metricById.get('requests.total')!;
  const series = year.trends.series[total.id];
  if (!series) return;
  pdf.heading('近 12 个月诉求量与响应率');
  pdf.image(barChartPng(series), { width: 480, caption: `诉求量（件），${year.trends.months[0]} 至 ${year.trends.months.at(-1)}` });
  const response = metricById.get('requests.response_rate')!;
  const satisfaction = metricById.get('requests.satisfaction_rate')!;
  pdf.table(
    [{ header: '月份' }, { header: '诉求量', align: 'right' }, { header: '响应率', align: 'right' }, { header: '满意率', align: 'right' }],
    year.trends.months.map((m, i) => {
      const v = (metric: MetricDef) => { const x = year.trends.series[metric.id]?.[i] ?? null; return text(metric, { value: x, base: null, status: x === null ? 'no_data' : 'ok' }); };
      return [m, series[i] ?? 0, v(response), v(satisfaction)];
    }),
  );
}

function rankingSection(pdf: ReturnType<typeof createPdf>, single: Overview, year: Overview): void {
  if (!year.childLevel || year.children.length === 0) return;
  const childLevel = year.childLevel;
  for (const id of rankedMetrics) {
    const m = metricById.get(id);
    if (!m || !m.source.levels.includes(childLevel)) continue;
    const source = m.source.windowed ? year : single;
    const items = rankItems(source.children.map((c) => ({ name: c.name, ...(source.childValues.find((v) => v.id === c.id)?.values[m.id] ?? { value: null, base: null, status: 'not_kept' as const }) })), m.higherIsBetter).slice(0, 15);
    pdf.heading(`${levelNames[childLevel]}排名 · ${m.name.zh}${m.source.windowed ? '（近 12 个月）' : ''}`);
    const values = items.map((i) => (i.status === 'ok' ? i.value : null));
    if (values.some((v) => v !== null)) pdf.image(barChartPng(values, { height: 160, colour: '#1677ff', max: m.unit === 'percent' ? 1 : undefined }), { width: 480, caption: '从左到右按名次排列；灰色为样本过少或暂无' });
    pdf.table([{ header: '名次', width: 0.6 }, { header: levelNames[childLevel], width: 3 }, { header: m.name.zh, width: 1.4, align: 'right' }, { header: '样本（户/件）', width: 1.2, align: 'right' }],
      items.map((i) => [i.rank ?? '—', i.name, text(m, i), i.base ?? '—']));
  }
}

/** The last complete month before `now` (Shanghai). */
export const lastMonth = (now: Date) => addMonths(shanghaiMonth(now), -1);

/** GET /api/dashboard/report.pdf: the report of a month, rendered now. */
export async function getMonthlyReport(db: DbOrTx, actor: Actor, q: { level: DashboardNode['level']; id: number; month?: string }, now: Date) {
  const node = await requireNode(db, actor, q.level, q.id);
  const month = q.month ?? lastMonth(now);
  return { filename: `${node.name}-月度报告-${month}.pdf`, body: await renderMonthlyReport(db, actor, node, month, now) };
}

/** The reports the job kept for one area, newest first. */
export async function listStoredReports(db: DbOrTx, actor: Actor, q: { level: DashboardNode['level']; id: number }) {
  const node = await requireNode(db, actor, q.level, q.id);
  const rows = await db.select().from(dashboardReports).where(and(eq(dashboardReports.level, node.level), eq(dashboardReports.areaId, node.id))).orderBy(desc(dashboardReports.month)).limit(36);
  return { items: rows.map((r) => ({ id: r.id, month: String(r.month).slice(0, 7), bytes: r.bytes, generatedAt: r.generatedAt.toISOString() })) };
}

/** One stored report's bytes, if the actor may read its area (404 otherwise). */
export async function getStoredReport(ctx: AppContext, actor: Actor, reportId: number) {
  const [row] = await ctx.db.select().from(dashboardReports).where(eq(dashboardReports.id, reportId));
  const node = row ? await loadNode(ctx.db, row.level, row.areaId) : undefined;
  if (!row || !node) throw notFound('Report', reportId);
  await requireNode(ctx.db, actor, node.level, node.id);
  const body = await ctx.storage.get(row.storageKey);
  if (!body) throw notFound('Report', reportId);
  return { filename: `${node.name}-月度报告-${String(row.month).slice(0, 7)}.pdf`, body };
}

/** The job's actor: reads every area, as the department would (readiness through the stations module's own check). */
export const reportActor: Actor = { accountId: 0, personId: 0, username: 'dashboard.monthly-report', name: '月度报告', cityId: 0, grants: [{ role: 'platform_admin', scopeType: 'platform', scopeId: 0, organisationId: null }] };

/**
 * The monthly job: for the last complete month, a report for each city, district, street and
 * community that has none yet — at most `limit` per run, so a large city is worked through over
 * a few runs. Two processes racing on one area: the unique key keeps one row.
 */
export async function generateMonthlyReports(ctx: AppContext, now: Date, limit = 20, opts: { cityIds?: readonly number[] } = {}): Promise<{ month: string; generated: number }> {
  const month = lastMonth(now);
  // A scope for tests on a shared database (and a city's own re-run): the job itself covers every city.
  const inCities = (column: string) => opts.cityIds
    ? sql.raw(` where ${column} in (${opts.cityIds.map((id) => Number(id)).join(',') || 'null'})`) : sql``;
  const due = await queryRows<{ level: DashboardNode['level']; id: number }>(ctx.db, sql`
    select a.level, a.id from (
      select 'city' as level, id, 0 as o from cities${inCities('id')}
      union all select 'district', id, 1 from districts${inCities('city_id')}
      union all select 'street', id, 2 from streets${inCities('city_id')}
      union all select 'community', id, 3 from communities${inCities('city_id')}
    ) a where not exists (select 1 from dashboard_reports r where r.level = a.level and r.area_id = a.id and r.month = ${`${month}-01`}::date)
    order by a.o, a.id limit ${limit}`);
  let generated = 0;
  for (const area of due) {
    const node = await loadNode(ctx.db, area.level, Number(area.id));
    if (!node) continue;
    const body = await renderMonthlyReport(ctx.db, reportActor, node, month, now);
    const stored = await ctx.storage.put('dashboard-reports', body, 'pdf');
    const rows = await ctx.db.insert(dashboardReports).values({
      cityId: node.cityId, level: node.level, areaId: node.id, month: `${month}-01`, storageKey: stored.key, sha256: stored.sha256, bytes: body.length, generatedAt: now,
    }).onConflictDoNothing().returning({ id: dashboardReports.id });
    generated += rows.length;
  }
  return { month, generated };
}
