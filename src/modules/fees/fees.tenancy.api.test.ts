import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount } from '../../../test/factories.js';
import { buildRequestsCommunity, multipartBody, PNG_1PX, type RequestsCommunity } from '../../../test/requests-factories.js';
import { roleHas, type Permission } from '../access/access.policy.js';
import { setVoteMatterLookup, type MatterLookup } from '../ledgers/ledgers.authority.js';

/*
 * Tenant isolation on every route of the fees and ledgers modules: for a bill, a payment, an
 * online order, a ledger and its evidence, a decision, a disclosure and a project of community
 * A, outsiders — a neighbour's household (for one household's money), and a resident, community
 * staff, the property company, the owners' committee and the department of elsewhere — get 404
 * (403 when their role lacks the route's permission) and never see them in a list.
 */
let t: TestApp;
let a: RequestsCommunity;
let b: RequestsCommunity;
const ids: Record<string, number> = {};
let ref = '';
let previous: MatterLookup;
const outsiders: { label: string; role: string; client: Client; household?: boolean }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await buildRequestsCommunity(t.database.db);
  b = await buildRequestsCommunity(t.database.db);
  previous = setVoteMatterLookup(async ({ matterId }) => (matterId === 1 ? { matterId: 1, voteId: 1, compoundId: a.compound.id, communityId: a.community.id, title: '修路', class: 'special', status: 'passed', closedAt: null, chainHead: null } : null));
  const property = await login(t.app, a.accounts.property.username);
  const committee = await login(t.app, a.accounts.committee.username);
  const resident = await login(t.app, a.accounts.resident.username);
  const party = await login(t.app, a.accounts.staff.username);
  await property.post('/api/fee-schedules', { compoundId: a.compound.id, name: '收费标准', effectiveFrom: '2026-01', items: [{ code: 'property', name: '物业服务费', basis: 'area', rateFen: 90 }] });
  await property.post(`/api/compounds/${a.compound.id}/bills/generate`, { period: '2026-01' });
  ids.bill = (await resident.get('/api/bills')).json().items[0].id;
  ids.payment = (await property.post(`/api/bills/${ids.bill}/payments`, { method: 'cash', amountFen: 100 })).json().payment.id;
  ref = (await resident.post(`/api/bills/${ids.bill}/payments`, { method: 'online' })).json().intent.ref;
  const ledgers = (await resident.get(`/api/ledgers?compoundId=${a.compound.id}`)).json().items as { kind: string; id: number }[];
  ids.ledger = ledgers.find((l) => l.kind === 'maintenance_fund')!.id;
  await committee.post(`/api/ledgers/${ids.ledger}/entries`, { type: 'income', amountFen: 1_000_000, category: '维修资金归集', memo: '首期归集' });
  const body = multipartBody({ data: JSON.stringify({ type: 'expense', amountFen: 1_000, category: '维修', memo: '修路', decisionRef: 'vote-matter:1' }) }, [PNG_1PX]);
  const withEvidence = await committee.post(`/api/ledgers/${ids.ledger}/entries`, Buffer.from(body.payload.toString('latin1').replaceAll('name="photos"', 'name="evidence"'), 'latin1'), body.headers);
  expect(withEvidence.statusCode, withEvidence.body).toBe(201);
  ids.evidence = (await committee.get(`/api/ledgers/${ids.ledger}`)).json().entries.items[0].evidence[0].id;
  ids.decision = (await committee.post('/api/decisions', { compoundId: a.compound.id, kind: 'project', title: '道路改造', summary: '修路', basisRef: 'vote-matter:1' })).json().id;
  await party.post(`/api/decisions/${ids.decision}/review`, { action: 'approve' });
  ids.disclosure = (await committee.post('/api/disclosures', { compoundId: a.compound.id, category: 'maintenance_fund', period: '2026-01', title: '维修资金公示', body: '收入1万元' })).json().id;
  ids.project = (await committee.post('/api/projects', { compoundId: a.compound.id, title: '道路改造', category: 'road', description: '沥青', scope: '800 m²', budgetFen: 100_000, ledgerId: ids.ledger, contractor: '市政公司', decisionId: ids.decision, startedOn: '2026-01-05' })).json().id;
  const milestone = multipartBody({ data: JSON.stringify({ title: '开工' }) }, [PNG_1PX]);
  ids.photo = (await committee.post(`/api/projects/${ids.project}/milestones`, milestone.payload, milestone.headers)).json().timeline.at(-1).photos[0].id;
  const bCommittee = await buildAccount(t.database.db, b.city.id, [{ role: 'owners_committee', scopeType: 'community', scopeId: b.community.id }]);
  outsiders.push(
    { label: 'resident of another household', role: 'resident', client: await login(t.app, a.accounts.neighbour.username), household: true },
    { label: 'resident elsewhere', role: 'resident', client: await login(t.app, b.accounts.resident.username) },
    { label: 'staff of another community', role: 'community_staff', client: await login(t.app, b.accounts.staff.username) },
    { label: 'property staff of another company', role: 'property_staff', client: await login(t.app, b.accounts.property.username) },
    { label: 'owners\' committee elsewhere', role: 'owners_committee', client: await login(t.app, bCommittee.username) },
    { label: 'department of another city', role: 'dept_staff', client: await login(t.app, b.accounts.dept.username) },
  );
});
afterAll(async () => {
  setVoteMatterLookup(previous);
  await t?.close();
});

interface Route { method: 'GET' | 'POST'; url: () => string; permission: Permission; body?: unknown | (() => unknown); household?: boolean }
const routes: Route[] = [
  { method: 'GET', url: () => `/api/bills/${ids.bill}`, permission: 'fees:read', household: true },
  { method: 'POST', url: () => `/api/bills/${ids.bill}/payments`, permission: 'fees:pay', body: { method: 'online' }, household: true },
  { method: 'POST', url: () => `/api/bills/${ids.bill}/adjustments`, permission: 'fees:manage', body: { kind: 'discount', amountFen: 1, reason: '减免测试' }, household: true },
  { method: 'GET', url: () => `/api/payments/${ids.payment}`, permission: 'fees:read', household: true },
  { method: 'GET', url: () => `/api/payments/${ids.payment}/receipt.pdf`, permission: 'fees:read', household: true },
  { method: 'POST', url: () => `/api/payments/${ids.payment}/refunds`, permission: 'fees:manage', body: { amountFen: 1, reason: '退款测试' }, household: true },
  { method: 'GET', url: () => `/api/payments/fake/${ref}`, permission: 'fees:pay', household: true },
  { method: 'POST', url: () => `/api/payments/fake/${ref}/complete`, permission: 'fees:pay', body: { succeed: true }, household: true },
  { method: 'POST', url: () => `/api/compounds/${a.compound.id}/bills/generate`, permission: 'fees:manage', body: { period: '2026-02' } },
  { method: 'POST', url: () => `/api/compounds/${a.compound.id}/arrears/reminders`, permission: 'fees:manage', body: {} },
  { method: 'GET', url: () => `/api/fees/payment-rate?compoundId=${a.compound.id}`, permission: 'fees:read' },
  { method: 'GET', url: () => `/api/fees/payment-rate?communityId=${a.community.id}`, permission: 'fees:read' },
  { method: 'GET', url: () => `/api/fees/payment-rate?cityId=${a.city.id}`, permission: 'fees:read' },
  { method: 'GET', url: () => `/api/fees/arrears?compoundId=${a.compound.id}`, permission: 'fees:read' },
  { method: 'GET', url: () => `/api/fee-schedules?compoundId=${a.compound.id}`, permission: 'fees:read' },
  { method: 'POST', url: () => '/api/fee-schedules', permission: 'fees:manage', body: () => ({ compoundId: a.compound.id, name: '外人标准', effectiveFrom: '2027-01', items: [{ code: 'x', name: '费', basis: 'household', rateFen: 1 }] }) },
  { method: 'GET', url: () => `/api/ledgers?compoundId=${a.compound.id}`, permission: 'ledgers:read' },
  { method: 'GET', url: () => `/api/ledgers/${ids.ledger}`, permission: 'ledgers:read' },
  { method: 'POST', url: () => `/api/ledgers/${ids.ledger}/entries`, permission: 'ledgers:write', body: { type: 'income', amountFen: 1, category: '收入', memo: '外人记账' } },
  { method: 'GET', url: () => `/api/ledgers/${ids.ledger}/export`, permission: 'ledgers:read' },
  { method: 'GET', url: () => `/api/ledgers/${ids.ledger}/evidence/${ids.evidence}`, permission: 'ledgers:read' },
  { method: 'GET', url: () => `/api/decisions/${ids.decision}`, permission: 'ledgers:read' },
  { method: 'POST', url: () => `/api/decisions/${ids.decision}/review`, permission: 'ledgers:read', body: { action: 'return', reason: '外人退回' } },
  { method: 'POST', url: () => '/api/decisions', permission: 'ledgers:propose', body: () => ({ compoundId: a.compound.id, kind: 'other', title: '外人提议', summary: '外人提议' }) },
  { method: 'GET', url: () => `/api/disclosures/${ids.disclosure}`, permission: 'ledgers:read' },
  { method: 'GET', url: () => `/api/disclosures/${ids.disclosure}/export`, permission: 'ledgers:read' },
  { method: 'POST', url: () => `/api/disclosures/${ids.disclosure}/inspection-requests`, permission: 'ledgers:inspect', body: {} },
  { method: 'POST', url: () => '/api/disclosures', permission: 'ledgers:publish', body: () => ({ compoundId: a.compound.id, category: 'fees', period: '2026-01', title: '外人公示', body: '外人公示' }) },
  { method: 'GET', url: () => `/api/projects/${ids.project}`, permission: 'ledgers:read' },
  { method: 'POST', url: () => `/api/projects/${ids.project}/milestones`, permission: 'ledgers:projects', body: { title: '外人里程碑' } },
  { method: 'POST', url: () => `/api/projects/${ids.project}/steps`, permission: 'ledgers:read', body: { action: 'complete' } },
  { method: 'GET', url: () => `/api/projects/${ids.project}/photos/${ids.photo}`, permission: 'ledgers:read' },
  { method: 'POST', url: () => '/api/projects', permission: 'ledgers:projects', body: () => ({ compoundId: a.compound.id, title: '外人项目', category: 'other', description: '外人', scope: '1', budgetFen: 1, ledgerId: 1, contractor: '外人公司', decisionId: 1, startedOn: '2026-01-01' }) },
];

describe('tenant isolation of fees and ledgers', () => {
  it('answers 404 (or 403 without the permission) on every route about one record', async () => {
    for (const o of outsiders) {
      for (const r of routes) {
        // The neighbour shares the compound: only one household's money is out of their reach.
        if (o.household && !r.household) continue;
        const body = typeof r.body === 'function' ? (r.body as () => unknown)() : r.body;
        const res = r.method === 'GET' ? await o.client.get(r.url()) : await o.client.post(r.url(), body);
        expect.soft(res.statusCode, `${o.label}: ${r.method} ${r.url()} ${res.body.slice(0, 120)}`).toBe(roleHas(o.role, r.permission) ? 404 : 403);
      }
    }
  });

  it('never lists another tenant\'s money', async () => {
    for (const o of outsiders) {
      const lists: [string, string, number][] = [
        ['fees:read', '/api/bills?pageSize=100', ids.bill!], ['ledgers:read', '/api/ledgers', ids.ledger!], ['ledgers:read', '/api/decisions?pageSize=100', ids.decision!],
        ['ledgers:read', '/api/projects?pageSize=100', ids.project!],
      ];
      if (!o.household) lists.push(['ledgers:read', '/api/disclosures?pageSize=100', ids.disclosure!]);
      for (const [permission, url, id] of lists) {
        if (!roleHas(o.role, permission)) continue;
        if (o.household && permission === 'ledgers:read') continue;
        const body = (await o.client.get(url)).json();
        expect.soft(body.items.map((i: { id: number }) => i.id), `${o.label}: ${url}`).not.toContain(id);
      }
    }
  });

  it('shows the neighbour the compound\'s common money but not another household\'s bill', async () => {
    const neighbour = outsiders[0]!.client;
    expect((await neighbour.get(`/api/ledgers/${ids.ledger}`)).statusCode).toBe(200);
    expect((await neighbour.get(`/api/disclosures/${ids.disclosure}`)).statusCode).toBe(200);
    expect((await neighbour.get('/api/bills')).json().items.map((i: { id: number }) => i.id)).not.toContain(ids.bill);
  });
});
