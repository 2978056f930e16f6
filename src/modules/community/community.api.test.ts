import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { login, useTestWorld } from '../../../test/app.js';
import { buildAccount } from '../../../test/factories.js';
import { buildRequestsCommunity } from '../../../test/requests-factories.js';
import { queryRows } from '../../db/client.js';
import { foldAllFigures, verifyFigures } from '../../kernel/figures.js';
import type { FakeClock } from '../../server/clock.js';
import { expireOffers, recordNoShows } from './community.activities.js';
import { activityFigures } from './community.figures.js';
import { addActivity, addVenue, at } from './community.testing.js';
import { releaseUncheckedBookings } from './community.venues.js';

/*
 * The core flows of community life through the API: booking a room (overlap refused, approval,
 * check-in or release after 15 minutes, ICS), sign-up with the waiting list and offers that
 * expire, QR check-in and check-out (expired, forged, other-activity and replayed codes refused),
 * volunteer hours credited once, figures equal to a recount, announcements with read rates,
 * reception days whose matters become service requests.
 */
const s = useTestWorld(buildRequestsCommunity);
const clock = () => s.t.clock as FakeClock;

describe('venues and bookings', () => {
  it('books, refuses an overlap, approves, checks in, releases the unchecked and serves an ICS feed', async () => {
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    const resident = await login(s.t.app, s.w.accounts.resident.username);
    const venueId = await addVenue(staff, s.w.community.id, { name: '乒乓球室' });
    const ok = await resident.post(`/api/venues/${venueId}/bookings`, { startsAt: at('2026-01-14', '10:00'), endsAt: at('2026-01-14', '11:00'), purpose: '乒乓球' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ state: 'confirmed', mine: true, holderName: '郑秀英' });
    const clash = await staff.post(`/api/venues/${venueId}/bookings`, { startsAt: at('2026-01-14', '10:30'), endsAt: at('2026-01-14', '12:00'), purpose: '会议' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('COMMUNITY_SLOT_TAKEN');
    // Back to back is fine; outside opening hours is not.
    expect((await staff.post(`/api/venues/${venueId}/bookings`, { startsAt: at('2026-01-14', '11:00'), endsAt: at('2026-01-14', '12:00'), purpose: '会议' })).statusCode).toBe(201);
    expect((await staff.post(`/api/venues/${venueId}/bookings`, { startsAt: at('2026-01-14', '20:30'), endsAt: at('2026-01-14', '22:00'), purpose: '夜场' })).json().error.code).toBe('COMMUNITY_SLOT_INVALID');
    // A cancelled booking frees the slot.
    await resident.post(`/api/bookings/${ok.json().id}/cancel`);
    const again = await staff.post(`/api/venues/${venueId}/bookings`, { startsAt: at('2026-01-14', '10:00'), endsAt: at('2026-01-14', '11:00'), purpose: '党课' });
    expect(again.statusCode).toBe(201);

    const approvalRoom = await addVenue(staff, s.w.community.id, { name: '会议室', kind: 'meeting_room', requiresApproval: true });
    const pending = (await resident.post(`/api/venues/${approvalRoom}/bookings`, { startsAt: at('2026-01-13', '14:00'), endsAt: at('2026-01-13', '15:00'), purpose: '楼栋议事' })).json();
    expect(pending.state).toBe('pending');
    expect((await resident.post(`/api/bookings/${pending.id}/approve`, { approve: true })).statusCode).toBe(403);
    expect((await staff.post(`/api/bookings/${pending.id}/approve`, { approve: true })).json().state).toBe('confirmed');
    const unchecked = (await resident.post(`/api/venues/${approvalRoom}/bookings`, { startsAt: at('2026-01-13', '16:00'), endsAt: at('2026-01-13', '17:00'), purpose: '排练' })).json();
    await staff.post(`/api/bookings/${unchecked.id}/approve`, { approve: true });
    clock().set(at('2026-01-13', '13:50'));
    expect((await resident.post(`/api/bookings/${pending.id}/check-in`)).json().state).toBe('checked_in');
    clock().set(at('2026-01-13', '16:16'));
    expect(await releaseUncheckedBookings(s.t.database.db, clock().now())).toBeGreaterThanOrEqual(1);
    const week = (await staff.get(`/api/venues/${approvalRoom}/bookings?from=${encodeURIComponent(at('2026-01-13', '00:00'))}`)).json().items;
    expect(week.map((b: { id: number }) => b.id)).toEqual([pending.id]);
    const ics = await staff.get(`/api/venues/${venueId}/calendar.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('SUMMARY:党课');
    const day = (await staff.get(`/api/venue-day?communityId=${s.w.community.id}&day=2026-01-14`)).json();
    expect(day.venues.find((v: { venue: { id: number } }) => v.venue.id === venueId).bookings).toHaveLength(2);
    clock().set('2026-01-13T09:00:00+08:00');
  });
});

describe('activities: sign-up, waiting list, QR check-in and check-out', () => {
  it('seats up to capacity, waits in order, offers a freed seat for a limited time, then to the next', async () => {
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    const id = await addActivity(staff, s.w.community.id, { capacity: 1, offerMinutes: 30, title: '二月二义剪' });
    const people = [s.w.accounts.resident, s.w.accounts.neighbour, ...(await Promise.all([0, 1].map(() => buildAccount(s.t.database.db, s.w.city.id, [{ role: 'resident', scopeType: 'household', scopeId: s.w.households[2]!.id }]))))];
    const clients = await Promise.all(people.map((p) => login(s.t.app, p.username)));
    const replies = [];
    for (const c of clients) replies.push((await c.post(`/api/activities/${id}/signups`, {})).json());
    expect(replies.map((r) => r.state)).toEqual(['seated', 'waiting', 'waiting', 'waiting']);
    expect(replies.map((r) => r.position)).toEqual([null, 1, 2, 3]);
    expect((await clients[0]!.post(`/api/activities/${id}/signups`, {})).json().error.code).toBe('COMMUNITY_ALREADY_SIGNED_UP');
    // The seated one cancels: the first waiting is offered the seat.
    await clients[0]!.post(`/api/signups/${replies[0].id}/cancel`);
    const d1 = (await staff.get(`/api/activities/${id}`)).json();
    expect(d1.signups.map((x: { state: string }) => x.state)).toEqual(['cancelled', 'offered', 'waiting', 'waiting']);
    // Nobody takes it in 30 minutes: it passes to the next.
    clock().advanceMinutes(31);
    expect(await expireOffers(s.t.database.db, clock().now())).toBe(1);
    const d2 = (await staff.get(`/api/activities/${id}`)).json();
    expect(d2.signups.map((x: { state: string }) => x.state)).toEqual(['cancelled', 'expired', 'offered', 'waiting']);
    expect(d2.seatsTaken).toBe(1);
    // The third accepts by signing up again.
    expect((await clients[2]!.post(`/api/activities/${id}/signups`, {})).json().state).toBe('seated');
    expect((await clients[3]!.get(`/api/activities/${id}`)).json().mySignup).toMatchObject({ state: 'waiting', position: 1 });
    clock().set('2026-01-13T09:00:00+08:00');
  });

  it('checks in by the rotating code, refuses expired, forged, other-activity and replayed codes, and credits volunteer hours once', async () => {
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    const resident = await login(s.t.app, s.w.accounts.resident.username);
    const id = await addActivity(staff, s.w.community.id, { title: '包粽子', type: 'festival', startsAt: at('2026-01-13', '10:00'), endsAt: at('2026-01-13', '12:00') });
    const other = await addActivity(staff, s.w.community.id, { title: '观影', startsAt: at('2026-01-13', '10:00'), endsAt: at('2026-01-13', '12:00') });
    expect((await resident.post(`/api/activities/${id}/signups`, { role: 'volunteer' })).json().state).toBe('seated');
    clock().set(at('2026-01-13', '09:58'));
    // Residents cannot fetch the code.
    expect((await resident.get(`/api/activities/${id}/code`)).statusCode).toBe(403);
    const code = (await staff.get(`/api/activities/${id}/code?step=checkin`)).json();
    expect(code.url).toContain(`/m/activities/${id}/scan?step=checkin&code=`);
    expect(code.svg).toContain('<svg');
    const otherCode = (await staff.get(`/api/activities/${other}/code`)).json();
    const refused = async (token: string) => (await resident.post(`/api/activities/${id}/check-ins`, { code: token })).json().error;
    expect(await refused(otherCode.token)).toMatchObject({ code: 'COMMUNITY_CODE_INVALID', details: { reason: 'other_activity' } });
    expect((await refused(`${code.token.slice(0, -2)}xx`)).code).toBe('COMMUNITY_CODE_INVALID');
    // A photo of the code sent elsewhere: a minute later it no longer works.
    clock().advanceMinutes(1.1);
    expect(await refused(code.token)).toMatchObject({ code: 'COMMUNITY_CODE_INVALID', details: { reason: 'expired' } });
    const fresh = (await staff.get(`/api/activities/${id}/code`)).json();
    const inRes = await resident.post(`/api/activities/${id}/check-ins`, { code: fresh.token });
    expect(inRes.statusCode).toBe(201);
    expect(inRes.json()).toMatchObject({ method: 'qr', volunteer: true });
    // Replayed: the same code again does not check in twice.
    expect((await refused(fresh.token)).code).toBe('COMMUNITY_ALREADY_CHECKED_IN');
    // A check-in code is not a check-out code.
    expect((await resident.post(`/api/activities/${id}/check-outs`, { code: fresh.token })).json().error.code).toBe('COMMUNITY_CODE_INVALID');
    // Staff check in a walk-in by name.
    expect((await staff.post(`/api/activities/${id}/check-ins`, { name: '王大爷' })).json()).toMatchObject({ method: 'staff', personId: null });
    clock().set(at('2026-01-13', '12:00'));
    const outCode = (await staff.get(`/api/activities/${id}/code?step=checkout`)).json();
    const [out1, out2] = await Promise.all([1, 2].map(() => resident.post(`/api/activities/${id}/check-outs`, { code: outCode.token })));
    const outs = [out1!, out2!].sort((x, y) => x.statusCode - y.statusCode);
    expect(outs.map((r) => r.statusCode)).toEqual([200, 409]);
    const minutes = outs[0]!.json().minutes;
    expect(minutes).toBe(120);
    expect(outs[0]!.json().credited).toBe(true);
    const ledger = await queryRows<{ n: number; minutes: number }>(s.t.database.db, sql`
      select count(*)::int as n, sum(minutes)::int as minutes from service_ledger where source_module = 'activities' and person_id = ${s.w.accounts.resident.personId}`);
    expect(ledger[0]).toEqual({ n: 1, minutes: 120 });
    // After the activity, seated people who never came are no-shows.
    const noShow = await addActivity(staff, s.w.community.id, { title: '故事会', startsAt: at('2026-01-13', '12:10'), endsAt: at('2026-01-13', '12:40') });
    clock().set(at('2026-01-13', '12:05'));
    await resident.post(`/api/activities/${noShow}/signups`, {});
    clock().set(at('2026-01-13', '13:00'));
    expect(await recordNoShows(s.t.database.db, clock().now())).toBeGreaterThanOrEqual(1);
    expect((await staff.get(`/api/activities/${noShow}`)).json().counts.noShows).toBe(1);
    clock().set('2026-01-13T09:00:00+08:00');
  });

  it('lets property staff run an activity in their compound\'s room, open to the whole community', async () => {
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    const property = await login(s.t.app, s.w.accounts.property.username);
    const room = await addVenue(staff, s.w.community.id, { name: '物业活动室', compoundId: s.w.compound.id });
    // A community-level activity is the community's: property staff cannot create one…
    expect((await property.post('/api/activities', { communityId: s.w.community.id, organiserKind: 'property', organiserName: '物业', type: 'other', title: '社区级', locationText: '广场', startsAt: at('2026-01-16', '09:00'), endsAt: at('2026-01-16', '10:00') })).statusCode).toBe(404);
    // …but one in their compound's room, booked in the same step.
    const created = await property.post('/api/activities', { communityId: s.w.community.id, compoundId: s.w.compound.id, venueId: room, organiserKind: 'property', organiserName: '测试物业', type: 'festival', title: '包饺子', startsAt: at('2026-01-16', '09:00'), endsAt: at('2026-01-16', '11:00'), capacity: 20 });
    expect(created.statusCode, created.body).toBe(201);
    expect((await staff.get(`/api/venues/${room}/bookings?from=${encodeURIComponent(at('2026-01-16', '00:00'))}`)).json().items[0]).toMatchObject({ activityId: created.json().id, purpose: '包饺子' });
    const resident = await login(s.t.app, s.w.accounts.resident.username);
    expect((await resident.get('/api/activities?upcoming=true')).json().items.map((a: { id: number }) => a.id)).toContain(created.json().id);
    expect((await resident.post(`/api/activities/${created.json().id}/signups`, {})).json().state).toBe('seated');
    // The room is taken for that slot by the activity's own booking.
    expect((await resident.post(`/api/venues/${room}/bookings`, { startsAt: at('2026-01-16', '10:00'), endsAt: at('2026-01-16', '12:00'), purpose: '练歌' })).json().error.code).toBe('COMMUNITY_SLOT_TAKEN');
  });

  it('figures by type equal a recount and the export', async () => {
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    await foldAllFigures(s.t.database.db);
    expect(await verifyFigures(s.t.database.db, activityFigures, [s.w.community.id])).toEqual([]);
    const f = (await staff.get(`/api/activity-figures?communityId=${s.w.community.id}&year=2026`)).json();
    const [recount] = await queryRows<{ activities: number; checkins: number }>(s.t.database.db, sql`
      select (select count(*) from activities where community_id = ${s.w.community.id} and state = 'published')::int as activities,
        (select count(*) from activity_checkins c join activities a on a.id = c.activity_id where a.community_id = ${s.w.community.id})::int as checkins`);
    expect(f.totals).toEqual({ activities: recount!.activities, participantTimes: recount!.checkins });
    expect(f.rows.find((r: { type: string }) => r.type === 'festival')).toMatchObject({ activities: 2, participantTimes: 2 });
    const csv = await staff.get(`/api/activity-figures/export?communityId=${s.w.community.id}&year=2026&format=csv`);
    expect(csv.body).toContain('节日');
    expect(csv.body).toContain(`合计,${recount!.activities},${recount!.checkins}`);
  });
});

describe('announcements, study and reception days', () => {
  it('publishes, schedules, pushes urgent ones, keeps read receipts and a read rate', async () => {
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    const resident = await login(s.t.app, s.w.accounts.resident.username);
    const normal = (await staff.post('/api/announcements', { communityId: s.w.community.id, title: '停水通知', body: '周三 9:00–12:00 停水' })).json().id;
    const urgent = (await staff.post('/api/announcements', { communityId: s.w.community.id, level: 'urgent', title: '寒潮预警', body: '注意防寒', expiresAt: at('2026-01-15', '00:00') })).json().id;
    const later = (await staff.post('/api/announcements', { communityId: s.w.community.id, title: '下周党课', body: '…', publishAt: at('2026-01-20', '09:00') })).json().id;
    expect((await staff.post('/api/announcements', { communityId: s.w.community.id, level: 'urgent', title: '无期限', body: 'x' })).statusCode).toBe(422);
    const seen = (await resident.get('/api/announcements')).json().items.map((a: { id: number }) => a.id);
    expect(seen[0]).toBe(urgent);
    expect(seen).toContain(normal);
    expect(seen).not.toContain(later);
    const notes = (await resident.get('/api/notifications')).json();
    expect(JSON.stringify(notes)).toContain('寒潮预警');
    expect((await resident.post(`/api/announcements/${normal}/read`)).json().firstRead).toBe(true);
    expect((await resident.post(`/api/announcements/${normal}/read`)).json().firstRead).toBe(false);
    expect((await resident.post(`/api/announcements/${later}/read`)).statusCode).toBe(404);
    const row = (await staff.get('/api/announcements')).json().items.find((a: { id: number }) => a.id === normal);
    expect(row).toMatchObject({ readCount: 1, audienceSize: 2, readRate: 0.5 });
    const study = await staff.post('/api/study-materials', { communityId: s.w.community.id, category: 'oath', title: '入党誓词', body: '我志愿加入中国共产党……' });
    expect(study.statusCode).toBe(201);
    expect((await resident.get('/api/study-materials?category=oath')).json().items.map((m: { title: string }) => m.title)).toEqual(['入党誓词']);
  });

  it('books reception slots once, answers matters to the compound and files one service request per matter', async () => {
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    const resident = await login(s.t.app, s.w.accounts.resident.username);
    const neighbour = await login(s.t.app, s.w.accounts.neighbour.username);
    const day = (await staff.post('/api/reception-days', { compoundId: s.w.compound.id, managerName: '王经理', location: '物业服务中心', startsAt: at('2026-01-15', '09:00'), endsAt: at('2026-01-15', '11:00'), slotMinutes: 30 })).json();
    expect(day.slots).toHaveLength(4);
    const slotAt = day.slots[1].at;
    const [a, b] = await Promise.all([resident, neighbour].map((c) => c.post(`/api/reception-days/${day.id}/matters`, { slotAt, matter: '楼道灯坏了' })));
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([201, 409]);
    const mine = (a!.statusCode === 201 ? a! : b!).json();
    const walkIn = (await staff.post(`/api/reception-days/${day.id}/matters`, { residentName: '李阿姨', matter: '绿化带杂草' })).json();
    expect(walkIn.kind).toBe('walk_in');
    expect((await staff.post(`/api/reception-matters/${walkIn.id}/answer`, { answer: '本周内清理', publish: true })).json().published).toBe(true);
    const filed = await staff.post(`/api/reception-matters/${mine.id}/request`, { locationKind: 'stairwell' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await staff.post(`/api/reception-matters/${mine.id}/request`, { locationKind: 'stairwell' })).json().error.code).toBe('COMMUNITY_MATTER_FILED');
    const req = (await staff.get(`/api/requests/${filed.json().requestId}`)).json();
    expect(req.description).toContain(`事项 #${mine.id}`);
    const seen = (await neighbour.get(`/api/reception-days/${day.id}`)).json();
    expect(seen.matters.map((m: { answer: string | null }) => m.answer)).toContain('本周内清理');
    expect(seen.slots[1].free).toBe(false);
  });
});
