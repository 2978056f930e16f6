import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildVoteWorld, type VoteWorld } from '../../../test/votes-factories.js';
import { queryRows } from '../../db/client.js';
import { verifyFigures } from '../../kernel/figures.js';
import { FakeClock } from '../../server/clock.js';
import { deliberationFigures } from './deliberation.figures.js';
import { ensureDefaultCategories } from '../requests/requests.categories.js';
import { followSpawnedRequests } from './deliberation.service.js';

/*
 * 协商共治 through the API: one opinion per person per topic, editable until the period closes,
 * moderation that keeps the original; a meeting's minutes recorded once (even when sent twice at
 * once); decisions followed up until done — by hand, or when the service requests they spawned
 * are finished; the counts and their export; figures exact against the recount.
 */
let t: TestApp;
let w: VoteWorld;
let staff: Client;
let resident: Client;
let clock: FakeClock;

beforeAll(async () => {
  clock = new FakeClock('2026-01-13T09:00:00+08:00');
  t = await createTestApp({ clock });
  w = await buildVoteWorld(t.database.db);
  await ensureDefaultCategories(t.database.db, w.city.id);
  staff = await login(t.app, w.accounts.staff.username);
  resident = await login(t.app, w.accounts.resident.username);
});
afterAll(async () => t?.close());

async function topic(until = '2026-01-20T20:00:00+08:00') {
  const res = await staff.post('/api/topics', { compoundId: w.compound.id, title: '楼道堆物怎么清理？', body: '请大家出主意', opinionsUntil: until });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; raisedBy: string };
}

describe('topics and opinions', () => {
  it('keeps one opinion per person, editable until the period closes, every version kept', async () => {
    const tp = await topic('2026-01-13T11:00:00+08:00');
    expect(tp.raisedBy).toBe('community');
    const first = await resident.post(`/api/topics/${tp.id}/opinions`, { stance: 'support', body: '支持清理' });
    expect(first.statusCode, first.body).toBe(201);
    const edited = (await resident.post(`/api/topics/${tp.id}/opinions`, { stance: 'suggestion', body: '建议每周六集中清理' })).json();
    expect(edited.opinions).toHaveLength(1);
    expect(edited.opinions[0]).toMatchObject({ stance: 'suggestion', body: '建议每周六集中清理', edited: true, mine: true });
    expect(edited.counts).toEqual({ support: 0, oppose: 0, suggestion: 1 });
    // The resident sees a masked name of others; staff see the versions.
    const seen = (await staff.get(`/api/topics/${tp.id}`)).json();
    expect(seen.opinions[0].history.map((h: { action: string; body: string }) => [h.action, h.body])).toEqual([['written', '支持清理'], ['edited', '建议每周六集中清理']]);
    clock.set('2026-01-13T11:30:00+08:00');
    const late = await resident.post(`/api/topics/${tp.id}/opinions`, { stance: 'oppose', body: '改主意了' });
    expect(late.json().error.code).toBe('DELIBERATION_PERIOD_CLOSED');
  });

  it('two first opinions of one person at once are one opinion', async () => {
    const tp = await topic();
    const neighbour = await login(t.app, w.accounts.neighbour.username);
    const res = await Promise.all(Array.from({ length: 6 }, (_, i) => neighbour.post(`/api/topics/${tp.id}/opinions`, { stance: 'support', body: `意见${i}` })));
    expect(res.every((r) => r.statusCode === 201)).toBe(true);
    const [row] = await queryRows<{ n: number; v: number }>(t.database.db, sql`select count(*)::int as n, max(version)::int as v from deliberation_opinions where topic_id = ${tp.id}`);
    expect(row).toEqual({ n: 1, v: 6 });
    const [versions] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from deliberation_opinion_versions v join deliberation_opinions o on o.id = v.opinion_id where o.topic_id = ${tp.id}`);
    expect(versions!.n).toBe(6);
  });

  it('moderation hides an opinion from the public and keeps the original', async () => {
    const tp = await topic();
    const id = (await resident.post(`/api/topics/${tp.id}/opinions`, { stance: 'oppose', body: '某某是骗子' })).json().opinions[0].id;
    const hidden = await staff.post(`/api/topics/${tp.id}/opinions/${id}/moderation`, { action: 'hide', reason: '含人身攻击' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    const publicView = (await (await login(t.app, w.owners.a.username)).get(`/api/topics/${tp.id}`)).json();
    expect(publicView.opinions[0]).toMatchObject({ hidden: true, body: null, moderationReason: '含人身攻击' });
    const staffView = (await staff.get(`/api/topics/${tp.id}`)).json();
    expect(staffView.opinions[0].history.map((h: { action: string; body: string }) => h.body)).toEqual(['某某是骗子', '某某是骗子']);
    expect((await resident.post(`/api/topics/${tp.id}/opinions/${id}/moderation`, { action: 'restore', reason: '自己恢复' })).statusCode).toBe(403);
  });

  it('refuses a period already over and a place that is not there', async () => {
    expect((await staff.post('/api/topics', { compoundId: w.compound.id, title: '过期议题', body: '内容', opinionsUntil: '2026-01-01T00:00:00+08:00' })).json().error.code).toBe('DELIBERATION_DUE_INVALID');
    expect((await staff.post('/api/topics', { title: '无处议题', body: '内容', opinionsUntil: '2026-02-01T00:00:00+08:00' })).json().error.code).toBe('DELIBERATION_PLACE_INVALID');
  });
});

describe('meetings and decisions', () => {
  async function meeting(type = 'small_bench') {
    const tp = await topic();
    const res = await staff.post('/api/meetings', { compoundId: w.compound.id, type, title: '小板凳议事会', location: '1号楼前空地', scheduledAt: '2026-01-14T19:00:00+08:00', invitedParties: ['party_organisation', 'owners_committee', 'property_company', 'residents_committee'], agendaTopicIds: [tp.id] });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; agenda: unknown[] };
  }
  const minutes = { minutes: '议定每周六清理楼道', heldAt: '2026-01-14T19:00:00+08:00', attendees: [{ name: '王桂兰', side: 'resident' }, { name: '李红梅', side: 'party_organisation' }], otherAttendance: 18 };

  it('records the minutes once, even sent twice at once, and decides only once held', async () => {
    const m = await meeting();
    expect(m.agenda).toHaveLength(1);
    expect((await staff.post(`/api/meetings/${m.id}/decisions`, { title: '清理', ownerName: '王', ownerParty: 'resident', dueDate: '2026-01-20' })).json().error.code).toBe('DELIBERATION_NOT_HELD');
    const res = await Promise.all([staff.post(`/api/meetings/${m.id}/minutes`, minutes), staff.post(`/api/meetings/${m.id}/minutes`, minutes)]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const record = (await staff.get(`/api/meetings/${m.id}`)).json();
    expect(record).toMatchObject({ state: 'held', attendance: 20, attendanceBySide: { resident: 1, party_organisation: 1 } });
    // The public record: attendance counted, names only for the conveners.
    const publicRecord = (await resident.get(`/api/meetings/${m.id}`)).json();
    expect(publicRecord).toMatchObject({ attendance: 20, attendees: [] });
  });

  it('follows a decision up until done, and a decision with requests is done when they are', async () => {
    const m = await meeting('tripartite');
    await staff.post(`/api/meetings/${m.id}/minutes`, minutes);
    const made = (await staff.post(`/api/meetings/${m.id}/decisions`, { title: '修补屋面防水', ownerName: '物业王经理', ownerParty: 'property_company', dueDate: '2026-01-20' })).json();
    const d1 = made.decisions[0].id;
    await staff.post(`/api/decisions/${d1}/progress`, { note: '已采购防水材料', done: false });
    const done = (await staff.post(`/api/decisions/${d1}/progress`, { note: '施工完成，验收合格', done: true })).json();
    expect(done.decisions[0]).toMatchObject({ state: 'done' });
    expect(done.decisions[0].progress.map((p: { action: string }) => p.action)).toEqual(['decide', 'progress', 'done']);
    expect((await staff.post(`/api/decisions/${d1}/progress`, { note: '再记', done: false })).json().error.code).toBe('DELIBERATION_DECISION_DONE');

    const d2 = (await staff.post(`/api/meetings/${m.id}/decisions`, { title: '更换楼道灯', ownerName: '物业', ownerParty: 'property_company', dueDate: '2026-01-25' })).json().decisions[1].id;
    const spawned = await staff.post(`/api/decisions/${d2}/requests`, { description: '1号楼楼道灯更换（议事会决定）', locationKind: 'stairwell' });
    expect(spawned.statusCode, spawned.body).toBe(201);
    const requestId = spawned.json().requestId as number;
    expect((await staff.post(`/api/decisions/${d2}/progress`, { note: '办结', done: true })).json().error.code).toBe('DELIBERATION_DECISION_DONE');
    expect(await followSpawnedRequests(t.app.ctx, clock.now())).toEqual({ done: 0 });
    expect((await staff.post(`/api/requests/${requestId}/cancel`, { reason: '并入整体改造' })).statusCode).toBe(200);
    expect(await followSpawnedRequests(t.app.ctx, clock.now())).toEqual({ done: 1 });
    const record = (await staff.get(`/api/meetings/${m.id}`)).json();
    expect(record.decisions[1]).toMatchObject({ state: 'done', requests: [{ requestId, state: 'cancelled' }] });
  });

  it('counts per community like Xiangyang\'s sentence, exports them, and keeps the figures exact', async () => {
    const counts = (await staff.get(`/api/deliberation/counts?communityId=${w.community.id}`)).json();
    const c = counts.items[0];
    expect(c.meetingsByType).toEqual({ small_bench: 1, tripartite: 1 });
    expect(c).toMatchObject({ meetings: 2, personTimes: 40, decisions: 2, decisionsDone: 2 });
    expect(c.sentence).toBe(`${w.community.name}召开小板凳议事会1次、三方会诊1次，收集意见建议${c.opinions}条，参与40人次，形成决定2项、已办结2项。`);
    expect(counts.months).toEqual([expect.objectContaining({ month: '2026-01', meetings: 2 })]);
    const csv = await staff.get(`/api/deliberation/counts/export?communityId=${w.community.id}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('收集意见建议（条）');
    expect(csv.body).toContain(c.sentence);
    const xlsx = await staff.get('/api/deliberation/counts/export?format=xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(await verifyFigures(t.database.db, deliberationFigures, [w.community.id])).toEqual([]);
  });
});
