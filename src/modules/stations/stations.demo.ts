import { eq } from 'drizzle-orm';
import type { DemoAccountSpec, DemoContext } from '../../kernel/demo.js';
import { mobile, personName } from '../../db/demo/random.js';
import type { AppContext } from '../../server/context.js';
import { shanghaiDate, shanghaiDayStart } from '../../shared/shanghai-time.js';
import { loadActor } from '../accounts/accounts.service.js';
import { listRequests } from '../requests/requests.read.js';
import { xinhuaStation, dingliStation, shopNames, type StationSpec } from './stations.demo-data.js';
import { recordStationFigures } from './stations.figures.js';
import { addDays } from './stations.inventory.js';
import {
  stationCheckouts, stationCoverage, stationDrillAttendance, stationDrills, stationIncidentResponders, stationIncidents, stationItemEvents, stationItems,
  stationKeyHolders, stationRollCallAnswers, stationRollCalls, stationTeamMembers, stations, type CheckoutPurpose,
} from './stations.schema.js';

/*
 * The demo stations: 新华社区's (襄阳, run with 众悦欣物业, managed by community3) with the
 * report's coverage, catalogue, 12-person team and its two March trainings, and 鼎立社区's smaller
 * one (community1, property1). Their history — check-outs and returns, restocks, monthly key roll
 * calls, drills, incidents begun as service requests — is replayed in time order so the item
 * ledger sums to what is on hand, and every write records its figures like the services do.
 * Deterministic from ctx.rng and ctx.clock.
 */

export const stationDemoAccounts: DemoAccountSpec[] = [
  {
    username: 'rescue1', description: '应急救援队员 · 襄阳 新华社区应急服务站（众悦欣物业维修工）', name: '张志强', gender: 'male', phone: '13872201111', city: 'xiangyang',
    grants: [{ role: 'rescue_member', scope: 'community', target: '新华社区' }],
  },
];

const HOUR = 3_600_000;
const MINUTE = 60_000;

type Op =
  | { at: Date; kind: 'restock'; item: string; quantity: number }
  | { at: Date; kind: 'checkout'; key: string; item: string; quantity: number; purpose: CheckoutPurpose; reason: string; by: string; borrower?: string; dueHours: number; drill?: number; incident?: number }
  | { at: Date; kind: 'return'; key: string };

/** The station's demo, seeded inside the demo transaction. */
async function seedStation(ctx: DemoContext, spec: StationSpec): Promise<void> {
  const { db, rng } = ctx;
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const at = (daysAgo: number, hour: number, minute = 0) => {
    const t = new Date(shanghaiDayStart(addDays(today, -daysAgo)).getTime() + hour * HOUR + minute * MINUTE);
    return t.getTime() < now.getTime() ? t : new Date(now.getTime() - 5 * MINUTE);
  };
  const community = ctx.places.communities.get(spec.community)!;
  const companyId = ctx.places.companies.get(spec.company)!;
  const accountOf = (username?: string) => (username ? ctx.accounts.get(username)?.accountId ?? null : null);
  const createdAt = at(spec.createdDaysAgo, 10);

  const [s] = await db.insert(stations).values({
    communityId: community.id, cityId: community.cityId, districtId: community.districtId, streetId: community.streetId, companyId,
    name: spec.name, address: spec.address, locationNote: spec.locationNote, alwaysOpen: spec.alwaysOpen,
    opensAt: spec.opensAt ?? null, closesAt: spec.closesAt ?? null, dutyPhone: spec.dutyPhone,
    createdByAccountId: accountOf(spec.team.find((m) => m.side === 'community' && m.account)?.account), createdAt, updatedAt: createdAt,
  }).returning();
  const place = { communityId: community.id, cityId: community.cityId, districtId: community.districtId, streetId: community.streetId, companyId };
  const base = { communityId: community.id, stationId: s!.id };

  // Coverage: the compounds (linked when the demo city has them), urban-village areas, shops with a contact.
  const shops = shopNames(spec.shops, (a, b) => [rng.int(0, a - 1), rng.int(0, b - 1)]).map((name) => {
    const gender = rng.chance(0.5) ? 'male' as const : 'female' as const;
    return { ...base, kind: 'shop' as const, name, contactName: personName(rng, gender), contactPhone: mobile(rng), headcount: rng.int(1, 8), address: `${spec.address.split('（')[0]!.replace(/\d+号$/, '')}${rng.int(1, 120)}号`, createdAt };
  });
  const coverage = await db.insert(stationCoverage).values([
    ...spec.compounds.map((c) => ({ ...base, kind: 'compound' as const, name: c.name, compoundId: c.linked ? ctx.places.compounds.get(c.name)!.id : null, address: c.address ?? null, headcount: c.headcount, createdAt })),
    ...spec.urbanVillages.map((v) => ({ ...base, kind: 'urban_village' as const, name: v.name, address: v.address, headcount: v.headcount, note: '自建房，无物业', createdAt })),
    ...shops,
  ]).returning({ id: stationCoverage.id, name: stationCoverage.name });
  const coverageId = new Map(coverage.map((c) => [c.name, c.id]));

  // The catalogue, at its starting stock.
  const specs = [...spec.rescue.map((i) => ({ ...i, section: 'rescue' as const })), ...spec.supplies.map((i) => ({ ...i, section: 'supplies' as const }))];
  const items = await db.insert(stationItems).values(specs.map((i) => ({
    ...base, section: i.section, category: i.category, name: i.name, unit: i.unit, quantity: i.start ?? i.standard, standardQuantity: i.standard,
    consumable: !!i.consumable, location: i.location, expiresOn: i.expiresInDays === undefined ? null : addDays(today, i.expiresInDays),
    inspectEveryDays: i.inspectEveryDays ?? null,
    lastInspectedOn: i.inspectedDaysAgo === undefined ? null : addDays(today, -i.inspectedDaysAgo),
    nextInspectionOn: i.inspectEveryDays && i.inspectedDaysAgo !== undefined ? addDays(today, i.inspectEveryDays - i.inspectedDaysAgo) : null,
    note: i.note ?? null, createdAt, updatedAt: createdAt,
  }))).returning();
  const itemByName = new Map(items.map((i) => [i.name, i]));
  const onHand = new Map(items.map((i) => [i.id, i.quantity]));
  const events: (typeof stationItemEvents.$inferInsert)[] = items.map((i) => ({ ...base, itemId: i.id, kind: 'initial' as const, delta: i.quantity, quantityAfter: i.quantity, actorName: '建档', note: '建站入库', at: createdAt }));
  for (const i of specs.filter((x) => x.inspectedDaysAgo !== undefined)) {
    const item = itemByName.get(i.name)!;
    events.push({ ...base, itemId: item.id, kind: 'inspection', delta: 0, quantityAfter: item.quantity, actorName: spec.team[0]!.name, note: '检查合格', at: at(i.inspectedDaysAgo!, 10) });
  }

  // The team and the key holders.
  const team = await db.insert(stationTeamMembers).values(spec.team.map((m, k) => ({
    ...base, name: m.name, phone: m.phone ?? mobile(rng), teamRole: m.teamRole, side: m.side, skills: m.skills, accountId: accountOf(m.account),
    joinedOn: addDays(today, -spec.createdDaysAgo + (k < 6 ? 0 : rng.int(10, 90))), createdAt,
  }))).returning({ id: stationTeamMembers.id, name: stationTeamMembers.name });
  const memberId = new Map(team.map((m) => [m.name, m.id]));
  const holders = await db.insert(stationKeyHolders).values(spec.holders.map((h) => ({
    ...base, name: h.name, phone: h.phone ?? mobile(rng), side: h.side, organisation: h.organisation, keyLabel: h.keyLabel, accountId: accountOf(h.account), createdAt,
  }))).returning();

  // Drills and incidents first (check-outs name them), then every stock movement in time order.
  const ops: Op[] = [];
  const march = shanghaiDate(now).slice(5, 7) >= '04' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  for (const d of spec.drills) {
    const heldAt = d.march ? new Date(shanghaiDayStart(`${march}-03-${String(d.march.day).padStart(2, '0')}`).getTime() + d.march.hour * HOUR) : at(d.daysAgo!, d.hour ?? 9);
    if (heldAt.getTime() >= now.getTime()) continue;
    const [row] = await db.insert(stationDrills).values({
      ...base, kind: d.kind, title: d.title, heldAt, durationMinutes: d.durationMinutes, location: d.location, trainer: d.trainer ?? null,
      practised: d.practised, notes: d.notes ?? null, createdByAccountId: accountOf(spec.team[1]!.account), createdAt: new Date(heldAt.getTime() + d.durationMinutes * MINUTE + HOUR),
    }).returning();
    const present = spec.team.filter((m) => !d.absent.includes(m.name));
    await db.insert(stationDrillAttendance).values(present.map((m) => ({ communityId: community.id, drillId: row!.id, teamMemberId: memberId.get(m.name)! })));
    await recordStationFigures(db, place, heldAt, { drills: 1, attendances: present.length });
    d.uses.forEach(([item, quantity], k) => {
      const key = `drill:${row!.id}:${k}`;
      ops.push({ at: new Date(heldAt.getTime() - 30 * MINUTE), kind: 'checkout', key, item, quantity, purpose: 'drill', reason: d.title, by: spec.team[0]!.name, dueHours: 24, drill: row!.id });
      ops.push({ at: new Date(heldAt.getTime() + (d.durationMinutes + 30) * MINUTE), kind: 'return', key });
    });
  }
  const staffActor = await loadActor(db, accountOf(spec.team.find((m) => m.side === 'community' && m.account)?.account)!);
  for (const inc of spec.incidents) {
    let occurredAt = at(inc.daysAgo, inc.hour, inc.minute);
    let requestId: number | null = null;
    let title = inc.title;
    let locationText = inc.locationText;
    let where = inc.where;
    if (inc.requestQuery && staffActor) {
      // The latest matching request filed by the planned day: the station answered it minutes later, where it was.
      // The demo has no app; the requests module's read needs only the database and the clock.
      const found = await listRequests({ db, clock: ctx.clock } as unknown as AppContext, staffActor, {
        q: inc.requestQuery, communityId: community.id, createdTo: shanghaiDate(occurredAt), page: 1, pageSize: 1,
      });
      const r = found.items[0];
      const answered = r ? new Date(Date.parse(r.createdAt) + 12 * MINUTE) : null;
      if (r && answered!.getTime() < now.getTime() - HOUR) {
        requestId = r.id;
        occurredAt = answered!;
        title = `${r.compound.name} ${inc.title}`;
        locationText = r.locationLabel;
        where = r.compound.name;
      }
    }
    const closed = inc.outcome !== undefined;
    const [row] = await db.insert(stationIncidents).values({
      ...base, kind: inc.kind, title, description: inc.description, occurredAt, locationText,
      coverageId: where ? coverageId.get(where) ?? null : null, requestId, state: closed ? 'closed' : 'open', outcome: inc.outcome ?? null,
      closedAt: closed ? new Date(occurredAt.getTime() + 5 * HOUR) : null, createdByAccountId: accountOf(spec.team[1]!.account), createdAt: new Date(occurredAt.getTime() + 20 * MINUTE),
    }).returning();
    await db.insert(stationIncidentResponders).values(inc.responders.map((n) => ({ communityId: community.id, incidentId: row!.id, teamMemberId: memberId.get(n)! })));
    await recordStationFigures(db, place, occurredAt, { incidents: 1 });
    inc.uses.forEach(([item, quantity], k) => {
      const key = `incident:${row!.id}:${k}`;
      ops.push({ at: new Date(occurredAt.getTime() + 15 * MINUTE), kind: 'checkout', key, item, quantity, purpose: 'incident', reason: title, by: inc.responders[0]!, dueHours: 24, incident: row!.id });
      const back = new Date(occurredAt.getTime() + 4 * HOUR);
      if (back.getTime() < now.getTime()) ops.push({ at: back, kind: 'return', key });
    });
  }
  for (const [item, quantity, daysAgo] of spec.restocks) ops.push({ at: at(daysAgo, 11), kind: 'restock', item, quantity });
  spec.loans.forEach((l, k) => {
    const out = at(l.daysAgo, 20);
    const key = `loan:${k}`;
    ops.push({ at: out, kind: 'checkout', key, item: l.item, quantity: l.quantity, purpose: l.purpose, reason: l.reason, by: l.by, borrower: l.borrower, dueHours: l.dueHours });
    if (l.returnedAfterHours !== undefined) ops.push({ at: new Date(out.getTime() + l.returnedAfterHours * HOUR), kind: 'return', key });
  });
  ops.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'return' ? -1 : 1));

  const open = new Map<string, { id: number; itemId: number; quantity: number }>();
  for (const op of ops) {
    if (op.kind === 'restock') {
      const item = itemByName.get(op.item)!;
      const q = onHand.get(item.id)! + op.quantity;
      onHand.set(item.id, q);
      events.push({ ...base, itemId: item.id, kind: 'restock', delta: op.quantity, quantityAfter: q, actorName: spec.team[7]?.name ?? spec.team[1]!.name, note: '街道应急办调拨补充', at: op.at });
    } else if (op.kind === 'checkout') {
      const item = itemByName.get(op.item)!;
      const have = onHand.get(item.id)!;
      if (have < op.quantity) continue;
      onHand.set(item.id, have - op.quantity);
      const member = spec.team.find((m) => m.name === op.by);
      const [c] = await db.insert(stationCheckouts).values({
        ...base, itemId: item.id, quantity: op.quantity, state: item.consumable ? 'consumed' : 'out', purpose: op.purpose, reason: op.reason,
        incidentId: op.incident ?? null, drillId: op.drill ?? null, borrowerName: op.borrower ?? null, borrowerPhone: op.borrower ? mobile(rng) : null,
        checkedOutByAccountId: accountOf(member?.account), checkedOutByName: op.by, checkedOutAt: op.at,
        dueAt: item.consumable ? null : new Date(op.at.getTime() + op.dueHours * HOUR),
      }).returning();
      events.push({ ...base, itemId: item.id, kind: 'checkout', delta: -op.quantity, quantityAfter: have - op.quantity, checkoutId: c!.id, accountId: accountOf(member?.account), actorName: op.by, note: op.reason, at: op.at });
      await recordStationFigures(db, place, op.at, { checkouts: 1, units_out: op.quantity });
      if (!item.consumable) open.set(op.key, { id: c!.id, itemId: item.id, quantity: op.quantity });
    } else {
      const c = open.get(op.key);
      if (!c) continue;
      open.delete(op.key);
      const q = onHand.get(c.itemId)! + c.quantity;
      onHand.set(c.itemId, q);
      await db.update(stationCheckouts).set({ state: 'returned', returnedQuantity: c.quantity, returnedAt: op.at, returnNote: '已清点归位', version: 2 }).where(eqId(c.id));
      events.push({ ...base, itemId: c.itemId, kind: 'return', delta: c.quantity, quantityAfter: q, checkoutId: c.id, actorName: spec.team[7]?.name ?? spec.team[1]!.name, note: '已清点归位', at: op.at });
    }
  }
  for (const i of items) {
    if (onHand.get(i.id) !== i.quantity) await db.update(stationItems).set({ quantity: onHand.get(i.id)! }).where(eqItem(i.id));
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (let k = 0; k < events.length; k += 500) await db.insert(stationItemEvents).values(events.slice(k, k + 500));

  // Monthly key roll calls: all confirmed within a day, except what the spec leaves open in the latest.
  const rc = spec.rollCalls;
  for (let k = rc.count - 1; k >= 0; k--) {
    const startedAt = at(rc.latestDaysAgo + 30 * k, 9);
    const latest = k === 0;
    const [row] = await db.insert(stationRollCalls).values({ ...base, startedAt, dueAt: new Date(startedAt.getTime() + s!.rollCallAnswerHours * HOUR), note: latest && rc.latestOpen ? null : '月度点名' }).returning();
    await db.insert(stationRollCallAnswers).values(holders.map((h) => {
      const missing = latest && rc.latestMissing.includes(h.name);
      const answeredAt = new Date(Math.min(startedAt.getTime() + rng.int(20, 20 * 60) * MINUTE, now.getTime() - MINUTE));
      const behalf = rc.onBehalf.includes(h.name) || h.accountId === null;
      return {
        ...base, rollCallId: row!.id, keyHolderId: h.id, answer: missing ? null : 'has_key' as const, answeredAt: missing ? null : answeredAt,
        answeredByAccountId: missing ? null : behalf ? staffActor?.accountId ?? null : h.accountId, onBehalf: !missing && behalf, note: !missing && behalf ? '电话确认' : null,
      };
    }));
  }
}

const eqId = (id: number) => eq(stationCheckouts.id, id);
const eqItem = (id: number) => eq(stationItems.id, id);

export async function seedStationsDemo(ctx: DemoContext): Promise<void> {
  await seedStation(ctx, xinhuaStation);
  await seedStation(ctx, dingliStation);
}
