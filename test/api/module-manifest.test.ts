import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/kernel/registry.js';

/*
 * drizzle-kit reads tables from the `*.schema.ts` files (drizzle.config.ts); the app, the
 * tenancy and append-only tests read them from the module manifests. The two must agree, or a
 * table would be migrated but unknown to the modules — or the reverse.
 */
const root = join(import.meta.dirname, '../../src');

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return schemaFiles(path);
    return e.name.endsWith('.schema.ts') ? [path] : [];
  });
}

const tableNames = (exports: Record<string, unknown>) => Object.values(exports).filter((v) => is(v, PgTable)).map((t) => getTableName(t as PgTable));

describe('module manifests', () => {
  it('declare exactly the tables of the schema files drizzle-kit reads', async () => {
    const fromFiles = new Map<string, string>();
    for (const file of [...schemaFiles(join(root, 'kernel')), ...schemaFiles(join(root, 'modules'))]) {
      for (const name of tableNames(await import(file) as Record<string, unknown>)) fromFiles.set(name, relative(root, file));
    }
    const fromManifests = new Map<string, string>();
    for (const m of registry().modules) {
      for (const name of tableNames(m.tables ?? {})) {
        expect(fromManifests.has(name), `${name} declared by ${fromManifests.get(name)} and ${m.id}`).toBe(false);
        fromManifests.set(name, m.id);
      }
    }
    expect([...fromFiles.keys()].filter((n) => !fromManifests.has(n)).map((n) => `${n} (${fromFiles.get(n)})`), 'tables no manifest declares').toEqual([]);
    expect([...fromManifests.keys()].filter((n) => !fromFiles.has(n)), 'manifest tables outside *.schema.ts files').toEqual([]);
  });

  it('list append-only tables that are among their own tables', () => {
    for (const m of registry().modules) {
      const own = new Set(tableNames(m.tables ?? {}));
      for (const t of m.appendOnly ?? []) expect(own.has(t), `${m.id} lists ${t} as append-only`).toBe(true);
    }
  });
});
