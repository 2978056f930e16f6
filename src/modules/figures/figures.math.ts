import { requestStates, type RequestState } from '../../shared/request-states.js';

/*
 * What the figures mean, as pure functions. The SQL that keeps the roll-ups (figures.sql.ts) says
 * the same thing over table rows; the exactness test recounts raw requests with these functions
 * and compares, so the two definitions cannot drift apart unnoticed.
 */

/** Merged followers (their master counts) and cancelled requests are counted but never rated. */
export const excludedFromRates: readonly RequestState[] = ['merged', 'cancelled'];

/** 处置合格率 counts a closed request as qualified when its rating is at least this. */
export const defaultQualificationThreshold = 4;
/** Ratings from this value up count as satisfied (满意率). */
export const satisfiedFrom = 4;

/** The columns of a request the figures read. */
export interface RequestFacts {
  state: RequestState;
  createdAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  respondDueAt: Date;
  respondBreachedAt: Date | null;
  resolveBreachedAt: Date | null;
  rating: number | null;
}

/** Counters kept per roll-up row; every figure is a function of their sums. */
export interface Counters {
  total: number;
  byState: Record<RequestState, number>;
  /** Requests that count in rates: all but merged and cancelled. */
  filed: number;
  /** Filed requests with a respond or a resolve breach. */
  breached: number;
  respondBreached: number;
  resolveBreached: number;
  /** Filed requests whose response is due: accepted, or marked as a respond breach. */
  respondDue: number;
  /** Accepted before the respond deadline and never marked breached. */
  respondOnTime: number;
  /** Filed requests standing resolved or closed. */
  solved: number;
  /** rated[k-1] = filed requests rated k (1–5). */
  rated: number[];
  /** closedRated[k-1] = closed requests rated k: the base of 处置合格率. */
  closedRated: number[];
}

export function emptyCounters(): Counters {
  return {
    total: 0,
    byState: Object.fromEntries(requestStates.map((s) => [s, 0])) as Record<RequestState, number>,
    filed: 0, breached: 0, respondBreached: 0, resolveBreached: 0, respondDue: 0, respondOnTime: 0, solved: 0,
    rated: [0, 0, 0, 0, 0], closedRated: [0, 0, 0, 0, 0],
  };
}

/** Adds one request's contribution to `into`. */
export function countRequest(into: Counters, r: RequestFacts): Counters {
  into.total += 1;
  into.byState[r.state] += 1;
  if (excludedFromRates.includes(r.state)) return into;
  into.filed += 1;
  if (r.respondBreachedAt || r.resolveBreachedAt) into.breached += 1;
  if (r.respondBreachedAt) into.respondBreached += 1;
  if (r.resolveBreachedAt) into.resolveBreached += 1;
  if (r.acceptedAt || r.respondBreachedAt) into.respondDue += 1;
  if (r.acceptedAt && !r.respondBreachedAt && r.acceptedAt.getTime() <= r.respondDueAt.getTime()) into.respondOnTime += 1;
  if (r.state === 'resolved' || r.state === 'closed') into.solved += 1;
  if (r.rating !== null && r.rating >= 1 && r.rating <= 5) {
    into.rated[r.rating - 1]! += 1;
    if (r.state === 'closed') into.closedRated[r.rating - 1]! += 1;
  }
  return into;
}

export function addCounters(into: Counters, c: Counters): Counters {
  into.total += c.total;
  for (const s of requestStates) into.byState[s] += c.byState[s];
  into.filed += c.filed;
  into.breached += c.breached;
  into.respondBreached += c.respondBreached;
  into.resolveBreached += c.resolveBreached;
  into.respondDue += c.respondDue;
  into.respondOnTime += c.respondOnTime;
  into.solved += c.solved;
  for (let k = 0; k < 5; k++) {
    into.rated[k]! += c.rated[k]!;
    into.closedRated[k]! += c.closedRated[k]!;
  }
  return into;
}

// ---- durations and their histogram ------------------------------------------------------------

/**
 * Bucket widths in minutes: exact minutes for the first day (where SLA targets live), then
 * 15 min up to 7 days, 1 h up to 30 days, 1 day up to a year, and one bucket for a year and more.
 * About 2,900 buckets in all; a roll-up row exists only for buckets that hold requests.
 */
export const bucketTiers = [
  { below: 1440, width: 1 },
  { below: 10_080, width: 15 },
  { below: 43_200, width: 60 },
  { below: 525_600, width: 1440 },
] as const;
export const overflowBucket = 525_600;

/** Whole minutes from `from` to `to` (floored; a clock skew below zero counts as 0). */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}

/** The lower bound (in minutes) of the bucket holding `minutes`. Every tier starts on a multiple of its width. */
export function bucketOf(minutes: number): number {
  const m = Math.max(0, Math.floor(minutes));
  for (const tier of bucketTiers) if (m < tier.below) return m - (m % tier.width);
  return overflowBucket;
}

/** Width of the bucket starting at `bucket` (the overflow bucket reports its tier's width). */
export function bucketWidth(bucket: number): number {
  for (const tier of bucketTiers) if (bucket < tier.below) return tier.width;
  return 1440;
}

/** Response minutes of a filed, accepted request; null when it does not count. */
export function responseMinutes(r: RequestFacts): number | null {
  if (excludedFromRates.includes(r.state) || !r.acceptedAt) return null;
  return minutesBetween(r.createdAt, r.acceptedAt);
}

/** Resolution minutes of a filed request standing resolved or closed; null otherwise. */
export function resolutionMinutes(r: RequestFacts): number | null {
  if (excludedFromRates.includes(r.state) || !r.resolvedAt) return null;
  if (r.state !== 'resolved' && r.state !== 'closed') return null;
  return minutesBetween(r.createdAt, r.resolvedAt);
}

/** Histogram: bucket lower bound → count. */
export type Histogram = Map<number, number>;

export function addToHistogram(h: Histogram, minutes: number | null): void {
  if (minutes === null) return;
  const b = bucketOf(minutes);
  h.set(b, (h.get(b) ?? 0) + 1);
}

/**
 * Nearest-rank percentile (p in (0,1]): the lower bound of the bucket holding the ⌈p·N⌉-th
 * smallest value. The true value lies in [result, result + width). null for an empty histogram.
 */
export function percentile(h: Histogram, p: number): number | null {
  const entries = [...h.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const n = entries.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const [bucket, count] of entries) {
    seen += count;
    if (seen >= rank) return bucket;
  }
  return entries[entries.length - 1]![0];
}

export interface DurationFigures {
  median: number | null;
  p90: number | null;
  count: number;
}

export function durationFigures(h: Histogram): DurationFigures {
  let count = 0;
  for (const n of h.values()) count += n;
  return { median: percentile(h, 0.5), p90: percentile(h, 0.9), count };
}

/** The coarsest bucket width among the reported percentiles: how exact they are. */
export function resolutionOf(values: (number | null)[]): number {
  return values.reduce<number>((w, v) => (v === null ? w : Math.max(w, bucketWidth(v))), 1);
}

// ---- rates -----------------------------------------------------------------------------------

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export interface RateFigures {
  slaBreachRate: number | null;
  qualificationRate: number | null;
  satisfaction: { mean: number | null; satisfiedShare: number | null; rated: number };
  rates: { response: number | null; resolution: number | null; satisfaction: number | null };
}

/** 处置合格率: closed requests rated ≥ threshold ÷ closed requests with a rating. */
export function qualificationRate(closedRated: number[], threshold: number): number | null {
  const all = closedRated.reduce((s, n) => s + n, 0);
  const qualified = closedRated.reduce((s, n, i) => (i + 1 >= threshold ? s + n : s), 0);
  return ratio(qualified, all);
}

/**
 * The rates of a set of requests. Ratios are null when their denominator is 0 (no data is not 0 %).
 * 响应率 = responded on time ÷ response due; 解决率 = resolved or closed ÷ filed;
 * 满意率 = rated 4–5 ÷ rated.
 */
export function rateFigures(c: Counters, threshold = defaultQualificationThreshold): RateFigures {
  const rated = c.rated.reduce((s, n) => s + n, 0);
  const ratingSum = c.rated.reduce((s, n, i) => s + n * (i + 1), 0);
  const satisfied = c.rated.reduce((s, n, i) => (i + 1 >= satisfiedFrom ? s + n : s), 0);
  const satisfiedShare = ratio(satisfied, rated);
  return {
    slaBreachRate: ratio(c.breached, c.filed),
    qualificationRate: qualificationRate(c.closedRated, threshold),
    satisfaction: { mean: ratio(ratingSum, rated), satisfiedShare, rated },
    rates: { response: ratio(c.respondOnTime, c.respondDue), resolution: ratio(c.solved, c.filed), satisfaction: satisfiedShare },
  };
}
