import { communityMetrics } from './community.js';
import { deliberationMetrics } from './deliberation.js';
import { feesMetrics } from './fees.js';
import { ledgersMetrics } from './ledgers.js';
import { membersMetrics } from './members.js';
import { placesMetrics } from './places.js';
import { ratingsMetrics } from './ratings.js';
import { requestsMetrics } from './requests.js';
import { stationsMetrics } from './stations.js';
import type { BreakdownDef, CalendarDef, MetricDef, MetricFile, MetricSource } from './types.js';
import { votesMetrics } from './votes.js';

/**
 * THE metric registry: one line per module file. The dashboard, its exports and the monthly
 * report read only this.
 */
export const metricFiles: readonly MetricFile[] = [
  placesMetrics,
  requestsMetrics,
  feesMetrics,
  deliberationMetrics,
  votesMetrics,
  stationsMetrics,
  ledgersMetrics,
  communityMetrics,
  membersMetrics,
  ratingsMetrics,
];

function checked(files: readonly MetricFile[]) {
  const metrics = files.flatMap((f) => f.metrics);
  const ids = new Set<string>();
  for (const m of [...metrics, ...files.flatMap((f) => f.breakdowns ?? []), ...files.flatMap((f) => f.calendars ?? [])]) {
    if (ids.has(m.id)) throw new Error(`metric ${m.id} declared twice`);
    ids.add(m.id);
  }
  return metrics;
}

export const metrics: readonly MetricDef[] = checked(metricFiles);
export const breakdowns: readonly BreakdownDef[] = metricFiles.flatMap((f) => f.breakdowns ?? []);
export const calendars: readonly CalendarDef[] = metricFiles.flatMap((f) => f.calendars ?? []);
export const metricById = new Map(metrics.map((m) => [m.id, m]));
export const breakdownById = new Map(breakdowns.map((b) => [b.id, b]));
export const calendarById = new Map(calendars.map((c) => [c.id, c]));
/** Every source the registry uses, once. */
export const sources: readonly MetricSource[] = [...new Set([...metrics.map((m) => m.source), ...breakdowns.map((b) => b.source)])];
