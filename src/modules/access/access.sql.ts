import { inArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { ScopeType } from '../accounts/accounts.schema.js';
import type { ScopeFilter } from './access.policy.js';

export type ScopeColumns = Partial<Record<Exclude<ScopeType, 'platform'>, Column | SQL>>;

/**
 * Turns a scope filter into a WHERE condition over the given columns. A scope type whose column
 * the table lacks contributes nothing, so a grant that cannot reach this table grants nothing.
 * No grant at all yields FALSE: an empty list, never everything.
 */
export function scopeCondition(filter: ScopeFilter, columns: ScopeColumns): SQL {
  if (filter.all) return sql`true`;
  const parts: SQL[] = [];
  for (const [type, ids] of Object.entries(filter.ids) as [keyof ScopeColumns, number[]][]) {
    const column = columns[type];
    if (!column || ids.length === 0) continue;
    parts.push(inArray(column as Column, ids));
  }
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0]! : or(...parts)!;
}
