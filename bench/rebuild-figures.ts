import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.js';
import { rebuildFigures, verifyFigures } from '../src/kernel/figures.js';
import { registry } from '../src/kernel/registry.js';
import { rebuildRollups, verifyRollups } from '../src/modules/figures/figures.rollups.js';
import '../src/modules/index.js';

/**
 * `tsx bench/rebuild-figures.ts [--verify] [--families]`: times a full rebuild of the request
 * figures' roll-ups of the database in DATABASE_URL (the issue's target: a 1 M-request city under
 * 30 s), and with --verify checks the result against a recount. With --families it also times the
 * rebuild of every module's figures family (the kernel's cells, what seed:city does per family).
 */
async function main(): Promise<void> {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 2 });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const t0 = Date.now();
    await rebuildRollups(database.db);
    say(`request roll-ups, full rebuild: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (process.argv.includes('--verify')) {
      const t1 = Date.now();
      const differences = await verifyRollups(database.db, { limit: 10 });
      say(`verify: ${differences.length} differences in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    }
    if (process.argv.includes('--families')) {
      let total = 0;
      for (const c of registry().modules.flatMap((m) => m.figures ?? [])) {
        const t = Date.now();
        await rebuildFigures(database.db, c);
        const seconds = (Date.now() - t) / 1000;
        total += seconds;
        say(`family ${c.family}: ${seconds.toFixed(1)} s`);
        if (process.argv.includes('--verify')) {
          const ids = (await queryRows<{ id: number }>(database.db, sql`select id from communities order by id limit 20`)).map((r) => Number(r.id));
          say(`  verify (20 communities): ${(await verifyFigures(database.db, c, ids)).length} differences`);
        }
      }
      say(`families, full rebuild: ${total.toFixed(1)} s`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
