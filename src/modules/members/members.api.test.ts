import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { login, useTestWorld } from '../../../test/app.js';
import { buildCommunity } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import type { FakeClock } from '../../server/clock.js';
import { readFigures, totalsOf, verifyFigures } from '../../kernel/figures.js';
import { memberFigures } from './members.figures.js';
import { creditService } from './members.ledger.js';
import { buildMembersCommunity } from '../../../test/members-factories.js';

const s = useTestWorld(async (db) => {
  const w = await buildMembersCommunity(db, 2);
  const other = await buildCommunity(db, { city: w.city, district: w.district, street: w.street, department: w.department, localUnit: w.localUnit });
  return { ...w, other };
});

describe('the registry (报到)', () => {
  it('a resident registers, a second tap is refused, the committee approves; posts, teams, leaving and transfer keep history', async () => {
    const { w } = s;
    const resident = await login(s.t.app, w.accounts.resident.username);
    const staff = await login(s.t.app, w.accounts.staff.username);
    const body = { communityId: w.community.id, kind: 'dual_registered', branchName: '开封市教育局机关党支部', workUnit: '开封市教育局', joinedPartyOn: '2008-07-01', skills: ['维修', '理发'], availability: '周末' };
    const reg = await resident.post('/api/members', body);
    expect(reg.statusCode).toBe(201);
    expect(reg.json()).toMatchObject({ state: 'pending', kind: 'dual_registered', compoundId: w.compound.id, kindLabel: '双报到党员', phone: '13803781201' });
    const again = await resident.post('/api/members', body);
    expect(again.json().error.code).toBe('MEMBER_ALREADY_REGISTERED');
    expect((await resident.post(`/api/members/${reg.json().id}/approve`, {})).statusCode).toBe(403);

    // Staff see the pending registration; the committee approves it.
    const list = (await staff.get(`/api/members?communityId=${w.community.id}&state=pending`)).json();
    expect(list.items.map((m: { id: number }) => m.id)).toContain(reg.json().id);
    const id = reg.json().id;
    const approved = await staff.post(`/api/members/${id}/approve`, { note: '核实无误' });
    expect(approved.json()).toMatchObject({ state: 'active', abilities: { addPost: true, approve: false } });
    const posted = await staff.post(`/api/members/${id}/posts`, { post: 'responsibility', duty: '12号楼楼栋长', startsOn: '2026-01-01' });
    expect(posted.statusCode).toBe(201);
    expect(posted.json().posts).toEqual([{ post: 'responsibility', label: '党员责任岗', duty: '12号楼楼栋长' }]);

    const team = await staff.post('/api/teams', { communityId: w.community.id, name: '党员先锋队', kind: 'vanguard', leaderMemberId: id, memberIds: w.members.map((m) => m.memberId) });
    expect(team.statusCode).toBe(201);
    expect(team.json()).toMatchObject({ name: '党员先锋队', size: 3, leader: { memberId: id, label: '双报到党员' } });
    expect((await resident.get(`/api/teams?communityId=${w.community.id}`)).json().items[0].name).toBe('党员先锋队');

    // 亮身份: the neighbours see who serves their compound — name and post, never a phone.
    const neighbour = await login(s.t.app, w.accounts.neighbour.username);
    const serving = (await neighbour.get(`/api/compounds/${w.compound.id}/serving-members`)).json();
    expect(serving.items[0]).toMatchObject({ memberId: id, name: '郑秀英', posts: [{ label: '党员责任岗' }], teams: ['党员先锋队'] });
    expect(JSON.stringify(serving)).not.toMatch(/138\d{8}|phone/);

    // Transfer: this registration closes, a pending one opens in the other community, history kept.
    const moved = await staff.post(`/api/members/${id}/transfer`, { toCommunityId: s.w.other.community.id, note: '搬家' });
    expect(moved.json()).toMatchObject({ state: 'transferred' });
    expect(moved.json().timeline.map((e: { action: string }) => e.action)).toEqual(['register', 'approve', 'post_assign', 'transfer']);
    const mine = (await resident.get('/api/members')).json().items;
    expect(mine.map((m: { state: string; communityId: number }) => [m.state, m.communityId])).toEqual(expect.arrayContaining([['transferred', w.community.id], ['pending', s.w.other.community.id]]));
    const next = mine.find((m: { state: string }) => m.state === 'pending');
    expect(next.transferredFromId).toBe(id);
    // Staff of the old community do not reach the new registration.
    expect((await staff.get(`/api/members/${next.id}`)).statusCode).toBe(404);
  });

  it('a member leaves by themselves; staff of another community reach no registration', async () => {
    const { w } = s;
    const m = await login(s.t.app, w.members[1]!.username);
    const left = await m.post(`/api/members/${w.members[1]!.memberId}/leave`, { note: '工作调动' });
    expect(left.json()).toMatchObject({ state: 'left' });
    expect(left.json().closedAt).not.toBeNull();
    const outsider = await login(s.t.app, s.w.other.accounts.staff.username);
    expect((await outsider.get(`/api/members/${w.members[0]!.memberId}`)).statusCode).toBe(404);
    const grid = await login(s.t.app, w.accounts.grid.username);
    expect((await grid.get(`/api/members/${w.members[0]!.memberId}`)).statusCode).toBe(403);
  });
});

describe('the 红榜', () => {
  it('is computed from the ledger; a closed quarter is frozen and does not change', async () => {
    const { w } = s;
    const db = s.t.database.db;
    const clock = s.t.clock as FakeClock;
    const credit = (personId: number, id: number, minutes: number, at: string) =>
      db.transaction((tx) => creditService({ tx, communityId: w.community.id, personId, source: { module: 'activities', kind: 'shift', id }, minutes, at: new Date(at) }));
    const [a, b] = [w.members[0]!.personId, w.members[1]!.personId];
    const base = Math.floor(Math.random() * 1e8);
    await credit(a, base + 1, 120, '2026-07-05T10:00:00+08:00');
    await credit(b, base + 2, 90, '2026-08-05T10:00:00+08:00');
    await credit(b, base + 3, 60, '2026-09-30T23:30:00+08:00');
    await credit(a, base + 4, 30, '2026-10-01T00:10:00+08:00'); // Q4, not Q3
    clock.set('2026-10-08T09:00:00+08:00');
    const staff = await login(s.t.app, w.accounts.staff.username);
    const first = (await staff.get(`/api/honour-roll?communityId=${w.community.id}&period=2026Q3`)).json();
    expect(first).toMatchObject({ frozen: true, period: '2026Q3', from: '2026-06-30T16:00:00.000Z', to: '2026-09-30T16:00:00.000Z' });
    expect(first.items.map((i: { personId: number; minutes: number; rank: number }) => [i.rank, i.personId, i.minutes])).toEqual([[1, b, 150], [2, a, 120]]);

    // A late credit dated inside the closed quarter: the frozen roll does not move, the open year does.
    await credit(a, base + 5, 240, '2026-08-20T10:00:00+08:00');
    const again = (await staff.get(`/api/honour-roll?communityId=${w.community.id}&period=2026Q3`)).json();
    expect(again).toEqual(first);
    const year = (await staff.get(`/api/honour-roll?communityId=${w.community.id}&period=2026`)).json();
    expect(year.frozen).toBe(false);
    expect(year.items[0]).toMatchObject({ personId: a, minutes: 390, hours: 6.5 });
    // The snapshot is append-only: the database refuses to edit it.
    const refused = await db.execute(sql`update honour_roll_entries set minutes = 0`).then(() => null, (err: Error & { cause?: Error }) => String(err.cause?.message ?? err.message));
    expect(refused).toMatch(/append-only/);
    const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from honour_roll_periods where community_id = ${w.community.id} and period = '2026Q3'`);
    expect(rows[0]!.n).toBe(1);

    expect((await staff.get(`/api/honour-roll?communityId=${w.community.id}&period=2027Q1`)).json().error.code).toBe('HONOUR_PERIOD_INVALID');
    expect((await staff.get(`/api/honour-roll?communityId=${w.community.id}&period=2026Q5`)).statusCode).toBe(400);
  });

  it('concurrent first readers of a closed period freeze it once', async () => {
    const { w } = s;
    const staff = await login(s.t.app, w.accounts.staff.username);
    const res = await Promise.all(Array.from({ length: 8 }, () => staff.get(`/api/honour-roll?communityId=${w.community.id}&period=2026Q2`)));
    expect(res.every((r) => r.statusCode === 200 && r.json().frozen)).toBe(true);
    expect(new Set(res.map((r) => r.json().frozenAt)).size).toBe(1);
  });
});

describe('the members\' figures (family `members`)', () => {
  it('after the registry\'s and the ledger\'s workloads above, equal their recount', async () => {
    const { w } = s;
    const db = s.t.database.db;
    expect(await verifyFigures(db, memberFigures, [w.community.id, s.w.other.community.id])).toEqual([]);
    const here = totalsOf(await readFigures(db, { family: 'members', level: 'community', areaIds: [w.community.id] }));
    // 2 approved by the fixture + the resident approved − the resident transferred out − member 2 who left; five credits of 540 minutes.
    expect(here).toMatchObject({ members: 1, service_minutes: 540, services: 5 });
    // The transfer opened a pending registration there: nobody is counted until approved.
    expect(totalsOf(await readFigures(db, { family: 'members', level: 'community', areaIds: [s.w.other.community.id] })).members ?? 0).toBe(0);
  });
});
