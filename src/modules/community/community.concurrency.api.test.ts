import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { accounts, people, roleGrants } from '../accounts/accounts.schema.js';
import { loadActor } from '../accounts/accounts.service.js';
import { signUp } from './community.activities.js';
import { addActivity, addVenue, at } from './community.testing.js';
import { createBooking } from './community.venues.js';

/*
 * Races decided in the database, with real concurrency on PostgreSQL (DATABASE_URL: a pool of
 * 20 connections; on PGlite the same test runs serialised): 50 overlapping bookings of one room
 * made at once (the exclusion constraint keeps one), and 200 residents signing up for 40 seats of
 * a free clinic at once (the activity's row lock: exactly 40 seated, the rest waiting in arrival
 * order with positions 1…160).
 */
let t: TestApp;
let w: TestCommunity;
let staff: Client;
const residents: Actor[] = [];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildCommunity(t.database.db);
  staff = await login(t.app, w.accounts.staff.username);
  // 200 residents of the community's households (one insert each table, no logins needed).
  const ps = await t.database.db.insert(people).values(Array.from({ length: 200 }, (_, i) => ({ cityId: w.city.id, name: `居民${i}`, phone: `1390000${String(i).padStart(4, '0')}` }))).returning({ id: people.id });
  const as = await t.database.db.insert(accounts).values(ps.map((p, i) => ({ personId: p.id, username: `storm-${w.community.id}-${i}`, passwordHash: 'x' }))).returning({ id: accounts.id });
  await t.database.db.insert(roleGrants).values(as.map((a, i) => ({ accountId: a.id, role: 'resident', scopeType: 'household' as const, scopeId: w.households[i % 4]!.id })));
  for (const a of as) residents.push((await loadActor(t.database.db, a.id))!);
});
afterAll(async () => t?.close());

describe('races decided in the database', () => {
  it('50 concurrent overlapping bookings of one room: exactly one wins', async () => {
    const venueId = await addVenue(staff, w.community.id, { name: '会议室（并发）' });
    const ctx = t.app.ctx;
    const results = await Promise.allSettled(residents.slice(0, 50).map((actor, i) => createBooking({
      ctx, actor, venueId, input: { startsAt: at('2026-01-14', `${String(9 + (i % 3)).padStart(2, '0')}:00`), endsAt: at('2026-01-14', `${String(11 + (i % 3)).padStart(2, '0')}:30`), purpose: `并发${i}` },
    })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(losers.every((r) => (r.reason as { code?: string }).code === 'COMMUNITY_SLOT_TAKEN')).toBe(true);
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from venue_bookings where venue_id = ${venueId} and state in ('pending', 'confirmed', 'checked_in')`);
    expect(row!.n).toBe(1);
  });

  it('200 concurrent sign-ups on 40 seats: 40 seated, 160 waiting in arrival order', async () => {
    const activityId = await addActivity(staff, w.community.id, { title: '免费义诊（40个名额）', capacity: 40 });
    const ctx = t.app.ctx;
    const results = await Promise.all(residents.map((actor) => signUp({ ctx, actor, activityId, role: 'participant' })));
    expect(results.filter((r) => r.state === 'seated')).toHaveLength(40);
    expect(results.filter((r) => r.state === 'waiting')).toHaveLength(160);
    const rows = await queryRows<{ state: string; seq: number; taken: number }>(t.database.db, sql`
      select s.state, s.seq::int as seq, a.seats_taken as taken from activity_signups s join activities a on a.id = s.activity_id where s.activity_id = ${activityId} order by s.seq`);
    expect(rows).toHaveLength(200);
    expect(rows[0]!.taken).toBe(40);
    // Arrival numbers 1…200 without a gap; the first 40 arrivals are the seated ones.
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(rows.slice(0, 40).every((r) => r.state === 'seated')).toBe(true);
    expect(rows.slice(40).every((r) => r.state === 'waiting')).toBe(true);
    // Each waiting reply's position is its place in that order.
    const positions = results.filter((r) => r.state === 'waiting').map((r) => r.position).sort((a, b) => a! - b!);
    expect(positions).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    const detail = (await staff.get(`/api/activities/${activityId}`)).json();
    expect(detail.counts).toMatchObject({ seated: 40, waiting: 160 });
  });
});
