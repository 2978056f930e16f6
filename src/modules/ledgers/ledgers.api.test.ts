import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount, type TestCommunity } from '../../../test/factories.js';
import { buildRequestsCommunity, multipartBody, PNG_1PX } from '../../../test/requests-factories.js';
import { verifyEnvelope } from '../../../scripts/verify-export.mjs';
import { foldAllFigures, verifyFigures } from '../../kernel/figures.js';
import { setVoteMatterLookup, type MatterLookup, type MatterOutcome } from './ledgers.authority.js';
import { ledgerFigures } from './ledgers.service.js';

/*
 * Ledgers, decisions, disclosures and projects through the API: expenses need an authorising
 * decision in force, the maintenance fund a passed owners' vote, the party organisation's review
 * gates every major decision, balances cannot go below zero (also under concurrency), the
 * database refuses to change an entry, and the verifier catches a changed amount, a removed entry
 * and a summary bent to match. The votes module is stood in for by the authority seam.
 */
let t: TestApp;
let w: TestCommunity;
let committee: Client;
let property: Client;
let party: Client;
let staff: Client;
let resident: Client;
let ledgerIds: Record<string, number>;
const matters = new Map<number, MatterOutcome>();
let previous: MatterLookup;

const matter = (matterId: number, status: MatterOutcome['status']): MatterOutcome => ({
  matterId, voteId: 1, compoundId: w.compound.id, communityId: w.community.id, title: `表决事项${matterId}`, class: 'special', status, closedAt: null, chainHead: null,
});

beforeAll(async () => {
  t = await createTestApp();
  w = await buildRequestsCommunity(t.database.db);
  previous = setVoteMatterLookup(async ({ matterId }) => matters.get(matterId) ?? null);
  matters.set(101, matter(101, 'passed'));
  matters.set(102, matter(102, 'failed'));
  matters.set(103, matter(103, 'open'));
  committee = await login(t.app, w.accounts.committee.username);
  property = await login(t.app, w.accounts.property.username);
  resident = await login(t.app, w.accounts.resident.username);
  party = await login(t.app, (await buildAccount(t.database.db, w.city.id, [{ role: 'party_committee', scopeType: 'community', scopeId: w.community.id }])).username);
  staff = await login(t.app, (await buildAccount(t.database.db, w.city.id, [{ role: 'community_staff', scopeType: 'community', scopeId: w.community.id }])).username);
  const list = (await resident.get(`/api/ledgers?compoundId=${w.compound.id}`)).json();
  ledgerIds = Object.fromEntries(list.items.map((l: { kind: string; id: number }) => [l.kind, l.id]));
});
afterAll(async () => {
  setVoteMatterLookup(previous);
  await t?.close();
});

/** The same multipart body, with the files under another field name (the ledger takes "evidence"). */
function withField(body: { payload: Buffer; headers: Record<string, string> }, field: string) {
  return { payload: Buffer.from(body.payload.toString('latin1').replaceAll('name="photos"', `name="${field}"`), 'latin1'), headers: body.headers };
}

/** The database's own refusal, whatever the driver wraps it in. */
async function refused(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  }
  return 'not refused';
}

const entry = (c: Client, kind: string, body: object) => c.post(`/api/ledgers/${ledgerIds[kind]}/entries`, body);
const exportOf = async (c: Client, url: string) => (await c.get(url)).json();

describe('ledgers', () => {
  it('gives every compound its three ledgers, seen by its residents', () => {
    expect(Object.keys(ledgerIds).sort()).toEqual(['common_income', 'maintenance_fund', 'property_service']);
  });

  it('refuses maintenance-fund spending without a passed owners\' vote', async () => {
    expect((await entry(committee, 'maintenance_fund', { type: 'income', amountFen: 50_000_000, category: '维修资金归集', memo: '2026年首期归集' })).statusCode).toBe(201);
    const spend = { type: 'expense', amountFen: 12_800_000, category: '道路维修', memo: 'A区主干道沥青摊铺' };
    expect((await entry(committee, 'maintenance_fund', spend)).json().error.code).toBe('LEDGER_DECISION_REQUIRED');
    expect((await entry(committee, 'maintenance_fund', { ...spend, decisionRef: 'vote-matter:102' })).json().error.code).toBe('LEDGER_VOTE_NOT_PASSED');
    expect((await entry(committee, 'maintenance_fund', { ...spend, decisionRef: 'vote-matter:103' })).json().error.code).toBe('LEDGER_VOTE_NOT_PASSED');
    expect((await entry(committee, 'maintenance_fund', { ...spend, decisionRef: 'vote-matter:999' })).json().error.code).toBe('LEDGER_DECISION_NOT_FOUND');
    // An approved decision that does not rest on a passed vote does not open the fund either.
    const plain = (await committee.post('/api/decisions', { compoundId: w.compound.id, kind: 'fund_use', title: '使用维修资金修路', summary: '未经业主表决' })).json();
    await party.post(`/api/decisions/${plain.id}/review`, { action: 'approve' });
    expect((await entry(committee, 'maintenance_fund', { ...spend, decisionRef: `decision:${plain.id}` })).json().error.code).toBe('LEDGER_VOTE_NOT_PASSED');
    // The property company does not keep the owners' fund.
    expect((await entry(property, 'maintenance_fund', { ...spend, decisionRef: 'vote-matter:101' })).json().error.code).toBe('LEDGER_KIND_NOT_ALLOWED');
    const ok = await entry(committee, 'maintenance_fund', { ...spend, decisionRef: 'vote-matter:101' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().data).toEqual({ type: 'expense', amountFen: 12_800_000, category: '道路维修', at: expect.any(String), memo: 'A区主干道沥青摊铺', decisionRef: 'vote-matter:101', evidenceRefs: [], corrects: null });
  });

  it('passes major decisions through the party organisation\'s review before they take effect', async () => {
    const d = (await committee.post('/api/decisions', { compoundId: w.compound.id, kind: 'fund_use', title: '维修资金更换路灯', summary: '依据第101号表决事项', basisRef: 'vote-matter:101', amountFen: 2_000_000 })).json();
    expect(d.state).toBe('pending_review');
    const spend = { type: 'expense', amountFen: 2_000_000, category: '照明维修', memo: '更换路灯', decisionRef: `decision:${d.id}` };
    expect((await entry(committee, 'maintenance_fund', spend)).json().error.code).toBe('LEDGER_DECISION_NOT_APPROVED');
    // Only the party organisation reviews; returning needs the reasons.
    expect((await staff.post(`/api/decisions/${d.id}/review`, { action: 'approve' })).json().error.code).toBe('DECISION_ACTOR_NOT_ALLOWED');
    expect((await party.post(`/api/decisions/${d.id}/review`, { action: 'return' })).statusCode).toBe(422);
    const returned = (await party.post(`/api/decisions/${d.id}/review`, { action: 'return', reason: '请补充三家报价' })).json();
    expect(returned.state).toBe('returned');
    expect((await party.post(`/api/decisions/${d.id}/review`, { action: 'approve' })).json().error.code).toBe('DECISION_ILLEGAL_TRANSITION');
    expect((await committee.post(`/api/decisions/${d.id}/review`, { action: 'resubmit', reason: '已补充报价' })).json().state).toBe('pending_review');
    const approved = (await party.post(`/api/decisions/${d.id}/review`, { action: 'approve', reason: '同意' })).json();
    expect(approved.state).toBe('approved');
    expect(approved.timeline.map((e: { action: string }) => e.action)).toEqual(['propose', 'return', 'resubmit', 'approve']);
    expect(approved.timeline[1]).toMatchObject({ note: '请补充三家报价', actorRole: 'party_committee' });
    expect((await entry(committee, 'maintenance_fund', spend)).statusCode).toBe(201);
    expect((await committee.post('/api/decisions', { compoundId: w.compound.id, kind: 'fund_use', title: '无依据', summary: '引用不存在的表决', basisRef: 'vote-matter:999' })).json().error.code).toBe('DECISION_BASIS_INVALID');
  });

  it('never lets a balance go below zero, even with two expenses at once', async () => {
    expect((await entry(property, 'property_service', { type: 'income', amountFen: 10_000, category: '物业费收入', memo: '3月物业费' })).statusCode).toBe(201);
    const d = (await property.post('/api/decisions', { compoundId: w.compound.id, kind: 'other', title: '日常保洁采购', summary: '年度保洁耗材' })).json();
    await party.post(`/api/decisions/${d.id}/review`, { action: 'approve' });
    const spend = { type: 'expense', amountFen: 6_000, category: '保洁耗材', memo: '垃圾袋、清洁剂', decisionRef: `decision:${d.id}` };
    const results = await Promise.all([entry(property, 'property_service', spend), entry(property, 'property_service', spend)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.statusCode === 422)!.json().error.code).toBe('LEDGER_OVERDRAWN');
    const ledger = (await property.get(`/api/ledgers/${ledgerIds.property_service}`)).json();
    expect(ledger.totals).toEqual({ incomeFen: 10_000, expenseFen: 6_000, correctionFen: 0, balanceFen: 4_000, entries: 2 });
  });

  it('keeps evidence by hash and corrects by a new entry naming the old one', async () => {
    const d = (await property.post('/api/decisions', { compoundId: w.compound.id, kind: 'other', title: '门禁维修', summary: '单元门禁维修' })).json();
    await party.post(`/api/decisions/${d.id}/review`, { action: 'approve' });
    const { payload, headers } = withField(multipartBody({ data: JSON.stringify({ type: 'expense', amountFen: 1_500, category: '门禁维修', memo: '1号楼门禁', decisionRef: `decision:${d.id}` }) }, [PNG_1PX]), 'evidence');
    const withEvidence = await property.post(`/api/ledgers/${ledgerIds.property_service}/entries`, payload, { ...headers });
    expect(withEvidence.statusCode, withEvidence.body).toBe(201);
    expect(withEvidence.json().data.evidenceRefs[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    const seq = withEvidence.json().seq;
    expect((await entry(property, 'property_service', { type: 'correction', amountFen: 500, category: '更正', memo: '发票金额应为10元', corrects: 99 })).json().error.code).toBe('LEDGER_CORRECTION_INVALID');
    const fix = await entry(property, 'property_service', { type: 'correction', amountFen: 500, category: '更正', memo: '发票金额应为10元', corrects: seq });
    expect(fix.statusCode, fix.body).toBe(201);
    const ledger = (await resident.get(`/api/ledgers/${ledgerIds.property_service}`)).json();
    const corrected = ledger.entries.items.find((e: { seq: number }) => e.seq === seq);
    expect(corrected.correctedBy).toEqual([fix.json().seq]);
    expect(corrected.evidence).toHaveLength(1);
    expect((await resident.get(corrected.evidence[0].url)).rawPayload.equals(PNG_1PX)).toBe(true);
    expect(ledger.totals.balanceFen).toBe(4_000 - 1_500 + 500);
  });

  it('is append-only in the database', async () => {
    const db = t.database.db;
    expect(await refused(db.execute(sql`update ledger_entries set amount_fen = 1 where ledger_id = ${ledgerIds.property_service}`))).toMatch(/append-only/);
    expect(await refused(db.execute(sql`delete from ledger_entries where ledger_id = ${ledgerIds.property_service}`))).toMatch(/append-only/);
    expect(await refused(db.execute(sql`update chain_entries set data = '{}'::jsonb where community_id = ${w.community.id}`))).toMatch(/append-only/);
    expect(await refused(db.execute(sql`update ledger_evidence set sha256 = 'x' where community_id = ${w.community.id}`))).toMatch(/append-only/);
    expect(await refused(db.execute(sql`delete from decision_events where community_id = ${w.community.id}`))).toMatch(/append-only/);
  });

  it('exports a chain the verifier accepts, and catches a changed amount, a removed entry and a bent summary', async () => {
    const envelope = await exportOf(resident, `/api/ledgers/${ledgerIds.property_service}/export`);
    expect(envelope.kind).toBe('ledger');
    expect(envelope.summary).toEqual({ incomeFen: 10_000, expenseFen: 7_500, correctionFen: 500, balanceFen: 3_000, entries: 4 });
    expect(verifyEnvelope(envelope).ok).toBe(true);
    const changed = structuredClone(envelope);
    changed.entries[1].data.amountFen = 600;
    expect(verifyEnvelope(changed).line).toMatch(/entry 2: hash does not match/);
    const removed = structuredClone(envelope);
    removed.entries.splice(1, 1);
    expect(verifyEnvelope(removed).line).toMatch(/entry 2: seq is 3, expected 2/);
    const bent = structuredClone(envelope);
    bent.summary.balanceFen += 100;
    expect(verifyEnvelope(bent).line).toMatch(/summary\.balanceFen/);
    // Rewritten and every hash recomputed: only the published head catches it.
    expect(verifyEnvelope(envelope, { publishedHead: '0'.repeat(64) }).ok).toBe(false);
  });

  it('keeps the figures exact against the recount', async () => {
    await foldAllFigures(t.database.db);
    expect(await verifyFigures(t.database.db, ledgerFigures, [w.community.id])).toEqual([]);
  });
});

describe('disclosures', () => {
  let first: { id: number; ledger: { head: string } };

  it('publishes with the ledger\'s head, corrects by a new disclosure, and refuses a second correction', async () => {
    const res = await committee.post('/api/disclosures', { compoundId: w.compound.id, category: 'maintenance_fund', period: '2026-03', title: '2026年3月专项维修资金收支公示', body: '收入50万元，支出14.8万元。', ledgerId: ledgerIds.maintenance_fund });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json();
    const ledgerExport = await exportOf(committee, `/api/ledgers/${ledgerIds.maintenance_fund}/export`);
    expect(verifyEnvelope(ledgerExport, { publishedHead: first.ledger.head }).ok).toBe(true);
    const fix = await committee.post('/api/disclosures', { compoundId: w.compound.id, category: 'maintenance_fund', period: '2026-03', title: '更正：2026年3月专项维修资金收支公示', body: '支出应为14.8万元（含路灯2万元）。', correctsId: first.id });
    expect(fix.statusCode, fix.body).toBe(201);
    expect(fix.json().correctsId).toBe(first.id);
    const twice = await committee.post('/api/disclosures', { compoundId: w.compound.id, category: 'maintenance_fund', period: '2026-03', title: '再次更正', body: '重复', correctsId: first.id });
    expect(twice.json().error.code).toBe('DISCLOSURE_ALREADY_CORRECTED');
    const detail = (await resident.get(`/api/disclosures/${first.id}`)).json();
    expect(detail.correction.id).toBe(fix.json().id);
    expect(detail.abilities).toEqual({ correct: false, inspect: true });
    const list = (await resident.get(`/api/disclosures?compoundId=${w.compound.id}`)).json();
    expect(list.items.find((d: { id: number }) => d.id === first.id).correctedBy).toBe(fix.json().id);
  });

  it('exports the compound\'s register, which the verifier checks', async () => {
    const envelope = await exportOf(resident, `/api/disclosures/${first.id}/export`);
    expect(envelope.kind).toBe('disclosure');
    expect(envelope.summary).toMatchObject({ entries: 2, publications: 1, corrections: 1, disclosureId: first.id, seq: 1 });
    expect(verifyEnvelope(envelope).ok).toBe(true);
    const withdrawn = structuredClone(envelope);
    withdrawn.entries.splice(0, 1);
    expect(verifyEnvelope(withdrawn).ok).toBe(false);
    const edited = structuredClone(envelope);
    edited.entries[0].data.body = '收入50万元，支出0元。';
    expect(verifyEnvelope(edited).line).toMatch(/entry 1: hash does not match/);
  });

  it('runs an owner\'s request to inspect the records as a service request', async () => {
    const res = await resident.post(`/api/disclosures/${first.id}/inspection-requests`, { note: '想看路面工程合同' });
    expect(res.statusCode, res.body).toBe(201);
    const request = (await resident.get(`/api/requests/${res.json().requestId}`)).json();
    expect(request.description).toContain('申请查阅');
    expect(request.state).toBe('submitted');
    expect(request.respondDueAt).toBeTruthy();
    expect((await staff.post(`/api/disclosures/${first.id}/inspection-requests`, {})).statusCode).toBe(403);
  });
});

describe('projects', () => {
  it('runs a project under an approved decision, spending read from the ledger, accepted by the owners\' committee', async () => {
    const d = (await committee.post('/api/decisions', { compoundId: w.compound.id, kind: 'project', title: '新增电动车充电桩', summary: '依据第101号表决', basisRef: 'vote-matter:101', amountFen: 9_000_000 })).json();
    const body = { compoundId: w.compound.id, title: '新增充电桩500个', category: 'charging', description: '集中充电棚', scope: '500 个', budgetFen: 9_000_000, ledgerId: ledgerIds.maintenance_fund, contractor: '开封市电力安装有限公司', decisionId: d.id, startedOn: '2026-03-01' };
    expect((await committee.post('/api/projects', body)).json().error.code).toBe('LEDGER_DECISION_NOT_APPROVED');
    await party.post(`/api/decisions/${d.id}/review`, { action: 'approve' });
    const created = await committee.post('/api/projects', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await entry(committee, 'maintenance_fund', { type: 'expense', amountFen: 3_000_000, category: '充电桩', memo: '首付款', decisionRef: `decision:${d.id}` })).statusCode).toBe(201);
    const { payload, headers } = multipartBody({ data: JSON.stringify({ title: '完成基础施工', note: '充电棚基础浇筑完成' }) }, [PNG_1PX]);
    const milestone = await committee.post(`/api/projects/${id}/milestones`, payload, headers);
    expect(milestone.statusCode, milestone.body).toBe(201);
    const view = (await resident.get(`/api/projects/${id}`)).json();
    expect(view.spentFen).toBe(3_000_000);
    expect(view.timeline.at(-1).photos).toHaveLength(1);
    expect(view.abilities).toMatchObject({ complete: false, accept: false });
    expect((await committee.post(`/api/projects/${id}/steps`, { action: 'accept' })).json().error.code).toBe('PROJECT_ILLEGAL_TRANSITION');
    expect((await staff.post(`/api/projects/${id}/steps`, { action: 'complete' })).json().state).toBe('awaiting_acceptance');
    expect((await staff.post(`/api/projects/${id}/steps`, { action: 'accept' })).json().error.code).toBe('PROJECT_ACTOR_NOT_ALLOWED');
    const accepted = (await committee.post(`/api/projects/${id}/steps`, { action: 'accept', note: '验收合格' })).json();
    expect(accepted.state).toBe('accepted');
    expect(accepted.acceptanceNote).toBe('验收合格');
    expect((await resident.get('/api/projects')).json().items.map((p: { id: number }) => p.id)).toContain(id);
  });
});

