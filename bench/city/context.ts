import type { SqlSession } from './session.js';

/** Sizes and knobs of one generated city. */
export interface CityOptions {
  households: number;
  requests: number;
  years: number;
  seed: number;
  communities: number;
  compounds: number;
  /** Property companies (each serves a region of neighbouring compounds). */
  companies: number;
  cityCode: string;
  cityName: string;
  /** The generated history ends here (requests still open at this instant stay open). */
  end: Date;
  /** Password of every generated account; hashed once. */
  password: string;
  passwordCost: number;
  /**
   * The modules whose rows and figures are generated besides places, people and requests
   * (default: every module with scale hooks). A test of one module's rows seeds only that
   * module: the whole set costs a minute per city on PGlite (288,000 bills for 12,000 households).
   */
  modules?: readonly string[];
}

/** What every phase needs: the session, the options, the staging schema and the reserved ids. */
export interface SeedContext {
  s: SqlSession;
  /** A second loading session for statements that can run beside the first (PostgreSQL only). */
  s2?: SqlSession;
  opts: CityOptions;
  /** Schema holding this run's helper functions and unlogged staging tables; dropped at the end. */
  stage: string;
  cityId: number;
  log: (phase: string, rows?: number) => void;
  /** First id of each reserved block, by table. */
  base: Record<string, number>;
}

/**
 * Reserves a contiguous block of `n` identity values of `table` and returns the first. Rows are
 * then written with OVERRIDING SYSTEM VALUE and arithmetic ids (household i = base + i), which
 * lets every set-based INSERT compute its foreign keys without joins. The table lock makes the
 * nextval/setval pair atomic against concurrent inserters (e.g. tests sharing the database).
 */
export async function reserveIds(s: SqlSession, table: string, n: number): Promise<number> {
  if (n <= 0) return 0;
  await s.exec('begin');
  try {
    await s.exec(`lock table ${table} in share row exclusive mode`);
    const [row] = await s.query<{ v: string | number }>(`select nextval(pg_get_serial_sequence('${table}', 'id')) as v`);
    const first = Number(row!.v);
    await s.query(`select setval(pg_get_serial_sequence('${table}', 'id'), ${first + n - 1})`);
    await s.exec('commit');
    return first;
  } catch (err) {
    await s.exec('rollback');
    throw err;
  }
}

/** A text[] literal for SQL, from strings we wrote ourselves (no quotes inside). */
export function textArray(items: readonly string[]): string {
  return `array[${items.map((t) => `'${t.replace(/'/g, "''")}'`).join(',')}]::text[]`;
}
