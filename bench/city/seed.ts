import type { Database } from '../../src/db/client.js';
import { hashPassword } from '../../src/modules/accounts/password.js';
import { rebuildRollups } from '../../src/modules/figures/figures.rollups.js';
import { ensureDefaultCategories } from '../../src/modules/requests/requests.categories.js';
import { foldAllFigures, rebuildFigures } from '../../src/kernel/figures.js';
import { registry } from '../../src/kernel/registry.js';
import '../../src/modules/index.js';
import type { ModuleManifest } from '../../src/kernel/module.js';
import type { CityOptions, SeedContext } from './context.js';
import { reserveIds } from './context.js';
import { createHelpers } from './functions.js';
import { dropSecondaryIndexes, restoreIndexes } from './indexes.js';
import { seedPeople } from './people.js';
import { seedPlaces, type PlaceCounts } from './places.js';
import { seedRequests } from './requests.js';
import { openSession } from './session.js';
import { runSteps, type Lane, type SeedStep } from './steps.js';

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
 * sessions (session_replication_role = replica) and the figures roll-ups rebuilt at the end.
 * On PostgreSQL the requests and the modules' rows load side by side on two lanes (steps.ts).
 */
export async function seedCity(database: Database, opts: CityOptions, out: (line: string) => void = () => undefined): Promise<SeedResult> {
  const started = Date.now();
  const s = await openSession(database, { bulk: true });
  const stage = `gz_seed_${opts.seed}_${Math.floor(Math.random() * 1e9).toString(36)}`;
  const ctx: SeedContext = {
    s, opts, stage, cityId: 0, base: {},
    log: (phase, rows) => out(`[seed ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${phase}${rows === undefined ? '' : `: ${rows.toLocaleString('en')} rows`}`),
  };
  const lanes: Lane[] = [];
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
    lanes.push(...await openLanes(database, ctx));
    const written: Written = { requests: { requests: 0, events: 0 }, modules: {} };
    const chosen = registry().modules.filter((m) => !opts.modules || opts.modules.includes(m.id));
    await runSteps(lanes, [
      ...requestSteps(database, ctx, places, bulk, written),
      ...moduleSteps(ctx, chosen, hash, written),
      rollupStep(database, ctx),
      ...figureSteps(database, ctx, chosen),
    ]);
    await foldAllFigures(database.db);

    await s.exec(`drop schema ${stage} cascade`);
    await vacuumAnalyze(database, lanes);
    ctx.log('vacuum analyze');
    return {
      cityId: ctx.cityId,
      counts: { ...places, people: people.people, accounts: people.accounts, requests: written.requests.requests, events: written.requests.events, ...written.modules },
      seconds: (Date.now() - started) / 1000,
    };
  } catch (err) {
    // GZ_SEED_KEEP=1 keeps the staging schema of a failed run for inspection.
    if (!process.env.GZ_SEED_KEEP) await s.exec(`drop schema if exists ${stage} cascade`).catch(() => undefined);
    await restoreIndexes(s).catch(() => undefined);
    throw err;
  } finally {
    for (const lane of lanes.slice(1)) await lane.s.release();
    await s.release();
  }
}

/** What the steps wrote, for the result. */
interface Written {
  requests: { requests: number; events: number };
  modules: Record<string, number>;
}

/** The name of the step that loads the requests (the request figures follow it). */
const REQUESTS_LOADED = 'requests: load';
/** Tables a figures family may read that only the requests steps write. */
const requestTables = ['service_requests', 'request_events'];

/**
 * The lanes: the seed's own session, and on PostgreSQL a second loading session (PGlite has one
 * connection). Log lines carry the lane's name when there are two.
 */
async function openLanes(database: Database, ctx: SeedContext): Promise<Lane[]> {
  if (database.kind !== 'postgres') return [{ name: '', s: ctx.s, log: ctx.log }];
  const laneLog = (name: string) => (phase: string, rows?: number) => ctx.log(`${name} ${phase}`, rows);
  return [
    { name: 'A', s: ctx.s, log: laneLog('A') },
    { name: 'B', s: await openSession(database, { bulk: true }), log: laneLog('B') },
  ];
}

/** The lane's session and log in place of the seed's. */
function onLane(ctx: SeedContext, lane: Lane): SeedContext {
  return { ...ctx, s: lane.s, log: lane.log };
}

/**
 * Requests and timelines (the two big inserts on two connections: the lane's and one more, PostgreSQL
 * only), their indexes rebuilt, then statistics for the roll-ups' rebuild.
 */
function requestSteps(database: Database, ctx: SeedContext, places: PlaceCounts, bulk: boolean, written: Written): SeedStep[] {
  return [
    {
      name: REQUESTS_LOADED,
      run: async (lane) => {
        const s2 = database.kind === 'postgres' ? await openSession(database, { bulk: true }) : undefined;
        try {
          written.requests = await seedRequests({ ...onLane(ctx, lane), s2 }, places);
        } finally {
          await s2?.release();
        }
      },
    },
    ...(bulk ? [{ name: 'requests: indexes', after: [REQUESTS_LOADED], run: async (lane: Lane) => { await restoreIndexes(lane.s, (name) => lane.log(`index ${name} rebuilt`)); } }] : []),
    {
      name: 'requests: analyze',
      after: [bulk ? 'requests: indexes' : REQUESTS_LOADED],
      run: async (lane) => {
        await lane.s.exec(`analyze ${analysed.join(', ')}`);
        lane.log('analyze');
      },
    },
  ];
}

/**
 * The modules' rows, one module after another in registry order, each on whichever lane is free:
 * modules share identity sequences (accounts, people), so their order fixes the ids. None reads
 * the requests, so they load beside them.
 */
function moduleSteps(ctx: SeedContext, chosen: readonly ModuleManifest[], passwordHash: string, written: Written): SeedStep[] {
  const steps: SeedStep[] = [];
  for (const m of chosen) {
    const seed = m.scale?.seedCity;
    if (!seed) continue;
    const previous = steps.at(-1)?.name;
    steps.push({
      name: moduleStepName(m),
      after: previous ? [previous] : [],
      run: async (lane) => {
        const counts = await seed({
          s: lane.s, cityId: ctx.cityId, cityCode: ctx.opts.cityCode, households: ctx.opts.households, years: ctx.opts.years, end: ctx.opts.end,
          seed: ctx.opts.seed, passwordHash, reserveIds: (table, n) => reserveIds(lane.s, table, n), log: (phase, rows) => lane.log(`${m.id}: ${phase}`, rows),
        });
        for (const [table, n] of Object.entries(counts)) written.modules[table] = (written.modules[table] ?? 0) + n;
      },
    });
  }
  return steps;
}

const moduleStepName = (m: ModuleManifest) => `${m.id}: rows`;

/**
 * The requests' roll-ups. Alone in its database (the bench), the city takes the one-pass full
 * rebuild; next to other cities (tests), only its own communities and areas are recomputed.
 */
function rollupStep(database: Database, ctx: SeedContext): SeedStep {
  return {
    name: 'figures roll-ups',
    after: ['requests: analyze'],
    run: async (lane) => {
      const communityIds = (await lane.s.query<{ id: string | number }>('select id from communities where city_id = $1', [ctx.cityId])).map((r) => Number(r.id));
      const [others] = await lane.s.query<{ n: number }>('select count(*)::int as n from cities where id <> $1', [ctx.cityId]);
      await rebuildRollups(database.db, others!.n === 0 ? {} : { communityIds });
      lane.log('figures roll-ups rebuilt', communityIds.length);
    },
  };
}

/**
 * The loading sessions write with triggers off: the modules' figures come from their recounts.
 * A family's recount reads its own module's tables, which only that module's rows step writes,
 * and, for the request families, the requests: it waits for those steps alone.
 */
function figureSteps(database: Database, ctx: SeedContext, chosen: readonly ModuleManifest[]): SeedStep[] {
  return chosen.flatMap((m) => (m.figures ?? []).map((c) => ({
    name: `figures ${c.family}`,
    after: [
      ...(m.scale?.seedCity ? [moduleStepName(m)] : []),
      ...(c.sourceTables.some((t) => requestTables.includes(t)) ? [REQUESTS_LOADED] : []),
    ],
    run: async (lane: Lane) => {
      await rebuildFigures(database.db, c, { cityIds: [ctx.cityId] });
      lane.log(`figures ${c.family} rebuilt`);
    },
  })));
}

/**
 * A bulk load leaves no visibility map and stale statistics: VACUUM ANALYZE, so index-only scans
 * work and the planner knows the tables' sizes (PostgreSQL; PGlite gets ANALYZE). On PostgreSQL
 * it is the database-wide VACUUM split into one per table, largest first, on every lane.
 */
async function vacuumAnalyze(database: Database, lanes: readonly Lane[]): Promise<void> {
  const s = lanes[0]!.s;
  if (database.kind !== 'postgres') return s.exec('analyze');
  // Every table a database-wide VACUUM takes (temporary ones are their sessions'; staging schemas
  // of seeds running beside this one, in tests, go away by themselves).
  const tables = await s.query<{ name: string }>(`
    select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'm') and c.relpersistence <> 't' and n.nspname not like 'gz\\_seed\\_%'
    order by pg_total_relation_size(c.oid) desc, c.oid`);
  await runSteps(lanes, tables.map(({ name }) => ({ name: `vacuum ${name}`, run: (lane) => vacuumTable(lane, name) })));
}

/** Tables that take longer than this get a log line of their own. */
const LOGGED_VACUUM_MS = 1000;

async function vacuumTable(lane: Lane, table: string): Promise<void> {
  const t0 = Date.now();
  try {
    await lane.s.exec(`vacuum (analyze) ${table}`);
  } catch (err) {
    // Dropped since the list was read (a test's table beside the seed): nothing left to vacuum.
    if ((err as { code?: string }).code === '42P01') return;
    throw err;
  }
  if (Date.now() - t0 >= LOGGED_VACUUM_MS) lane.log(`vacuum analyze ${table}`);
}
