import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, fileAsResident, requestRow, type RequestsCommunity } from '../../../test/requests-factories.js';
import { FakeClock } from '../../server/clock.js';
import { loadActor } from '../accounts/accounts.service.js';
import { notifications } from '../notifications/notifications.schema.js';
import { acceptRequest, dispatchRequest, resolveRequest } from './requests.actions.js';
import { sweepSla } from './requests.scheduler.js';
import { requestEvents } from './requests.schema.js';

/*
 * Two sweepers on one database, as two server processes would be: on PostgreSQL two apps with
 * their own connection pools (real concurrency); on PGlite two apps sharing the embedded database.
 */
const T0 = '2026-01-13T09:00:00+08:00';
let a: TestApp;
let b: TestApp;
let w: RequestsCommunity;
const clock = new FakeClock(T0);

beforeAll(async () => {
  a = await createTestApp({ clock });
  b = await createTestApp({ clock, database: process.env.DATABASE_URL ? undefined : a.database });
  w = await buildRequestsCommunity(a.database.db);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const at = (minutes: number) => new Date(new Date(T0).getTime() + minutes * 60_000);
const both = (now: Date) => Promise.all([
  sweepSla(a.app.ctx, now, { communityIds: [w.community.id] }),
  sweepSla(b.app.ctx, now, { communityIds: [w.community.id] }),
]);

async function breachEntries(requestId: number) {
  return a.database.db.select().from(requestEvents).where(and(eq(requestEvents.subjectId, requestId), eq(requestEvents.action, 'sla_breach')));
}
async function breachNotices(requestIds: number[]) {
  const rows = await a.database.db.select().from(notifications).where(and(eq(notifications.accountId, w.accounts.staff.accountId), eq(notifications.kind, 'request.sla_breach')));
  return rows.filter((n) => requestIds.includes(n.data.requestId as number));
}

describe('SLA sweeper', () => {
  let normal: number, urgent: number, quick: number;

  it('marks a respond breach exactly once with two sweepers at once', async () => {
    const ctx = a.app.ctx;
    normal = await fileAsResident(ctx, w);
    urgent = await fileAsResident(ctx, w, { priority: 'urgent', description: '暖气管爆裂，满地是水' });
    quick = await fileAsResident(ctx, w, { description: '楼道灯不亮', categoryId: w.categories.get('lighting')!.id });
    const staff = (await loadActor(ctx.db, w.accounts.staff.accountId))!;
    const property = (await loadActor(ctx.db, w.accounts.property.accountId))!;
    clock.set(at(5));
    await dispatchRequest(ctx, staff, quick, { assigneeKind: 'property_company' });
    await acceptRequest(ctx, property, quick);
    clock.set(at(10));
    await resolveRequest(ctx, property, quick, '已更换灯泡');

    const [r1, r2] = await both(at(20));
    expect(r1.respondBreaches + r2.respondBreaches).toBe(1);
    expect((await requestRow(a.database.db, urgent)).respondBreachedAt).toEqual(at(20));
    expect(await breachEntries(urgent)).toHaveLength(1);
    expect(await breachNotices([urgent])).toHaveLength(1);
    expect((await requestRow(a.database.db, normal)).respondBreachedAt).toBeNull();
  });

  it('marks each later breach once, however often and by whom it is swept', async () => {
    const first = await both(at(61));
    expect(first[0].respondBreaches + first[1].respondBreaches).toBe(1);
    const again = await both(at(62));
    expect(again.map((r) => r.respondBreaches + r.resolveBreaches + r.autoClosed)).toEqual([0, 0]);
    // 4 h: the urgent request's resolve window ends.
    const later = await both(at(4 * 60 + 1));
    expect(later[0].resolveBreaches + later[1].resolveBreaches).toBe(1);
    expect(await breachEntries(normal)).toHaveLength(1);
    expect(await breachEntries(urgent)).toHaveLength(2);
    expect(await breachEntries(quick)).toHaveLength(0);
    expect(await breachNotices([normal, urgent])).toHaveLength(3);
  });

  it('auto-closes unconfirmed resolutions after 72 h, once, and a restarted process finds nothing left', async () => {
    const results = await both(at(10 + 72 * 60 + 1));
    expect(results[0].autoClosed + results[1].autoClosed).toBe(1);
    expect(results[0].resolveBreaches + results[1].resolveBreaches).toBe(1);
    const row = await requestRow(a.database.db, quick);
    expect(row.state).toBe('closed');
    const closes = await a.database.db.select().from(requestEvents).where(and(eq(requestEvents.subjectId, quick), eq(requestEvents.action, 'auto_close')));
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ fromState: 'resolved', toState: 'closed', actorAccountId: null });
    const resident = await a.database.db.select().from(notifications).where(and(eq(notifications.accountId, w.accounts.resident.accountId), eq(notifications.kind, 'request.auto_close')));
    expect(resident).toHaveLength(1);

    const restarted = await createTestApp({ clock, database: process.env.DATABASE_URL ? undefined : a.database });
    try {
      const r = await sweepSla(restarted.app.ctx, at(10 + 80 * 60), { communityIds: [w.community.id] });
      expect(r).toEqual({ respondBreaches: 0, resolveBreaches: 0, autoClosed: 0 });
    } finally {
      await restarted.close();
    }
    const all = await a.database.db.select().from(requestEvents).where(and(inArray(requestEvents.subjectId, [normal, urgent, quick]), eq(requestEvents.action, 'sla_breach')));
    expect(all).toHaveLength(4);
  });
});
