import { resolve } from 'node:path';
import { z } from 'zod';

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
  /** scrypt cost exponent (N = 2^cost); tests lower it, production keeps the default. */
  PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(15),
  STORAGE_DIR: z.string().optional(),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Disable the SLA sweeper in this process (e.g. a read-only replica worker). */
  SLA_SWEEP: z.enum(['0', '1']).default('1'),
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
  passwordCost: number;
  dbPoolSize: number;
  slaSweep: boolean;
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
    passwordCost: e.PASSWORD_COST,
    dbPoolSize: e.DB_POOL_SIZE,
    slaSweep: e.SLA_SWEEP === '1',
  };
}
