import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { login, useTestWorld } from '../../../test/app.js';
import { queryRows } from '../../db/client.js';
import type { FakeClock } from '../../server/clock.js';
import { buildMembersCommunity } from '../../../test/members-factories.js';
import { readFigures, totalsOf, verifyFigures } from '../../kernel/figures.js';
import { memberFigures } from './members.figures.js';
import { fulfilment } from './members.testing.js';
import { expireStalledClaims } from './wishes.service.js';

const s = useTestWorld((db) => buildMembersCommunity(db, 3));
const wishInput = { title: '帮忙换个灯泡', body: '厨房灯泡坏了，够不着', forWhom: '独居老人', dueOn: '2026-01-20', estimatedMinutes: 45 };

async function ledgerRows(wishId: number) {
  return queryRows<{ person_id: number; minutes: number; points: number }>(s.t.database.db, sql`select person_id::int as person_id, minutes, points from service_ledger where source_module = 'wishes' and source_id = ${wishId}`);
}

describe('微心愿: post → review → claim → fulfil → confirm', () => {
  it('runs the whole flow, credits the claimant once, and the 红榜 shows the hours', async () => {
    const { w } = s;
    const resident = await login(s.t.app, w.accounts.resident.username);
    const staff = await login(s.t.app, w.accounts.staff.username);
    const [m1, m2] = [await login(s.t.app, w.members[0]!.username), await login(s.t.app, w.members[1]!.username)];

    const posted = await resident.post('/api/wishes', wishInput);
    expect(posted.statusCode).toBe(201);
    const id = posted.json().id;
    expect(posted.json()).toMatchObject({ state: 'review', compoundId: w.compound.id, postedByMe: true });
    // Not public before review: a member does not see it.
    expect((await m1.get(`/api/wishes/${id}`)).statusCode).toBe(404);
    expect((await m1.post(`/api/wishes/${id}/claim`)).statusCode).toBe(404);
    expect((await resident.post(`/api/wishes/${id}/approve`, {})).statusCode).toBe(403);

    const approved = await staff.post(`/api/wishes/${id}/approve`, { note: '已核实' });
    expect(approved.json()).toMatchObject({ state: 'open' });
    expect((await m1.get('/api/wishes?state=open')).json().items.map((x: { id: number }) => x.id)).toContain(id);
    // The neighbour in the same compound sees it; its public text carries no poster name.
    const neighbour = await login(s.t.app, w.accounts.neighbour.username);
    expect((await neighbour.get(`/api/wishes/${id}`)).json()).not.toHaveProperty('postedBy');

    const claimed = await m1.post(`/api/wishes/${id}/claim`);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ state: 'claimed', claimedByMe: true, claimant: { name: '党员1', label: '双报到党员' } });
    const second = await m2.post(`/api/wishes/${id}/claim`);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('WISH_ALREADY_CLAIMED');
    expect((await m2.post(`/api/wishes/${id}/fulfil`, { note: '不是我的' })).statusCode).toBe(403);

    const noPhoto = await m1.raw({ method: 'POST', url: `/api/wishes/${id}/fulfil`, ...fulfilment({ note: '换好了' }, null) });
    expect(noPhoto.statusCode).toBe(422);
    const done = await m1.raw({ method: 'POST', url: `/api/wishes/${id}/fulfil`, ...fulfilment({ note: '换好了新灯泡', minutes: 60 }) });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'fulfilled', serviceMinutes: 60, photoUrl: `/api/wishes/${id}/photo` });
    const photo = await resident.get(`/api/wishes/${id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');

    const declined = await resident.post(`/api/wishes/${id}/decline`, { reason: '灯还是不亮' });
    expect(declined.json()).toMatchObject({ state: 'claimed', declineReason: '灯还是不亮' });
    await m1.raw({ method: 'POST', url: `/api/wishes/${id}/fulfil`, ...fulfilment({ note: '换了开关', minutes: 60 }) });

    const confirmed = await resident.post(`/api/wishes/${id}/confirm`, { thanks: '谢谢小赵！' });
    expect(confirmed.json()).toMatchObject({ state: 'confirmed', thanks: '谢谢小赵！' });
    expect(confirmed.json().timeline.map((e: { action: string }) => e.action)).toEqual(['post', 'approve', 'claim', 'fulfil', 'decline', 'fulfil', 'confirm']);
    // A retried confirmation (the phone lost the answer): 200, nothing credited twice.
    expect((await resident.post(`/api/wishes/${id}/confirm`, {})).statusCode).toBe(200);
    expect(await ledgerRows(id)).toEqual([{ person_id: w.members[0]!.personId, minutes: 60, points: 2 }]);

    const ledger = (await m1.get(`/api/service-ledger?personId=${w.members[0]!.personId}`)).json();
    expect(ledger.totals).toEqual({ minutes: 60, points: 2, services: 1 });
    expect(ledger.items[0].source).toEqual({ module: 'wishes', kind: 'wish', id });
    const roll = (await resident.get(`/api/honour-roll?communityId=${w.community.id}&period=2026`)).json();
    expect(roll.frozen).toBe(false);
    expect(roll.items[0]).toMatchObject({ rank: 1, name: '党员1', badge: '双报到党员', hours: 1, points: 2 });

    const figuresRes = await staff.get(`/api/wish-figures?communityId=${w.community.id}`);
    expect(figuresRes.statusCode, figuresRes.body).toBe(200);
    const figures = figuresRes.json();
    expect(figures.months[0]).toMatchObject({ month: '2026-01', posted: 1, claimed: 1, confirmed: 1 });
  });

  it('concurrent confirmations of one wish credit once', async () => {
    const { w } = s;
    const staff = await login(s.t.app, w.accounts.staff.username);
    const m3 = await login(s.t.app, w.members[2]!.username);
    const id = (await staff.post('/api/wishes', { ...wishInput, compoundId: w.compound.id, onBehalf: true })).json().id;
    await staff.post(`/api/wishes/${id}/approve`, {});
    await m3.post(`/api/wishes/${id}/claim`);
    await m3.raw({ method: 'POST', url: `/api/wishes/${id}/fulfil`, ...fulfilment({ note: '陪老人去医院' }) });
    const res = await Promise.all(Array.from({ length: 10 }, () => staff.post(`/api/wishes/${id}/confirm`, {})));
    expect(res.every((r) => r.statusCode === 200 || r.json().error.code === 'WISH_STALE')).toBe(true);
    expect(res.filter((r) => r.statusCode === 200).length).toBeGreaterThanOrEqual(1);
    expect(await ledgerRows(id)).toEqual([{ person_id: w.members[2]!.personId, minutes: 45, points: 2 }]);
  });

  it('a stalled claim returns to the pool and the community is told', async () => {
    const { w } = s;
    const clock = s.t.clock as FakeClock;
    // On a shared PostgreSQL other files' wishes are in the table too: sweep this world's only.
    const inWorld = { communityIds: [w.community.id] };
    let staff = await login(s.t.app, w.accounts.staff.username);
    const m2 = await login(s.t.app, w.members[1]!.username);
    const id = (await staff.post('/api/wishes', { ...wishInput, compoundId: w.compound.id })).json().id;
    await staff.post(`/api/wishes/${id}/approve`, {});
    await m2.post(`/api/wishes/${id}/claim`);
    expect(await expireStalledClaims(s.t.app.ctx, clock.now(), inWorld)).toEqual({ expired: 0 });
    clock.advanceMinutes(8 * 24 * 60);
    const run = await expireStalledClaims(s.t.app.ctx, clock.now(), inWorld);
    expect(run.expired).toBeGreaterThanOrEqual(1);
    staff = await login(s.t.app, w.accounts.staff.username);
    const after = (await staff.get(`/api/wishes/${id}`)).json();
    expect(after).toMatchObject({ state: 'open', claimant: null });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'expire', actorRole: 'system' });
    const notes = (await staff.get('/api/notifications')).json();
    expect(JSON.stringify(notes)).toContain('认领超时');
    // Running again does nothing more.
    expect((await expireStalledClaims(s.t.app.ctx, clock.now(), inWorld)).expired).toBe(0);
  });

  it('refuses bad input with 4xx and a non-member claim with 403', async () => {
    const { w } = s;
    const resident = await login(s.t.app, w.accounts.resident.username);
    const staff = await login(s.t.app, w.accounts.staff.username);
    expect((await resident.post('/api/wishes', { ...wishInput, dueOn: '2026-02-30' })).statusCode).toBe(400);
    expect((await resident.post('/api/wishes', { ...wishInput, compoundId: w.selfGovernedCompound.id })).json().error.code).toBe('WISH_COMPOUND_INVALID');
    const id = (await staff.post('/api/wishes', { ...wishInput, compoundId: w.compound.id })).json().id;
    await staff.post(`/api/wishes/${id}/approve`, {});
    const r = await resident.post(`/api/wishes/${id}/claim`);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('WISH_NOT_A_MEMBER');
  });
});

describe('the wishes\' figures (family `members`)', () => {
  it('after the flows above (the concurrent confirmations included), equal their recount and count each wish once', async () => {
    const { w } = s;
    const db = s.t.database.db;
    expect(await verifyFigures(db, memberFigures, [w.community.id])).toEqual([]);
    const totals = totalsOf(await readFigures(db, { family: 'members', level: 'community', areaIds: [w.community.id] }));
    const [facts] = await queryRows<{ posted: number; confirmed: number; minutes: number; services: number }>(db, sql`
      select (select count(*)::int from wishes where community_id = ${w.community.id}) as posted,
        (select count(*)::int from wishes where community_id = ${w.community.id} and state = 'confirmed') as confirmed,
        (select coalesce(sum(minutes), 0)::int from service_ledger where community_id = ${w.community.id}) as minutes,
        (select count(*)::int from service_ledger where community_id = ${w.community.id}) as services`);
    expect(facts!.confirmed).toBeGreaterThanOrEqual(2);
    expect(totals).toMatchObject({ wishes_posted: facts!.posted, wishes_confirmed: facts!.confirmed, service_minutes: facts!.minutes, services: facts!.services, members: 3 });
  });
});
