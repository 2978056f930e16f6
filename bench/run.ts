import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { foldAllFigures } from '../src/kernel/figures.js';
import { foldRequestDeltas } from '../src/modules/figures/figures.rollups.js';
import '../src/modules/index.js';
import { BENCH_PASSWORD } from './city/options.js';
import type { DbCeilingInput } from './db-ceiling.js';
import { drive } from './lib/drive.js';
import { describeMachine } from './lib/machine.js';
import { login, readCityFacts, type CityFacts } from './lib/prepare.js';
import { topFunctions } from './lib/profile.js';
import { root, runCommand, runJsonScript, sampleMemory, startServer, tsx } from './lib/processes.js';
import { judgeTargets, writeReport, type BackendOutcome, type BenchReport, type ScenarioOutcome } from './lib/report.js';
import type { LoadResult, Scenario } from './lib/scenario.js';
import { buildScenarios, type ScenarioSpec } from './lib/scenarios.js';
import { moduleFacts, moduleScenarios } from './lib/module-scenarios.js';

/*
 * npm run bench -- [--backend postgres|pglite|both] [--households N] [--requests N] [--duration S]
 *   [--concurrency C] [--skip-seed] [--no-build] [--only file,queue_first,…] [--profile <scenario>] [--queue-community ID]
 * Builds if needed, seeds, starts the production server as a child process, drives it with
 * autocannon from separate worker processes, measures the two ceilings, writes
 * bench/results/<date>-<backend>.json and the results block of docs/PERFORMANCE.md.
 */
const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'postgres' },
    households: { type: 'string', default: '300000' },
    requests: { type: 'string', default: '1000000' },
    'pglite-households': { type: 'string', default: '10000' },
    'pglite-requests': { type: 'string', default: '30000' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '64' },
    'pool-size': { type: 'string', default: '16' },
    'skip-seed': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'string' },
    note: { type: 'string', default: '' },
    port: { type: 'string', default: '3917' },
    /** Suffix of the results file; with it, docs/PERFORMANCE.md is left alone (a partial re-measure). */
    label: { type: 'string' },
    /** Pin the queue's community (default: the one with the most open requests), for comparable --skip-seed runs. */
    'queue-community': { type: 'string' },
    /** Load-generator processes for the framework ceiling and the read scenarios (bench/lib/drive.ts). */
    clients: { type: 'string', default: '2' },
  },
});
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const concurrency = Number(args.concurrency);
const poolSize = Number(args['pool-size']);
const port = Number(args.port);
const clients = Number(args.clients);
const CITY = 'benchcity';
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gongzhi_bench';
const pgliteDir = process.env.BENCH_PGLITE_DIR ?? '/tmp/gongzhi-bench-pglite';
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function buildIfNeeded(): Promise<void> {
  const main = `${root}dist/server/main.js`;
  if (existsSync(main) && statSync(main).mtimeMs > newestMtime(`${root}src`)) return;
  say('building (npm run build)…');
  await runCommand('npm', ['run', 'build'], {}, '  build| ');
}

async function recreatePostgres(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

/** Seeds unless --skip-seed and the city is there; returns the city facts and the seed time. */
async function ensureCity(backend: 'postgres' | 'pglite', households: string, requests: string): Promise<{ facts: CityFacts; seedSeconds?: number }> {
  const target = backend === 'postgres' ? { databaseUrl: pgUrl } : { dataDir: pgliteDir };
  if (args['skip-seed']) {
    const facts = await readCityFacts(target, CITY, backend === 'postgres' && args['queue-community'] ? Number(args['queue-community']) : undefined).catch(() => undefined);
    if (facts) {
      say(`${backend}: reusing ${facts.households} households / ${facts.requests} requests`);
      return { facts };
    }
  }
  if (backend === 'postgres') await recreatePostgres(pgUrl);
  else rmSync(pgliteDir, { recursive: true, force: true });
  const started = Date.now();
  const env = backend === 'postgres' ? { DATABASE_URL: pgUrl } : { DATABASE_URL: '', DATA_DIR: pgliteDir };
  await runCommand(tsx, ['bench/seed-city.ts', '--households', households, '--requests', requests, '--city-code', CITY], env, `  seed ${backend}| `);
  const seedSeconds = (Date.now() - started) / 1000;
  const facts = await readCityFacts(target, CITY);
  if (!facts) throw new Error('seeded city not found');
  return { facts, seedSeconds };
}

/**
 * Folds what earlier writes left pending (the ceiling's triggers and the write scenarios of a
 * previous run queue tens of thousands of figures deltas), so no scenario of this run is measured
 * beside the server's fold job catching up.
 */
async function foldPending(target: { databaseUrl?: string; dataDir?: string }): Promise<void> {
  const database = await openDatabase({ ...target, poolSize: 2 });
  try {
    const t0 = Date.now();
    const n = (await foldRequestDeltas(database.db, 20_000)) + (await foldAllFigures(database.db));
    if (n) say(`folded ${n} pending figures deltas (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } finally {
    await database.close();
  }
}

async function measureFramework(): Promise<LoadResult> {
  const ceilingPort = port + 1;
  const server = await startServer(tsx, ['bench/ceiling-server.ts'], { PORT: String(ceilingPort) }, ceilingPort, '/ceiling');
  try {
    return await drive({
      name: 'framework ceiling', url: server.url, connections: concurrency, duration, warmup, requests: [{ method: 'GET', path: '/ceiling' }],
    } satisfies Scenario, clients);
  } finally {
    await server.stop();
  }
}

async function benchBackend(backend: 'postgres' | 'pglite', framework: LoadResult): Promise<BackendOutcome> {
  const [households, requests] = backend === 'postgres' ? [args.households, args.requests] : [args['pglite-households'], args['pglite-requests']];
  const { facts, seedSeconds } = await ensureCity(backend, households, requests);
  const profileDir = '/tmp/gongzhi-bench-profiles';
  const profiling = !!args.profile;
  if (profiling) mkdirSync(profileDir, { recursive: true });
  const env = {
    // The load comes from one address and a few accounts: the write limits (a defence, tested on its
    // own) would turn every write scenario into a test of the limiter, so they are off here.
    PORT: String(port), HOST: '127.0.0.1', SLA_SWEEP: '0', LOG_LEVEL: 'warn', DB_POOL_SIZE: String(poolSize), GONGZHI_DEMO: '0', WRITE_LIMIT_PER_ACCOUNT: '0',
    ...(backend === 'postgres' ? { DATABASE_URL: pgUrl, DATA_DIR: '/tmp/gongzhi-bench-data' } : { DATABASE_URL: '', DATA_DIR: pgliteDir }),
  };
  // The heap limit of `npm run serve` (package.json): without it V8 on a 24 GB machine let the heap
  // grow to 390-440 MB under the read scenarios for garbage it had not collected yet.
  // GONGZHI_HEAP_MB as for `npm run serve`, so a run can try another size.
  const heapArgs = [`--max-old-space-size=${process.env.GONGZHI_HEAP_MB ?? 256}`];
  const nodeArgs = [...heapArgs, ...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  await foldPending(backend === 'postgres' ? { databaseUrl: pgUrl } : { dataDir: pgliteDir });
  const facts2 = await moduleFacts(backend === 'postgres' ? { databaseUrl: pgUrl } : { dataDir: pgliteDir }, facts);
  say(`${backend}: starting the production server (node dist/server/main.js)`);
  let server = await startServer('node', [...nodeArgs, 'dist/server/main.js'], env, port, '/api/health');
  const outcome: BackendOutcome = { backend, sizes: { households: facts.households, requests: facts.requests }, seedSeconds, poolSize: backend === 'postgres' ? poolSize : undefined, ceilings: { framework }, scenarios: [], serverPeakRssMb: 0 };
  try {
    const only = args.only?.split(',');
    const residents = await Promise.all(facts.residents.map((u) => login(server.url, u, BENCH_PASSWORD)));
    const sessions = { residents, dispatcher: await login(server.url, facts.queue.dispatcher, BENCH_PASSWORD), dept: await login(server.url, facts.dept, BENCH_PASSWORD) };
    // Reads first, then writes, so every read sees the generated city as it was seeded.
    const all = [...buildScenarios(facts, sessions), ...await moduleScenarios(facts2, (u) => login(server.url, u, BENCH_PASSWORD).then((x) => x.headers), only)];
    const writes = (s: ScenarioSpec) => s.requests.some((r) => r.method === 'POST');
    const specs = all.filter((s) => !only || only.includes(s.key)).sort((a, b) => Number(writes(a)) - Number(writes(b)));
    for (const spec of specs) {
      say(`${backend}: ${spec.title}`);
      const stop = sampleMemory(server.pid);
      const result = await drive({
        name: spec.key, url: server.url, connections: concurrency, duration, warmup, requests: spec.requests, idempotencyKeys: spec.idempotencyKeys,
      } satisfies Scenario, writes(spec) ? 1 : clients);
      const memory = stop();
      const expected = (spec.expectedStatuses ?? []).reduce((n, status) => n + (result.statuses[status] ?? 0), 0);
      outcome.scenarios.push({ key: spec.key, title: spec.title, note: spec.note, ceiling: spec.ceiling, result, server: memory, expectedNon2xx: expected } satisfies ScenarioOutcome);
      say(`  ${result.rps} req/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors + result.timeouts}, server RSS peak ${memory.peakRssMb} MB`);
      if (result.non2xx) say(`  statuses: ${JSON.stringify(result.statuses)}`);
    }
    if (profiling) {
      await server.stop();
      outcome.profile = { scenario: args.profile!, top: topFunctions(profileDir) };
      server = await startServer('node', [...heapArgs, 'dist/server/main.js'], env, port, '/api/health');
    }
  } finally {
    const m = sampleMemory(server.pid)();
    outcome.serverPeakRssMb = Math.max(m.hwmMb, ...outcome.scenarios.map((s) => Math.max(s.server.peakRssMb, s.server.hwmMb)));
    await server.stop();
  }
  if (backend === 'postgres') {
    const ceilingInput = { databaseUrl: pgUrl, connections: concurrency, poolSize, duration, warmup, place: facts.ceilingPlace, category: facts.ceilingCategory } satisfies DbCeilingInput;
    say('postgres: database ceiling — the filing transaction through pg, without the app\'s triggers');
    outcome.ceilings.database = await runJsonScript<LoadResult>('bench/db-ceiling.ts', { ...ceilingInput, withoutTriggers: true } satisfies DbCeilingInput);
    say(`  ${outcome.ceilings.database.rps} tx/s, p50 ${outcome.ceilings.database.latencyMs.p50} ms, p99 ${outcome.ceilings.database.latencyMs.p99} ms`);
    say('postgres: the same transaction with the app\'s triggers (figures deltas, append-only guards): what they cost');
    outcome.ceilings.databaseWithTriggers = await runJsonScript<LoadResult>('bench/db-ceiling.ts', ceilingInput);
    const cost = 1 - outcome.ceilings.databaseWithTriggers.rps / outcome.ceilings.database.rps;
    say(`  ${outcome.ceilings.databaseWithTriggers.rps} tx/s (${(cost * 100).toFixed(0)} % below the plain transaction)`);
    await foldPending({ databaseUrl: pgUrl });
  }
  for (const s of outcome.scenarios) {
    const ceiling = s.ceiling === 'database' ? outcome.ceilings.database : outcome.ceilings.framework;
    if (ceiling) s.ratio = Math.round((s.result.rps / ceiling.rps) * 1000) / 1000;
  }
  return outcome;
}

async function main(): Promise<void> {
  const backends = args.backend === 'both' ? ['postgres', 'pglite'] as const : [args.backend as 'postgres' | 'pglite'];
  if (!args['no-build']) await buildIfNeeded();
  let postgresVersion: string | undefined;
  if (backends.includes('postgres')) {
    const client = new pg.Client({ connectionString: Object.assign(new URL(pgUrl), { pathname: '/postgres' }).toString() });
    await client.connect();
    postgresVersion = (await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    await client.end();
  }
  const machine = describeMachine(postgresVersion);
  say('framework ceiling (bare Fastify)');
  const framework = await measureFramework();
  say(`  ${framework.rps} req/s, p99 ${framework.latencyMs.p99} ms`);
  const outcomes: BackendOutcome[] = [];
  for (const backend of backends) outcomes.push(await benchBackend(backend, framework));
  const report: BenchReport = {
    date: new Date().toISOString(), machine, options: { concurrency, duration, warmup, clients }, note: args.note,
    backends: outcomes, targets: judgeTargets(outcomes.find((o) => o.backend === 'postgres')),
  };
  const written = writeReport(report, args.label ? `${args.backend}-${args.label}` : args.backend!, !args.label);
  for (const t of report.targets) say(`target ${t.what}: ${t.goal} — measured ${t.measured} — ${t.met ? 'met' : 'MISSED'}`);
  say(`results: ${written.json}, ${written.markdown}`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
