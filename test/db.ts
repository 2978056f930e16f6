import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';

/**
 * A migrated database for one test file: a fresh in-memory PGlite, or the PostgreSQL server
 * named by DATABASE_URL (shared by all files; tests isolate themselves by building their own
 * city/community with the factories, never by truncating).
 */
export async function openTestDatabase(): Promise<Database> {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 20 });
  await migrateDatabase(database);
  return database;
}
