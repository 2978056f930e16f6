import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../access/access.policy.js';

/*
 * The metric registry's vocabulary. A *source* reads counters for a set of areas of one level
 * from roll-ups (and can recount them from the facts, which the exactness test compares); a
 * *metric* is a pure function of one area's counters, declared once with its name, definition,
 * unit, feeding module and freshness. The dashboard, the exports and the monthly report read
 * nothing else. A module's metrics are one file in this folder and one line in ./index.ts.
 */

export const dashboardLevels = ['city', 'district', 'street', 'community', 'compound'] as const;
export type DashboardLevel = (typeof dashboardLevels)[number];

/** Counter name → sum; per-dimension counters are named `<counter>:<dim>`. */
export type Counters = Record<string, number>;

export interface SourceQuery {
  level: DashboardLevel;
  areaIds: readonly number[];
  /** Calendar months YYYY-MM, inclusive (ignored by snapshot sources). */
  from: string;
  to: string;
  /** Also break down by month (windowed sources only). */
  byMonth?: boolean;
  /** Who asks (sources that read through another module's access-checked service). */
  actor: Actor;
  now: Date;
}

/** One area's (and, with byMonth, one month's) counters. */
export interface SourceRow {
  areaId: number;
  /** YYYY-MM, or null for the whole window. */
  month: string | null;
  counters: Counters;
}

export interface MetricSource {
  id: string;
  /** The module whose facts feed it. */
  module: string;
  /** Levels the source keeps; elsewhere its metrics answer `not_kept`. */
  levels: readonly DashboardLevel[];
  /** false: a snapshot of now (coverage, readiness); the window does not apply. */
  windowed: boolean;
  /** How fresh an answer is, in words. */
  freshness: string;
  /** From roll-ups (plus pending deltas): what the dashboard shows. */
  read(db: DbOrTx, q: SourceQuery): Promise<SourceRow[]>;
  /** From the facts themselves: what the exactness test compares with `read`. */
  recount(db: DbOrTx, q: SourceQuery): Promise<SourceRow[]>;
  /** Labels of dimension values (categories, meeting types) for breakdowns. */
  dimLabels?(db: DbOrTx, dims: readonly string[]): Promise<Map<string, string>>;
}

export const metricUnits = ['count', 'percent', 'fen', 'score', 'person_times'] as const;
export type MetricUnit = (typeof metricUnits)[number];

export interface MetricDef {
  /** `<module>.<what>`, stable: exports and reports name it. */
  id: string;
  module: string;
  source: MetricSource;
  name: { zh: string; en: string };
  /** The formula in words (zh and en) and in SQL over the source's counters or facts. */
  definition: { zh: string; en: string; sql: string };
  unit: MetricUnit;
  /** Rankings: is a higher value better (false: lower, e.g. SLA breaches)? */
  higherIsBetter: boolean;
  /** The figure from one area's counters; null when there is nothing to divide by. */
  value: (c: Counters) => number | null;
  /**
   * For a percentage: how many households (or, where the facts are not households, how many
   * facts) stand behind it. Fewer than `minimumBase` and the dashboard says "too few to rate".
   */
  base?: (c: Counters) => number;
}

/** A stacked breakdown of one counter by its dimension (meetings by type, requests by category). */
export interface BreakdownDef {
  id: string;
  module: string;
  source: MetricSource;
  name: { zh: string; en: string };
  counter: string;
  unit: MetricUnit;
}

/** A daily counter for the calendar heat map. */
export interface CalendarDef {
  id: string;
  module: string;
  name: { zh: string; en: string };
  /** Daily totals for one area, day (YYYY-MM-DD) → n, between two days inclusive. */
  read(db: DbOrTx, q: { level: DashboardLevel; areaId: number; from: string; to: string }): Promise<Map<string, number>>;
  levels: readonly DashboardLevel[];
}

/** What one module file declares. */
export interface MetricFile {
  module: string;
  metrics: readonly MetricDef[];
  breakdowns?: readonly BreakdownDef[];
  calendars?: readonly CalendarDef[];
}

/** Fewer households (or facts) than this behind a percentage: "too few to rate". */
export const minimumBase = 5;

export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);
export const sum = (c: Counters, ...names: string[]) => names.reduce((s, k) => s + (c[k] ?? 0), 0);

/** Escapes a list of ids for `= any(...::bigint[])`. */
export function idArray(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return `{${ids.join(',')}}`;
}

export type SqlFragment = SQL;
