import type { DbOrTx } from '../../db/client.js';
import { toXlsx, type ExportColumn } from '../../kernel/export.js';
import type { Actor } from '../access/access.policy.js';
import { AppError } from '../../server/errors.js';
import { DashboardErrors } from './dashboard.errors.js';
import { requireNode } from './dashboard.levels.js';
import { overviewOf, rankItems, resolveWindow, type MetricValue, type Overview } from './dashboard.service.js';
import { metricById, metrics } from './metrics/index.js';
import type { DashboardLevel, MetricDef } from './metrics/types.js';

/*
 * XLSX of any dashboard table, from the same overview the page shows: the node's figures, every
 * figure of each child, the children ranked by one metric, or the monthly trends. Percentages
 * stay numbers (formatted 0.0%), money in yuan; "too few to rate" is written as text.
 */

export const levelNames: Record<DashboardLevel, string> = { city: '市', district: '区', street: '街道', community: '社区', compound: '小区' };
export const statusNames: Record<MetricValue['status'], string> = { ok: '', too_few: '样本过少', no_data: '暂无', not_kept: '本级不统计' };
export const moduleNames: Record<string, string> = {
  places: '红色物业覆盖', requests: '三单服务', fees: '物业费', deliberation: '协商共治', votes: '业主表决', stations: '应急服务站', ledgers: '账目公开',
  members: '党员志愿者', wishes: '微心愿', activities: '社区活动', ratings: '星级评定',
};
export const unitNames: Record<MetricDef['unit'], string> = { count: '个/件', percent: '%', fen: '元', score: '分', person_times: '人次' };

/** The cell of a metric value: a number in the metric's unit (percent as a fraction, money in yuan), or why there is none. */
export function cellOf(m: MetricDef, v: MetricValue | undefined): string | number | null {
  if (!v || v.status !== 'ok' || v.value === null) return v ? statusNames[v.status] || null : null;
  return m.unit === 'fen' ? v.value / 100 : v.value;
}
const numFmt = (m: MetricDef) => (m.unit === 'percent' ? '0.0%' : m.unit === 'fen' ? '#,##0.00' : m.unit === 'score' ? '0.0' : '#,##0');

export type ExportTable = 'metrics' | 'children' | 'ranking' | 'trends';

export async function exportDashboardTable(db: DbOrTx, actor: Actor, q: { level: DashboardLevel; id: number; from?: string; to?: string; table: ExportTable; metric?: string }, now: Date): Promise<{ filename: string; body: Buffer }> {
  const node = await requireNode(db, actor, q.level, q.id);
  const window = resolveWindow(q, now);
  const o = await overviewOf(db, actor, node, window, now);
  const stem = `数据驾驶舱-${levelNames[node.level]}-${node.name}-${window.from}至${window.to}`;
  switch (q.table) {
    case 'metrics': return { filename: `${stem}-指标.xlsx`, body: await metricsSheet(o) };
    case 'children': return { filename: `${stem}-下级.xlsx`, body: await childrenSheet(o) };
    case 'trends': return { filename: `${stem}-趋势.xlsx`, body: await trendsSheet(o) };
    case 'ranking': {
      const m = q.metric ? metricById.get(q.metric) : undefined;
      if (!m) throw new AppError(DashboardErrors.DASHBOARD_METRIC_UNKNOWN, 'A ranking export names its metric', { metric: q.metric ?? null });
      return { filename: `${stem}-${m.name.zh}排名.xlsx`, body: await rankingSheet(o, m) };
    }
  }
}

function metricsSheet(o: Overview): Promise<Buffer> {
  const values = new Map(o.metrics.map((m) => [m.id, m]));
  const columns: ExportColumn<MetricDef>[] = [
    { header: '模块', value: (m) => moduleNames[m.module] ?? m.module, width: 14 },
    { header: '指标', value: (m) => m.name.zh, width: 20 },
    { header: '数值', value: (m) => cellOf(m, values.get(m.id)), width: 14 },
    { header: '单位', value: (m) => unitNames[m.unit], width: 8 },
    { header: '样本（户/件）', value: (m) => values.get(m.id)?.base ?? null, width: 12 },
    { header: '口径', value: (m) => m.definition.zh, width: 50 },
    { header: '指标编号', value: (m) => m.id, width: 28 },
  ];
  return toXlsx(columns, metrics, '指标');
}

async function childrenSheet(o: Overview): Promise<Buffer> {
  const level = o.childLevel;
  const shown = metrics.filter((m) => level && m.source.levels.includes(level));
  type Row = Overview['children'][number] & { values: Record<string, MetricValue> };
  const rows: Row[] = o.children.map((c) => ({ ...c, values: o.childValues.find((v) => v.id === c.id)?.values ?? {} }));
  const columns: ExportColumn<Row>[] = [
    { header: level ? levelNames[level] : '名称', value: (r) => r.name, width: 22 },
    ...shown.map((m) => ({ header: `${m.name.zh}${m.unit === 'percent' ? '' : `（${unitNames[m.unit]}）`}`, value: (r: Row) => cellOf(m, r.values[m.id]), numFmt: numFmt(m), width: 14 })),
  ];
  return toXlsx(columns, rows, '下级');
}

function rankingSheet(o: Overview, m: MetricDef): Promise<Buffer> {
  const items = rankItems(o.children.map((c) => ({ name: c.name, ...(o.childValues.find((v) => v.id === c.id)?.values[m.id] ?? { value: null, base: null, status: 'not_kept' as const }) })), m.higherIsBetter);
  return toXlsx<(typeof items)[number]>([
    { header: '名次', value: (r) => r.rank, width: 8 },
    { header: '名称', value: (r) => r.name, width: 22 },
    { header: m.name.zh, value: (r) => cellOf(m, r), numFmt: numFmt(m), width: 14 },
    { header: '样本（户/件）', value: (r) => r.base, width: 12 },
  ], items, '排名');
}

function trendsSheet(o: Overview): Promise<Buffer> {
  const shown = metrics.filter((m) => o.trends.series[m.id]);
  return toXlsx<{ month: string; i: number }>([
    { header: '月份', value: (r) => r.month, width: 10 },
    ...shown.map((m) => ({ header: m.name.zh, value: (r: { i: number }) => { const v = o.trends.series[m.id]![r.i] ?? null; return v === null ? null : m.unit === 'fen' ? v / 100 : v; }, numFmt: numFmt(m), width: 14 })),
  ], o.trends.months.map((month, i) => ({ month, i })), '趋势');
}
