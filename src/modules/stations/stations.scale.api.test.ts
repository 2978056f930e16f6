import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityOptions } from '../../../bench/city/options.js';
import { seedCity, type SeedResult } from '../../../bench/city/seed.js';
import { openTestDatabase } from '../../../test/db.js';
import { queryRows, type Database } from '../../db/client.js';
import { verifyFigures } from '../../kernel/figures.js';
import { systemClock } from '../../server/clock.js';
import { loadActor } from '../accounts/accounts.service.js';
import { evaluateAlerts } from './stations.alerts.js';
import { stationFigures } from './stations.figures.js';
import { listStationReadiness } from './stations.readiness.service.js';
import { loadAlertSnapshots } from './stations.snapshot.js';

/*
 * The stations' rows of seed:city on a small city: a station per street with the 42-kind
 * catalogue, a ledger that sums to the stock (never below zero on the way), check-outs still out,
 * roll calls, drills, incidents; the readiness list over the city answers for every station; the
 * figures equal their recount; the same seed gives the same rows.
 */
let database: Database;
let first: SeedResult;
const tag = randomBytes(3).toString('hex');
const options = (code: string) => ({ ...cityOptions({ households: '12000', requests: '1500', seed: '7', end: '2026-03-01' }), cityCode: `stscale-${tag}-${code}`, passwordCost: 10, modules: ['stations'] });

beforeAll(async () => {
  database = await openTestDatabase();
  first = await seedCity(database, options('a'));
}, 300_000);
afterAll(async () => database?.close());

const digest = async (cityId: number) => (await queryRows<{ d: string }>(database.db, sql`
  select md5(concat_ws('/',
    (select string_agg(concat_ws('|', s.name, s.always_open, s.company_id is null), ',' order by s.id) from stations s where s.city_id = ${cityId}),
    (select string_agg(concat_ws('|', i.name, i.quantity, i.expires_on, i.next_inspection_on), ',' order by i.id) from station_items i join stations s on s.id = i.station_id where s.city_id = ${cityId}),
    (select string_agg(concat_ws('|', c.quantity, c.state, c.purpose, c.checked_out_at, c.checked_out_by_name), ',' order by c.id) from station_checkouts c join stations s on s.id = c.station_id where s.city_id = ${cityId}),
    (select string_agg(concat_ws('|', e.kind, e.delta, e.quantity_after, e.at), ',' order by e.item_id, e.at, e.id) from station_item_events e join stations s on s.id = e.station_id where s.city_id = ${cityId}),
    (select count(*) from station_roll_call_answers a join stations s on s.id = a.station_id where s.city_id = ${cityId} and a.answer is null)
  )) as d`))[0]!.d;

describe('stations in seed:city', () => {
  it('puts a station in every street, with its catalogue, coverage, keys, team and history', async () => {
    const [c] = await queryRows<{ streets: number; stations: number; items: number; coverage: number; holders: number; team: number; calls: number; drills: number; incidents: number; out: number }>(database.db, sql`
      select (select count(*)::int from streets where city_id = ${first.cityId}) as streets,
        (select count(*)::int from stations where city_id = ${first.cityId}) as stations,
        (select count(*)::int from station_items i join stations s on s.id = i.station_id where s.city_id = ${first.cityId}) as items,
        (select count(*)::int from station_coverage i join stations s on s.id = i.station_id where s.city_id = ${first.cityId}) as coverage,
        (select count(*)::int from station_key_holders i join stations s on s.id = i.station_id where s.city_id = ${first.cityId}) as holders,
        (select count(*)::int from station_team_members i join stations s on s.id = i.station_id where s.city_id = ${first.cityId}) as team,
        (select count(*)::int from station_roll_calls i join stations s on s.id = i.station_id where s.city_id = ${first.cityId}) as calls,
        (select count(*)::int from station_drills i join stations s on s.id = i.station_id where s.city_id = ${first.cityId}) as drills,
        (select count(*)::int from station_incidents i join stations s on s.id = i.station_id where s.city_id = ${first.cityId}) as incidents,
        (select count(*)::int from station_checkouts i join stations s on s.id = i.station_id where s.city_id = ${first.cityId} and i.state = 'out') as out`);
    expect(c!.stations).toBe(c!.streets);
    expect(c!.stations).toBeGreaterThanOrEqual(2);
    expect(c!.items).toBe(42 * c!.stations);
    expect(c!.holders).toBe(3 * c!.stations);
    expect(c!.team).toBe(8 * c!.stations);
    expect(c!.calls).toBe(6 * c!.stations);
    expect(c!.coverage).toBeGreaterThan(8 * c!.stations);
    expect(c!.drills).toBeGreaterThan(0);
    expect(c!.incidents).toBeGreaterThan(0);
    expect(c!.out).toBeGreaterThan(0);
    expect(first.counts.stations).toBe(c!.stations);
  });

  it('keeps a ledger that sums to the stock and never dips below zero', async () => {
    const [bad] = await queryRows<{ mismatched: number; negative: number; outstanding: number }>(database.db, sql`
      select (select count(*)::int from station_items i join stations s on s.id = i.station_id
               where s.city_id = ${first.cityId} and i.quantity <> (select coalesce(sum(e.delta), 0) from station_item_events e where e.item_id = i.id)) as mismatched,
        (select count(*)::int from station_item_events e join stations s on s.id = e.station_id where s.city_id = ${first.cityId} and e.quantity_after < 0) as negative,
        (select count(*)::int from station_checkouts c join stations s on s.id = c.station_id
               where s.city_id = ${first.cityId} and c.state = 'out' and (c.due_at is null or c.returned_at is not null)) as outstanding`);
    expect(bad).toEqual({ mismatched: 0, negative: 0, outstanding: 0 });
  });

  it('answers the readiness list over the city for the department, and alerts for every station', async () => {
    const [dept] = await queryRows<{ id: number }>(database.db, sql`select id from accounts where username = ${`${options('a').cityCode}-dept`}`);
    const actor = (await loadActor(database.db, Number(dept!.id)))!;
    const now = systemClock.now();
    const list = await listStationReadiness({ db: database.db, actor, scope: { cityId: first.cityId }, now });
    expect(list.items).toHaveLength(first.counts.stations!);
    expect(list.items.every((r) => r.score > 0 && r.score <= 100 && r.parts.length === 5)).toBe(true);
    const snapshots = await loadAlertSnapshots(database.db, list.items.map((r) => r.stationId));
    const alerts = [...snapshots.values()].flatMap((s) => evaluateAlerts(s, new Date('2026-03-01T00:00:00+08:00')));
    expect(alerts.some((a) => a.kind === 'overdue_return')).toBe(true);
  });

  it('leaves the figures exact and is deterministic', async () => {
    const [{ ids }] = (await queryRows<{ ids: number[] }>(database.db, sql`select array_agg(id) as ids from communities where city_id = ${first.cityId}`)) as [{ ids: number[] }];
    expect(await verifyFigures(database.db, stationFigures, ids.map(Number))).toEqual([]);
    const second = await seedCity(database, options('b'));
    expect(await digest(second.cityId)).toBe(await digest(first.cityId));
  });
});
