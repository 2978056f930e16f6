import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../server/clock.js';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, multipartBody, PNG_1PX, type RequestsCommunity } from '../../../test/requests-factories.js';

let t: TestApp;
let w: RequestsCommunity;
let resident: Client, neighbour: Client, staff: Client, property: Client, committee: Client, unitStaff: Client, dept: Client, grid: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildRequestsCommunity(t.database.db);
  const clients = await Promise.all(
    [w.accounts.resident, w.accounts.neighbour, w.accounts.staff, w.accounts.property, w.accounts.committee, w.accounts.unitStaff, w.accounts.dept, w.accounts.grid].map((a) => login(t.app, a.username)),
  );
  [resident, neighbour, staff, property, committee, unitStaff, dept, grid] = clients as [Client, Client, Client, Client, Client, Client, Client, Client];
});
afterAll(async () => t?.close());

const file = async (body: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  resident.post('/api/requests', { description: '3号楼暖气不热，屋里只有14度', locationKind: 'own_unit', ...body }, headers);

describe('the whole flow', () => {
  it('resident files → dispatcher dispatches → property accepts, works, resolves → resident rates', async () => {
    const created = await file({ contactTime: '晚上7点后' });
    expect(created.statusCode).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({ state: 'submitted', stateLabel: '待派单', category: { code: 'heating' }, reporter: { name: '郑秀英', phone: '13803781201' }, slaStatus: 'ok' });
    expect(r.abilities).toMatchObject({ cancel: true, dispatch: false, confirm: false });
    expect(r.household.label).toContain(w.compound.name);
    expect(r.timeline).toHaveLength(1);

    const queue = await staff.get('/api/requests?state=submitted');
    expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(r.id);
    const staffView = await staff.get(`/api/requests/${r.id}`);
    expect(staffView.json().abilities).toMatchObject({ dispatch: true, merge: true, escalate: true, accept: false });

    const assignees = await staff.get(`/api/requests/${r.id}/assignees`);
    expect(assignees.json().companies).toEqual([{ id: w.company.id, name: w.company.name }]);
    const dispatched = await staff.post(`/api/requests/${r.id}/dispatch`, { assigneeKind: 'property_company', note: '请尽快处理' });
    expect(dispatched.statusCode).toBe(200);
    expect(dispatched.json()).toMatchObject({ state: 'dispatched', assignee: { kind: 'property_company', id: w.company.id } });

    const orders = await property.get('/api/requests?assignee=me');
    expect(orders.json().items.map((i: { id: number }) => i.id)).toContain(r.id);
    const pView = (await property.get(`/api/requests/${r.id}`)).json();
    expect(pView.reporter.phone).toBe('13803781201');
    expect(pView.household).toBeNull();
    expect(pView.abilities).toMatchObject({ accept: true, return: true, dispatch: false });
    expect((await property.post(`/api/requests/${r.id}/accept`, {})).json().state).toBe('accepted');
    expect((await property.post(`/api/requests/${r.id}/start`, { note: '师傅已出发' })).json().state).toBe('in_progress');
    expect((await property.post(`/api/requests/${r.id}/progress`, { note: '已排气' })).json().state).toBe('in_progress');
    const { payload, headers } = multipartBody({ note: '更换阀门，室温已到20度' }, [PNG_1PX]);
    const resolved = await property.post(`/api/requests/${r.id}/resolve`, payload, headers);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().state).toBe('resolved');
    expect(resolved.json().timeline.at(-1).attachments).toHaveLength(1);

    const photo = await resident.get(resolved.json().timeline.at(-1).attachments[0].url);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');

    const rated = await resident.post(`/api/requests/${r.id}/confirm`, { rating: 5, comment: '很及时' });
    expect(rated.json()).toMatchObject({ state: 'closed', rating: 5, slaStatus: 'met' });
    expect(rated.json().timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'dispatch', 'accept', 'start', 'progress', 'resolve', 'confirm']);

    const notes = (await resident.get('/api/notifications')).json();
    expect(notes.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['request.dispatch', 'request.accept', 'request.resolve']));
    expect((await resident.get('/api/notifications/unread-count')).json().count).toBeGreaterThan(0);
    expect((await resident.post('/api/notifications/read-all')).json().updated).toBeGreaterThan(0);
    expect((await resident.get('/api/notifications/unread-count')).json().count).toBe(0);
  });

  it('an illegal step answers 409, a wrong actor 403 or 404', async () => {
    const id = (await file()).json().id;
    const confirm = await resident.post(`/api/requests/${id}/confirm`, { rating: 5 });
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json().error.code).toBe('REQUEST_ILLEGAL_TRANSITION');
    // Not yet dispatched to the company: property staff cannot even see it.
    expect((await property.post(`/api/requests/${id}/accept`, {})).statusCode).toBe(404);
    // The reporter's household neighbour holds requests:rate but does not reach this request.
    expect((await neighbour.post(`/api/requests/${id}/cancel`, { reason: 'x' })).statusCode).toBe(404);
  });

  it('returns, reopens, cancels and escalates to a 三方会诊 that dispatches', async () => {
    const id = (await file()).json().id;
    await staff.post(`/api/requests/${id}/dispatch`, { assigneeKind: 'local_unit', organisationId: w.localUnit.id });
    const returned = await unitStaff.post(`/api/requests/${id}/return`, { reason: '不属于我单位' });
    expect(returned.json().state).toBe('returned');
    expect((await staff.post(`/api/requests/${id}/escalate`, { note: '多方推诿' })).json().state).toBe('escalated');
    const consult = await committee.post(`/api/requests/${id}/consultations`, {
      heldAt: '2026-01-13T15:00:00+08:00', place: '社区会议室',
      attendees: [{ side: 'party', name: '王书记' }, { side: 'property', name: '李经理', organisation: w.company.name }, { side: 'owners', name: '赵主任' }],
      decision: '物业负责维修，业委会监督', actions: [{ owner: '物业', task: '更换阀门', dueAt: '2026-01-15' }],
      dispatchTo: { assigneeKind: 'property_company' },
    });
    expect(consult.statusCode).toBe(200);
    expect(consult.json()).toMatchObject({ state: 'dispatched', assignee: { kind: 'property_company' } });
    expect(consult.json().consultations).toHaveLength(1);
    await property.post(`/api/requests/${id}/accept`, {});
    await property.post(`/api/requests/${id}/resolve`, { note: '已修好' });
    const reopened = await resident.post(`/api/requests/${id}/reopen`, { reason: '还是不热' });
    expect(reopened.json()).toMatchObject({ state: 'reopened', reopenCount: 1 });
    expect((await property.post(`/api/requests/${id}/accept`, {})).json().state).toBe('accepted');

    const other = (await file()).json().id;
    expect((await resident.post(`/api/requests/${other}/cancel`, { reason: '已自行解决' })).json().state).toBe('cancelled');
  });

  it('two dispatchers acting at once: exactly one 200 and one 409', async () => {
    const id = (await file()).json().id;
    const staff2 = await login(t.app, w.accounts.staff.username);
    const results = await Promise.all([
      staff.post(`/api/requests/${id}/dispatch`, { assigneeKind: 'property_company' }),
      staff2.post(`/api/requests/${id}/dispatch`, { assigneeKind: 'local_unit', organisationId: w.localUnit.id }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = (await staff.get(`/api/requests/${id}`)).json();
    expect(detail.timeline.filter((e: { action: string }) => e.action === 'dispatch')).toHaveLength(1);
  });

  it('bulk dispatch reports per request', async () => {
    const a = (await file()).json().id;
    const b = (await file()).json().id;
    await resident.post(`/api/requests/${b}/cancel`, { reason: '不需要了' });
    const res = await staff.post('/api/requests/bulk-dispatch', { ids: [a, b, 999999999], assigneeKind: 'property_company' });
    expect(res.json().results).toEqual([
      { id: a, ok: true },
      { id: b, ok: false, error: expect.objectContaining({ code: 'REQUEST_ILLEGAL_TRANSITION' }) },
      { id: 999999999, ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
    ]);
  });
});

describe('idempotent submission over HTTP', () => {
  it('replays with Idempotent-Replayed and refuses a different body with the same key', async () => {
    const first = await file({}, { 'idempotency-key': 'http-1' });
    const again = await file({}, { 'idempotency-key': 'http-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const both = await Promise.all([file({ description: '并发提交A' }, { 'idempotency-key': 'http-2' }), file({ description: '并发提交A' }, { 'idempotency-key': 'http-2' })]);
    expect(both[0]!.json().id).toBe(both[1]!.json().id);
    const reused = await file({ description: '另一件事' }, { 'idempotency-key': 'http-1' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('photo upload validation', () => {
  it('accepts real images, refuses wrong types and oversize with 4xx, never 500', async () => {
    const ok = multipartBody({ data: JSON.stringify({ description: '楼道灯坏了', locationKind: 'stairwell' }) }, [PNG_1PX]);
    const good = await resident.post('/api/requests', ok.payload, ok.headers);
    expect(good.statusCode).toBe(201);
    expect(good.json().attachments).toHaveLength(1);

    const fake = multipartBody({ data: JSON.stringify({ description: '楼道灯坏了', locationKind: 'stairwell' }) }, [Buffer.from('MZ not an image at all')], 'image/png');
    const bad = await resident.post('/api/requests', fake.payload, fake.headers);
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.code).toBe('REQUEST_PHOTO_INVALID');

    const big = Buffer.concat([PNG_1PX, Buffer.alloc(5 * 1024 * 1024 + 10)]);
    const huge = multipartBody({ data: JSON.stringify({ description: '楼道灯坏了', locationKind: 'stairwell' }) }, [big]);
    const tooBig = await resident.post('/api/requests', huge.payload, huge.headers);
    expect(tooBig.statusCode).toBe(413);

    const seven = multipartBody({ data: JSON.stringify({ description: '楼道灯坏了', locationKind: 'stairwell' }) }, Array(7).fill(PNG_1PX));
    expect((await resident.post('/api/requests', seven.payload, seven.headers)).statusCode).toBe(413);

    const broken = multipartBody({ data: '{not json' }, []);
    expect((await resident.post('/api/requests', broken.payload, broken.headers)).statusCode).toBe(400);
    const invalid = multipartBody({ data: JSON.stringify({ description: '', locationKind: 'moon' }) }, []);
    expect((await resident.post('/api/requests', invalid.payload, invalid.headers)).statusCode).toBe(400);
  });
});

describe('merge', () => {
  it('merges same compound + category into an open master; followers hear every master step', async () => {
    const master = (await file({ description: '3号楼暖气不热' })).json().id;
    const follower = (await neighbour.post('/api/requests', { description: '3号楼我家暖气也不热', locationKind: 'own_unit' })).json().id;
    const merged = await staff.post(`/api/requests/${follower}/merge`, { masterId: master, note: '同一问题' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ state: 'merged', masterRequestId: master });
    const m = (await staff.get(`/api/requests/${master}`)).json();
    expect(m.followerCount).toBe(1);
    expect(m.followers[0].requestId).toBe(follower);

    await staff.post(`/api/requests/${master}/dispatch`, { assigneeKind: 'property_company' });
    await property.post(`/api/requests/${master}/accept`, {});
    // The follower opens the master from a notification: read-only, the master's reporter masked.
    const asFollower = await neighbour.get(`/api/requests/${master}`);
    expect(asFollower.statusCode).toBe(200);
    expect(asFollower.json().reporter.name).toBe('郑**');
    expect(asFollower.json().household).toBeNull();
    expect(Object.values(asFollower.json().abilities).every((v) => v === false)).toBe(true);
    expect((await neighbour.post(`/api/requests/${master}/cancel`, { reason: '不要了' })).statusCode).toBe(403);
    const kinds = (await neighbour.get('/api/notifications')).json().items.map((n: { kind: string; data: { requestId: number } }) => `${n.kind}#${n.data.requestId}`);
    expect(kinds).toEqual(expect.arrayContaining([`request.merge#${follower}`, `request.dispatch#${master}`, `request.accept#${master}`]));

    const lighting = (await file({ description: '楼道灯不亮', locationKind: 'stairwell' })).json().id;
    const wrong = await staff.post(`/api/requests/${lighting}/merge`, { masterId: master });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('REQUEST_MERGE_INVALID');
    expect((await staff.post(`/api/requests/${master}/merge`, { masterId: master })).statusCode).toBe(422);
  });

});

describe('lists, filters, export', () => {
  it('filters by state, overdue, q, mine and sorts by due time', async () => {
    const id = (await file({ description: '独特关键词甲乙丙' })).json().id;
    expect((await staff.get('/api/requests?q=甲乙丙')).json().items.map((i: { id: number }) => i.id)).toEqual([id]);
    expect((await staff.get(`/api/requests?q=%23${id}`)).json().total).toBe(1);
    expect((await resident.get('/api/requests?mine=true')).json().total).toBeGreaterThan(0);
    expect((await neighbour.get('/api/requests?mine=true&q=甲乙丙')).json().total).toBe(0);
    const page = (await staff.get('/api/requests?sort=due_asc&pageSize=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect((await staff.get('/api/requests?state=bogus')).statusCode).toBe(400);
    (t.clock as FakeClock).advanceMinutes(120);
    const overdue = (await staff.get('/api/requests?overdue=true')).json();
    expect(overdue.items.map((i: { id: number }) => i.id)).toContain(id);
    expect(overdue.items.every((i: { slaStatus: string }) => i.slaStatus === 'breached')).toBe(true);
  });

  it('exports CSV with a BOM and Chinese headers, and XLSX', async () => {
    const csv = await staff.get('/api/requests/export.csv?state=submitted');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\ufeff编号,状态')).toBe(true);
    const xlsx = await staff.get('/api/requests/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // A resident exports only their household's requests.
    const mine = await neighbour.get('/api/requests/export.csv');
    expect(mine.body).not.toContain('独特关键词甲乙丙');
  });

  it('masks the reporter for a department and hides the household', async () => {
    const id = (await file()).json().id;
    const d = (await dept.get(`/api/requests/${id}`)).json();
    expect(d.reporter).toEqual({ name: '郑**', phone: '138****1201' });
    expect(d.household).toBeNull();
    expect(d.abilities.dispatch).toBe(false);
    expect((await grid.get(`/api/requests/${id}`)).statusCode).toBe(404);
  });
});

describe('categories and rules', () => {
  it('lists categories for anyone logged in; a department edits them; classify suggests', async () => {
    const cats = (await resident.get('/api/request-categories')).json();
    expect(cats.map((c: { name: string }) => c.name)).toEqual(['暖气不热', '房顶/管道漏水', '卫生死角', '绿地被占', '监控/门禁故障', '车辆乱停', '电动车充电', '楼道照明', '道路积水', '邻里纠纷', '其他']);
    const patched = await dept.patch(`/api/request-categories/${cats[0].id}`, { respondMinutes: 30 });
    expect(patched.json().respondMinutes).toBe(30);
    expect((await staff.patch(`/api/request-categories/${cats[0].id}`, { respondMinutes: 30 })).statusCode).toBe(403);
    const rule = await dept.post('/api/classification-rules', { categoryId: cats[1].id, keywords: ['天花板发霉'] });
    expect(rule.statusCode).toBe(201);
    const c = (await resident.post('/api/requests/classify', { description: '卧室天花板发霉' })).json();
    expect(c.categoryId).toBe(cats[1].id);
    expect((await dept.delete(`/api/classification-rules/${rule.json().id}`)).statusCode).toBe(204);
    expect((await property.post('/api/requests/classify', { description: 'x' })).statusCode).toBe(403);
  });
});

describe('time-dependent rules (run last: the fake clock jumps)', () => {
  it('refuses a master filed more than 48 hours ago', async () => {
    const master = (await file()).json().id;
    (t.clock as FakeClock).advanceMinutes(49 * 60);
    // Sessions expire while the fake clock jumps: log in again.
    const [r2, s2] = await Promise.all([login(t.app, w.accounts.resident.username), login(t.app, w.accounts.staff.username)]);
    const late = (await r2.post('/api/requests', { description: '3号楼暖气不热，屋里只有14度', locationKind: 'own_unit' })).json().id;
    const res = await s2.post(`/api/requests/${late}/merge`, { masterId: master });
    expect(res.statusCode).toBe(422);
  });
});
