import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Client, type TestApp } from '../../../test/app.js';
import { createDemoTestApp } from '../../../test/demo.js';
import { DEMO_PASSWORD } from '../../db/demo/demo-city.js';
import { verifyFigures } from '../../kernel/figures.js';
import { verifyEnvelope } from '../../../scripts/verify-export.mjs';
import { deliberationFigures } from '../deliberation/deliberation.figures.js';
import { votesFigures } from './votes.figures.js';

/*
 * The demo as committee1 and community3 see it: two votes of 鼎立小区A区 (the road: special,
 * closed, passed; the statute: ordinary, open, participation short), 卧龙小区's five 小板凳议事会
 * with 138 opinions, its decision to self-govern and its fee — and the figures exact.
 */
let t: TestApp;
let committee: Client;
let community3: Client;

beforeAll(async () => {
  t = await createDemoTestApp();
  committee = await login(t.app, 'committee1', DEMO_PASSWORD);
  community3 = await login(t.app, 'community3', DEMO_PASSWORD);
}, 240_000);
afterAll(async () => t?.close());

describe('the votes and deliberation demo', () => {
  it('shows committee1 a passed special vote and an open one still short', async () => {
    const list = (await committee.get('/api/votes')).json();
    expect(list.items.map((v: { state: string }) => v.state).sort()).toEqual(['closed', 'open']);
    const closed = list.items.find((v: { state: string }) => v.state === 'closed');
    const detail = (await committee.get(`/api/votes/${closed.id}`)).json();
    expect(closed.ballots).toBe(detail.participation.ballots);
    expect(closed).toMatchObject({ compoundName: '鼎立小区A区', matters: 1 });
    expect(detail.matters[0].class).toBe('special');
    expect(detail.result.matters[0]).toMatchObject({ quorum: true, passed: true });
    expect(verifyEnvelope((await committee.get(`/api/votes/${closed.id}/export`)).json()).ok).toBe(true);
    const open = list.items.find((v: { state: string }) => v.state === 'open');
    const tally = (await committee.get(`/api/votes/${open.id}/tally`)).json();
    expect(tally.stillNeededHeads).toBeGreaterThan(0);
    expect(tally.byBuilding.length).toBe(14);
  });

  it('counts 卧龙小区\'s five 小板凳议事会 and 138 opinions', async () => {
    const counts = (await community3.get('/api/deliberation/counts')).json().items;
    expect(counts[0]).toMatchObject({ communityName: '新华社区', opinions: 138, meetingsByType: { small_bench: 5 } });
    expect(counts[0].sentence).toContain('小板凳议事会5次，收集意见建议138条');
    const topics = (await community3.get('/api/topics?pageSize=100')).json();
    expect(topics.items.reduce((n: number, tp: { opinions: number }) => n + tp.opinions, 0)).toBe(138);
    const meetings = (await community3.get('/api/meetings')).json();
    expect(meetings.items.map((m: { placeName: string }) => m.placeName)).toContain('卧龙小区');
    expect(meetings.items.reduce((n: number, m: { decisions: number }) => n + m.decisions, 0)).toBe(6);
    const second = meetings.items.find((m: { title: string }) => m.title.includes('要不要实行居民自治'));
    const record = (await community3.get(`/api/meetings/${second.id}`)).json();
    expect(record.decisions[0]).toMatchObject({ state: 'done' });
    expect(record.decisions[0].title).toContain('居民自治');
  });

  it('keeps the figures exact against the recount', async () => {
    const ids = (await queryRows<{ id: number }>(t.database.db, sql`select id from communities`)).map((r) => Number(r.id));
    expect(await verifyFigures(t.database.db, votesFigures, ids)).toEqual([]);
    expect(await verifyFigures(t.database.db, deliberationFigures, ids)).toEqual([]);
  });
});
