import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount } from '../../../test/factories.js';
import { buildRequestsCommunity, fileAsResident, type RequestsCommunity } from '../../../test/requests-factories.js';
import type { FakeClock } from '../../server/clock.js';
import { listNotifications } from '../notifications/notifications.service.js';
import { sweepStationAlerts } from './stations.sweep.js';
import { buildStation, type StationFixture } from './stations.testing.js';

/*
 * The station end to end through the API: set-up, coverage, check-out and return (stock never
 * below zero, consumables used up), masked phones for residents and the department, key roll
 * calls answered from the phone and on behalf, the alert sweep telling managers once, drills,
 * incidents linked to a service request the actor can see, and readiness.
 */
let t: TestApp;
let w: RequestsCommunity;
let other: RequestsCommunity;
let staff: Client;
let property: Client;
let resident: Client;
let dept: Client;
let rescue: Client;
let rescueAccountId: number;
let f: StationFixture;
const clock = () => t.clock as FakeClock;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildRequestsCommunity(t.database.db);
  other = await buildRequestsCommunity(t.database.db);
  staff = await login(t.app, w.accounts.staff.username);
  property = await login(t.app, w.accounts.property.username);
  resident = await login(t.app, w.accounts.resident.username);
  dept = await login(t.app, w.accounts.dept.username);
  const member = await buildAccount(t.database.db, w.city.id, [{ role: 'rescue_member', scopeType: 'community', scopeId: w.community.id }], { name: '王海涛' });
  rescueAccountId = member.accountId;
  rescue = await login(t.app, member.username);
  f = await buildStation(staff, { communityId: w.community.id, companyId: w.company.id, holderAccountId: w.accounts.staff.accountId });
});
afterAll(async () => t?.close());

const station = async (c: Client) => (await c.get(`/api/stations/${f.stationId}`)).json();

describe('a station', () => {
  it('is set up by the community with the company that serves it, and listed for both', async () => {
    const d = await station(staff);
    expect(d).toMatchObject({ name: '测试应急服务站', alwaysOpen: true, company: { id: w.company.id }, community: { id: w.community.id } });
    expect(d.itemKinds).toEqual({ rescue: 1, supplies: 3, rescueCategories: 1, suppliesCategories: 3 });
    expect(d.abilities).toEqual({ manage: true, checkout: true, contacts: true, keys: true });
    const list = (await property.get('/api/stations')).json();
    expect(list.items.map((s: { id: number }) => s.id)).toContain(f.stationId);
    // A company that serves no compound of the community cannot co-run its station.
    const bad = await staff.post('/api/stations', { communityId: w.community.id, companyId: other.company.id, name: '第二站', address: '某路' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('STATION_LINK_INVALID');
    // Opening hours must be complete when it is not open around the clock.
    expect((await staff.post('/api/stations', { communityId: w.community.id, name: '第三站', address: '某路', alwaysOpen: false, opensAt: '08:00' })).json().error.code).toBe('STATION_HOURS_INVALID');
  });

  it('covers compounds of its community, urban-village areas and shops with contacts', async () => {
    const compound = await staff.post(`/api/stations/${f.stationId}/coverage`, { kind: 'compound', name: w.compound.name, compoundId: w.compound.id, headcount: 320 });
    expect(compound.statusCode).toBe(201);
    expect(compound.json()).toMatchObject({ kind: 'compound', compound: { id: w.compound.id } });
    const shop = await staff.post(`/api/stations/${f.stationId}/coverage`, { kind: 'shop', name: '新华便民超市', contactName: '赵老板', contactPhone: '13907105555' });
    expect(shop.json().contactPhone).toBe('13907105555');
    expect((await staff.post(`/api/stations/${f.stationId}/coverage`, { kind: 'compound', name: '别处小区', compoundId: other.compound.id })).statusCode).toBe(422);
    expect((await staff.post(`/api/stations/${f.stationId}/coverage`, { kind: 'shop', name: '新华便民超市' })).statusCode).toBe(422);
    expect((await staff.post(`/api/stations/${f.stationId}/coverage`, { kind: 'urban_village', name: '七里河村自建房', headcount: 86 })).statusCode).toBe(201);
    const d = await station(staff);
    expect(d.coverage).toEqual({ compounds: 1, urbanVillages: 1, shops: 1 });
  });
});

describe('check-out and return', () => {
  it('takes stock, refuses more than is on hand, and puts returned equipment back', async () => {
    const out = await rescue.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.hydraulic, quantity: 1, purpose: 'incident', reason: '3号楼地下室水管爆裂' });
    expect(out.statusCode).toBe(201);
    const c = out.json();
    expect(c).toMatchObject({ state: 'out', outstanding: 1, itemQuantityAfter: 1, checkedOutBy: '王海涛', overdue: false });
    expect(Date.parse(c.dueAt) - clock().now().getTime()).toBe(24 * 3_600_000);
    const tooMany = await rescue.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.hydraulic, quantity: 2, purpose: 'incident' });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error).toMatchObject({ code: 'STATION_STOCK_INSUFFICIENT', details: { available: 1, requested: 2 } });
    const items = (await rescue.get(`/api/stations/${f.stationId}/items?q=破拆`)).json();
    expect(items.items[0]).toMatchObject({ id: f.items.hydraulic, quantity: 1, out: 1 });

    expect((await rescue.post(`/api/checkouts/${c.id}/return`, { quantity: 2 })).json().error.code).toBe('STATION_RETURN_TOO_MANY');
    const back = await rescue.post(`/api/checkouts/${c.id}/return`, { note: '已清洗归位' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ state: 'returned', returnedQuantity: 1, outstanding: 0, itemQuantityAfter: 2 });
    expect((await rescue.post(`/api/checkouts/${c.id}/return`, {})).json().error.code).toBe('STATION_CHECKOUT_SETTLED');
    const ledger = (await staff.get(`/api/station-items/${f.items.hydraulic}/events`)).json();
    expect(ledger.items.map((e: { kind: string; delta: number; quantityAfter: number }) => [e.kind, e.delta, e.quantityAfter])).toEqual([['return', 1, 2], ['checkout', -1, 1], ['initial', 2, 2]]);
  });

  it('uses consumables up, and records lost equipment without putting it back', async () => {
    const used = (await property.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.gloves, quantity: 3, purpose: 'drill' })).json();
    expect(used).toMatchObject({ state: 'consumed', dueAt: null, itemQuantityAfter: 7 });
    expect((await property.post(`/api/checkouts/${used.id}/return`, {})).json().error.code).toBe('STATION_CHECKOUT_SETTLED');
    const lamps = (await property.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.flashlight, quantity: 3, purpose: 'incident' })).json();
    const partial = (await property.post(`/api/checkouts/${lamps.id}/return`, { quantity: 1, lost: 1, note: '一把摔坏' })).json();
    expect(partial).toMatchObject({ state: 'out', returnedQuantity: 1, lostQuantity: 1, outstanding: 1, itemQuantityAfter: 4 });
    const rest = (await property.post(`/api/checkouts/${lamps.id}/return`, {})).json();
    expect(rest).toMatchObject({ state: 'returned', returnedQuantity: 2, lostQuantity: 1, itemQuantityAfter: 5 });
  });

  it('refuses bad check-outs with clear 4xx', async () => {
    expect((await rescue.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.flashlight, quantity: 0, purpose: 'incident' })).statusCode).toBe(400);
    expect((await rescue.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.flashlight, purpose: 'incident', extra: 1 })).statusCode).toBe(400);
    expect((await rescue.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.flashlight, purpose: 'loan' })).json().error.code).toBe('STATION_LINK_INVALID');
    expect((await rescue.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.flashlight, purpose: 'incident', dueAt: '2020-01-01T00:00:00+08:00' })).statusCode).toBe(422);
    expect((await rescue.post(`/api/stations/${f.stationId}/checkouts`, { itemId: 999_999_999, purpose: 'incident' })).statusCode).toBe(404);
  });
});

describe('phone numbers', () => {
  it('are masked for residents and the department, full for staff of the station', async () => {
    await staff.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.flashlight, purpose: 'loan', borrowerName: '郑秀英', borrowerPhone: '13803781201' });
    const full = await station(staff);
    expect(full.team.map((m: { phone: string }) => m.phone)).toContain('13872201111');
    expect(full.keyHolders[0].phone).toMatch(/^\d{11}$/);
    for (const client of [resident, dept]) {
      const d = await station(client);
      expect(d.abilities).toEqual({ manage: false, checkout: false, contacts: false, keys: false });
      expect(d.team.map((m: { phone: string }) => m.phone)).toContain('138****1111');
      expect(d.team.every((m: { phone: string }) => m.phone.includes('****'))).toBe(true);
      expect(d.keyHolders.every((h: { phone: string }) => h.phone.includes('****'))).toBe(true);
      expect(d.coverageList.find((c: { kind: string }) => c.kind === 'shop').contactPhone).toBe('139****5555');
      const loans = (await client.get(`/api/stations/${f.stationId}/checkouts?state=out`)).json();
      expect(loans.items.find((c: { purpose: string }) => c.purpose === 'loan').borrower).toEqual({ name: '郑秀英', phone: '138****1201' });
      expect((await client.get(`/api/stations/${f.stationId}/team`)).json().items.every((m: { phone: string }) => m.phone.includes('****'))).toBe(true);
    }
    // The rescue team sees its own phones in full: it is staff of the station.
    expect((await station(rescue)).team.map((m: { phone: string }) => m.phone)).toContain('13872202222');
  });
});

describe('key roll calls', () => {
  it('are answered from the phone by holders with an account and recorded on behalf for the others', async () => {
    const started = await staff.post(`/api/stations/${f.stationId}/roll-calls`, { answerHours: 24 });
    expect(started.statusCode).toBe(201);
    const rc = started.json();
    expect(rc.answers).toHaveLength(2);
    expect(rc.open).toBe(true);
    expect((await staff.post(`/api/stations/${f.stationId}/roll-calls`, {})).json().error.code).toBe('STATION_ROLL_CALL_OPEN');
    // The holder with an account was told, and sees it among their roll calls.
    const notes = await listNotifications(t.database.db, { accountId: w.accounts.staff.accountId } as never, { page: 1, pageSize: 20 });
    expect(notes.items.some((n) => n.kind === 'station.roll_call')).toBe(true);
    const mine = (await staff.get('/api/station-roll-calls/mine')).json();
    expect(mine.items.find((m: { rollCallId: number }) => m.rollCallId === rc.id)).toMatchObject({ keyLabel: '正门钥匙', answer: null });
    expect((await staff.post(`/api/station-roll-calls/${rc.id}/answer`, { answer: 'has_key' })).json().answers.filter((a: { answer: string | null }) => a.answer === 'has_key')).toHaveLength(1);
    expect((await staff.post(`/api/station-roll-calls/${rc.id}/answer`, { answer: 'has_key' })).json().error.code).toBe('STATION_ROLL_CALL_ANSWERED');
    // Someone who holds no key of this roll call cannot answer it.
    expect((await rescue.post(`/api/station-roll-calls/${rc.id}/answer`, { answer: 'has_key' })).statusCode).toBe(404);
    const recorded = await staff.post(`/api/station-roll-calls/${rc.id}/record`, { keyHolderId: f.keyHolderIds[1], answer: 'has_key' });
    expect(recorded.json()).toMatchObject({ open: false });
    expect(recorded.json().answers.find((a: { keyHolderId: number }) => a.keyHolderId === f.keyHolderIds[1])).toMatchObject({ onBehalf: true, note: '电话确认' });
    const part = (await staff.get(`/api/stations/${f.stationId}/readiness`)).json().parts.find((p: { key: string }) => p.key === 'rollCall');
    expect(part).toMatchObject({ ratio: 1, facts: { holders: 2, confirmed: 2 } });
  });

  it('missed, alert the managers once — through the sweep, by permission and scope', async () => {
    clock().advanceMinutes(60);
    const rc = (await staff.post(`/api/stations/${f.stationId}/roll-calls`, { answerHours: 2 })).json();
    await staff.post(`/api/station-roll-calls/${rc.id}/answer`, { answer: 'has_key' });
    clock().advanceMinutes(3 * 60);
    const d = await station(staff);
    const missed = d.alertList.filter((a: { kind: string }) => a.kind === 'roll_call_missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ keyHolderId: f.keyHolderIds[1], severity: 'critical' });
    expect(missed[0].text).toContain('刘建华');

    const first = await sweepStationAlerts(t.app.ctx, clock().now(), { communityIds: [w.community.id] });
    expect(first.newAlerts).toBeGreaterThanOrEqual(2); // the missed roll call and the sandbags below standard
    const again = await sweepStationAlerts(t.app.ctx, clock().now(), { communityIds: [w.community.id] });
    expect(again).toMatchObject({ newAlerts: 0, notified: 0 });
    // Managers of the station: the community's staff and the company's staff — not the resident, the department or the team.
    const alertsFor = async (accountId: number) => (await listNotifications(t.database.db, { accountId } as never, { page: 1, pageSize: 50 })).items.filter((n) => n.kind === 'station.alert');
    expect(await alertsFor(w.accounts.staff.accountId)).toHaveLength(1);
    expect(await alertsFor(w.accounts.property.accountId)).toHaveLength(1);
    expect((await alertsFor(w.accounts.property.accountId))[0]!.body).toContain('刘建华');
    for (const id of [w.accounts.resident.accountId, w.accounts.dept.accountId, rescueAccountId, other.accounts.staff.accountId]) expect(await alertsFor(id)).toHaveLength(0);

    // Answered late, the alert resolves; a later sweep marks it so.
    await staff.post(`/api/station-roll-calls/${rc.id}/record`, { keyHolderId: f.keyHolderIds[1], answer: 'has_key', note: '补充确认' });
    expect((await sweepStationAlerts(t.app.ctx, clock().now(), { communityIds: [w.community.id] })).resolved).toBe(1);
  });

  it('report a missing key to the managers at once', async () => {
    clock().advanceMinutes(60);
    const rc = (await staff.post(`/api/stations/${f.stationId}/roll-calls`, {})).json();
    await staff.post(`/api/station-roll-calls/${rc.id}/answer`, { answer: 'key_missing', note: '钥匙串丢了' });
    const d = await station(staff);
    expect(d.alertList.some((a: { kind: string }) => a.kind === 'key_missing')).toBe(true);
    const prop = await listNotifications(t.database.db, { accountId: w.accounts.property.accountId } as never, { page: 1, pageSize: 50 });
    expect(prop.items.some((n) => n.kind === 'station.alert' && n.title.includes('钥匙不在手中'))).toBe(true);
  });
});

describe('team, drills and incidents', () => {
  it('records a training with who came and what was practised', async () => {
    const drill = await staff.post(`/api/stations/${f.stationId}/drills`, {
      kind: 'training', title: '破拆工具与漏电检测仪使用培训', heldAt: '2026-01-10T14:00:00+08:00', durationMinutes: 120,
      practised: ['液压破拆', '漏电检测'], attendeeIds: [f.teamIds[0], f.teamIds[1]], trainer: '市消防救援支队',
    });
    expect(drill.statusCode).toBe(201);
    expect(drill.json()).toMatchObject({ attendees: [{ teamMemberId: f.teamIds[0] }, { teamMemberId: f.teamIds[1] }], teamSize: 3 });
    expect((await staff.post(`/api/stations/${f.stationId}/drills`, { kind: 'drill', title: '演练', heldAt: '2026-01-10T14:00:00+08:00', durationMinutes: 60, practised: ['疏散'], attendeeIds: [999999] })).statusCode).toBe(422);
    expect((await staff.post(`/api/stations/${f.stationId}/drills`, { kind: 'drill', title: '未来演练', heldAt: '2027-01-10T14:00:00+08:00', durationMinutes: 60, practised: ['疏散'] })).statusCode).toBe(422);
    const d = await station(staff);
    expect(d.team.find((m: { id: number }) => m.id === f.teamIds[0]).drillsAttended).toBe(1);
    expect((await staff.get(`/api/stations/${f.stationId}/drills`)).json().total).toBe(1);
  });

  it('logs an incident from a service request the actor can see, with who came and what was used', async () => {
    const requestId = await fileAsResident(t.app.ctx, w, { description: '地下室水管爆裂，水漫到楼道' });
    const foreign = await fileAsResident(t.app.ctx, other, { description: '别处的诉求' });
    expect((await rescue.post(`/api/stations/${f.stationId}/incidents`, { kind: 'burst_pipe', title: '爆管', occurredAt: '2026-01-13T02:10:00+08:00', requestId: foreign })).json().error.code).toBe('STATION_LINK_INVALID');
    const created = await staff.post(`/api/stations/${f.stationId}/incidents`, {
      kind: 'burst_pipe', title: '1号楼地下室水管爆裂', occurredAt: '2026-01-13T02:10:00+08:00', requestId, responderIds: [f.teamIds[0], f.teamIds[2]], locationText: '1号楼地下室',
    });
    expect(created.statusCode).toBe(201);
    const incident = created.json();
    await rescue.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.sandbags, quantity: 20, purpose: 'incident', incidentId: incident.id });
    expect((await rescue.post(`/api/stations/${f.stationId}/checkouts`, { itemId: f.items.sandbags, quantity: 1, purpose: 'incident', incidentId: 999_999 })).statusCode).toBe(422);
    const closed = await rescue.post(`/api/station-incidents/${incident.id}/close`, { outcome: '关阀止水，沙袋围堵，物业已更换管段' });
    expect(closed.json()).toMatchObject({ state: 'closed', requestId, responders: [{ teamMemberId: f.teamIds[0] }, { teamMemberId: f.teamIds[2] }], used: [{ itemName: '防汛沙袋', quantity: 20, state: 'consumed' }] });
    expect((await rescue.post(`/api/station-incidents/${incident.id}/close`, { outcome: '再次关闭' })).json().error.code).toBe('STATION_INCIDENT_CLOSED');
    // Residents see what their station did, not who to call.
    expect((await resident.get(`/api/station-incidents/${incident.id}`)).statusCode).toBe(200);
  });
});

describe('readiness', () => {
  it('is one score with its parts, and the dashboard lists it by scope', async () => {
    const r = (await staff.get(`/api/stations/${f.stationId}/readiness`)).json();
    expect(r.parts.map((p: { key: string }) => p.key)).toEqual(['stock', 'expiry', 'inspection', 'rollCall', 'drill']);
    expect(r.score).toBe(Math.round(r.parts.reduce((s: number, p: { weight: number; ratio: number }) => s + p.weight * p.ratio, 0)));
    const list = (await dept.get(`/api/station-readiness?cityId=${w.city.id}`)).json();
    expect(list.items.map((i: { stationId: number }) => i.stationId)).toEqual([f.stationId]);
    expect((await dept.get(`/api/station-readiness?cityId=${other.city.id}`)).json().items).toEqual([]);
  });
});
