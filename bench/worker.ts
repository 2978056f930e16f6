import autocannon, { type AutocannonRequest } from 'autocannon';
import { summarise, type LoadResult, type Scenario } from './lib/scenario.js';

/**
 * The load generator, in its own process so it does not share a CPU queue with the server's
 * event loop: `tsx bench/worker.ts '<scenario json>'` prints one LoadResult as JSON.
 * Latencies are recorded per response (autocannon's histogram has no p95).
 */
function toAutocannon(s: Scenario, phase: string): AutocannonRequest[] {
  let n = 0;
  let k = 0;
  const templates = s.requests.map((r) => ({
    method: r.method,
    path: r.path,
    headers: { ...(r.body === undefined ? {} : { 'content-type': 'application/json' }), ...r.headers },
    body: r.body === undefined ? undefined : JSON.stringify(r.body),
  }));
  // One entry whose setupRequest walks the templates round-robin.
  return [{
    ...templates[0],
    setupRequest: () => {
      const t = templates[n++ % templates.length]!;
      if (!s.idempotencyKeys) return t;
      return { ...t, headers: { ...t.headers, 'idempotency-key': `bench-${process.pid}-${phase}-${++k}` } };
    },
  }];
}

function run(s: Scenario, seconds: number, phase: string): Promise<LoadResult & { samples?: number[] }> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: s.url, connections: s.connections, duration: seconds, timeout: 30, requests: toAutocannon(s, phase) }, (err, result) => {
      if (err) return reject(err);
      resolve({
        name: s.name,
        requests: result.requests.total,
        seconds: result.duration,
        rps: Math.round((result.requests.total / result.duration) * 10) / 10,
        latencyMs: summarise(samples),
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statuses,
        ...(s.rawSamples ? { samples } : {}),
      });
    });
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      samples.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

async function main(): Promise<void> {
  const scenario = JSON.parse(process.argv[2] ?? '') as Scenario;
  if (scenario.warmup > 0) await run(scenario, scenario.warmup, 'warmup');
  const result = await run(scenario, scenario.duration, 'run');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
