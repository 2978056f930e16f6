import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import {
  applySignedRowsSql, counterColumnNames, currentRowsSql, foldDeltasSql, liveRollupSql, nonZero, rebuildStatementsSql, rollupKeys, rollupTables, rollupTriggerNames,
  type RollupTables,
} from './figures.sql.js';

/*
 * Set-based maintenance of the roll-ups: a full or partial rebuild (after a bulk load that ran
 * with the triggers off, or to repair), and a verification against a full recount. Both read
 * the same signed-row SQL the triggers use (figures.sql.ts).
 */

function idList(ids: number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return ids.length === 0 ? 'NULL' : ids.join(', ');
}

/** The area rows a set of cities owns: the cities, their districts, their property companies. */
function areaFilterOfCities(cities: string, a = 'a.'): string {
  return `(${a}level = 'city' AND ${a}area_id IN (${cities}))
    OR (${a}level = 'district' AND ${a}area_id IN (SELECT id FROM districts WHERE city_id IN (${cities})))
    OR (${a}level = 'company' AND ${a}area_id IN (SELECT id FROM property_companies WHERE city_id IN (${cities})))`;
}

/** Where the community rows of `communityIds` and the area rows of their cities live, per table. */
function scopeWhere(communityIds: number[] | undefined) {
  if (!communityIds) return { community: 'true', area: 'true', cities: undefined };
  const ids = idList(communityIds);
  const cities = `SELECT city_id FROM communities WHERE id IN (${ids})`;
  return { community: `community_id IN (${ids})`, area: areaFilterOfCities(cities, ''), cities };
}

/** One fold or rebuild at a time: a rebuild must not race a fold that would add its batch on top of the recount. */
const FOLD_LOCK = 4242101;

/**
 * Recomputes the roll-ups from service_requests, set-based, in layers (rebuildStatementsSql).
 * Without `communityIds` everything is rebuilt; with them, their community rows and the area rows
 * (city, districts, companies) of their cities. Writers to service_requests wait for the rebuild
 * (SHARE lock) and so does the fold (its lock); pending deltas are folded first, inside the same
 * transaction, so the rows left outside the scope are complete too.
 */
export async function rebuildRollups(db: DbOrTx, opts: { communityIds?: number[] } = {}): Promise<void> {
  const scope = scopeWhere(opts.communityIds);
  await db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE service_requests IN SHARE MODE`);
    await tx.execute(sql`select pg_advisory_xact_lock(${FOLD_LOCK})`);
    await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
    await tx.execute(sql`SET LOCAL maintenance_work_mem = '512MB'`);
    // Compiling these one-off statements costs more than it saves (~150 ms each, measured).
    await tx.execute(sql`SET LOCAL jit = off`);
    for (let n = -1; n !== 0;) n = Number((await queryRows<{ n: number }>(tx, sql.raw(foldDeltasSql(20_000))))[0]?.n ?? 0);
    if (scope.cities) {
      await tx.execute(sql.raw(`DELETE FROM figures_community_counts WHERE ${scope.community}`));
      await tx.execute(sql.raw(`DELETE FROM figures_community_durations WHERE ${scope.community}`));
      await tx.execute(sql.raw(`DELETE FROM figures_area_counts WHERE ${scope.area}`));
      await tx.execute(sql.raw(`DELETE FROM figures_area_durations WHERE ${scope.area}`));
    }
    const ids = opts.communityIds ? opts.communityIds.join(', ') || 'NULL' : null;
    const runAll = async (statements: string[]) => {
      for (const statement of statements) await traced(statement, () => tx.execute(sql.raw(statement)));
    };
    if (scope.cities) {
      await runAll(rebuildStatementsSql({ communities: ids, cities: scope.cities }));
    } else {
      // Everything goes: TRUNCATE instead of deleting millions of rows one by one, and the
      // indexes built once over the new rows instead of maintained row by row (43 s → see
      // PERFORMANCE.md for the 1 M-request city).
      await tx.execute(sql.raw(`TRUNCATE ${Object.values(rollupTables).join(', ')}`));
      await withIndexesBuiltAfter(tx, Object.values(rollupTables), () => runAll(rebuildStatementsSql({ communities: null, cities: null }, { ordered: false })));
    }
    // Fresh statistics, or the planner guesses one row per scope after a bulk load.
    if (!scope.cities) for (const table of Object.values(rollupTables)) await tx.execute(sql.raw(`ANALYZE ${table}`));
  });
}

async function traced<T>(statement: string, run: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await run();
  if (process.env.GZ_FIGURES_TRACE) process.stderr.write(`  ${Date.now() - t0} ms  ${statement.trim().replace(/\s+/g, ' ').slice(0, 110)}\n`);
  return result;
}

/**
 * Runs `fill` with the tables' indexes (primary keys included) dropped, then builds them again
 * from their own definitions — in the caller's transaction, so a failure leaves them as they were.
 * For filling emptied tables: one sorted build per index instead of millions of insertions.
 */
async function withIndexesBuiltAfter(tx: DbOrTx, tables: string[], fill: () => Promise<void>): Promise<void> {
  const names = tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ');
  const constraints = await queryRows<{ table_name: string; name: string; definition: string }>(tx, sql.raw(`
    SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c WHERE c.conrelid IN (SELECT oid FROM pg_class WHERE relname IN (${names}) AND relnamespace = current_schema()::regnamespace)
      AND c.contype IN ('p', 'u')`));
  const indexes = await queryRows<{ name: string; definition: string }>(tx, sql.raw(`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${names})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`));
  for (const c of constraints) await tx.execute(sql.raw(`ALTER TABLE ${c.table_name} DROP CONSTRAINT ${quoteIdent(c.name)}`));
  for (const i of indexes) await tx.execute(sql.raw(`DROP INDEX ${quoteIdent(i.name)}`));
  await fill();
  for (const c of constraints) {
    const statement = `ALTER TABLE ${c.table_name} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`;
    await traced(statement, () => tx.execute(sql.raw(statement)));
  }
  for (const i of indexes) await traced(i.definition, () => tx.execute(sql.raw(i.definition)));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function isTransaction(db: DbOrTx): boolean {
  return typeof (db as { rollback?: unknown }).rollback === 'function';
}

/** One row that differs between the roll-ups and a full recount. */
export interface RollupDifference {
  table: string;
  /** missing: the recount has it, the roll-up does not (or differently); unexpected: the reverse. */
  kind: 'missing' | 'unexpected';
  row: Record<string, unknown>;
}

const expectedTables: RollupTables = {
  communityCounts: 'figures_expected_community_counts',
  communityDurations: 'figures_expected_community_durations',
  areaCounts: 'figures_expected_area_counts',
  areaDurations: 'figures_expected_area_durations',
};

/**
 * Recounts service_requests into temporary tables and compares them with the roll-ups, in one
 * REPEATABLE READ snapshot (so concurrent writers cannot produce false differences). Rows whose
 * counts are all zero are ignored: the triggers leave them behind when counts return to zero.
 * An empty answer means the roll-ups are exact. Scoped like rebuildRollups.
 */
export async function verifyRollups(db: DbOrTx, opts: { communityIds?: number[]; limit?: number } = {}): Promise<RollupDifference[]> {
  const scope = scopeWhere(opts.communityIds);
  const limit = opts.limit ?? 100;
  return db.transaction(async (tx) => {
    // Inside a caller's transaction (a savepoint) the caller's snapshot rules apply.
    if (!isTransaction(db)) await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
    for (const key of Object.keys(rollupTables) as (keyof RollupTables)[]) {
      await tx.execute(sql.raw(`CREATE TEMP TABLE ${expectedTables[key]} (LIKE ${rollupTables[key]} INCLUDING ALL) ON COMMIT DROP`));
    }
    const source = scope.cities
      ? currentRowsSql(`r.city_id IN (${scope.cities}) OR r.assignee_company_id IN (SELECT id FROM property_companies WHERE city_id IN (${scope.cities}))`)
      : currentRowsSql();
    await tx.execute(sql.raw(applySignedRowsSql(source, { community: true, area: true, tables: expectedTables })));
    const differences: RollupDifference[] = [];
    const checks: [keyof RollupTables, string, string][] = [
      ['communityCounts', scope.community, nonZero('t')],
      ['communityDurations', scope.community, 't.n <> 0'],
      ['areaCounts', scope.area, nonZero('t')],
      ['areaDurations', scope.area, 't.n <> 0'],
    ];
    for (const [key, where, live] of checks) {
      // What readers see: the roll-ups with the pending deltas, summed per key.
      const summed = key === 'communityCounts' || key === 'areaCounts'
        ? counterColumnNames.map((c) => `sum(${c})::int AS ${c}`).join(', ') : 'sum(n)::int AS n';
      const extra = key === 'communityCounts' ? ', min(city_id) AS city_id, min(district_id) AS district_id, min(street_id) AS street_id'
        : key === 'communityDurations' ? ', min(street_id) AS street_id' : '';
      // Area counts are compared summed over their shards: which shard holds a count is no figure
      // (the fold spreads by request id, a rebuild writes shard 0).
      const keys = key === 'areaCounts' ? 'level, area_id, category_id, month' : rollupKeys[key];
      const shard = key === 'areaCounts' ? ', 0::smallint AS shard' : '';
      const columns = (await queryRows<{ column_name: string }>(tx, sql`SELECT column_name FROM information_schema.columns WHERE table_name = ${expectedTables[key]} ORDER BY ordinal_position`)).map((r) => r.column_name).join(', ');
      const grouped = (from: string) => `SELECT ${keys}${shard}${extra}, ${summed} FROM ${from} g GROUP BY ${keys}`;
      const actual = `SELECT ${columns} FROM (${grouped(liveRollupSql(key))}) t WHERE (${where}) AND (${live})`;
      const expected = `SELECT ${columns} FROM (${grouped(expectedTables[key])}) t WHERE (${where})`;
      const missing = await queryRows<Record<string, unknown>>(tx, sql.raw(`(${expected}) EXCEPT (${actual}) LIMIT ${limit}`));
      const unexpected = await queryRows<Record<string, unknown>>(tx, sql.raw(`(${actual}) EXCEPT (${expected}) LIMIT ${limit}`));
      differences.push(...missing.map((row) => ({ table: rollupTables[key], kind: 'missing' as const, row })));
      differences.push(...unexpected.map((row) => ({ table: rollupTables[key], kind: 'unexpected' as const, row })));
    }
    return differences;
  });
}

/**
 * Turns the roll-up triggers off or on for every session (needs table ownership). For a bulk
 * load: disable, load, `rebuildRollups`, enable — while disabled, live writes are not counted.
 * A superuser loader may instead run `SET session_replication_role = replica` in its own session.
 */
export async function setRollupTriggersEnabled(db: DbOrTx, enabled: boolean): Promise<void> {
  for (const name of rollupTriggerNames) {
    await db.execute(sql.raw(`ALTER TABLE service_requests ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER ${name}`));
  }
}

/**
 * Folds pending request deltas into the roll-ups, a batch at a time, until none are left; answers
 * how many it folded. The figures fold job runs it every second; a claim on the job's row keeps
 * one process at it at a time, and SKIP LOCKED lets a second caller fold other rows meanwhile.
 */
export async function foldRequestDeltas(db: DbOrTx, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${FOLD_LOCK})`);
      const [row] = await queryRows<{ n: number }>(tx, sql.raw(foldDeltasSql(batch)));
      return Number(row?.n ?? 0);
    });
    total += n;
    if (n < batch) return total;
  }
}
