import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildCity, buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { Random } from '../../db/demo/random.js';
import { foldAllFigures, verifyFigures } from '../../kernel/figures.js';
import type { FakeClock } from '../../server/clock.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { loadActor } from '../accounts/accounts.service.js';
import { evaluateAlerts, type AlertSnapshot } from './stations.alerts.js';
import { stationFigures } from './stations.figures.js';
import { scoreReadiness, type ReadinessFacts } from './stations.readiness.js';
import { listStationReadiness } from './stations.readiness.service.js';
import {
  stationCheckouts, stationDrills, stationItems, stationKeyHolders, stationRollCallAnswers, stationRollCalls, stations,
} from './stations.schema.js';
import { buildStation, type StationFixture } from './stations.testing.js';
import { eq, inArray } from 'drizzle-orm';

/*
 * "Readiness equals a recount": after a random workload (check-outs, returns, restocks,
 * stocktakes, inspections, roll calls answered or not, drills) on two stations, each station's
 * readiness from the service's one statement equals the score recomputed here in JavaScript from
 * the raw rows; the alerts equal the rules run on the rows; the figures equal their recount.
 */
let t: TestApp;
const worlds: { w: TestCommunity; staff: Client; f: StationFixture }[] = [];
const clock = () => t.clock as FakeClock;

beforeAll(async () => {
  t = await createTestApp();
  const city = await buildCity(t.database.db);
  for (let i = 0; i < 2; i++) {
    const w = await buildCommunity(t.database.db, city);
    const staff = await login(t.app, w.accounts.staff.username);
    const f = await buildStation(staff, { communityId: w.community.id, companyId: w.company.id, holderAccountId: w.accounts.staff.accountId, name: `站${i}` });
    worlds.push({ w, staff, f });
  }
});
afterAll(async () => t?.close());

/** Readiness facts counted row by row in JavaScript (not the service's SQL). */
async function recount(stationId: number, now: Date): Promise<ReadinessFacts> {
  const db = t.database.db;
  const today = shanghaiDate(now);
  const [station] = await db.select().from(stations).where(eq(stations.id, stationId));
  const items = await db.select().from(stationItems).where(eq(stationItems.stationId, stationId));
  const calls = await db.select().from(stationRollCalls).where(eq(stationRollCalls.stationId, stationId));
  const answers = calls.length ? await db.select().from(stationRollCallAnswers).where(inArray(stationRollCallAnswers.rollCallId, calls.map((c) => c.id))) : [];
  const drills = await db.select().from(stationDrills).where(eq(stationDrills.stationId, stationId));
  const counted = calls.filter((c) => c.startedAt <= now).map((c) => {
    const mine = answers.filter((a) => a.rollCallId === c.id);
    return { c, holders: mine.length, confirmed: mine.filter((a) => a.answer === 'has_key').length, missing: mine.filter((a) => a.answer === 'key_missing').length, unanswered: mine.filter((a) => a.answer === null).length };
  }).filter((x) => x.c.dueAt <= now || x.unanswered === 0)
    .sort((a, b) => b.c.startedAt.getTime() - a.c.startedAt.getTime() || b.c.id - a.c.id);
  const latest = counted[0];
  const past = drills.filter((d) => d.heldAt <= now).map((d) => d.heldAt.getTime());
  return {
    stockHeld: items.reduce((s, i) => s + Math.min(i.quantity, i.standardQuantity), 0),
    stockStandard: items.reduce((s, i) => s + i.standardQuantity, 0),
    kindsWithStandard: items.filter((i) => i.standardQuantity > 0).length,
    kindsBelow: items.filter((i) => i.quantity < i.standardQuantity).length,
    itemsWithExpiry: items.filter((i) => i.expiresOn !== null && i.quantity > 0).length,
    expired: items.filter((i) => i.expiresOn !== null && i.expiresOn < today && i.quantity > 0).length,
    itemsWithInspection: items.filter((i) => i.nextInspectionOn !== null).length,
    inspectionsOverdue: items.filter((i) => i.nextInspectionOn !== null && i.nextInspectionOn < today).length,
    rollCall: latest ? { id: latest.c.id, startedAt: latest.c.startedAt, dueAt: latest.c.dueAt, holders: latest.holders, confirmed: latest.confirmed, missing: latest.missing, unanswered: latest.unanswered } : null,
    lastDrillAt: past.length ? new Date(Math.max(...past)) : null,
    drillEveryDays: station!.drillEveryDays,
  };
}

async function snapshotOf(stationId: number): Promise<AlertSnapshot> {
  const db = t.database.db;
  const items = await db.select().from(stationItems).where(eq(stationItems.stationId, stationId));
  const open = await db.select().from(stationCheckouts).where(eq(stationCheckouts.stationId, stationId));
  const [latest] = (await db.select().from(stationRollCalls).where(eq(stationRollCalls.stationId, stationId))).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || b.id - a.id);
  const answers = latest ? await db.select({ a: stationRollCallAnswers, h: stationKeyHolders }).from(stationRollCallAnswers)
    .innerJoin(stationKeyHolders, eq(stationKeyHolders.id, stationRollCallAnswers.keyHolderId)).where(eq(stationRollCallAnswers.rollCallId, latest.id)) : [];
  return {
    items: items.map((i) => ({ id: i.id, name: i.name, unit: i.unit, quantity: i.quantity, standardQuantity: i.standardQuantity, expiresOn: i.expiresOn, nextInspectionOn: i.nextInspectionOn })),
    openCheckouts: open.filter((c) => c.state === 'out').map((c) => ({
      id: c.id, itemId: c.itemId, itemName: items.find((i) => i.id === c.itemId)!.name, unit: '', outstanding: c.quantity - c.returnedQuantity - c.lostQuantity, dueAt: c.dueAt!, holderName: c.borrowerName ?? c.checkedOutByName,
    })),
    latestRollCall: latest ? { id: latest.id, dueAt: latest.dueAt, answers: answers.map(({ a, h }) => ({ keyHolderId: h.id, holderName: h.name, keyLabel: h.keyLabel, answer: a.answer })) } : null,
  };
}

describe('readiness equals a recount', () => {
  it('after a random workload, for every station, and the figures equal theirs', async () => {
    const rng = new Random(20260313);
    const outstanding: { id: number; world: number }[] = [];
    for (const { staff, f } of worlds) {
      // Items with expiry and inspection dates around "now", so those parts move.
      for (let k = 0; k < 4; k++) {
        await staff.post(`/api/stations/${f.stationId}/items`, {
          section: 'supplies', category: '急救类', name: `急救包${k}`, unit: '个', quantity: rng.int(0, 6), standardQuantity: rng.int(1, 5),
          expiresOn: `2026-0${rng.int(1, 4)}-1${rng.int(0, 9)}`, inspectEveryDays: rng.int(20, 60), lastInspectedOn: `2025-12-${10 + rng.int(0, 18)}`,
        });
      }
    }
    for (let step = 0; step < 120; step++) {
      const world = rng.int(0, 1);
      const { staff, f } = worlds[world]!;
      const itemIds = Object.values(f.items);
      const roll = rng.next();
      if (roll < 0.35) {
        const r = await staff.post(`/api/stations/${f.stationId}/checkouts`, { itemId: rng.pick(itemIds), quantity: rng.int(1, 4), purpose: rng.pick(['incident', 'drill', 'other'] as const) });
        if (r.statusCode === 201 && r.json().state === 'out') outstanding.push({ id: r.json().id, world });
        else expect([201, 409]).toContain(r.statusCode);
      } else if (roll < 0.5 && outstanding.length) {
        const c = outstanding.splice(rng.int(0, outstanding.length - 1), 1)[0]!;
        expect((await worlds[c.world]!.staff.post(`/api/checkouts/${c.id}/return`, { lost: rng.chance(0.2) ? 1 : 0 })).statusCode).toBe(200);
      } else if (roll < 0.6) {
        await staff.post(`/api/station-items/${rng.pick(itemIds)}/restock`, { quantity: rng.int(1, 30) });
      } else if (roll < 0.65) {
        await staff.post(`/api/station-items/${rng.pick(itemIds)}/stocktake`, { counted: rng.int(0, 40) });
      } else if (roll < 0.72) {
        await staff.post(`/api/station-items/${f.items.hydraulic}/inspections`, { ok: rng.chance(0.8) });
      } else if (roll < 0.8) {
        const rc = await staff.post(`/api/stations/${f.stationId}/roll-calls`, { answerHours: rng.int(1, 30) });
        if (rc.statusCode === 201) {
          if (rng.chance(0.7)) await staff.post(`/api/station-roll-calls/${rc.json().id}/answer`, { answer: rng.chance(0.9) ? 'has_key' : 'key_missing' });
          if (rng.chance(0.5)) await staff.post(`/api/station-roll-calls/${rc.json().id}/record`, { keyHolderId: f.keyHolderIds[1], answer: 'has_key' });
        } else expect(rc.statusCode).toBe(409);
      } else if (roll < 0.86) {
        const at = new Date(clock().now().getTime() - rng.int(1, 200) * 86_400_000).toISOString();
        expect((await staff.post(`/api/stations/${f.stationId}/drills`, {
          kind: rng.pick(['training', 'drill'] as const), title: '应急演练', heldAt: at, durationMinutes: 90, practised: ['破拆'], attendeeIds: f.teamIds.filter(() => rng.chance(0.6)),
        })).statusCode).toBe(201);
      } else if (roll < 0.9) {
        expect((await staff.post(`/api/stations/${f.stationId}/incidents`, { kind: 'burst_pipe', title: '水管爆裂', occurredAt: clock().now().toISOString(), responderIds: [f.teamIds[0]] })).statusCode).toBe(201);
      } else {
        clock().advanceMinutes(rng.int(60, 6 * 24 * 60));
        // Sessions expire by the same clock: log in again, as people do after days away.
        for (const x of worlds) x.staff = await login(t.app, x.w.accounts.staff.username);
      }
      if (step % 30 === 29) {
        // Checked along the way, not only at the end.
        for (const x of worlds) await expectRecount(x.staff, x.f.stationId);
      }
    }
    for (const x of worlds) await expectRecount(x.staff, x.f.stationId);

    const dept = (await loadActor(t.database.db, worlds[0]!.w.accounts.dept.accountId))!;
    const list = await listStationReadiness({ db: t.database.db, actor: dept, scope: { cityId: worlds[0]!.w.city.id }, now: clock().now() });
    expect(list.items).toHaveLength(2);
    for (const r of list.items) expect(r.score).toBe(scoreReadiness(await recount(r.stationId, clock().now()), clock().now()).score);
    expect(list.items[0]!.score).toBeGreaterThanOrEqual(list.items[1]!.score);

    const communityIds = worlds.map((x) => x.w.community.id);
    expect(await verifyFigures(t.database.db, stationFigures, communityIds)).toEqual([]);
    await foldAllFigures(t.database.db);
    expect(await verifyFigures(t.database.db, stationFigures, communityIds)).toEqual([]);
  });
});

async function expectRecount(staff: Client, stationId: number) {
  const now = clock().now();
  const api = (await staff.get(`/api/stations/${stationId}/readiness`)).json();
  const expected = scoreReadiness(await recount(stationId, now), now);
  expect({ score: api.score, parts: api.parts }).toEqual({ score: expected.score, parts: expected.parts });
  const detail = (await staff.get(`/api/stations/${stationId}`)).json();
  expect(detail.readiness.score).toBe(expected.score);
  expect(detail.score).toBe(expected.score);
  expect(detail.alertList.map((a: { key: string }) => a.key)).toEqual(evaluateAlerts(await snapshotOf(stationId), now).map((a) => a.key));
}
