import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from './machine.js';
import { root } from './processes.js';
import type { LoadResult } from './scenario.js';

export interface ScenarioOutcome {
  key: string;
  title: string;
  note?: string;
  ceiling: 'database' | 'framework';
  result: LoadResult;
  /** rps / ceiling rps */
  ratio?: number;
  server: { peakRssMb: number; hwmMb: number };
  /** Non-2xx answers the scenario expects (e.g. 409 for every claim but the first). */
  expectedNon2xx?: number;
}

export interface BackendOutcome {
  backend: 'postgres' | 'pglite';
  sizes: { households: number; requests: number };
  seedSeconds?: number;
  poolSize?: number;
  /** database: the plain filing transaction without app triggers (the ceiling); databaseWithTriggers: the same with them. */
  ceilings: { framework: LoadResult; database?: LoadResult; databaseWithTriggers?: LoadResult };
  scenarios: ScenarioOutcome[];
  serverPeakRssMb: number;
  profile?: { scenario: string; top: { fn: string; selfPct: number }[] };
}

export interface Target {
  what: string;
  goal: string;
  measured: string;
  met: boolean;
}

export interface BenchReport {
  date: string;
  machine: Machine;
  options: { concurrency: number; duration: number; warmup: number; clients?: number };
  note: string;
  backends: BackendOutcome[];
  targets: Target[];
}

/** The issue's targets, judged on the PostgreSQL results. */
export function judgeTargets(pg: BackendOutcome | undefined): Target[] {
  if (!pg) return [];
  // A scenario that completed no request has no latency to judge: it counts as missed.
  const s = (key: string) => {
    const found = pg.scenarios.find((x) => x.key === key);
    return found && found.result.requests === 0 ? { ...found, result: { ...found.result, latencyMs: { p50: Infinity, p95: Infinity, p99: Infinity, mean: Infinity, max: Infinity } } } : found;
  };
  const targets: Target[] = [];
  const file = s('file');
  if (file && pg.ceilings.database) {
    const bad = file.result.non2xx + file.result.errors + file.result.timeouts;
    const ratio = file.result.rps / pg.ceilings.database.rps;
    targets.push({ what: 'filing vs database ceiling, zero errors', goal: '≥ 50 %, 0 errors', measured: `${(ratio * 100).toFixed(0)} % (${file.result.rps} vs ${pg.ceilings.database.rps} /s), ${bad} errors`, met: ratio >= 0.5 && bad === 0 });
  }
  // The issue's targets (#9, #16), word for word: a share of the framework ceiling measured in the
  // same run, and a latency bound, both required.
  const framework = pg.ceilings.framework.rps;
  /** A share of the framework ceiling, and with `bound` a latency under it too. */
  const share = (key: string, min: number, bound?: { latency: 'p95' | 'p99'; ms: number }) => {
    const x = s(key);
    if (!x) return;
    const r = x.result;
    const ratio = r.rps / framework;
    const latency = bound ? `, ${bound.latency} < ${bound.ms} ms` : '';
    targets.push({
      what: `${x.title}: ≥ ${min * 100} % of the framework ceiling${latency}`,
      goal: `≥ ${min * 100} %${latency}`,
      measured: `${(ratio * 100).toFixed(1)} % (${r.rps} of ${framework} req/s)${bound ? `, ${bound.latency} ${r.latencyMs[bound.latency]} ms` : ''}`,
      met: ratio >= min && (!bound || r.latencyMs[bound.latency] < bound.ms) && r.non2xx === 0,
    });
  };
  const latencyOnly = (key: string, latency: 'p95' | 'p99', bound: number, extra = '') => {
    const x = s(key);
    if (!x) return;
    targets.push({ what: `${x.title} ${latency}`, goal: `< ${bound} ms`, measured: `${x.result.latencyMs[latency]} ms${extra}`, met: x.result.latencyMs[latency] < bound && x.result.non2xx === 0 });
  };
  const p99under100 = { latency: 'p99', ms: 100 } as const;
  share('queue_first', 0.1, p99under100);
  share('queue_deep', 0.1, p99under100);
  share('detail', 0.1, p99under100);
  const over = ` over ${pg.sizes.requests.toLocaleString('en')} requests`;
  latencyOnly('figures_community', 'p95', 100, over);
  latencyOnly('figures_city', 'p95', 100, over);
  share('open311', 0.05);
  latencyOnly('dashboard_city', 'p95', 100, over);
  targets.push({ what: 'server peak RSS (VmHWM of the whole run, logins included)', goal: '< 300 MB', measured: `${pg.serverPeakRssMb} MB`, met: pg.serverPeakRssMb < 300 });
  if (pg.seedSeconds !== undefined) targets.push({ what: 'seed:city of the city', goal: '< 300 s', measured: `${pg.seedSeconds.toFixed(0)} s`, met: pg.seedSeconds < 300 });
  return targets;
}

const fmt = (n: number | undefined) => (n === undefined ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1));

function table(report: BenchReport): string {
  const rows = ['| scenario | backend | req/s | p50 ms | p95 ms | p99 ms | non-2xx / errors | ratio to ceiling | server peak RSS MB |', '|---|---|--:|--:|--:|--:|--:|--:|--:|'];
  for (const b of report.backends) {
    const c = b.ceilings;
    rows.push(`| framework ceiling (bare Fastify, constant JSON) | ${b.backend} | ${fmt(c.framework.rps)} | ${fmt(c.framework.latencyMs.p50)} | ${fmt(c.framework.latencyMs.p95)} | ${fmt(c.framework.latencyMs.p99)} | ${c.framework.non2xx} / ${c.framework.errors} | 1 | – |`);
    if (c.database) rows.push(`| database ceiling: the filing transaction (request + timeline + idempotency record) through pg, no app triggers | ${b.backend} | ${fmt(c.database.rps)} | ${fmt(c.database.latencyMs.p50)} | ${fmt(c.database.latencyMs.p95)} | ${fmt(c.database.latencyMs.p99)} | 0 / ${c.database.errors} | 1 | – |`);
    if (c.database && c.databaseWithTriggers) {
      const cost = Math.round((1 - c.databaseWithTriggers.rps / c.database.rps) * 100);
      rows.push(`| the same transaction with the app's triggers (figures deltas, guards) — they cost ${cost} % | ${b.backend} | ${fmt(c.databaseWithTriggers.rps)} | ${fmt(c.databaseWithTriggers.latencyMs.p50)} | ${fmt(c.databaseWithTriggers.latencyMs.p95)} | ${fmt(c.databaseWithTriggers.latencyMs.p99)} | 0 / ${c.databaseWithTriggers.errors} | ${fmt(c.databaseWithTriggers.rps / c.database.rps)} | – |`);
    }
    for (const s of b.scenarios) {
      const r = s.result;
      const non2xx = s.expectedNon2xx ? `${r.non2xx} (${s.expectedNon2xx} expected)` : `${r.non2xx}`;
      rows.push(`| ${s.title}${s.note ? ` — ${s.note}` : ''} | ${b.backend} | ${fmt(r.rps)} | ${fmt(r.latencyMs.p50)} | ${fmt(r.latencyMs.p95)} | ${fmt(r.latencyMs.p99)} | ${non2xx} / ${r.errors + r.timeouts} | ${s.ratio === undefined ? '–' : `${(s.ratio * 100).toFixed(0)} % of ${s.ceiling}`} | ${s.server.peakRssMb} |`);
    }
  }
  return rows.join('\n');
}

export function renderMarkdown(report: BenchReport, resultFile: string): string {
  const m = report.machine;
  const lines = [
    `### Run of ${report.date}`,
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.ramGb} GB RAM; Node ${m.node}; ${m.postgres ? `PostgreSQL ${m.postgres}; ` : ''}PGlite ${m.pglite}. Load average at the start: ${m.loadAverage}.`,
    `Concurrency ${report.options.concurrency} connections, ${report.options.duration} s measured after ${report.options.warmup} s of warm-up per scenario${report.options.clients && report.options.clients > 1 ? `; the framework ceiling and the read scenarios driven from ${report.options.clients} load processes (the connections split between them), the writes from one` : ''}.`,
    ...report.backends.map((b) => `- **${b.backend}**: ${b.sizes.households.toLocaleString('en')} households, ${b.sizes.requests.toLocaleString('en')} requests${b.seedSeconds ? `, generated in ${b.seedSeconds.toFixed(0)} s` : ''}${b.poolSize ? `, server pool ${b.poolSize}` : ''}.`),
    report.note ? `\n${report.note}` : '',
    '',
    table(report),
    '',
    '| target (PostgreSQL) | goal | measured | |',
    '|---|---|---|---|',
    ...report.targets.map((t) => `| ${t.what} | ${t.goal} | ${t.measured} | ${t.met ? 'met' : '**missed**'} |`),
    ...report.backends.filter((b) => b.profile).map((b) => `\nCPU profile of the ${b.backend} server during "${b.profile!.scenario}" (self time): ${b.profile!.top.map((t) => `${t.fn} ${t.selfPct}%`).join(', ')}.`),
    '',
    `Raw results: \`${resultFile}\`.`,
  ];
  return lines.join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Writes the JSON and replaces the generated block of docs/PERFORMANCE.md (the prose around it stays). */
export function writeReport(report: BenchReport, backendLabel: string, updateDoc = true): { json: string; markdown: string } {
  mkdirSync(`${root}bench/results`, { recursive: true });
  const json = `bench/results/${report.date.slice(0, 10)}-${backendLabel}.json`;
  writeFileSync(`${root}${json}`, `${JSON.stringify(report, null, 2)}\n`);
  if (!updateDoc) return { json, markdown: '(not updated)' };
  const doc = `${root}docs/PERFORMANCE.md`;
  const block = `${START}\n${renderMarkdown(report, json)}\n${END}`;
  const current = existsSync(doc) ? readFileSync(doc, 'utf8') : `# Performance\n\n${START}\n${END}\n`;
  const next = current.includes(START) && current.includes(END)
    ? current.slice(0, current.indexOf(START)) + block + current.slice(current.indexOf(END) + END.length)
    : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(doc, next);
  return { json, markdown: 'docs/PERFORMANCE.md' };
}
