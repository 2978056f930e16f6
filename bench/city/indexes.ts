import type { SqlSession } from './session.js';

/**
 * Bulk loads into a table with a dozen B-trees are dominated by index maintenance: loading into
 * the bare heap and building each index once afterwards (sorted, in bulk) is several times
 * faster. The definitions are parked in a table first, so an interrupted run is repaired by the
 * next one (restoreIndexes runs at the start of every seed).
 */
const META = 'gz_seed_meta';

export async function dropSecondaryIndexes(s: SqlSession, tables: string[]): Promise<number> {
  await s.exec(`create schema if not exists ${META}; create table if not exists ${META}.dropped_index (name text primary key, def text not null)`);
  const rows = await s.query<{ name: string; def: string }>(`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and t.relname = any($1) and not i.indisprimary and not i.indisunique`, [tables]);
  for (const r of rows) {
    await s.query(`insert into ${META}.dropped_index (name, def) values ($1, $2) on conflict do nothing`, [r.name, r.def]);
    await s.exec(`drop index if exists public."${r.name}"`);
  }
  return rows.length;
}

/** Recreates every parked index; returns how many. */
export async function restoreIndexes(s: SqlSession, log?: (name: string) => void): Promise<number> {
  const [exists] = await s.query<{ ok: boolean }>(`select to_regclass('${META}.dropped_index') is not null as ok`);
  if (!exists?.ok) return 0;
  const rows = await s.query<{ name: string; def: string }>(`select name, def from ${META}.dropped_index order by name`);
  for (const r of rows) {
    await s.exec(r.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    await s.query(`delete from ${META}.dropped_index where name = $1`, [r.name]);
    log?.(r.name);
  }
  await s.exec(`drop schema ${META} cascade`);
  return rows.length;
}
