import { z } from 'zod';
import { limits } from '../shared/limits.js';

/*
 * The zod primitives every DTO is built from, so that a whole class of bad input is refused at
 * the edge with a 400 — whichever module forgets to think about it. PostgreSQL rejects what
 * JavaScript happily accepts: NUL in text (22021), lone UTF-16 surrogates (22021), dates
 * outside its calendar or year 0 (22007/22008), integers beyond int4/int8 (22003). These
 * primitives refuse all of them before a query is built. Numbers in query strings and path
 * parameters are coerced; in JSON bodies they must be numbers.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Control characters other than tab, newline and carriage return (NUL among them). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Is this text storable and printable: no NUL or other control characters, no lone surrogate? */
export function isCleanText(s: string): boolean {
  return !CONTROL.test(s) && !LONE_SURROGATE.test(s);
}

/** Text (newlines allowed), trimmed, within length bounds, without NUL, control characters or broken UTF-16. */
export function text(opts: { max: number; min?: number }) {
  let s = z.string().trim();
  if (opts.min !== undefined) s = s.min(opts.min);
  return s.max(opts.max).refine(isCleanText, 'contains a control character or an unpaired surrogate');
}

/** One-line text (names, titles): newlines and tabs refused too. */
export function line(opts: { max: number; min?: number }) {
  return text(opts).refine((v) => !/[\r\n\t]/.test(v), 'must be one line');
}

/** Search text of a list's `q` parameter. */
export const searchText = text({ max: limits.searchMax });

/** Largest id PostgreSQL's bigint and JavaScript's number both hold exactly. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;
export const INT4_MAX = 2_147_483_647;

/** A record id in a JSON body. */
export const bodyId = z.number().int().positive().max(MAX_ID);
/** A record id in a path or query string. */
export const queryId = z.coerce.number().int().positive().max(MAX_ID);
/** An int4 column's value in a JSON body. */
export const int32 = z.number().int().min(-INT4_MAX - 1).max(INT4_MAX);
/** A non-negative int4 in a JSON body (counts, quantities, points). */
export const count32 = z.number().int().min(0).max(INT4_MAX);
/** Money in fen (integer hundredths of a yuan): within int8 and exact in JavaScript. */
export const fen = z.number().int().min(-MAX_ID).max(MAX_ID);

/** `/:id` of every route about one record. */
export const idParam = z.object({ id: queryId.describe('Record id') });

const YEAR_MIN = 1900;
const YEAR_MAX = 2200;

function isRealDay(y: number, m: number, d: number): boolean {
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/** A calendar day YYYY-MM-DD that exists (no 2026-02-30), between 1900 and 2200. */
export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((v) => {
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  return y >= YEAR_MIN && y <= YEAR_MAX && isRealDay(y, m, d);
}, `not a calendar day between ${YEAR_MIN} and ${YEAR_MAX}`);

/** A calendar month YYYY-MM between 1900 and 2200. */
export const calendarMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM').refine((v) => {
  const y = Number(v.slice(0, 4));
  return y >= YEAR_MIN && y <= YEAR_MAX;
}, `not a month between ${YEAR_MIN} and ${YEAR_MAX}`);

/** An instant in ISO 8601 with an offset (2026-01-13T09:00:00+08:00), between 1900 and 2200, on a real day. */
export const dateTime = z.iso.datetime({ offset: true }).refine((v) => {
  const [y, m, d] = v.slice(0, 10).split('-').map(Number) as [number, number, number];
  const t = Date.parse(v);
  return Number.isFinite(t) && y >= YEAR_MIN && y <= YEAR_MAX && isRealDay(y, m, d);
}, `not a time between ${YEAR_MIN} and ${YEAR_MAX}`);

/** `true`/`false` in a query string. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Query fields every paginated list accepts. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault).describe('Rows per page'),
};

/** A comma list of enum values in a query string (`state=open,claimed`). */
export function csvEnum<T extends readonly [string, ...string[]]>(values: T) {
  return z.string().max(1000).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).max(values.length * 2));
}

/** A page of items with the exact total. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Rows matching the filter, over all pages'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
