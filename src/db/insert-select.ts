import { getTableColumns, is, Placeholder, sql, SQL, type Table } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * A value for each column written: a plain value (encoded as drizzle's insert would), a
 * placeholder (encoded by the column when the statement runs: src/db/statement.ts) or an SQL
 * expression. Any column, generated ones too.
 */
type ValueOf<T extends Table> = { [K in keyof T['$inferSelect']]?: T['$inferSelect'][K] | SQL | Placeholder };

/**
 * `INSERT INTO t (columns) [OVERRIDING SYSTEM VALUE] SELECT values FROM from`, with the columns
 * named by the table's property names as in `db.insert(t).values(...)`. For writes composed into
 * one statement (data-modifying CTEs): the SELECT form lets a row depend on an earlier CTE — and
 * be skipped when that CTE returned nothing. Plain values are encoded by their column and cast to
 * its type, because PostgreSQL types the parameters of a SELECT list as text.
 */
export function insertSelectSql<T extends Table>(table: T, values: ValueOf<T>, from: SQL, opts: { overridingSystemValue?: boolean } = {}): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const names: SQL[] = [];
  const exprs: SQL[] = [];
  for (const [key, value] of Object.entries(values)) {
    const column = columns[key];
    if (!column) throw new Error(`${key} is not a column of the table`);
    if (value === undefined) continue;
    names.push(sql`${sql.identifier(column.name)}`);
    const type = sql.raw(column.getSQLType());
    if (is(value, SQL)) exprs.push(value);
    else if (value === null) exprs.push(sql`null::${type}`);
    // A placeholder's value may be null when the statement runs: the column's encoder is not asked about it.
    else if (is(value, Placeholder)) exprs.push(sql`${sql.param(value, { mapToDriverValue: (v: unknown) => (v === null ? null : column.mapToDriverValue(v)) })}::${type}`);
    else exprs.push(sql`${sql.param(value, column)}::${type}`);
  }
  return sql`insert into ${table} (${sql.join(names, sql`, `)})${opts.overridingSystemValue ? sql` overriding system value` : sql``} select ${sql.join(exprs, sql`, `)} from ${from}`;
}

/**
 * A row as a driver returned it (column names, the driver's values — e.g. from `RETURNING *` of
 * a raw statement) in the shape drizzle gives for the table: property names and mapped values.
 */
export function rowFromDriver<T extends Table>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table) as Record<string, PgColumn>)) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}
