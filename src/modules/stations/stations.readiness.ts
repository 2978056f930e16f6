/*
 * Readiness (战备状态) of a station as one score 0–100 and the parts it is made of, each shown
 * with its weight, its ratio and the facts behind it. Pure: the facts come from one SQL statement
 * (stations.readiness.service.ts) and a test recounts them from the rows.
 */

export interface RollCallFacts {
  id: number;
  startedAt: Date;
  dueAt: Date;
  holders: number;
  confirmed: number;
  missing: number;
  unanswered: number;
}

export interface ReadinessFacts {
  /** Σ min(on hand, standard) over kinds with a standard. */
  stockHeld: number;
  /** Σ standard. */
  stockStandard: number;
  kindsWithStandard: number;
  kindsBelow: number;
  /** Kinds with stock on hand and an expiry date; of them, past it. */
  itemsWithExpiry: number;
  expired: number;
  /** Kinds on an inspection schedule; of them, past the date. */
  itemsWithInspection: number;
  inspectionsOverdue: number;
  /** The latest roll call that is complete or past its due time (an open one does not count yet). */
  rollCall: RollCallFacts | null;
  lastDrillAt: Date | null;
  drillEveryDays: number;
}

export const readinessPartKeys = ['stock', 'expiry', 'inspection', 'rollCall', 'drill'] as const;
export type ReadinessPartKey = (typeof readinessPartKeys)[number];

/** Weights sum to 100: stock against the standard matters most at 2 a.m. */
export const readinessWeights: Record<ReadinessPartKey, number> = { stock: 40, expiry: 15, inspection: 15, rollCall: 15, drill: 15 };

export interface ReadinessPart {
  key: ReadinessPartKey;
  weight: number;
  /** 0..1 */
  ratio: number;
  /** weight × ratio, one decimal. */
  points: number;
  facts: Record<string, number | string | null>;
}

export interface Readiness {
  score: number;
  parts: ReadinessPart[];
  daysSinceDrill: number | null;
}

const DAY_MS = 86_400_000;

const part = (key: ReadinessPartKey, ratio: number, facts: ReadinessPart['facts']): ReadinessPart => {
  const r = Math.min(1, Math.max(0, ratio));
  return { key, weight: readinessWeights[key], ratio: Math.round(r * 10_000) / 10_000, points: Math.round(readinessWeights[key] * r * 10) / 10, facts };
};

/**
 * The drill part: full marks within the station's drill interval, falling linearly to nothing at
 * twice the interval; nothing without any drill.
 */
export function drillRatio(daysSince: number | null, everyDays: number): number {
  if (daysSince === null) return 0;
  if (daysSince <= everyDays) return 1;
  return Math.max(0, 1 - (daysSince - everyDays) / everyDays);
}

export function scoreReadiness(f: ReadinessFacts, now: Date): Readiness {
  const daysSinceDrill = f.lastDrillAt ? Math.max(0, Math.floor((now.getTime() - f.lastDrillAt.getTime()) / DAY_MS)) : null;
  const rc = f.rollCall;
  const parts = [
    part('stock', f.stockStandard === 0 ? 1 : f.stockHeld / f.stockStandard, { held: f.stockHeld, standard: f.stockStandard, kinds: f.kindsWithStandard, kindsBelow: f.kindsBelow }),
    part('expiry', f.itemsWithExpiry === 0 ? 1 : 1 - f.expired / f.itemsWithExpiry, { withExpiry: f.itemsWithExpiry, expired: f.expired }),
    part('inspection', f.itemsWithInspection === 0 ? 1 : 1 - f.inspectionsOverdue / f.itemsWithInspection, { scheduled: f.itemsWithInspection, overdue: f.inspectionsOverdue }),
    part('rollCall', !rc || rc.holders === 0 ? 0 : rc.confirmed / rc.holders, {
      rollCallId: rc?.id ?? null, startedAt: rc ? rc.startedAt.toISOString() : null, holders: rc?.holders ?? 0,
      confirmed: rc?.confirmed ?? 0, missing: rc?.missing ?? 0, unanswered: rc?.unanswered ?? 0,
    }),
    part('drill', drillRatio(daysSinceDrill, f.drillEveryDays), { daysSince: daysSinceDrill, everyDays: f.drillEveryDays, lastAt: f.lastDrillAt ? f.lastDrillAt.toISOString() : null }),
  ];
  const exact = parts.reduce((s, p) => s + readinessWeights[p.key] * Math.min(1, Math.max(0, p.ratio)), 0);
  return { score: Math.round(exact), parts, daysSinceDrill };
}
