/** What the orchestrator hands a load worker (as JSON), and what the worker prints back. */
export interface ScenarioRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Scenario {
  name: string;
  url: string;
  connections: number;
  /** Seconds of measured load. */
  duration: number;
  /** Seconds of unmeasured load first (JIT, caches, pools). */
  warmup: number;
  /** Requests are sent round-robin across these. */
  requests: ScenarioRequest[];
  /** Give every request a fresh Idempotency-Key header (filing). */
  idempotencyKeys?: boolean;
  /** Also print every response's latency (`samples`), for a merge across load processes (drive.ts). */
  rawSamples?: boolean;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface LoadResult {
  name: string;
  requests: number;
  seconds: number;
  rps: number;
  latencyMs: LatencySummary;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
}

/** Nearest-rank percentiles of a sample (ms). */
export function summarise(samples: number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : 0;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), mean: round(mean), max: round(sorted.length ? sorted[sorted.length - 1]! : 0) };
}
