import { resolve } from 'node:path';
import { z } from 'zod';
import type { JobSelection } from '../kernel/jobs.js';
import type { WriteLimits } from '../kernel/rate-limit.js';
import { PASSWORD_COST_FLOOR } from '../modules/accounts/password.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  GONGZHI_DEMO: z.enum(['0', '1']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when the app is served over HTTPS (directly or behind a TLS proxy): cookies get Secure. */
  COOKIE_SECURE: z.enum(['0', '1']).optional(),
  TRUST_PROXY: z.enum(['0', '1']).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** scrypt cost exponent (N = 2^cost): 17 (OWASP's minimum) by default and as a floor. */
  PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(PASSWORD_COST_FLOOR),
  /** Tests and benchmarks only: allows PASSWORD_COST under the floor (hashing is deliberately slow). */
  GONGZHI_ALLOW_WEAK_PASSWORD_COST: z.enum(['0', '1']).optional(),
  /** A session unused this long ends (besides the SESSION_TTL_HOURS cap). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  STORAGE_DIR: z.string().optional(),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Background jobs this process runs: all (default), none, or job names separated by commas. */
  JOBS: z.string().default('all'),
  /** Deprecated: SLA_SWEEP=0 leaves out the SLA sweep (same as JOBS without requests.sla-sweep). */
  SLA_SWEEP: z.enum(['0', '1']).default('1'),
  /** Writes per minute allowed per account, per client IP and per Open311 api key (0 turns the limits off). */
  WRITE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(0).default(120),
  WRITE_LIMIT_PER_IP: z.coerce.number().int().min(0).default(1200),
  WRITE_LIMIT_PER_API_KEY: z.coerce.number().int().min(0).default(600),
  /**
   * How long a process trusts a session it has looked up (logout and role changes drop it at once),
   * and a resident's filing context (requests.file-context.ts). 0 = always look up.
   */
  SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  /** How long each process keeps a rendered Open311 request search (0 = not at all). */
  OPEN311_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(10),
  /** How long each process keeps a dashboard overview it computed, per account and node (0 = not at all). */
  DASHBOARD_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(5),
  /**
   * How long each process keeps request figures it computed, per unit and window (0 = not at all).
   * A request's live event drops its city's figures at once; this is the bound for a lost event.
   */
  FIGURES_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(10),
  /**
   * How long each process keeps a queue page or a request detail as the database answered it (0 =
   * not at all). A request's live event drops its community's entries at once; this bounds only
   * renames no request event announces (a category, compound, company or person).
   */
  REQUESTS_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(10),
  /** How often an open live stream re-checks its session. */
  LIVE_RECHECK_SECONDS: z.coerce.number().positive().max(3600).default(30),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  storageDir: string;
  loadDemo: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  cookieSecure: boolean;
  trustProxy: boolean;
  sessionTtlHours: number;
  sessionIdleMinutes: number;
  passwordCost: number;
  dbPoolSize: number;
  jobs: JobSelection;
  liveRecheckSeconds: number;
  sessionCacheSeconds: number;
  open311CacheSeconds: number;
  dashboardCacheSeconds: number;
  figuresCacheSeconds: number;
  requestsCacheSeconds: number;
  /** null: writes are not rate-limited. */
  writeLimits: WriteLimits | null;
}

/** Reads configuration from the environment (and `--demo` on the command line). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): AppConfig {
  const e = envSchema.parse(env);
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    storageDir: resolve(e.STORAGE_DIR ?? `${dataDir}/uploads`),
    // Embedded: the demo city loads on first start. Server: only when asked, never by surprise.
    loadDemo: e.DATABASE_URL ? e.GONGZHI_DEMO === '1' || argv.includes('--demo') : e.GONGZHI_DEMO !== '0',
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === '1',
    trustProxy: e.TRUST_PROXY === '1',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    passwordCost: passwordCost(e.PASSWORD_COST, e.GONGZHI_ALLOW_WEAK_PASSWORD_COST === '1'),
    dbPoolSize: e.DB_POOL_SIZE,
    jobs: jobSelection(e.JOBS, e.SLA_SWEEP === '0'),
    liveRecheckSeconds: e.LIVE_RECHECK_SECONDS,
    sessionCacheSeconds: e.SESSION_CACHE_SECONDS,
    open311CacheSeconds: e.OPEN311_CACHE_SECONDS,
    dashboardCacheSeconds: e.DASHBOARD_CACHE_SECONDS,
    figuresCacheSeconds: e.FIGURES_CACHE_SECONDS,
    requestsCacheSeconds: e.REQUESTS_CACHE_SECONDS,
    writeLimits: e.WRITE_LIMIT_PER_ACCOUNT === 0 ? null : { perAccount: e.WRITE_LIMIT_PER_ACCOUNT, perIp: e.WRITE_LIMIT_PER_IP || Number.MAX_SAFE_INTEGER, perApiKey: e.WRITE_LIMIT_PER_API_KEY || Number.MAX_SAFE_INTEGER },
  };
}

/** `JOBS=all|none|a,b` → the selection; SLA_SWEEP=0 (the old switch) turns 'all' into "all but the SLA sweep". */
function jobSelection(text: string, withoutSlaSweep: boolean): JobSelection {
  const value = text.trim();
  if (value === 'none') return 'none';
  if (value === 'all' || value === '') return withoutSlaSweep ? { except: ['requests.sla-sweep'] } : 'all';
  return value.split(',').map((n) => n.trim()).filter(Boolean);
}

/** The configured scrypt cost, refused under the floor unless explicitly allowed (tests, benchmarks). */
function passwordCost(cost: number, allowWeak: boolean): number {
  if (cost < PASSWORD_COST_FLOOR && !allowWeak) {
    throw new Error(`PASSWORD_COST ${cost} is under the floor ${PASSWORD_COST_FLOOR} (OWASP's scrypt minimum); only tests may go lower, with GONGZHI_ALLOW_WEAK_PASSWORD_COST=1`);
  }
  return cost;
}
