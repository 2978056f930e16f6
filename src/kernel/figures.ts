import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.js';
import { shanghaiDate } from '../shared/shanghai-time.js';
import type { FigureLevel } from './figures.schema.js';

/**
 * The figures-contributor contract (docs/FIGURES.md). A module declares a family of counters,
 * adds signed deltas in the transaction of each write (`recordFigures`), and says how to recount
 * them from its own tables (`recount`), which proves the figures exact and rebuilds them. Readers
 * (the module's own figures, the dashboard, the star rating) call `readFigures` for any level
 * from compound to city. No write ever updates a shared counter row: deltas are inserted, and
 * the fold job sums them into the cells one batch at a time.
 */
export interface FiguresContributor {
  /** `<module>` or `<module>.<what>`: the family name every reader uses. */
  family: string;
  description: string;
  /** Counter name → its definition in words (shown by the dashboard's metric registry). */
  counters: Record<string, string>;
  /** What the dimension of a delta means (a category id, an activity type…); absent = none. */
  dimension?: string;
  /** Counters also kept per day, for calendar heat maps. */
  daily?: readonly string[];
  /** The module's tables the counters come from: a rebuild holds them still (SHARE lock) while it recounts. */
  sourceTables: readonly string[];
  /**
   * A recount from the module's tables: rows (community_id, compound_id, company_id, dim, day, counter, n)
   * — compound_id and company_id 0 when none, dim '' when none, day a date — for the given
   * communities, or all of them (null).
   */
  recount: (communityIds: number[] | null) => SQL;
}

/** One counter change, in the write's transaction. */
export interface FigureDelta {
  communityId: number;
  compoundId?: number | null;
  /** The property company the fact belongs to (requests assigned to it, its compounds' fees). */
  companyId?: number | null;
  dim?: string | number | null;
  /** The day the fact counts on (a Date is taken as its Shanghai calendar day). */
  day: Date | string;
  counter: string;
  delta: number;
}

const ALL_TIME = '1900-01-01';
const dayOf = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : shanghaiDate(d));

/**
 * Adds counter deltas (one INSERT; the community's street, district and city are looked up by
 * the statement itself). Deltas of the same key are summed first; zero sums are dropped.
 */
export async function recordFigures(tx: DbOrTx, contributor: Pick<FiguresContributor, 'family' | 'daily'>, deltas: readonly FigureDelta[]): Promise<void> {
  const daily = new Set(contributor.daily ?? []);
  const sums = new Map<string, { community_id: number; compound_id: number; company_id: number; dim: string; day: string; counter: string; delta: number; daily: boolean }>();
  for (const d of deltas) {
    if (!Number.isSafeInteger(d.delta)) throw new Error(`figures delta must be an integer: ${d.delta}`);
    const row = { community_id: d.communityId, compound_id: d.compoundId ?? 0, company_id: d.companyId ?? 0, dim: d.dim === null || d.dim === undefined ? '' : String(d.dim), day: dayOf(d.day), counter: d.counter, delta: 0, daily: daily.has(d.counter) };
    const key = `${row.community_id}|${row.compound_id}|${row.company_id}|${row.dim}|${row.day}|${row.counter}`;
    const known = sums.get(key) ?? row;
    known.delta += d.delta;
    sums.set(key, known);
  }
  const rows = [...sums.values()].filter((r) => r.delta !== 0);
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into figures_deltas (family, community_id, compound_id, company_id, street_id, district_id, city_id, dim, day, counter, delta, daily)
    select ${contributor.family}, c.id, v.compound_id, v.company_id, c.street_id, c.district_id, c.city_id, v.dim, v.day, v.counter, v.delta, v.daily
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(community_id bigint, compound_id bigint, company_id bigint, dim text, day date, counter text, delta bigint, daily boolean)
    join communities c on c.id = v.community_id`);
}

/** The level → the delta column that holds its area id. */
const deltaColumn: Record<FigureLevel, string> = {
  compound: 'compound_id', community: 'community_id', company: 'company_id', street: 'street_id', district: 'district_id', city: 'city_id',
};

/**
 * Folds up to `batch` deltas (oldest first) into the cells, in one statement; returns how many
 * it folded. The batch's ids are gathered into an array first and deleted by primary key
 * (`= any(array(…))`, an index probe per id whatever the statistics say): with `id in (subquery)`
 * or a join, statistics taken while the table was empty (an ANALYZE after the last fold) led the
 * planner to a nested loop over the whole table — quadratic, 47 min for a second city in one
 * PGlite database. Run by the kernel's `kernel.figures-fold` job; callers may run it too (tests, after
 * a bulk load).
 */
export async function foldFigures(db: DbOrTx, batch = 20_000): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`
    with moved as (
      delete from figures_deltas d
      where d.id = any(array(select id from figures_deltas order by id limit ${batch} for update skip locked))
      returning d.family, d.community_id, d.compound_id, d.company_id, d.street_id, d.district_id, d.city_id, d.dim, d.day, d.counter, d.delta, d.daily
    ), areas as (
      select m.family, a.level, a.area_id, m.city_id, m.dim, m.day, m.counter, m.delta, m.daily
      from moved m cross join lateral (values ('compound', m.compound_id), ('community', m.community_id), ('company', m.company_id),
        ('street', m.street_id), ('district', m.district_id), ('city', m.city_id)) a(level, area_id)
      where a.area_id <> 0
    ), cells as (
      insert into figures_cells as t (family, level, area_id, dim, month, counter, city_id, n)
      select family, level, area_id, dim, p.month, counter, min(city_id), sum(delta)
      from areas cross join lateral (values (date_trunc('month', day)::date), (${ALL_TIME}::date)) p(month)
      group by family, level, area_id, dim, p.month, counter
      order by 1, 2, 3, 4, 5, 6
      on conflict (family, level, area_id, dim, month, counter) do update set n = t.n + excluded.n
      returning 1
    ), days as (
      insert into figures_days as t (family, level, area_id, day, counter, n)
      select family, level, area_id, day, counter, sum(delta) from areas
      where level <> 'compound' and daily
      group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
      on conflict (family, level, area_id, counter, day) do update set n = t.n + excluded.n
      returning 1
    )
    select (select count(*) from moved)::int as n`);
  return row?.n ?? 0;
}

function toTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Folds until nothing is left (tests, after bulk loads). */
export async function foldAllFigures(db: DbOrTx): Promise<number> {
  let total = 0;
  for (let n = -1; n !== 0;) total += n = await foldFigures(db);
  return total;
}

export interface FiguresQuery {
  family: string;
  level: FigureLevel;
  /** The areas of that level to read… */
  areaIds?: readonly number[];
  /** …or every area of that level inside one city (rankings). */
  withinCityId?: number;
  /** Calendar months YYYY-MM, inclusive; both absent = the whole history. */
  from?: string;
  to?: string;
  counters?: readonly string[];
  /** Break the sums down by area, dimension and/or month (otherwise one sum per counter). */
  by?: readonly ('area' | 'dim' | 'month')[];
}

export interface FigureRow {
  areaId: number | null;
  dim: string | null;
  /** YYYY-MM, or null when not broken down by month. */
  month: string | null;
  counter: string;
  n: number;
}

const idArray = (ids: readonly number[]) => {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return `{${ids.join(',')}}`;
};

/** Sums of a family's counters over an area set and a window, exact at the statement's snapshot. */
export async function readFigures(db: DbOrTx, q: FiguresQuery): Promise<FigureRow[]> {
  const by = new Set(q.by ?? []);
  const col = sql.raw(deltaColumn[q.level]);
  const areaCells = q.withinCityId !== undefined ? sql`c.city_id = ${q.withinCityId}` : sql`c.area_id = any(${idArray(q.areaIds ?? [])}::bigint[])`;
  const areaDeltas = q.withinCityId !== undefined ? sql`d.city_id = ${q.withinCityId} and d.${col} <> 0` : sql`d.${col} = any(${idArray(q.areaIds ?? [])}::bigint[])`;
  const counters = q.counters ? sql`and counter = any(${toTextArray(q.counters)}::text[])` : sql``;
  const windowed = q.from !== undefined || q.to !== undefined || by.has('month');
  const fromMonth = q.from ? `${q.from}-01` : '1901-01-01';
  const toMonth = q.to ? `${q.to}-01` : '2200-01-01';
  const cellMonths = windowed ? sql`c.month between ${fromMonth}::date and ${toMonth}::date` : sql`c.month = ${ALL_TIME}::date`;
  const deltaDays = windowed ? sql`d.day >= ${fromMonth}::date and d.day < (${toMonth}::date + interval '1 month')` : sql`true`;
  const groups: SQL[] = [sql`counter`];
  if (by.has('area')) groups.push(sql`area_id`);
  if (by.has('dim')) groups.push(sql`dim`);
  if (by.has('month')) groups.push(sql`month`);
  const rows = await queryRows<{ area_id: number | null; dim: string | null; month: string | Date | null; counter: string; n: number }>(db, sql`
    select ${by.has('area') ? sql`area_id` : sql`null::bigint as area_id`}, ${by.has('dim') ? sql`dim` : sql`null::text as dim`},
      ${by.has('month') ? sql`to_char(month, 'YYYY-MM') as month` : sql`null::text as month`}, counter, sum(n)::bigint as n
    from (
      select c.area_id, c.dim, c.month, c.counter, c.n from figures_cells c
      where c.family = ${q.family} and c.level = ${q.level} and ${areaCells} and ${cellMonths} ${counters}
      union all
      select d.${col}, d.dim, date_trunc('month', d.day)::date, d.counter, d.delta from figures_deltas d
      where d.family = ${q.family} and ${areaDeltas} and ${deltaDays} ${counters}
    ) x group by ${sql.join(groups, sql`, `)}`);
  return rows.map((r) => ({ areaId: r.area_id === null ? null : Number(r.area_id), dim: r.dim, month: r.month === null ? null : String(r.month), counter: r.counter, n: Number(r.n) }))
    .filter((r) => r.n !== 0);
}

/** Daily totals of a `daily` counter for calendars: day (YYYY-MM-DD) → n. */
export async function readFigureDays(db: DbOrTx, q: { family: string; level: FigureLevel; areaId: number; counter: string; from: string; to: string }): Promise<Map<string, number>> {
  const col = sql.raw(deltaColumn[q.level]);
  const rows = await queryRows<{ day: string; n: number }>(db, sql`
    select to_char(day, 'YYYY-MM-DD') as day, sum(n)::bigint as n from (
      select day, n from figures_days where family = ${q.family} and level = ${q.level} and area_id = ${q.areaId} and counter = ${q.counter} and day between ${q.from}::date and ${q.to}::date
      union all
      select day, delta from figures_deltas where family = ${q.family} and ${col} = ${q.areaId} and counter = ${q.counter} and day between ${q.from}::date and ${q.to}::date
    ) x group by day`);
  return new Map(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.day, Number(r.n)]));
}

/** Counter → sum, from rows read without a breakdown. */
export function totalsOf(rows: readonly FigureRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.counter] = (out[r.counter] ?? 0) + r.n;
  return out;
}

function recountRows(c: FiguresContributor, communityIds: number[] | null): SQL {
  return sql`select community_id::bigint, compound_id::bigint, company_id::bigint, dim::text, day::date, counter::text, n::bigint from (${c.recount(communityIds)}) r where n <> 0`;
}

/**
 * Recomputes a family for whole cities (or everything) from the module's tables: its source
 * tables are held still (SHARE lock: writers wait) while the cells, days and pending deltas of
 * those cities are replaced by a recount, summed into the cells and days directly.
 */
export async function rebuildFigures(db: DbOrTx, c: FiguresContributor, opts: { cityIds?: number[] } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of c.sourceTables) await tx.execute(sql.raw(`LOCK TABLE ${table} IN SHARE MODE`));
    const cities = opts.cityIds ? sql`and city_id = any(${idArray(opts.cityIds)}::bigint[])` : sql``;
    await tx.execute(sql`delete from figures_deltas where family = ${c.family} ${cities}`);
    await tx.execute(sql`delete from figures_cells where family = ${c.family} ${cities}`);
    const communities = opts.cityIds ? await queryRows<{ id: number }>(tx, sql`select id from communities where city_id = any(${idArray(opts.cityIds)}::bigint[])`) : null;
    const ids = communities ? communities.map((r) => Number(r.id)) : null;
    // figures_days has no city column: its areas are the cities' own communities, streets, districts and the cities.
    await tx.execute(opts.cityIds
      ? sql`delete from figures_days where family = ${c.family} and (
          (level = 'city' and area_id = any(${idArray(opts.cityIds)}::bigint[]))
          or (level = 'district' and area_id in (select id from districts where city_id = any(${idArray(opts.cityIds)}::bigint[])))
          or (level = 'street' and area_id in (select id from streets where city_id = any(${idArray(opts.cityIds)}::bigint[])))
          or (level = 'community' and area_id in (select id from communities where city_id = any(${idArray(opts.cityIds)}::bigint[])))
          or (level = 'company' and area_id in (select id from property_companies where city_id = any(${idArray(opts.cityIds)}::bigint[]))))`
      : sql`delete from figures_days where family = ${c.family}`);
    if (ids && ids.length === 0) return;
    // The recount goes straight into the cells and days, summed per level in one statement each:
    // as deltas for the fold it took 20 min for a generated city (4 M deltas × 12 upserts each,
    // 20,000 at a time); written once, set-based, it takes as long as the recount.
    await tx.execute(sql`drop table if exists figures_rebuild_areas`);
    await tx.execute(sql`
      create temp table figures_rebuild_areas on commit drop as
      select a.level, a.area_id, cm.city_id, r.dim, r.day, r.counter, r.n
      from (${recountRows(c, ids)}) r join communities cm on cm.id = r.community_id
      cross join lateral (values ('compound', r.compound_id), ('community', r.community_id), ('company', r.company_id),
        ('street', cm.street_id), ('district', cm.district_id), ('city', cm.city_id)) a(level, area_id)
      where a.area_id <> 0`);
    await tx.execute(sql`
      insert into figures_cells as t (family, level, area_id, dim, month, counter, city_id, n)
      select ${c.family}, a.level, a.area_id, a.dim, p.month, a.counter, min(a.city_id), sum(a.n)
      from figures_rebuild_areas a cross join lateral (values (date_trunc('month', a.day)::date), (${ALL_TIME}::date)) p(month)
      group by a.level, a.area_id, a.dim, p.month, a.counter
      on conflict (family, level, area_id, dim, month, counter) do update set n = t.n + excluded.n`);
    if ((c.daily ?? []).length > 0) {
      await tx.execute(sql`
        insert into figures_days as t (family, level, area_id, day, counter, n)
        select ${c.family}, a.level, a.area_id, a.day, a.counter, sum(a.n) from figures_rebuild_areas a
        where a.level <> 'compound' and a.counter = any(${toTextArray(c.daily ?? [])}::text[])
        group by a.level, a.area_id, a.day, a.counter
        on conflict (family, level, area_id, counter, day) do update set n = t.n + excluded.n`);
    }
    await tx.execute(sql`drop table figures_rebuild_areas`);
  });
}

/** One figure that differs between the cells and a recount. */
export interface FigureDifference {
  communityId: number;
  dim: string;
  month: string;
  counter: string;
  expected: number;
  actual: number;
}

/**
 * Compares a family's figures with a recount, per community, dimension, month and counter, in
 * one REPEATABLE READ snapshot. An empty answer means the figures are exact.
 */
export async function verifyFigures(db: DbOrTx, c: FiguresContributor, communityIds: number[]): Promise<FigureDifference[]> {
  return db.transaction(async (tx) => {
    if (typeof (db as { rollback?: unknown }).rollback !== 'function') await tx.execute(sql`set transaction isolation level repeatable read`);
    const expected = await queryRows<{ community_id: number; dim: string; month: string; counter: string; n: number }>(tx, sql`
      select community_id, dim, to_char(date_trunc('month', day), 'YYYY-MM') as month, counter, sum(n)::bigint as n
      from (${recountRows(c, communityIds)}) r group by 1, 2, 3, 4`);
    const actual = await readFigures(tx, { family: c.family, level: 'community', areaIds: communityIds, by: ['area', 'dim', 'month'] });
    const key = (communityId: number, dim: string, month: string, counter: string) => `${communityId}|${dim}|${month}|${counter}`;
    const want = new Map(expected.filter((r) => Number(r.n) !== 0).map((r) => [key(Number(r.community_id), r.dim, r.month, r.counter), Number(r.n)]));
    const have = new Map(actual.map((r) => [key(r.areaId!, r.dim!, r.month!, r.counter), r.n]));
    const out: FigureDifference[] = [];
    for (const k of new Set([...want.keys(), ...have.keys()])) {
      const e = want.get(k) ?? 0;
      const a = have.get(k) ?? 0;
      if (e !== a) {
        const [communityId, dim, month, counter] = k.split('|');
        out.push({ communityId: Number(communityId), dim: dim!, month: month!, counter: counter!, expected: e, actual: a });
      }
    }
    return out;
  });
}
