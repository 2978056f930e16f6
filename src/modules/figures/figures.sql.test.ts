import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getTableColumns } from 'drizzle-orm';
import { figuresAreaCounts, figuresCommunityCounts } from './figures.schema.js';
import { bucketFunctionSql, counterColumnNames, triggerFunctionSql } from './figures.sql.js';

const migrations = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

describe('roll-up SQL', () => {
  it('has one counter column in the tables per counter definition', () => {
    for (const table of [figuresCommunityCounts, figuresAreaCounts]) {
      const names = Object.values(getTableColumns(table)).map((c) => c.name);
      for (const column of counterColumnNames) expect(names).toContain(column);
    }
  });

  it('is what the latest figures migration installed (change the definitions → add a migration)', () => {
    const latest = readdirSync(migrations).filter((f) => /^\d{4}_figures_(triggers|redefine).*\.sql$/.test(f)).sort().at(-1)!;
    const installed = readFileSync(`${migrations}${latest}`, 'utf8');
    for (const statement of [bucketFunctionSql(), ...triggerFunctionSql()]) expect(installed).toContain(statement);
  });
});
