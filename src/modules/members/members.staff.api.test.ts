import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount, buildCity, buildCommunity } from '../../../test/factories.js';
import { buildMembersCommunity, type MembersCommunity } from '../../../test/members-factories.js';
import { creditService } from './members.ledger.js';

/*
 * The staff workbench's side of the registry: the street's 红榜 (summed over its communities,
 * frozen once closed, 404 for another street's staff), ending 三岗 posts, a team's members and
 * leader, leaving and transfer keeping the history — and the new routes' tenancy.
 */
let t: TestApp;
let a: MembersCommunity; // street S1, with `a2` beside it
let a2: MembersCommunity;
let b: MembersCommunity; // another city
let staff: Client;
let street: Client;
let otherStreet: Client;

let source = Math.floor(Math.random() * 1e8);
const credit = (communityId: number, personId: number, minutes: number, at: string) =>
  t.database.db.transaction((tx) => creditService({ tx, communityId, personId, source: { module: 'test', kind: 'staff', id: ++source }, minutes, at: new Date(at) }));

beforeAll(async () => {
  t = await createTestApp();
  const city = await buildCity(t.database.db);
  a = await buildMembersCommunity(t.database.db, 3, await buildCommunity(t.database.db, city));
  a2 = await buildMembersCommunity(t.database.db, 1, await buildCommunity(t.database.db, city));
  b = await buildMembersCommunity(t.database.db, 1);
  staff = await login(t.app, a.accounts.staff.username);
  street = await login(t.app, (await buildAccount(t.database.db, city.city.id, [{ role: 'dept_staff', scopeType: 'street', scopeId: city.street.id }])).username);
  otherStreet = await login(t.app, (await buildAccount(t.database.db, b.city.id, [{ role: 'dept_staff', scopeType: 'street', scopeId: b.street.id }])).username);
  // 2025 (closed) and 2026 (open): members[0] serves in both communities of the street.
  await credit(a.community.id, a.members[0]!.personId, 120, '2025-11-03T10:00:00+08:00');
  await credit(a2.community.id, a.members[0]!.personId, 60, '2025-12-03T10:00:00+08:00');
  await credit(a.community.id, a.members[1]!.personId, 150, '2025-10-03T10:00:00+08:00');
  await credit(a2.community.id, a2.members[0]!.personId, 30, '2025-06-03T10:00:00+08:00');
  await credit(a.community.id, a.members[1]!.personId, 45, '2026-01-05T10:00:00+08:00');
  await credit(b.community.id, b.members[0]!.personId, 600, '2025-11-03T10:00:00+08:00');
}, 120_000);
afterAll(async () => t?.close());

describe('the street 红榜', () => {
  it('sums the street\'s communities from the ledger, naming where each person served', async () => {
    const res = await street.get(`/api/honour-roll?streetId=${a.street.id}&period=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const roll = res.json();
    expect(roll).toMatchObject({ streetId: a.street.id, communityId: null, scopeName: '测试街道', communities: 2, frozen: true });
    expect(roll.items.map((i: { personId: number; minutes: number; rank: number }) => [i.rank, i.personId, i.minutes])).toEqual([
      [1, a.members[0]!.personId, 180], [2, a.members[1]!.personId, 150], [3, a2.members[0]!.personId, 30],
    ]);
    expect(roll.items[0].communityNames).toHaveLength(2);
    expect(roll.items[0].badge).toBe('双报到党员');
    const live = (await street.get(`/api/honour-roll?streetId=${a.street.id}&period=2026Q1`)).json();
    expect(live).toMatchObject({ frozen: false, frozenAt: null });
    expect(live.items.map((i: { personId: number; minutes: number }) => [i.personId, i.minutes])).toEqual([[a.members[1]!.personId, 45]]);
  });

  it('a closed period stays frozen: a late credit dated inside it changes neither the street nor the community roll', async () => {
    const before = (await street.get(`/api/honour-roll?streetId=${a.street.id}&period=2025Q4`)).json();
    await credit(a2.community.id, a2.members[0]!.personId, 500, '2025-12-30T10:00:00+08:00');
    const after = (await street.get(`/api/honour-roll?streetId=${a.street.id}&period=2025Q4`)).json();
    expect(after).toEqual(before);
    expect(after.frozen).toBe(true);
    // The street roll of a closed period is its communities' frozen rolls, summed: they agree.
    const community = (await staff.get(`/api/honour-roll?communityId=${a.community.id}&period=2025Q4`)).json();
    expect(community.frozen).toBe(true);
    expect(community.items.find((i: { personId: number }) => i.personId === a.members[1]!.personId).minutes).toBe(150);
    // The open year still moves.
    expect((await street.get(`/api/honour-roll?streetId=${a.street.id}&period=2026`)).json().items).toHaveLength(1);
  });

  it('the department of the city sees it; another street\'s staff, community staff and residents get 404', async () => {
    const dept = await login(t.app, a.accounts.dept.username);
    expect((await dept.get(`/api/honour-roll?streetId=${a.street.id}&period=2025`)).statusCode).toBe(200);
    for (const c of [otherStreet, staff, await login(t.app, a.accounts.resident.username), await login(t.app, a.members[0]!.username)]) {
      const res = await c.get(`/api/honour-roll?streetId=${a.street.id}&period=2025`);
      expect(res.statusCode, res.body).toBe(404);
    }
    expect((await otherStreet.get(`/api/honour-roll?streetId=${b.street.id}&period=2025`)).json().items[0].minutes).toBe(600);
  });

  it('needs exactly one of communityId and streetId; lists the streets the actor may choose', async () => {
    expect((await street.get(`/api/honour-roll?streetId=${a.street.id}&communityId=${a.community.id}&period=2025`)).statusCode).toBe(400);
    expect((await street.get('/api/honour-roll?period=2025')).statusCode).toBe(400);
    expect((await street.get('/api/honour-roll/streets')).json().items.map((s: { id: number }) => s.id)).toEqual([a.street.id]);
    expect((await staff.get('/api/honour-roll/streets')).json().items).toEqual([]);
  });
});

describe('keeping the registry', () => {
  it('三岗: a post is assigned and ended once; both are in the member\'s history', async () => {
    const m = a.members[0]!.memberId;
    const added = (await staff.post(`/api/members/${m}/posts`, { post: 'responsibility', duty: '3号楼楼栋长', startsOn: '2026-01-01' })).json();
    const postId = added.postsHistory[0].id;
    const ended = await staff.post(`/api/members/${m}/posts/${postId}/end`, { note: '换届' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().postsHistory[0]).toMatchObject({ id: postId, endsOn: '2026-01-13' });
    const again = await staff.post(`/api/members/${m}/posts/${postId}/end`, {});
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'MEMBER_POST_ENDED']);
    expect((await staff.post(`/api/members/${m}/posts/${postId}/end`, { endsOn: '2025-12-01' })).json().error.code).toBe('MEMBER_LINK_INVALID');
    const timeline = ended.json().timeline.map((e: { action: string; detail: string | null }) => [e.action, e.detail]);
    expect(timeline).toEqual(expect.arrayContaining([['post_assign', '党员责任岗 · 3号楼楼栋长'], ['post_end', '党员责任岗 · 3号楼楼栋长 (2026-01-13)']]));
  });

  it('a team: members added once (at the same time too), a leader who joins, the leader is not removed', async () => {
    const team = (await staff.post('/api/teams', { communityId: a.community.id, name: '党员先锋队', kind: 'vanguard' })).json();
    const [m0, m1, m2] = a.members.map((m) => m.memberId);
    const adds = await Promise.all([1, 2, 3].map(() => staff.post(`/api/teams/${team.id}/members`, { memberId: m0 })));
    expect(adds.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(adds[2]!.json().members.map((x: { memberId: number }) => x.memberId)).toEqual([m0]);
    const led = (await staff.put(`/api/teams/${team.id}/leader`, { memberId: m1 })).json();
    expect(led.leader.memberId).toBe(m1);
    expect(led.members.map((x: { memberId: number }) => x.memberId)).toEqual([m0, m1]);
    const refused = await staff.post(`/api/teams/${team.id}/members/${m1}/remove`, {});
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'MEMBER_TEAM_LEADER']);
    expect((await staff.post(`/api/teams/${team.id}/members/${m0}/remove`, {})).json().members.map((x: { memberId: number }) => x.memberId)).toEqual([m1]);
    expect((await staff.post(`/api/teams/${team.id}/members/${m0}/remove`, {})).statusCode).toBe(404);
    expect((await staff.post(`/api/teams/${team.id}/members`, { memberId: a2.members[0]!.memberId })).json().error.code).toBe('MEMBER_LINK_INVALID');
    const detail = (await staff.get(`/api/members/${m0}`)).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['team_join', 'team_leave']));
    // Leaving ends the member's posts and the team loses its leader; the history stays.
    await staff.post(`/api/members/${m1}/posts`, { post: 'vanguard', duty: '应急先锋', startsOn: '2026-01-01' });
    const left = (await staff.post(`/api/members/${m1}/leave`, { note: '搬离' })).json();
    expect(left).toMatchObject({ state: 'left', posts: [] });
    expect(left.postsHistory[0]).toMatchObject({ duty: '应急先锋', endsOn: '2026-01-13' });
    expect((await staff.get(`/api/teams?communityId=${a.community.id}`)).json().items.find((x: { id: number }) => x.id === team.id).leader).toBeNull();
    expect((await staff.post(`/api/teams/${team.id}/members`, { memberId: m1 })).json().error.code).toBe('MEMBER_LINK_INVALID');
    void m2;
  });

  it('transfer: the targets are the city\'s other communities; the history names where the member went', async () => {
    const m = a.members[2]!.memberId;
    const targets = (await staff.get(`/api/members/${m}/transfer-targets`)).json().items.map((c: { id: number }) => c.id);
    expect(targets).toContain(a2.community.id);
    expect(targets).not.toContain(a.community.id);
    expect(targets).not.toContain(b.community.id);
    const moved = (await staff.post(`/api/members/${m}/transfer`, { toCommunityId: a2.community.id, note: '搬家' })).json();
    expect(moved.state).toBe('transferred');
    expect(moved.timeline.at(-1)).toMatchObject({ action: 'transfer', detail: a2.community.name, note: '搬家' });
  });

  it('another city\'s staff get 404 on every new route; community staff without members:manage get 403', async () => {
    const outsider = await login(t.app, b.accounts.staff.username);
    const team = (await staff.post('/api/teams', { communityId: a.community.id, name: '邻里帮帮团', kind: 'helpers' })).json();
    const m = a.members[0]!.memberId;
    const post = (await staff.post(`/api/members/${m}/posts`, { post: 'demonstration', duty: '示范岗', startsOn: '2026-01-01' })).json().postsHistory[0].id;
    const calls = (c: Client) => [
      c.post(`/api/members/${m}/posts/${post}/end`, {}), c.get(`/api/members/${m}/transfer-targets`),
      c.post(`/api/teams/${team.id}/members`, { memberId: m }), c.post(`/api/teams/${team.id}/members/${m}/remove`, {}), c.put(`/api/teams/${team.id}/leader`, { memberId: m }),
    ];
    for (const res of await Promise.all(calls(outsider))) expect(res.statusCode, res.body).toBe(404);
    const owners = await login(t.app, a.accounts.committee.username);
    for (const res of await Promise.all(calls(owners))) expect(res.statusCode, res.body).toBe(403);
    expect((await staff.get(`/api/members/${m}`)).json().posts.map((p: { duty: string }) => p.duty)).toContain('示范岗');
  });
});

describe('亮身份 for other pages', () => {
  it('answers the badges of accounts that are active members the actor sees; nobody else, never a phone', async () => {
    const ids = [a.members[0]!.accountId, a.accounts.staff.accountId, b.members[0]!.accountId].join(',');
    const mine = (await staff.get(`/api/members/badges?accountIds=${ids}`)).json().items;
    expect(mine.map((i: { accountId: number }) => i.accountId)).toEqual([a.members[0]!.accountId]);
    expect(mine[0].badge).toMatchObject({ memberId: a.members[0]!.memberId, label: '双报到党员' });
    expect(JSON.stringify(mine)).not.toMatch(/1[3-9]\d{9}/);
    const resident = await login(t.app, a.accounts.resident.username);
    expect((await resident.get(`/api/members/badges?accountIds=${ids}`)).json().items).toHaveLength(1);
    await expect((await login(t.app, b.accounts.staff.username)).get(`/api/members/badges?accountIds=${a.members[0]!.accountId}`).then((r) => r.json().items)).resolves.toEqual([]);
    expect((await staff.get('/api/members/badges?accountIds=x,1')).statusCode).toBe(400);
  });
});
