import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../../../test/app.js';
import { createDemoTestApp } from '../../../test/demo.js';
import { queryRows } from '../../db/client.js';
import { DEMO_PASSWORD } from '../../db/demo/demo-city.js';
import { foldAllFigures, verifyFigures } from '../../kernel/figures.js';
import { activityFigures } from './community.figures.js';

/*
 * The demo's community life: 海棠尊邸's four rooms, 鼎立社区's rooms for its accounts, and
 * Kaifeng's sentence for 橄榄城社区 in 2025 — 65 文化共建, 13 党建, 47 节日, 240 其他, 8,812
 * participant-times — read from the figures and equal to a recount.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createDemoTestApp();
}, 600_000);
afterAll(async () => t?.close());

describe('the demo', () => {
  it('reads Kaifeng\'s 2025 figures for 橄榄城社区 exactly', async () => {
    const community2 = await login(t.app, 'community2', DEMO_PASSWORD);
    const [c] = await queryRows<{ id: number }>(t.database.db, sql`select id from communities where name = '橄榄城社区'`);
    const f = (await community2.get(`/api/activity-figures?communityId=${c!.id}&year=2025`)).json();
    expect(Object.fromEntries(f.rows.map((r: { label: string; activities: number }) => [r.label, r.activities]))).toEqual({ 文化共建: 65, 党建: 13, 节日: 47, 其他: 240 });
    expect(f.totals).toEqual({ activities: 365, participantTimes: 8812 });
    expect(f.sentence).toContain('8,812人次');
    await foldAllFigures(t.database.db);
    expect(await verifyFigures(t.database.db, activityFigures, [Number(c!.id)])).toEqual([]);
  });

  it('has 海棠尊邸\'s four rooms and 鼎立社区\'s rooms, activities and announcements for its accounts', async () => {
    const community4 = await login(t.app, 'community4', DEMO_PASSWORD);
    const rooms = (await community4.get('/api/venues')).json().items.filter((v: { compoundName: string | null }) => v.compoundName === '海棠尊邸');
    expect(rooms.map((v: { name: string }) => v.name).sort()).toEqual(['乒乓球室', '会议室（红色书角）', '快递驿站', '活动室'].sort());
    const resident1 = await login(t.app, 'resident1', DEMO_PASSWORD);
    expect((await resident1.get('/api/venues')).json().items.length).toBeGreaterThanOrEqual(3);
    const upcoming = (await resident1.get('/api/activities?upcoming=true')).json();
    const clinic = upcoming.items.find((a: { title: string }) => a.title.startsWith('免费义诊'));
    expect(clinic).toMatchObject({ capacity: 40, seatsTaken: 40, waiting: 5 });
    const signed = await resident1.post(`/api/activities/${clinic.id}/signups`, {});
    expect(signed.json()).toMatchObject({ state: 'waiting', position: 6 });
    expect((await resident1.get('/api/announcements')).json().items[0].level).toBe('urgent');
    expect((await resident1.get('/api/reception-days')).json().items.length).toBeGreaterThanOrEqual(1);
  });
});
