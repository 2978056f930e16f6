import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildVoteWorld, type VoteWorld } from '../../../test/votes-factories.js';
import { roleHas, type Permission } from '../access/access.policy.js';
import { getMatterOutcome, listPassedMatters } from './votes.service.js';
import { getMeetingDecision } from '../deliberation/deliberation.service.js';
import { loadActor } from '../accounts/accounts.service.js';

/*
 * Tenant isolation of every votes and deliberation route: an owner of another compound, staff of
 * another community, property staff of another company, a department of another city get 404 for
 * a specific vote, ballot receipt, topic, meeting or decision (403 when their role lacks the
 * route's permission), never see them in a list, and cannot cast. The service contract other
 * modules use answers 404 the same way.
 */
let t: TestApp;
let a: VoteWorld;
let b: VoteWorld;
let voteId: number;
let matterId: number;
let receipt: string;
let topicId: number;
let meetingId: number;
let decisionId: number;
let opinionId: number;
const outsiders: { label: string; role: string; client: Client }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await buildVoteWorld(t.database.db);
  b = await buildVoteWorld(t.database.db);
  const committee = await login(t.app, a.accounts.committee.username);
  const staff = await login(t.app, a.accounts.staff.username);
  const v = (await committee.post('/api/votes', { compoundId: a.compound.id, title: '关于续聘物业的表决', endsAt: '2026-02-01T20:00:00+08:00', matters: [{ title: '续聘', class: 'ordinary' }] })).json();
  voteId = v.id;
  matterId = v.matters[0].id;
  await committee.post(`/api/votes/${voteId}/open`);
  receipt = (await (await login(t.app, a.owners.multi.username)).post(`/api/votes/${voteId}/ballots`, { answers: { [String(matterId)]: 'agree' } })).json().receipt;
  const topic = (await staff.post('/api/topics', { compoundId: a.compound.id, title: '楼道堆物清理', body: '请大家出主意', opinionsUntil: '2026-02-01T20:00:00+08:00' })).json();
  topicId = topic.id;
  opinionId = (await (await login(t.app, a.accounts.resident.username)).post(`/api/topics/${topicId}/opinions`, { stance: 'support', body: '支持清理' })).json().opinions[0].id;
  const meeting = (await staff.post('/api/meetings', { compoundId: a.compound.id, type: 'small_bench', title: '小板凳议事会', location: '1号楼前', scheduledAt: '2026-01-14T19:00:00+08:00', invitedParties: ['owners_committee'], agendaTopicIds: [topicId] })).json();
  meetingId = meeting.id;
  await staff.post(`/api/meetings/${meetingId}/minutes`, { minutes: '议定清理楼道', heldAt: '2026-01-14T19:00:00+08:00', attendees: [{ name: '王', side: 'resident' }], otherAttendance: 3 });
  decisionId = (await staff.post(`/api/meetings/${meetingId}/decisions`, { title: '周六清理楼道', ownerName: '王', ownerParty: 'resident', dueDate: '2026-01-20' })).json().decisions[0].id;
  outsiders.push(
    { label: 'owner of another compound', role: 'resident', client: await login(t.app, b.owners.multi.username) },
    { label: 'staff of another community', role: 'community_staff', client: await login(t.app, b.accounts.staff.username) },
    { label: 'owners\' committee of another community', role: 'owners_committee', client: await login(t.app, b.accounts.committee.username) },
    { label: 'property staff of another company', role: 'property_staff', client: await login(t.app, b.accounts.property.username) },
    { label: 'department of another city', role: 'dept_staff', client: await login(t.app, b.accounts.dept.username) },
  );
});
afterAll(async () => t?.close());

const yes = () => ({ answers: { [String(matterId)]: 'agree' } });
const routes: { method: 'GET' | 'POST'; url: () => string; permission: Permission; body?: () => unknown }[] = [
  { method: 'GET', url: () => `/api/votes/${voteId}`, permission: 'votes:read' },
  { method: 'GET', url: () => `/api/votes/${voteId}/tally`, permission: 'votes:read' },
  { method: 'GET', url: () => `/api/votes/${voteId}/export`, permission: 'votes:read' },
  { method: 'GET', url: () => `/api/ballot-receipts/${receipt}`, permission: 'votes:read' },
  { method: 'POST', url: () => `/api/votes/${voteId}/ballots`, permission: 'votes:cast', body: yes },
  { method: 'POST', url: () => `/api/votes/${voteId}/paper-ballots`, permission: 'votes:manage', body: () => ({ householdId: a.households[0]!.id, ...yes() }) },
  { method: 'GET', url: () => `/api/votes/${voteId}/paper-ballots`, permission: 'votes:manage' },
  { method: 'GET', url: () => `/api/votes/${voteId}/paper-ballots/1/photo`, permission: 'votes:manage' },
  { method: 'POST', url: () => `/api/votes/${voteId}/open`, permission: 'votes:manage' },
  { method: 'POST', url: () => `/api/votes/${voteId}/close`, permission: 'votes:manage' },
  { method: 'POST', url: () => '/api/votes', permission: 'votes:manage', body: () => ({ compoundId: a.compound.id, title: '越权发起', endsAt: '2026-02-01T20:00:00+08:00', matters: [{ title: '事项', class: 'ordinary' }] }) },
  { method: 'GET', url: () => `/api/topics/${topicId}`, permission: 'deliberation:read' },
  { method: 'POST', url: () => `/api/topics/${topicId}/opinions`, permission: 'deliberation:opine', body: () => ({ stance: 'oppose', body: '外人意见' }) },
  { method: 'POST', url: () => `/api/topics/${topicId}/opinions/${opinionId}/moderation`, permission: 'deliberation:moderate', body: () => ({ action: 'hide', reason: '越权隐藏' }) },
  { method: 'POST', url: () => '/api/topics', permission: 'deliberation:raise', body: () => ({ compoundId: a.compound.id, title: '越权议题', body: '内容', opinionsUntil: '2026-02-01T20:00:00+08:00' }) },
  { method: 'GET', url: () => `/api/meetings/${meetingId}`, permission: 'deliberation:read' },
  { method: 'POST', url: () => '/api/meetings', permission: 'deliberation:convene', body: () => ({ communityId: a.community.id, type: 'tripartite', title: '越权会议', location: '某处', scheduledAt: '2026-01-14T19:00:00+08:00', invitedParties: [] }) },
  { method: 'POST', url: () => `/api/meetings/${meetingId}/minutes`, permission: 'deliberation:convene', body: () => ({ minutes: '改纪要', heldAt: '2026-01-14T19:00:00+08:00', attendees: [] }) },
  { method: 'POST', url: () => `/api/meetings/${meetingId}/decisions`, permission: 'deliberation:convene', body: () => ({ title: '越权决定', ownerName: '某', ownerParty: 'other', dueDate: '2026-01-20' }) },
  { method: 'POST', url: () => `/api/decisions/${decisionId}/progress`, permission: 'deliberation:convene', body: () => ({ note: '越权', done: true }) },
  { method: 'POST', url: () => `/api/decisions/${decisionId}/requests`, permission: 'deliberation:convene', body: () => ({ description: '越权派单', locationKind: 'public_area' }) },
];

describe('tenant isolation of votes and deliberation', () => {
  it('answers 404 (or 403 without the permission) on every route about one record', async () => {
    for (const o of outsiders) {
      for (const r of routes) {
        const res = r.method === 'GET' ? await o.client.get(r.url()) : await o.client.post(r.url(), r.body?.() ?? {});
        expect.soft(res.statusCode, `${o.label}: ${r.method} ${r.url()} ${res.body.slice(0, 120)}`).toBe(roleHas(o.role, r.permission) ? 404 : 403);
      }
    }
  });

  it('never lists the vote, topic or meeting for an outsider, and counts nothing of theirs', async () => {
    for (const o of outsiders) {
      if (roleHas(o.role, 'votes:read')) expect.soft((await o.client.get('/api/votes?pageSize=100')).json().items.map((i: { id: number }) => i.id), o.label).not.toContain(voteId);
      if (roleHas(o.role, 'deliberation:read')) {
        expect.soft((await o.client.get('/api/topics?pageSize=100')).json().items.map((i: { id: number }) => i.id), o.label).not.toContain(topicId);
        expect.soft((await o.client.get('/api/meetings?pageSize=100')).json().items.map((i: { id: number }) => i.id), o.label).not.toContain(meetingId);
        const counts = (await o.client.get('/api/deliberation/counts')).json().items as { communityId: number }[];
        expect.soft(counts.map((c) => c.communityId), o.label).not.toContain(a.community.id);
      }
    }
  });

  it('an owner of this compound sees and casts; the receipt stays the caster\'s compound\'s', async () => {
    const owner = await login(t.app, a.owners.a.username);
    expect((await owner.get(`/api/votes/${voteId}`)).statusCode).toBe(200);
    expect((await owner.get('/api/votes')).json().items.map((i: { id: number }) => i.id)).toContain(voteId);
    expect((await owner.post(`/api/votes/${voteId}/ballots`, yes())).statusCode).toBe(201);
    expect((await owner.get(`/api/topics/${topicId}`)).statusCode).toBe(200);
    expect((await owner.get(`/api/meetings/${meetingId}`)).json().decisions).toHaveLength(1);
  });

  it('the service contract answers 404 outside the actor\'s scope', async () => {
    const inside = (await loadActor(t.database.db, a.accounts.staff.accountId))!;
    const outside = (await loadActor(t.database.db, b.accounts.staff.accountId))!;
    const outcome = await getMatterOutcome({ db: t.database.db, actor: inside, matterId });
    expect(outcome).toMatchObject({ matterId, voteId, compoundId: a.compound.id, communityId: a.community.id, class: 'ordinary', status: 'open', closedAt: null });
    expect(outcome.chainHead).toMatch(/^[0-9a-f]{64}$/);
    await expect(getMatterOutcome({ db: t.database.db, actor: outside, matterId })).rejects.toMatchObject({ status: 404 });
    await expect(listPassedMatters({ db: t.database.db, actor: outside, compoundId: a.compound.id })).rejects.toMatchObject({ status: 404 });
    expect(await listPassedMatters({ db: t.database.db, actor: inside, compoundId: a.compound.id })).toEqual([]);
    expect(await getMeetingDecision({ db: t.database.db, actor: inside, decisionId })).toMatchObject({ decisionId, meetingId, communityId: a.community.id, compoundId: a.compound.id, status: 'open', dueDate: '2026-01-20' });
    await expect(getMeetingDecision({ db: t.database.db, actor: outside, decisionId })).rejects.toMatchObject({ status: 404 });
  });
});
