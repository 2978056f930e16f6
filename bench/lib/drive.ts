import { runJsonScript } from './processes.js';
import { summarise, type LoadResult, type Scenario } from './scenario.js';

/**
 * Drives a scenario from `clients` load-generator processes at once, the connections split between
 * them, and merges what they measured (latencies from every response). One autocannon process is
 * one JavaScript thread: on 2026-12-04 it sat at 100 % of a core receiving Open311's 50 KB answers
 * while the server was 60 % idle, so that scenario measured the client. Two processes gave the
 * bare-Fastify ceiling the same rate (the server is its limit), and let the big answers go as fast
 * as the server sends them. Write scenarios keep one client: their request order is part of their
 * design (bursts, then repeats answered 409).
 */
export async function drive(s: Scenario, clients: number): Promise<LoadResult> {
  const n = Math.max(1, Math.min(clients, s.connections));
  if (n === 1) return runJsonScript<LoadResult>('bench/worker.ts', s);
  const shares = Array.from({ length: n }, (_, i) => Math.floor(s.connections / n) + (i < s.connections % n ? 1 : 0));
  const parts = await Promise.all(shares.map((connections) => runJsonScript<LoadResult & { samples: number[] }>('bench/worker.ts', { ...s, connections, rawSamples: true } satisfies Scenario)));
  const statuses: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const sum = (pick: (p: LoadResult) => number) => parts.reduce((t, p) => t + pick(p), 0);
  return {
    name: s.name,
    requests: sum((p) => p.requests),
    seconds: Math.max(...parts.map((p) => p.seconds)),
    // The processes run side by side over the same seconds: their rates add up.
    rps: Math.round(sum((p) => p.rps) * 10) / 10,
    latencyMs: summarise(parts.flatMap((p) => p.samples)),
    non2xx: sum((p) => p.non2xx),
    errors: sum((p) => p.errors),
    timeouts: sum((p) => p.timeouts),
    statuses,
  };
}
