import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityOptions } from '../../../bench/city/options.js';
import { seedCity, type SeedResult } from '../../../bench/city/seed.js';
import { openTestDatabase } from '../../../test/db.js';
import { queryRows, type Database } from '../../db/client.js';
import { verifyFigures } from '../../kernel/figures.js';
import { activityFigures } from './community.figures.js';

/*
 * Community life in seed:city on a small city: two rooms per community with a weekly booking
 * history that the exclusion constraint accepts, activities in Kaifeng's mix with check-ins, an
 * upcoming 40-seat clinic per community; the figures (rebuilt from their recount) are exact.
 */
let database: Database;
let city: SeedResult;
const tag = randomBytes(3).toString('hex');

beforeAll(async () => {
  database = await openTestDatabase();
  city = await seedCity(database, { ...cityOptions({ households: '6000', requests: '500', seed: '11', end: '2026-03-01' }), cityCode: `clscale-${tag}`, passwordCost: 10, modules: ['community'] });
}, 600_000);
afterAll(async () => database?.close());

describe('community life in seed:city', () => {
  it('adds rooms, bookings, activities of every type with check-ins, and a clinic per community; figures exact', async () => {
    const [c] = await queryRows<{ communities: number; venues: number; bookings: number; activities: number; types: number; checkins: number; clinics: number }>(database.db, sql`
      select (select count(*)::int from communities where city_id = ${city.cityId}) as communities,
        (select count(*)::int from venues where city_id = ${city.cityId}) as venues,
        (select count(*)::int from venue_bookings b join venues v on v.id = b.venue_id where v.city_id = ${city.cityId}) as bookings,
        (select count(*)::int from activities where city_id = ${city.cityId}) as activities,
        (select count(distinct type)::int from activities where city_id = ${city.cityId}) as types,
        (select count(*)::int from activity_checkins k join activities a on a.id = k.activity_id where a.city_id = ${city.cityId}) as checkins,
        (select count(*)::int from activities where city_id = ${city.cityId} and capacity = 40) as clinics`);
    expect(c!.venues).toBe(c!.communities * 2);
    expect(c!.bookings).toBeGreaterThan(c!.venues * 40);
    expect(c!.types).toBe(4);
    expect(c!.clinics).toBe(c!.communities);
    expect(c!.checkins).toBe((c!.activities - c!.clinics) * 20);
    const ids = (await queryRows<{ id: number }>(database.db, sql`select id from communities where city_id = ${city.cityId}`)).map((r) => Number(r.id));
    expect(await verifyFigures(database.db, activityFigures, ids)).toEqual([]);
  });
});
