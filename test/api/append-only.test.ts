import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/client.js';
import { registry } from '../../src/kernel/registry.js';
import { openTestDatabase } from '../db.js';

/*
 * Every table a manifest lists as append-only refuses UPDATE, DELETE and TRUNCATE in the
 * database itself, on whichever backend the suite runs (PGlite, or PostgreSQL with DATABASE_URL).
 * Each attempt runs in a transaction that is rolled back, so a broken guard cannot wipe data.
 */
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

class Rollback extends Error {}

/** Runs a statement in a transaction that never commits; returns the SQLSTATE it failed with, or null. */
async function attempt(statement: string): Promise<string | null> {
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(statement));
      throw new Rollback();
    });
  } catch (err) {
    if (err instanceof Rollback) return null;
    let e: unknown = err;
    while (e && typeof (e as { code?: unknown }).code !== 'string') e = (e as { cause?: unknown }).cause;
    return (e as { code?: string } | undefined)?.code ?? 'unknown';
  }
  return null;
}

describe('append-only tables', () => {
  const tables = () => registry().appendOnlyTables;

  it('are declared by the manifests and exist', async () => {
    expect(tables().length).toBeGreaterThanOrEqual(2);
    const rows = await queryRows<{ table_name: string }>(database.db, sql`select table_name from information_schema.tables where table_schema = 'public'`);
    const existing = new Set(rows.map((r) => r.table_name));
    expect(tables().filter((t) => !existing.has(t))).toEqual([]);
  });

  it('refuse UPDATE, DELETE and TRUNCATE (SQLSTATE P0001)', async () => {
    for (const table of tables()) {
      const [column] = await queryRows<{ column_name: string }>(database.db, sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} and is_identity = 'NO' and is_generated = 'NEVER' order by ordinal_position limit 1`);
      expect.soft(await attempt(`update ${table} set ${column!.column_name} = ${column!.column_name}`), `UPDATE ${table}`).toBe('P0001');
      expect.soft(await attempt(`delete from ${table}`), `DELETE ${table}`).toBe('P0001');
      expect.soft(await attempt(`truncate ${table} cascade`), `TRUNCATE ${table}`).toBe('P0001');
    }
  });
});
