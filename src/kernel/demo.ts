import type { Db } from '../db/client.js';
import type { Random } from '../db/demo/random.js';
import type { DemoPlaces } from '../db/demo/seed-places.js';
import type { Clock } from '../server/clock.js';

/*
 * The demo city's contract with modules. The places and accounts of the demo are loaded first
 * (src/db/demo); then every module's `demo` seeder runs in module-list order, inside the same
 * transaction, with the ids it needs looked up by name.
 */

/** A demo account as the accounts seeder has created it. */
export interface DemoAccount {
  username: string;
  description: string;
  accountId: number;
  personId: number;
}

export interface DemoContext {
  /** The loading transaction, typed as the Db seam so seeders can call services. */
  db: Db;
  rng: Random;
  clock: Clock;
  places: DemoPlaces;
  /** Every demo account by username (base accounts and the ones modules declared). */
  accounts: Map<string, DemoAccount>;
}

/** A module's contribution to the demo (requests, wishes, votes…), run after places and accounts. */
export type DemoSeeder = (ctx: DemoContext) => Promise<void>;

/** A demo account a module needs (README table, login page quick-pick). Created by the accounts seeder. */
export interface DemoAccountSpec {
  username: string;
  /** Who the account is, in Chinese, as the login page shows it. */
  description: string;
  name: string;
  gender: 'male' | 'female';
  phone: string;
  /** Demo city code: kaifeng, xiangyang, jiayuguan, changji. */
  city: string;
  /** Live in this household (compound, building, unit, number) as its owner. */
  home?: { compound: string; building: string; unit: string; number: string };
  /** Roles and where: `target` is a community, company or local-unit name, a city code, a compound name, or 'home'; for `street`, a community of that street. */
  grants: { role: string; scope: 'household' | 'compound' | 'community' | 'street' | 'company' | 'local_unit' | 'city' | 'platform'; target: string }[];
  /** Registered as a party member in the community of `home` (or 鼎立社区). */
  partyMember?: 'dual_registered' | 'self_managed';
}
