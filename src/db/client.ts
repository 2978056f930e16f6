import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';

/*
 * No schema object is handed to Drizzle: the app uses the SQL-like API only (no relational
 * `db.query`), and the tables belong to the modules (src/modules/index.ts lists them).
 */
type Schema = Record<string, never>;
/** The one database seam every module uses: the same Drizzle API on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Service functions accept either, so a caller can compose them into its own transaction. */
export type DbOrTx = Db | Tx;

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Raw access for LISTEN/NOTIFY and benchmarks; undefined on PGlite. */
  pool?: pg.Pool;
  pglite?: PGlite;
  close(): Promise<void>;
}

// Works from src/db (tsx, tests) and from dist/db (production build): both are two levels deep.
const migrationsFolder = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));

export interface OpenOptions {
  /** postgres://… ; when absent an embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite directory; undefined = in memory (tests). */
  dataDir?: string;
  /** PGlite only: start from this cluster (a `dumpDataDir` tarball) instead of an empty one. */
  loadDataDir?: Blob;
  poolSize?: number;
}

// node-postgres returns bigint (int8) as string; our ids are safe integers, and counts too.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric as number (areas, money in yuan with 2 decimals are within double precision).
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = drizzleNodePg(pool) as unknown as Db;
    return { db, kind: 'postgres', pool, close: () => pool.end() };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
  const db = drizzlePglite(pglite) as unknown as Db;
  return { db, kind: 'pglite', pglite, close: () => pglite.close() };
}

/**
 * Applies the committed migrations. On PostgreSQL several app processes may start at once, so
 * the migration runs under an advisory lock on one dedicated connection.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(4242001)');
    await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(4242001)').catch(() => undefined);
    client.release();
  }
}

/** Rows of a raw SQL statement, on either driver. */
export async function queryRows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
