import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../server/errors.js';
import { shanghaiMonth } from '../../shared/shanghai-time.js';
import type { Actor } from '../access/access.policy.js';
import { DashboardErrors } from './dashboard.errors.js';
import { childLevel, childrenOf, reachableAncestors, requireNode, type ChildNode, type DashboardNode, type NodeRef } from './dashboard.levels.js';
import { breakdowns, calendarById, metricById, metrics, sources } from './metrics/index.js';
import { minimumBase, type Counters, type DashboardLevel, type MetricDef, type MetricSource, type SourceRow } from './metrics/types.js';

/*
 * Reading the dashboard of one node: each source is read twice at most (the node by month, its
 * children over the window) from roll-ups, whatever the number of facts; every figure is then a
 * pure function of counters (metrics/types.ts). The same reading serves the page, the big
 * screen, the XLSX exports and the monthly report.
 */

export type MetricStatus = 'ok' | 'too_few' | 'no_data' | 'not_kept';
export interface MetricValue { value: number | null; base: number | null; status: MetricStatus }

export interface Window { from: string; to: string }

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

export function monthsOf(w: Window): string[] {
  const out: string[] = [];
  for (let m = w.from; m <= w.to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The window asked for, or the twelve months up to the current one; at most five years. */
export function resolveWindow(q: { from?: string; to?: string }, now: Date): Window {
  const to = q.to ?? (q.from && q.from > shanghaiMonth(now) ? q.from : shanghaiMonth(now));
  const from = q.from ?? addMonths(to, -11);
  if (from > to) throw new AppError(DashboardErrors.DASHBOARD_RANGE_INVALID, '`from` is after `to`');
  if (monthsOf({ from, to }).length > 60) throw new AppError(DashboardErrors.DASHBOARD_RANGE_INVALID, 'A window is at most 60 months');
  return { from, to };
}

/** A metric's value from one area's counters (pure): too few households behind a percentage → too_few. */
export function evaluate(metric: MetricDef, counters: Counters | undefined, level: DashboardLevel): MetricValue {
  if (!metric.source.levels.includes(level)) return { value: null, base: null, status: 'not_kept' };
  const c = counters ?? {};
  const base = metric.base ? metric.base(c) : null;
  if (base !== null && base < minimumBase) return { value: null, base, status: base === 0 ? 'no_data' : 'too_few' };
  const value = metric.value(c);
  return { value, base, status: value === null ? 'no_data' : 'ok' };
}

const sumRows = (rows: readonly SourceRow[]): Counters => {
  const out: Counters = {};
  for (const r of rows) for (const [k, n] of Object.entries(r.counters)) out[k] = (out[k] ?? 0) + n;
  return out;
};

/** What the sources said about a node and its children. */
export interface SourceReadings {
  node: Map<MetricSource, Counters>;
  nodeByMonth: Map<MetricSource, Map<string, Counters>>;
  children: Map<MetricSource, Map<number, Counters>>;
}

/** Reads every source for the node (by month) and its children (over the window). */
export async function readSources(db: DbOrTx, args: { actor: Actor; node: NodeRef; children: readonly ChildNode[]; window: Window; now: Date; read?: 'read' | 'recount' }): Promise<SourceReadings> {
  const out: SourceReadings = { node: new Map(), nodeByMonth: new Map(), children: new Map() };
  const how = args.read ?? 'read';
  const level = childLevel[args.node.level];
  for (const s of sources) {
    const base = { from: args.window.from, to: args.window.to, actor: args.actor, now: args.now };
    if (s.levels.includes(args.node.level)) {
      const rows = await s[how](db, { ...base, level: args.node.level, areaIds: [args.node.id], byMonth: s.windowed });
      out.node.set(s, sumRows(rows));
      if (s.windowed) out.nodeByMonth.set(s, new Map(rows.map((r) => [r.month!, r.counters])));
    }
    if (level && s.levels.includes(level) && args.children.length > 0) {
      const rows = await s[how](db, { ...base, level, areaIds: args.children.map((c) => c.id) });
      out.children.set(s, new Map(rows.map((r) => [r.areaId, r.counters])));
    }
  }
  return out;
}

export interface Overview {
  node: NodeRef;
  breadcrumb: NodeRef[];
  childLevel: DashboardLevel | null;
  children: ChildNode[];
  window: Window;
  generatedAt: string;
  metrics: ({ id: string } & MetricValue)[];
  childValues: { id: number; values: Record<string, MetricValue> }[];
  trends: { months: string[]; partialMonth: string | null; series: Record<string, (number | null)[]> };
  breakdowns: { id: string; name: { zh: string; en: string }; unit: string; dims: { key: string; label: string; total: number }[];
    byChild: { id: number; values: number[] }[]; byQuarter: { quarter: string; values: number[] }[] }[];
}

const quarterOf = (month: string) => `${month.slice(0, 4)}Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

async function presentBreakdowns(db: DbOrTx, readings: SourceReadings, children: readonly ChildNode[], window: Window): Promise<Overview['breakdowns']> {
  const out: Overview['breakdowns'] = [];
  for (const b of breakdowns) {
    const node = readings.node.get(b.source);
    if (!node) continue;
    const prefix = `${b.counter}:`;
    const dims = Object.entries(node).filter(([k, n]) => k.startsWith(prefix) && n !== 0).map(([k, n]) => ({ key: k.slice(prefix.length), total: n }))
      .sort((x, y) => y.total - x.total || x.key.localeCompare(y.key)).slice(0, 8);
    const labels = b.source.dimLabels ? await b.source.dimLabels(db, dims.map((d) => d.key)) : new Map<string, string>();
    const childCounters = readings.children.get(b.source);
    const byMonth = readings.nodeByMonth.get(b.source) ?? new Map<string, Counters>();
    const quarters = [...new Set(monthsOf(window).map(quarterOf))];
    out.push({
      id: b.id, name: b.name, unit: b.unit,
      dims: dims.map((d) => ({ key: d.key, label: labels.get(d.key) ?? d.key, total: d.total })),
      byChild: childCounters ? children.map((c) => ({ id: c.id, values: dims.map((d) => childCounters.get(c.id)?.[prefix + d.key] ?? 0) })) : [],
      byQuarter: quarters.map((q) => ({
        quarter: q,
        values: dims.map((d) => [...byMonth.entries()].filter(([m]) => quarterOf(m) === q).reduce((s, [, c]) => s + (c[prefix + d.key] ?? 0), 0)),
      })),
    });
  }
  return out;
}

/** Everything the page shows for one node (figures of the node, of its children, monthly trends, breakdowns). */
/** An overview as the route sends it: the JSON text and its entity tag. */
export interface RenderedOverview { body: string; etag: string }

/**
 * The overview rendered once per cache entry (`cache`, per account, node and window): a hit
 * costs the access check and no serialising of the ~33 KB body, and a screen that sends the
 * entry's ETag back gets a 304 with no body at all.
 */
export async function getRenderedOverview(
  db: DbOrTx, actor: Actor, q: { level: DashboardLevel; id: number; from?: string; to?: string }, now: Date,
  cache: { get(key: string, compute: () => Promise<RenderedOverview>): Promise<RenderedOverview> },
  render: (overview: Overview) => string,
): Promise<RenderedOverview> {
  // The viewer's access is checked on every call; only the figures may come from the cache.
  const node = await requireNode(db, actor, q.level, q.id);
  const window = resolveWindow(q, now);
  return cache.get(`${actor.accountId}|${node.level}|${node.id}|${window.from}|${window.to}`, async () => {
    const body = render(await overviewOf(db, actor, node, window, now));
    return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
  });
}

export async function overviewOf(db: DbOrTx, actor: Actor, node: DashboardNode, window: Window, now: Date, read: 'read' | 'recount' = 'read'): Promise<Overview> {
  const children = await childrenOf(db, node);
  const readings = await readSources(db, { actor, node, children, window, now, read });
  const months = monthsOf(window);
  const cl = childLevel[node.level];
  return {
    node: { level: node.level, id: node.id, name: node.name },
    breadcrumb: [...(await reachableAncestors(db, actor, node)), { level: node.level, id: node.id, name: node.name }],
    childLevel: cl,
    children,
    window,
    generatedAt: now.toISOString(),
    metrics: metrics.map((m) => ({ id: m.id, ...evaluate(m, readings.node.get(m.source), node.level) })),
    childValues: cl ? children.map((c) => ({ id: c.id, values: Object.fromEntries(metrics.map((m) => [m.id, evaluate(m, readings.children.get(m.source)?.get(c.id), cl)])) })) : [],
    trends: {
      months,
      partialMonth: months.includes(shanghaiMonth(now)) ? shanghaiMonth(now) : null,
      series: Object.fromEntries(metrics.filter((m) => m.source.windowed && readings.nodeByMonth.has(m.source)).map((m) => {
        const byMonth = readings.nodeByMonth.get(m.source)!;
        return [m.id, months.map((month) => { const v = evaluate(m, byMonth.get(month), node.level); return v.status === 'ok' ? v.value : null; })];
      })),
    },
    breakdowns: await presentBreakdowns(db, readings, children, window),
  };
}

export interface RankingItem extends NodeRef, MetricValue { rank: number | null }

/** Competition ranks (1, 2, 2, 4), best first by the metric's direction; units without a rated value are unranked. */
export function rankItems<T extends MetricValue>(items: T[], higherIsBetter: boolean): (T & { rank: number | null })[] {
  const rated = items.filter((i) => i.status === 'ok' && i.value !== null).sort((a, b) => (higherIsBetter ? b.value! - a.value! : a.value! - b.value!));
  const ranks = new Map<T, number>();
  rated.forEach((item, index) => {
    const prev = rated[index - 1];
    ranks.set(item, prev && prev.value === item.value ? ranks.get(prev)! : index + 1);
  });
  const ranked = items.map((i) => ({ ...i, rank: ranks.get(i) ?? null }));
  return ranked.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
}

/** The node's children ranked by one metric. */
export async function getRanking(db: DbOrTx, actor: Actor, q: { level: DashboardLevel; id: number; metric: string; from?: string; to?: string }, now: Date) {
  const metric = metricById.get(q.metric);
  if (!metric) throw new AppError(DashboardErrors.DASHBOARD_METRIC_UNKNOWN, `No metric ${q.metric}`, { metric: q.metric });
  const node = await requireNode(db, actor, q.level, q.id);
  const window = resolveWindow(q, now);
  const children = await childrenOf(db, node);
  const cl = childLevel[node.level];
  let counters = new Map<number, Counters>();
  if (cl && metric.source.levels.includes(cl) && children.length) {
    const rows = await metric.source.read(db, { level: cl, areaIds: children.map((c) => c.id), from: window.from, to: window.to, actor, now });
    counters = new Map(rows.map((r) => [r.areaId, r.counters]));
  }
  const items = rankItems(children.map((c) => ({ level: c.level, id: c.id, name: c.name, ...(cl ? evaluate(metric, counters.get(c.id), cl) : { value: null, base: null, status: 'not_kept' as const }) })), metric.higherIsBetter);
  return { node: { level: node.level, id: node.id, name: node.name }, metric: metric.id, window, items };
}

/** Daily totals of one calendar counter for a node over a year. */
export async function getCalendar(db: DbOrTx, actor: Actor, q: { level: DashboardLevel; id: number; calendar: string; year?: number }, now: Date) {
  const cal = calendarById.get(q.calendar);
  if (!cal) throw new AppError(DashboardErrors.DASHBOARD_METRIC_UNKNOWN, `No calendar ${q.calendar}`, { calendar: q.calendar });
  const node = await requireNode(db, actor, q.level, q.id);
  const year = q.year ?? Number(shanghaiMonth(now).slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const days = cal.levels.includes(node.level) ? await cal.read(db, { level: node.level, areaId: node.id, from, to }) : new Map<string, number>();
  return { node: { level: node.level, id: node.id, name: node.name }, calendar: cal.id, year, kept: cal.levels.includes(node.level), days: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, n]) => ({ day, n })) };
}
