/*
 * A module's part in the city-scale tools: rows for `npm run seed:city` (bench/seed-city.ts) and
 * its hot paths for `npm run bench` (bench/run.ts). Both tools walk the module list, so a module
 * adds its data and scenarios from its own folder.
 */

/** A loading session of the generator: triggers and FK checks are off while it runs (session_replication_role = replica). */
export interface CitySqlSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** One statement; the number of rows it wrote. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

export interface CitySeedContext {
  s: CitySqlSession;
  cityId: number;
  cityCode: string;
  /** Households of the generated city (the size everything else scales with). */
  households: number;
  /** Years of history; the history ends at `end`. */
  years: number;
  end: Date;
  /** Deterministic seed of this city (the same seed gives the same city). */
  seed: number;
  /** The scrypt hash of the bench password, for accounts a module creates (username `${cityCode}-<module>-<n>`). */
  passwordHash: string;
  /** Reserves `n` consecutive ids of a table (rows then use OVERRIDING SYSTEM VALUE) and returns the first. */
  reserveIds(table: string, n: number): Promise<number>;
  log(phase: string, rows?: number): void;
}

/** One load scenario of `npm run bench`. */
export interface BenchScenarioSpec {
  key: string;
  title: string;
  /** What it is compared with: the bare framework, or the database's plain-transaction ceiling. */
  ceiling: 'database' | 'framework';
  /** Sent round-robin. */
  requests: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: unknown }[];
  /** Statuses that are the scenario's expected answers besides 2xx (a claim storm's 409s). */
  expectedStatuses?: number[];
  /** A fresh Idempotency-Key on every request. */
  idempotencyKeys?: boolean;
  note?: string;
}

export interface BenchTools {
  cityId: number;
  cityCode: string;
  /** Read-only SQL against the generated city (before the server starts). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface ModuleScale<F = unknown> {
  /** Adds the module's city-scale rows (set-based SQL); returns row counts by table, for the log. Runs after places and people; on PostgreSQL beside the requests load (bench/city/seed.ts): a module seed that reads requests must say so there. */
  seedCity?: (ctx: CitySeedContext) => Promise<Record<string, number>>;
  /** Facts the scenarios need, read from the database before the server starts (PGlite admits one process). */
  benchFacts?: (tools: BenchTools) => Promise<F>;
  /** The scenarios; `login` returns the headers (cookie and CSRF) of a generated account's session. */
  benchScenarios?: (facts: F, login: (username: string) => Promise<Record<string, string>>) => Promise<BenchScenarioSpec[]>;
}

/** Keeps the facts' type between a module's two bench functions; the manifest holds it erased. */
export function defineScale<F>(scale: ModuleScale<F>): ModuleScale {
  return scale as unknown as ModuleScale;
}
