import { requestStates } from '../../shared/request-states.js';
import { bucketTiers, emptyCounters, overflowBucket, type Counters } from './figures.math.js';

/*
 * The roll-up SQL, generated from one list of counter definitions so the trigger (migration
 * 0002+), rebuildRollups and verifyRollups all say exactly the same thing. Every statement reads
 * "signed rows" (sign = +1 for a row that now counts, −1 for one that no longer does) and adds the
 * grouped sums to the roll-up tables; the same statement serves INSERT, UPDATE, DELETE and a
 * rebuild. Changing a definition means a new custom migration with `triggerFunctionSql()`.
 */

const filed = (r: string) => `${r}.state NOT IN ('merged','cancelled')`;

/** [column, condition over request row alias r]: each counter sums 1 per matching request. */
export const counterDefs: readonly (readonly [string, (r: string) => string])[] = [
  ['total', () => 'true'],
  ...requestStates.map((s) => [`state_${s}`, (r: string) => `${r}.state = '${s}'`] as const),
  ['filed', filed],
  ['breached', (r) => `${filed(r)} AND (${r}.respond_breached_at IS NOT NULL OR ${r}.resolve_breached_at IS NOT NULL)`],
  ['respond_breached', (r) => `${filed(r)} AND ${r}.respond_breached_at IS NOT NULL`],
  ['resolve_breached', (r) => `${filed(r)} AND ${r}.resolve_breached_at IS NOT NULL`],
  ['respond_due', (r) => `${filed(r)} AND (${r}.accepted_at IS NOT NULL OR ${r}.respond_breached_at IS NOT NULL)`],
  ['respond_on_time', (r) => `${filed(r)} AND ${r}.accepted_at IS NOT NULL AND ${r}.respond_breached_at IS NULL AND ${r}.accepted_at <= ${r}.respond_due_at`],
  ['solved', (r) => `${filed(r)} AND ${r}.state IN ('resolved','closed')`],
  ...[1, 2, 3, 4, 5].map((k) => [`rated_${k}`, (r: string) => `${filed(r)} AND ${r}.rating = ${k}`] as const),
  ...[1, 2, 3, 4, 5].map((k) => [`closed_rated_${k}`, (r: string) => `${filed(r)} AND ${r}.state = 'closed' AND ${r}.rating = ${k}`] as const),
];
export const counterColumnNames = counterDefs.map(([c]) => c);

/** Columns of service_requests that change a figure; an UPDATE touching none of them costs nothing. */
export const watchedColumns = [
  'community_id', 'city_id', 'district_id', 'street_id', 'category_id', 'assignee_company_id', 'state', 'created_at',
  'accepted_at', 'resolved_at', 'respond_due_at', 'respond_breached_at', 'resolve_breached_at', 'rating',
] as const;

/** Area-level counter rows are spread over this many shards (by request id) so no row is hot. */
export const areaShards = 8;

/** Month of a request: calendar month of created_at in China Standard Time. */
export const monthSql = (r: string) => `date_trunc('month', ${r}.created_at AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * Duration histograms also keep one row per bucket for all months together (month = this
 * date), so a whole-history figure reads ~2,000 rows instead of months × buckets. Readers of a
 * window must exclude it (`month > allTimeMonth`).
 */
export const allTimeMonth = '1900-01-01';

const minutesSql = (from: string, to: string) => `greatest(0, floor(extract(epoch FROM (${to} - ${from})) / 60))::int`;

/** SQL twin of figures.math `bucketOf`. */
export function bucketFunctionSql(): string {
  const cases = bucketTiers.map((t) => `WHEN m < ${t.below} THEN m - (m % ${t.width})`).join(' ');
  return `CREATE OR REPLACE FUNCTION figures_bucket(m integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE ${cases} ELSE ${overflowBucket} END
$$`;
}

const areasOf = (x: string) => `(VALUES ('city', ${x}.city_id), ('district', ${x}.district_id), ('company', ${x}.assignee_company_id))`;
const sums = () => counterColumnNames.map((c) => `sum(v.${c})::int AS ${c}`).join(', ');
export const nonZero = (g: string) => counterColumnNames.map((c) => `${g}.${c} <> 0`).join(' OR ');
const addColumns = () => counterColumnNames.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ');

/** Names of the four roll-up tables; verifyRollups recounts into temporary twins. */
export interface RollupTables {
  communityCounts: string;
  communityDurations: string;
  areaCounts: string;
  areaDurations: string;
}
export const rollupTables: RollupTables = {
  communityCounts: 'figures_community_counts',
  communityDurations: 'figures_community_durations',
  areaCounts: 'figures_area_counts',
  areaDurations: 'figures_area_durations',
};

export interface RollupTargets {
  /** Write the community-level tables (tenant rows). */
  community: boolean;
  /** Write the area-level tables; an optional extra condition on (a.level, a.area_id). */
  area: boolean;
  areaFilter?: string;
  tables?: RollupTables;
}

/** CTEs: s = signed rows, v = each row's signed counter vector, d = its signed duration buckets. */
function signedCtes(source: string): string[] {
  const vector = counterDefs.map(([c, cond]) => `CASE WHEN ${cond('s')} THEN s.sign ELSE 0 END AS ${c}`).join(', ');
  const keys = 's.id, s.community_id, s.city_id, s.district_id, s.street_id, s.assignee_company_id, c.cat';
  const cat = 'CROSS JOIN LATERAL (VALUES (s.category_id), (0::bigint)) c(cat)';
  return [
    `s AS (${source})`,
    `v AS (SELECT ${keys}, ${monthSql('s')} AS month, ${vector} FROM s ${cat})`,
    `d AS (SELECT s.sign, ${keys}, p.month, m.metric, figures_bucket(m.minutes) AS bucket
      FROM s ${cat} CROSS JOIN LATERAL (VALUES (${monthSql('s')}), (DATE '${allTimeMonth}')) p(month) CROSS JOIN LATERAL (VALUES
        ('response', CASE WHEN ${filed('s')} AND s.accepted_at IS NOT NULL THEN ${minutesSql('s.created_at', 's.accepted_at')} END),
        ('resolution', CASE WHEN ${filed('s')} AND s.state IN ('resolved','closed') AND s.resolved_at IS NOT NULL THEN ${minutesSql('s.created_at', 's.resolved_at')} END)
      ) m(metric, minutes) WHERE m.minutes IS NOT NULL)`,
  ];
}

/** The SELECTs that turn the `v`/`d` CTEs into rows shaped like each roll-up table (columns in table order). */
function communityCountsSelect(): string {
  return `SELECT g.* FROM (SELECT v.community_id, v.cat AS category_id, v.month, min(v.city_id) AS city_id, min(v.district_id) AS district_id, min(v.street_id) AS street_id, ${sums()}
        FROM v GROUP BY 1, 2, 3) g WHERE ${nonZero('g')}`;
}
function communityDurationsSelect(): string {
  return `SELECT d.community_id, d.cat AS category_id, d.month, d.metric, d.bucket, min(d.street_id) AS street_id, sum(d.sign)::int AS n
      FROM d GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.sign) <> 0`;
}
function areaCountsSelect(areaFilter?: string): string {
  const where = `a.area_id IS NOT NULL${areaFilter ? ` AND (${areaFilter})` : ''}`;
  return `SELECT g.* FROM (SELECT a.level, a.area_id, v.cat AS category_id, v.month, (v.id % ${areaShards})::smallint AS shard, ${sums()}
        FROM v CROSS JOIN LATERAL ${areasOf('v')} a(level, area_id) WHERE ${where} GROUP BY 1, 2, 3, 4, 5) g
      WHERE ${nonZero('g')}`;
}
function areaDurationsSelect(areaFilter?: string): string {
  const where = `a.area_id IS NOT NULL${areaFilter ? ` AND (${areaFilter})` : ''}`;
  return `SELECT a.level, a.area_id, d.cat AS category_id, d.month, d.metric, d.bucket, sum(d.sign)::int AS n
      FROM d CROSS JOIN LATERAL ${areasOf('d')} a(level, area_id) WHERE ${where}
      GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d.sign) <> 0`;
}

function communityWrites(tables: RollupTables): string[] {
  const cols = counterColumnNames.join(', ');
  return [
    `INSERT INTO ${tables.communityCounts} AS t (community_id, category_id, month, city_id, district_id, street_id, ${cols})
      ${communityCountsSelect()} ORDER BY 1, 2, 3
      ON CONFLICT (community_id, category_id, month) DO UPDATE SET ${addColumns()}`,
    `INSERT INTO ${tables.communityDurations} AS t (community_id, category_id, month, metric, bucket, street_id, n)
      ${communityDurationsSelect()} ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (community_id, category_id, month, metric, bucket) DO UPDATE SET n = t.n + excluded.n`,
  ];
}

function areaWrites(tables: RollupTables, areaFilter?: string): string[] {
  const cols = counterColumnNames.join(', ');
  return [
    `INSERT INTO ${tables.areaCounts} AS t (level, area_id, category_id, month, shard, ${cols})
      ${areaCountsSelect(areaFilter)} ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (level, area_id, category_id, month, shard) DO UPDATE SET ${addColumns()}`,
    `INSERT INTO ${tables.areaDurations} AS t (level, area_id, category_id, month, metric, bucket, n)
      ${areaDurationsSelect(areaFilter)} ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (level, area_id, category_id, month, metric, bucket) DO UPDATE SET n = t.n + excluded.n`,
  ];
}

/**
 * One statement that adds the signed rows of `source` (columns: sign, id and the watched
 * columns) to the roll-ups. Each INSERT groups first, so it touches a row once, and orders
 * by key, so concurrent writers lock rows in the same order.
 */
export function applySignedRowsSql(source: string, targets: RollupTargets = { community: true, area: true }, opts: { countRows?: boolean } = {}): string {
  const tables = targets.tables ?? rollupTables;
  const writes = [...(targets.community ? communityWrites(tables) : []), ...(targets.area ? areaWrites(tables, targets.areaFilter) : [])];
  // Data-modifying CTEs: every write runs in the one statement, over one snapshot of `s`.
  const last = opts.countRows ? 'SELECT count(*)::int AS n FROM s' : writes.pop()!;
  const named = writes.map((w, i) => `w${i} AS (${w})`);
  return `WITH ${[...signedCtes(source), ...named].join(',\n')}\n${last}`;
}

/*
 * The write path. A request's change does not touch the roll-ups: the statement triggers only
 * INSERT its signed rows into figures_request_deltas (no shared row, so concurrent filings never
 * wait on each other), and the figures fold job adds them to the roll-ups in batches, one process
 * at a time. Readers see roll-ups and pending deltas together (`liveRollupSql`), so every answer
 * is exact at its snapshot however far behind the fold is.
 */
export const deltaTable = 'figures_request_deltas';
const deltaColumns = ['sign', 'request_id', ...watchedColumns].join(', ');
const pendingRows = `SELECT sign, request_id AS id, ${watchedColumns.join(', ')} FROM ${deltaTable}`;

/** Folds up to `batch` pending deltas (oldest first) into the roll-ups; answers how many it folded. */
export function foldDeltasSql(batch: number): string {
  if (!Number.isSafeInteger(batch) || batch < 1) throw new Error(`batch: ${batch}`);
  const source = `DELETE FROM ${deltaTable} WHERE seq IN (SELECT seq FROM ${deltaTable} ORDER BY seq LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING sign, request_id AS id, ${watchedColumns.join(', ')}`;
  return applySignedRowsSql(source, { community: true, area: true }, { countRows: true });
}

const liveSelects: Record<keyof RollupTables, () => string> = {
  communityCounts: communityCountsSelect,
  communityDurations: communityDurationsSelect,
  areaCounts: () => areaCountsSelect(),
  areaDurations: () => areaDurationsSelect(),
};

/**
 * A roll-up table as readers must see it: its rows plus the pending deltas' contributions, in
 * the table's columns (a FROM item: `FROM ${liveRollupSql('communityCounts')} t`).
 */
export function liveRollupSql(table: keyof RollupTables, tables: RollupTables = rollupTables): string {
  return `(SELECT ${rollupColumns[table]} FROM ${tables[table]} UNION ALL (WITH ${signedCtes(pendingRows).join(',\n')} ${liveSelects[table]()}))`;
}

/** Each roll-up table's columns, in the order the SELECTs above produce them. */
const rollupColumns: Record<keyof RollupTables, string> = {
  communityCounts: `community_id, category_id, month, city_id, district_id, street_id, ${counterColumnNames.join(', ')}`,
  communityDurations: 'community_id, category_id, month, metric, bucket, street_id, n',
  areaCounts: `level, area_id, category_id, month, shard, ${counterColumnNames.join(', ')}`,
  areaDurations: 'level, area_id, category_id, month, metric, bucket, n',
};

/** The keys of each roll-up table (a grouped live read sums the rest). */
export const rollupKeys: Record<keyof RollupTables, string> = {
  communityCounts: 'community_id, category_id, month',
  communityDurations: 'community_id, category_id, month, metric, bucket',
  areaCounts: 'level, area_id, category_id, month, shard',
  areaDurations: 'level, area_id, category_id, month, metric, bucket',
};

const rowColumns = (r: string) => [`${r}.id`, ...watchedColumns.map((c) => `${r}.${c}`)].join(', ');

/** Signed rows of all requests matching `where` (over alias r): what a rebuild adds. */
export const currentRowsSql = (where = 'true') => `SELECT 1 AS sign, ${rowColumns('r')} FROM service_requests r WHERE ${where}`;

/** The statement trigger functions (one per operation, since each sees different transition tables). */
export function triggerFunctionSql(): string[] {
  const changed = watchedColumns.map((c) => `o.${c} IS DISTINCT FROM n.${c}`).join(' OR ');
  const sources = {
    insert: `SELECT 1 AS sign, ${rowColumns('n')} FROM figures_new n`,
    delete: `SELECT -1 AS sign, ${rowColumns('o')} FROM figures_old o`,
    update: `SELECT -1 AS sign, ${rowColumns('o')} FROM figures_old o JOIN figures_new n ON n.id = o.id WHERE ${changed}
      UNION ALL SELECT 1 AS sign, ${rowColumns('n')} FROM figures_new n JOIN figures_old o ON o.id = n.id WHERE ${changed}`,
  };
  return Object.entries(sources).map(([op, source]) => `CREATE OR REPLACE FUNCTION figures_on_request_${op}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO ${deltaTable} (${deltaColumns}) ${source};
  RETURN NULL;
END
$fn$`);
}

/** Statement-level triggers with transition tables: a bulk INSERT … SELECT is rolled up set-based. */
export function triggerSql(): string[] {
  return [
    `CREATE TRIGGER figures_rollup_insert AFTER INSERT ON service_requests REFERENCING NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_on_request_insert()`,
    `CREATE TRIGGER figures_rollup_update AFTER UPDATE ON service_requests REFERENCING OLD TABLE AS figures_old NEW TABLE AS figures_new FOR EACH STATEMENT EXECUTE FUNCTION figures_on_request_update()`,
    `CREATE TRIGGER figures_rollup_delete AFTER DELETE ON service_requests REFERENCING OLD TABLE AS figures_old FOR EACH STATEMENT EXECUTE FUNCTION figures_on_request_delete()`,
  ];
}

export const rollupTriggerNames = ['figures_rollup_insert', 'figures_rollup_update', 'figures_rollup_delete'] as const;

/** The body of the custom migration that installs the roll-up functions and triggers. */
const statements = (list: string[]) => list.join(';\n--> statement-breakpoint\n') + ';\n';

/** The first trigger migration (0004): functions and triggers. */
export function migrationSql(): string {
  return statements([bucketFunctionSql(), ...triggerFunctionSql(), ...triggerSql()]);
}

/**
 * A later migration that changes the definitions: replaces the functions (the triggers stay)
 * and recounts every roll-up from service_requests with the new definitions.
 */
export function redefinitionMigrationSql(): string {
  const tables = Object.values(rollupTables);
  return statements([bucketFunctionSql(), ...triggerFunctionSql(), `TRUNCATE ${tables.join(', ')}`, applySignedRowsSql(currentRowsSql())]);
}

/** Sums of the counter columns, as SQL select items (`sum(col)::bigint AS col`). */
export const counterSumsSql = (t: string) => counterColumnNames.map((c) => `coalesce(sum(${t}.${c}), 0)::bigint AS ${c}`).join(', ');

/** A row of counter sums (snake_case, numbers or numeric strings) as Counters. */
export function countersFromRow(row: Record<string, unknown>): Counters {
  const c = emptyCounters();
  const n = (k: string) => Number(row[k] ?? 0);
  c.total = n('total');
  for (const s of requestStates) c.byState[s] = n(`state_${s}`);
  c.filed = n('filed');
  c.breached = n('breached');
  c.respondBreached = n('respond_breached');
  c.resolveBreached = n('resolve_breached');
  c.respondDue = n('respond_due');
  c.respondOnTime = n('respond_on_time');
  c.solved = n('solved');
  c.rated = [1, 2, 3, 4, 5].map((k) => n(`rated_${k}`));
  c.closedRated = [1, 2, 3, 4, 5].map((k) => n(`closed_rated_${k}`));
  return c;
}

/*
 * A full (or per-city) rebuild, set-based and in layers: only the finest rows are counted from
 * service_requests (per community and per assignee company, by category and month); the
 * all-categories rows, the all-time histogram rows and the city and district rows are then sums
 * of those. Counting every request once per layer instead of once per target row is what takes
 * a 1 M-request city from minutes to seconds. The result equals the signed-rows path
 * (verifyRollups checks it against a recount in the tests).
 */
export interface RebuildScope {
  /** Communities whose community rows are rebuilt (null: all). */
  communities: string | null;
  /** Cities whose city, district and company rows are rebuilt (null: all). */
  cities: string | null;
}

const countFilters = (r: string) => counterDefs.map(([c, cond]) => `count(*) FILTER (WHERE ${cond(r)})::int AS ${c}`).join(', ');
const sumCounters = (t: string) => counterColumnNames.map((c) => `sum(${t}.${c})::int`).join(', ');
/**
 * Each request's durations as rows (metric, minutes) beside the columns asked for: one filtered
 * scan per metric, UNION ALL. A LATERAL VALUES per request did the same with a rescan per row,
 * a third slower on the 1 M-request city.
 */
const durationRows = (columns: string, where: string) => [
  ['response', `${filed('r')} AND r.accepted_at IS NOT NULL`, minutesSql('r.created_at', 'r.accepted_at')],
  ['resolution', `${filed('r')} AND r.state IN ('resolved','closed') AND r.resolved_at IS NOT NULL`, minutesSql('r.created_at', 'r.resolved_at')],
].map(([metric, condition, minutes]) => `SELECT ${columns}, '${metric}'::text AS metric, ${minutes} AS minutes FROM service_requests r WHERE (${where}) AND ${condition}`).join(' UNION ALL ');

/*
 * A scoped rebuild writes into indexed tables, so each INSERT comes out ORDER BY its table's key:
 * the rows go into the primary-key index in order (appends to its rightmost page). A full rebuild
 * (`ordered: false`) fills emptied tables whose indexes are built afterwards (rebuildRollups), so
 * it skips the sorts. On the 1 M-request city (bench/rebuild-figures.ts): 113 s unordered into
 * indexes, 83 s ordered (session 5), 43 s on session 8's machine; then 30–32 s with the indexes
 * built after and the durations read by one scan per metric. About 8 M histogram rows for 1 M
 * requests are most of it.
 */
export function rebuildStatementsSql(scope: RebuildScope, opts: { ordered?: boolean } = {}): string[] {
  const cols = counterColumnNames.join(', ');
  const inCommunities = (col: string) => (scope.communities ? `${col} IN (${scope.communities})` : 'true');
  const inCities = (col: string) => (scope.cities ? `${col} IN (${scope.cities})` : 'true');
  const companies = scope.cities ? `(SELECT id FROM property_companies WHERE city_id IN (${scope.cities}))` : null;
  const inCompanies = (col: string) => (companies ? `${col} IN ${companies}` : `${col} IS NOT NULL`);
  const month = monthSql('r');
  // Into indexed tables the rows go in key order; into tables whose indexes are built afterwards, any order.
  const orderBy = (keys: string) => (opts.ordered === false ? '' : ` ORDER BY ${keys}`);
  return [
    // 1. Counts per community, category and month, from the requests.
    `INSERT INTO figures_community_counts (community_id, category_id, month, city_id, district_id, street_id, ${cols})
      SELECT r.community_id, r.category_id, ${month}, min(r.city_id), min(r.district_id), min(r.street_id), ${countFilters('r')}
      FROM service_requests r WHERE ${inCommunities('r.community_id')} GROUP BY 1, 2, 3${orderBy('1, 2, 3')}`,
    // 2. … all categories (0), summed from 1.
    `INSERT INTO figures_community_counts (community_id, category_id, month, city_id, district_id, street_id, ${cols})
      SELECT t.community_id, 0, t.month, min(t.city_id), min(t.district_id), min(t.street_id), ${sumCounters('t')}
      FROM figures_community_counts t WHERE t.category_id <> 0 AND ${inCommunities('t.community_id')} GROUP BY t.community_id, t.month${orderBy('1, 3')}`,
    // 3. Durations per community, category, month, metric and bucket, from the requests.
    `INSERT INTO figures_community_durations (community_id, category_id, month, metric, bucket, street_id, n)
      SELECT m.community_id, m.category_id, m.month, m.metric, figures_bucket(m.minutes), min(m.street_id), count(*)::int
      FROM (${durationRows(`r.community_id, r.category_id, ${month} AS month, r.street_id`, inCommunities('r.community_id'))}) m
      GROUP BY 1, 2, 3, 4, 5${orderBy('1, 2, 3, 4, 5')}`,
    // 4. … all categories, and 5. the all-time rows, summed from the months.
    `INSERT INTO figures_community_durations (community_id, category_id, month, metric, bucket, street_id, n)
      SELECT t.community_id, 0, t.month, t.metric, t.bucket, min(t.street_id), sum(t.n)::int
      FROM figures_community_durations t WHERE t.category_id <> 0 AND ${inCommunities('t.community_id')} GROUP BY t.community_id, t.month, t.metric, t.bucket${orderBy('1, 3, 4, 5')}`,
    `INSERT INTO figures_community_durations (community_id, category_id, month, metric, bucket, street_id, n)
      SELECT t.community_id, t.category_id, DATE '${allTimeMonth}', t.metric, t.bucket, min(t.street_id), sum(t.n)::int
      FROM figures_community_durations t WHERE ${inCommunities('t.community_id')} GROUP BY t.community_id, t.category_id, t.metric, t.bucket${orderBy('1, 2, 4, 5')}`,
    // 6. City and district counts: sums of the community rows (every community of the cities).
    `INSERT INTO figures_area_counts (level, area_id, category_id, month, shard, ${cols})
      SELECT 'city', t.city_id, t.category_id, t.month, 0, ${sumCounters('t')} FROM figures_community_counts t WHERE ${inCities('t.city_id')} GROUP BY t.city_id, t.category_id, t.month
      UNION ALL
      SELECT 'district', t.district_id, t.category_id, t.month, 0, ${sumCounters('t')} FROM figures_community_counts t WHERE ${inCities('t.city_id')} GROUP BY t.district_id, t.category_id, t.month
     ${orderBy('1, 2, 3, 4')}`,
    // 7. District durations: sums of the community histograms; then the city's, summed from its
    // districts' rows (a few hundred thousand) rather than again from every community row.
    `INSERT INTO figures_area_durations (level, area_id, category_id, month, metric, bucket, n)
      SELECT 'district', c.district_id, t.category_id, t.month, t.metric, t.bucket, sum(t.n)::int
      FROM figures_community_durations t JOIN communities c ON c.id = t.community_id
      WHERE ${inCities('c.city_id')} GROUP BY 2, 3, 4, 5, 6${orderBy('2, 3, 5, 4, 6')}`,
    `INSERT INTO figures_area_durations (level, area_id, category_id, month, metric, bucket, n)
      SELECT 'city', d.city_id, t.category_id, t.month, t.metric, t.bucket, sum(t.n)::int
      FROM figures_area_durations t JOIN districts d ON d.id = t.area_id
      WHERE t.level = 'district' AND ${inCities('d.city_id')} GROUP BY 2, 3, 4, 5, 6${orderBy('2, 3, 5, 4, 6')}`,
    // 8. Company counts (the requests assigned to it), per category and month, then all categories.
    `INSERT INTO figures_area_counts (level, area_id, category_id, month, shard, ${cols})
      SELECT 'company', r.assignee_company_id, r.category_id, ${month}, 0, ${countFilters('r')}
      FROM service_requests r WHERE ${inCompanies('r.assignee_company_id')} GROUP BY 2, 3, 4${orderBy('2, 3, 4')}`,
    `INSERT INTO figures_area_counts (level, area_id, category_id, month, shard, ${cols})
      SELECT 'company', t.area_id, 0, t.month, 0, ${sumCounters('t')} FROM figures_area_counts t
      WHERE t.level = 'company' AND t.category_id <> 0 AND ${companies ? `t.area_id IN ${companies}` : 'true'} GROUP BY t.area_id, t.month${orderBy('2, 4')}`,
    // 9. Company durations per category and month, then all categories, then all time.
    `INSERT INTO figures_area_durations (level, area_id, category_id, month, metric, bucket, n)
      SELECT 'company', m.assignee_company_id, m.category_id, m.month, m.metric, figures_bucket(m.minutes), count(*)::int
      FROM (${durationRows(`r.assignee_company_id, r.category_id, ${month} AS month`, inCompanies('r.assignee_company_id'))}) m
      GROUP BY 2, 3, 4, 5, 6${orderBy('2, 3, 5, 4, 6')}`,
    `INSERT INTO figures_area_durations (level, area_id, category_id, month, metric, bucket, n)
      SELECT 'company', t.area_id, 0, t.month, t.metric, t.bucket, sum(t.n)::int FROM figures_area_durations t
      WHERE t.level = 'company' AND t.category_id <> 0 AND ${companies ? `t.area_id IN ${companies}` : 'true'} GROUP BY t.area_id, t.month, t.metric, t.bucket${orderBy('2, 5, 4, 6')}`,
    `INSERT INTO figures_area_durations (level, area_id, category_id, month, metric, bucket, n)
      SELECT 'company', t.area_id, t.category_id, DATE '${allTimeMonth}', t.metric, t.bucket, sum(t.n)::int FROM figures_area_durations t
      WHERE t.level = 'company' AND ${companies ? `t.area_id IN ${companies}` : 'true'} GROUP BY t.area_id, t.category_id, t.metric, t.bucket${orderBy('2, 3, 5, 6')}`,
  ];
}

/**
 * How many requests of one community stand in these states now, from the roll-ups (and pending
 * deltas) — for the queue's totals, instead of counting the queue on every page. An SQL
 * expression, so a caller can put it in its own statement.
 */
export function liveStateCountSql(communityId: number, states: readonly string[]): string {
  if (!Number.isSafeInteger(communityId)) throw new Error(`not an id: ${communityId}`);
  const columns = states.map((s) => {
    if (!(requestStates as readonly string[]).includes(s)) throw new Error(`not a state: ${s}`);
    return `t.state_${s}`;
  });
  return `(SELECT coalesce(sum(${columns.join(' + ') || '0'}), 0)::bigint FROM ${liveRollupSql('communityCounts')} t WHERE t.community_id = ${communityId} AND t.category_id = 0)`;
}
