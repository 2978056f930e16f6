import type { Database } from '../../src/db/client.js';
import { hashPassword } from '../../src/modules/accounts/password.js';
import { rebuildRollups } from '../../src/modules/figures/figures.rollups.js';
import { ensureDefaultCategories } from '../../src/modules/requests/requests.categories.js';
import { foldAllFigures, rebuildFigures } from '../../src/kernel/figures.js';
import { registry } from '../../src/kernel/registry.js';
import '../../src/modules/index.js';
import type { CityOptions, SeedContext } from './context.js';
import { reserveIds } from './context.js';
import { createHelpers } from './functions.js';
import { dropSecondaryIndexes, restoreIndexes } from './indexes.js';
import { seedPeople } from './people.js';
import { seedPlaces } from './places.js';
import { seedRequests } from './requests.js';
import { openSession } from './session.js';

export interface SeedResult {
  cityId: number;
  counts: Record<string, number>;
  seconds: number;
}

/** Below this many requests, index maintenance is cheap and other users of the database keep their indexes. */
const REBUILD_INDEXES_FROM = 100_000;

const analysed = ['districts', 'streets', 'communities', 'property_companies', 'organisations', 'compounds', 'buildings', 'building_units',
  'households', 'people', 'household_members', 'party_members', 'accounts', 'role_grants', 'request_categories', 'service_requests', 'request_events'];

/**
 * Generates one city into an open, migrated database. Set-based SQL only: every table is filled
 * by a handful of INSERT … SELECT statements, with triggers and FK checks off for the loading
 * session (session_replication_role = replica) and the figures roll-ups rebuilt at the end.
 */
export async function seedCity(database: Database, opts: CityOptions, out: (line: string) => void = () => undefined): Promise<SeedResult> {
  const started = Date.now();
  const s = await openSession(database, { bulk: true });
  const stage = `gz_seed_${opts.seed}_${Math.floor(Math.random() * 1e9).toString(36)}`;
  const ctx: SeedContext = {
    s, opts, stage, cityId: 0, base: {},
    log: (phase, rows) => out(`[seed ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${phase}${rows === undefined ? '' : `: ${rows.toLocaleString('en')} rows`}`),
  };
  try {
    const repaired = await restoreIndexes(s);
    if (repaired) ctx.log('restored indexes left dropped by an interrupted run', repaired);
    const [existing] = await s.query<{ id: number }>('select id from cities where code = $1', [opts.cityCode]);
    if (existing) throw new Error(`city ${opts.cityCode} already exists (id ${existing.id}); use another --city-code or a fresh database`);
    await createHelpers(ctx);
    const [city] = await s.query<{ id: string | number }>('insert into cities (code, name, province) values ($1, $2, $3) returning id', [opts.cityCode, opts.cityName, '河南省']);
    ctx.cityId = Number(city!.id);

    const places = await seedPlaces(ctx);
    await ensureDefaultCategories(database.db, ctx.cityId);
    const hash = await hashPassword(opts.password, opts.passwordCost);
    const people = await seedPeople(ctx, places, hash);

    const bulk = database.kind === 'postgres' && opts.requests >= REBUILD_INDEXES_FROM;
    if (bulk) ctx.log('requests: secondary indexes dropped for the load', await dropSecondaryIndexes(s, ['service_requests', 'request_events']));
    if (database.kind === 'postgres') ctx.s2 = await openSession(database, { bulk: true });
    const requests = await seedRequests(ctx, places);
    if (bulk) await restoreIndexes(s, (name) => ctx.log(`index ${name} rebuilt`));

    const moduleCounts: Record<string, number> = {};
    const chosen = registry().modules.filter((m) => !opts.modules || opts.modules.includes(m.id));
    for (const m of chosen) {
      if (!m.scale?.seedCity) continue;
      const counts = await m.scale.seedCity({
        s, cityId: ctx.cityId, cityCode: opts.cityCode, households: opts.households, years: opts.years, end: opts.end, seed: opts.seed,
        passwordHash: hash, reserveIds: (table, n) => reserveIds(s, table, n), log: (phase, rows) => ctx.log(`${m.id}: ${phase}`, rows),
      });
      for (const [table, n] of Object.entries(counts)) moduleCounts[table] = (moduleCounts[table] ?? 0) + n;
    }
    // The loading session writes with triggers off: the modules' figures come from their recounts.
    for (const c of chosen.flatMap((m) => m.figures ?? [])) {
      await rebuildFigures(database.db, c, { cityIds: [ctx.cityId] });
      ctx.log(`figures ${c.family} rebuilt`);
    }
    await foldAllFigures(database.db);

    await s.exec(`drop schema ${stage} cascade`);
    await s.exec(`analyze ${analysed.join(', ')}`);
    ctx.log('analyze');
    // Alone in its database (the bench), the city takes the one-pass full rebuild; next to other
    // cities (tests), only its own communities and areas are recomputed.
    const communityIds = (await s.query<{ id: string | number }>('select id from communities where city_id = $1', [ctx.cityId])).map((r) => Number(r.id));
    const [others] = await s.query<{ n: number }>('select count(*)::int as n from cities where id <> $1', [ctx.cityId]);
    await rebuildRollups(database.db, others!.n === 0 ? {} : { communityIds });
    // The roll-ups were just written in bulk: without statistics the planner takes their
    // city-level reads for one row and sorts instead of hashing.
    ctx.log('figures roll-ups rebuilt', communityIds.length);
    // A bulk load leaves no visibility map and stale statistics: VACUUM ANALYZE, so index-only
    // scans work and the planner knows the tables' sizes (PostgreSQL; PGlite gets ANALYZE).
    if (database.kind === 'postgres') await s.exec('vacuum (analyze)');
    else await s.exec('analyze');
    ctx.log('vacuum analyze');
    return {
      cityId: ctx.cityId,
      counts: { ...places, people: people.people, accounts: people.accounts, requests: requests.requests, events: requests.events, ...moduleCounts },
      seconds: (Date.now() - started) / 1000,
    };
  } catch (err) {
    // GZ_SEED_KEEP=1 keeps the staging schema of a failed run for inspection.
    if (!process.env.GZ_SEED_KEEP) await s.exec(`drop schema if exists ${stage} cascade`).catch(() => undefined);
    await restoreIndexes(s).catch(() => undefined);
    throw err;
  } finally {
    await ctx.s2?.release();
    await s.release();
  }
}
