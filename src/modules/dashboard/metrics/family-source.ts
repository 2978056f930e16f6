import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/client.js';
import { readFigureDays, readFigures, type FiguresContributor } from '../../../kernel/figures.js';
import { dashboardLevels, idArray, type CalendarDef, type Counters, type DashboardLevel, type MetricSource, type SourceQuery, type SourceRow } from './types.js';

/*
 * A source over one kernel figures family (src/kernel/figures.ts): `read` sums its cells plus
 * the pending deltas (`readFigures`), `recount` sums the family's own recount SQL over the facts.
 * Every module that declares a family gets its dashboard source from this one function.
 */

/** The column of a community row that names the area of each level (compound: the recount's own). */
const communityColumn: Record<Exclude<DashboardLevel, 'compound'>, string> = {
  city: 'city_id', district: 'district_id', street: 'street_id', community: 'id',
};

function monthBounds(q: Pick<SourceQuery, 'from' | 'to'>) {
  return { from: `${q.from}-01`, to: `${q.to}-01` };
}

/** Folds rows of (area, month, dim, counter, n) into SourceRows; with dims, `counter:dim` too. */
export function foldRows(rows: Iterable<{ areaId: number; month: string | null; dim: string | null; counter: string; n: number }>, withDims: boolean): SourceRow[] {
  const out = new Map<string, SourceRow>();
  for (const r of rows) {
    const key = `${r.areaId}|${r.month ?? ''}`;
    let row = out.get(key);
    if (!row) out.set(key, (row = { areaId: r.areaId, month: r.month, counters: {} }));
    const c: Counters = row.counters;
    c[r.counter] = (c[r.counter] ?? 0) + r.n;
    if (withDims && r.dim) c[`${r.counter}:${r.dim}`] = (c[`${r.counter}:${r.dim}`] ?? 0) + r.n;
  }
  return [...out.values()];
}

export interface FamilySourceOptions {
  id?: string;
  module: string;
  /** Also keep `counter:dim` counters (small dimensions only: meeting types, ledger kinds). */
  dims?: boolean;
  levels?: readonly DashboardLevel[];
  dimLabels?: MetricSource['dimLabels'];
  /**
   * A snapshot: the family's whole history summed (counters kept as +1/−1, like registered
   * members), so the window does not apply and the answer is the count now.
   */
  snapshot?: boolean;
}

export function familySource(family: FiguresContributor, opts: FamilySourceOptions): MetricSource {
  const withDims = opts.dims ?? false;
  const snapshot = opts.snapshot ?? false;
  return {
    id: opts.id ?? family.family,
    module: opts.module,
    levels: opts.levels ?? dashboardLevels,
    windowed: !snapshot,
    freshness: snapshot
      ? 'live snapshot: the family\'s all-time cells plus the deltas not yet folded, exact at each read'
      : 'live: the family\'s cells plus the deltas not yet folded, exact at each read',
    dimLabels: opts.dimLabels,
    async read(db, q) {
      if (q.areaIds.length === 0) return [];
      const by: ('area' | 'dim' | 'month')[] = ['area'];
      if (withDims) by.push('dim');
      if (q.byMonth && !snapshot) by.push('month');
      const rows = await readFigures(db, snapshot
        ? { family: family.family, level: q.level, areaIds: q.areaIds, by }
        : { family: family.family, level: q.level, areaIds: q.areaIds, from: q.from, to: q.to, by });
      return foldRows(rows.map((r) => ({ areaId: r.areaId!, month: r.month, dim: r.dim, counter: r.counter, n: r.n })), withDims);
    },
    async recount(db, q) {
      if (q.areaIds.length === 0) return [];
      const ids = idArray(q.areaIds);
      const communities = q.level === 'compound'
        ? await queryRows<{ id: number }>(db, sql`select distinct community_id as id from compounds where id = any(${ids}::bigint[])`)
        : await queryRows<{ id: number }>(db, sql`select id from communities where ${sql.raw(communityColumn[q.level])} = any(${ids}::bigint[])`);
      if (communities.length === 0) return [];
      const area = q.level === 'compound' ? sql`r.compound_id` : sql`cm.${sql.raw(communityColumn[q.level])}`;
      const { from, to } = monthBounds(q);
      const rows = await queryRows<{ area_id: number; month: string | null; dim: string; counter: string; n: number }>(db, sql`
        select ${area} as area_id, ${q.byMonth && !snapshot ? sql`to_char(r.day, 'YYYY-MM')` : sql`null::text`} as month, r.dim::text as dim, r.counter::text as counter, sum(r.n)::bigint as n
        from (${family.recount(communities.map((c) => Number(c.id)))}) r join communities cm on cm.id = r.community_id
        where ${area} = any(${ids}::bigint[]) ${snapshot ? sql`` : sql`and r.day >= ${from}::date and r.day < (${to}::date + interval '1 month')`}
        group by 1, 2, 3, 4`);
      return foldRows(rows.map((r) => ({ areaId: Number(r.area_id), month: r.month, dim: r.dim, counter: r.counter, n: Number(r.n) })), withDims)
        .map((r) => ({ ...r, counters: Object.fromEntries(Object.entries(r.counters).filter(([, n]) => n !== 0)) }));
    },
  };
}

/** A calendar over a `daily` counter of a kernel family (not kept for compounds). */
export function familyCalendar(family: FiguresContributor, counter: string, def: Pick<CalendarDef, 'id' | 'module' | 'name'>): CalendarDef {
  if (!family.daily?.includes(counter)) throw new Error(`${family.family}.${counter} is not kept per day`);
  return {
    ...def,
    levels: ['city', 'district', 'street', 'community'],
    read: (db, q) => readFigureDays(db, { family: family.family, level: q.level, areaId: q.areaId, counter, from: q.from, to: q.to }),
  };
}
