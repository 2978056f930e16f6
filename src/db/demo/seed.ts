import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client.js';
import { cities } from '../../modules/places/places.schema.js';
import type { DemoContext } from '../../kernel/demo.js';
import { registry } from '../../kernel/registry.js';
import type { Clock } from '../../server/clock.js';
import { Random } from './random.js';
import { demoAccountList, seedAccounts } from './seed-accounts.js';
import { seedPlaces } from './seed-places.js';

export async function isDemoLoaded(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: cities.id }).from(cities).where(eq(cities.code, 'kaifeng'));
  return !!row;
}

/**
 * Loads the demo city once, in one transaction. Several app processes (or test files) may start
 * at once on one PostgreSQL: an advisory lock lets one load while the others wait, then find it
 * loaded. A database that already has the demo is left alone.
 */
export async function loadDemo(db: Db, clock: Clock, opts: { passwordCost: number; seed?: number }): Promise<{ loaded: boolean; accounts: readonly { username: string; description: string }[] }> {
  const loaded = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(4242002)`);
    // The seeders take the Db seam; inside the transaction they get the transaction itself.
    const txDb = tx as unknown as Db;
    if (await isDemoLoaded(txDb)) return false;
    const rng = new Random(opts.seed ?? 20260113);
    const places = await seedPlaces(txDb, rng);
    const demoAccounts = await seedAccounts(txDb, places, opts.passwordCost);
    const ctx: DemoContext = { db: txDb, rng, clock, places, accounts: new Map(demoAccounts.map((a) => [a.username, a])) };
    for (const m of registry().modules) if (m.demo) await m.demo(ctx);
    return true;
  });
  return { loaded, accounts: demoAccountList() };
}
