import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';

/**
 * A migrated database for one test file: a fresh in-memory PGlite, or the PostgreSQL server
 * named by DATABASE_URL (shared by all files; tests isolate themselves by building their own
 * city/community with the factories, never by truncating). On PGlite, `loadDataDir` starts it
 * from a dumped cluster (test/demo.ts) — already migrated, so the migration finds nothing to do.
 */
export async function openTestDatabase(opts: { loadDataDir?: Blob } = {}): Promise<Database> {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 20, loadDataDir: opts.loadDataDir });
  await migrateDatabase(database);
  return database;
}
