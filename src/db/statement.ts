import type { SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';

type Rendered = ReturnType<PgDialect['sqlToQuery']>;

/** Statement names are unique per process: each renderedOnce has one text for its whole life. */
let statementCount = 0;

/**
 * A raw statement rendered to text ONCE and run with named values (`sql.placeholder(name)`, or a
 * value encoded by its column: `sql.param(sql.placeholder(name), column)`), as a NAMED prepared
 * statement on PostgreSQL: each pooled connection parses and plans it once. Rendering a large
 * drizzle SQL tree walks every chunk with `is()` checks: for the filing's one-statement write it
 * cost 0.7 ms of server CPU per filing. Planning it afresh cost PostgreSQL more: with the
 * statements unnamed, parse + bind (planning) of filing's two statements were 1.2 ms of the
 * backend's ~2.3 ms per filing (log_min_duration_statement on the bench, 2026-12-04) — the
 * context's ten joins 0.67 ms of planning for 0.06 ms of execution. The rows come back exactly as
 * from `db.execute` (drizzle's own session, both drivers; PGlite ignores the name).
 */
export function renderedOnce<V extends Record<string, unknown>>(build: () => SQL): <T>(db: DbOrTx, values: V) => Promise<T[]> {
  let rendered: Rendered | undefined;
  const name = `gz_once_${++statementCount}`;
  return async <T>(db: DbOrTx, values: V): Promise<T[]> => {
    // drizzle keeps the dialect and session on the database object, public in JS, marked internal in its types.
    const internal = db as unknown as { dialect: PgDialect; session: PgSession };
    rendered ??= internal.dialect.sqlToQuery(build());
    const result = await internal.session.prepareQuery(rendered, undefined, name, false).execute(values);
    return (result as unknown as { rows: T[] }).rows;
  };
}
