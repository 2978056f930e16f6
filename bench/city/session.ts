import type { Database } from '../../src/db/client.js';

/**
 * One database session for the generator. Set-based loading needs session state that a pool
 * would lose between statements (session_replication_role, work_mem), so PostgreSQL gets
 * dedicated connections; PGlite is a single session anyway.
 */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** One statement; returns the number of rows it wrote. */
  run(sql: string, params?: unknown[]): Promise<number>;
  release(): Promise<void>;
}

/** Settings of a bulk-loading session: triggers and FK checks off, generous sort memory. */
const loadSettings = [
  // Disables user triggers (figures roll-ups, append-only guards) and FK checks for this session
  // only: the generator writes consistent rows by construction and rebuilds roll-ups at the end.
  "set session_replication_role = 'replica'",
  "set work_mem = '128MB'",
].join(';');

/** GZ_SEED_TRACE=1 prints every statement with its duration (to find the slow one). */
async function traced<T>(sql: string, run: () => Promise<T>): Promise<T> {
  if (!process.env.GZ_SEED_TRACE) return run();
  const t0 = Date.now();
  const result = await run();
  process.stderr.write(`  ${Date.now() - t0} ms  ${sql.trim().replace(/\s+/g, ' ').slice(0, 140)}\n`);
  return result;
}

export async function openSession(database: Database, opts: { bulk?: boolean } = {}): Promise<SqlSession> {
  let session: SqlSession;
  if (database.kind === 'postgres') {
    const client = await database.pool!.connect();
    session = {
      exec: async (sql) => { await traced(sql, () => client.query(sql)); },
      query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
      run: async (sql, params) => (await traced(sql, () => client.query(sql, params))).rowCount ?? 0,
      release: async () => {
        // The connection returns to the pool: put the session back as we found it.
        await client.query('reset all').catch(() => undefined);
        client.release();
      },
    };
    // JIT would compile the generator's large expressions for every statement: seconds of
    // compilation for statements that run in milliseconds at small sizes.
    if (opts.bulk) await session.exec(`${loadSettings}; set jit = off; set synchronous_commit = off; set maintenance_work_mem = '256MB'`);
  } else {
    const pglite = database.pglite!;
    session = {
      exec: async (sql) => { await pglite.exec(sql); },
      query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
      run: async (sql, params) => (await pglite.query(sql, params)).affectedRows ?? 0,
      release: async () => { await pglite.exec('reset all'); },
    };
    if (opts.bulk) await session.exec(loadSettings);
  }
  return session;
}
