import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { cities } from '../../modules/places/places.schema.js';
import { accounts } from '../../modules/accounts/accounts.schema.js';
import type { Clock } from '../../server/clock.js';
import { Random } from './random.js';
import { demoSeeders } from './seeders.js';
import { seedAccounts, type DemoAccount } from './seed-accounts.js';
import { seedPlaces, type DemoPlaces } from './seed-places.js';

export interface DemoContext {
  db: Db;
  rng: Random;
  clock: Clock;
  places: DemoPlaces;
  accounts: Map<string, DemoAccount>;
}

/** A module's contribution to the demo (requests, wishes, votes…), run after places and accounts. */
export type DemoSeeder = (ctx: DemoContext) => Promise<void>;


export async function isDemoLoaded(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: cities.id }).from(cities).where(eq(cities.code, 'kaifeng'));
  return !!row;
}

/** Loads the demo city once; a database that already has it is left alone. */
export async function loadDemo(db: Db, clock: Clock, opts: { passwordCost: number; seed?: number }): Promise<{ loaded: boolean; accounts: { username: string; description: string }[] }> {
  if (await isDemoLoaded(db)) {
    const rows = await db.select({ username: accounts.username }).from(accounts).orderBy(accounts.id).limit(20);
    return { loaded: false, accounts: rows.map((r) => ({ username: r.username, description: '' })) };
  }
  const rng = new Random(opts.seed ?? 20260113);
  const places = await seedPlaces(db, rng);
  const demoAccounts = await seedAccounts(db, places, opts.passwordCost);
  const ctx: DemoContext = { db, rng, clock, places, accounts: new Map(demoAccounts.map((a) => [a.username, a])) };
  for (const seeder of demoSeeders) await seeder.run(ctx);
  return { loaded: true, accounts: demoAccounts.map(({ username, description }) => ({ username, description })) };
}
