import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildAccount, buildCommunity, type TestCommunity } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import type { FakeClock } from '../../server/clock.js';
import { defaultRubric, meanTotal, totalsOf } from './ratings.rubric.js';
import { cycleBody, serveCompoundIn, sheet } from './ratings.testing.js';

const total = (share: number) => totalsOf(defaultRubric, sheet(share)).total;
const selfTotal = total(0.95);
const mean = meanTotal([total(0.88), total(0.9)])!;

/*
 * One rating through the whole workflow, and each refusal on the way: the company applies and
 * self-evaluates (nobody else may), the committee of each community it serves assesses once (the
 * company never; a committee of another community never), only the department certifies with a
 * reason, the certificate renders Chinese, the lowering waits for the company's answer, and the
 * published lists and the company's history show what happened.
 */
let t: TestApp;
let a: TestCommunity;
let b: TestCommunity;
let other: TestCommunity;
let dept: Client;
let company: Client;
let committeeA: Client;
let committeeB: Client;
let committeeOther: Client;
let cycleId: number;
let ratingId: number;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await buildCommunity(db);
  b = await buildCommunity(db, a);
  other = await buildCommunity(db, a);
  // A's company also serves a compound in B: both committees assess it.
  await serveCompoundIn(db, { communityId: b.community.id, cityId: a.city.id, companyId: a.company.id, name: `B区里的A物业小区${b.community.id}` });
  dept = await login(t.app, a.accounts.dept.username);
  company = await login(t.app, a.accounts.property.username);
  committeeA = await login(t.app, a.accounts.staff.username);
  committeeB = await login(t.app, b.accounts.staff.username);
  committeeOther = await login(t.app, other.accounts.staff.username);
});
afterAll(async () => t?.close());

const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;

describe('cycles', () => {
  it('the department opens a cycle with the standard rubric as version 1; a second cycle of the year is refused', async () => {
    const res = await dept.post('/api/rating-cycles', cycleBody(2025));
    expect(res.statusCode, res.body).toBe(201);
    const cycle = res.json();
    cycleId = cycle.id;
    expect(cycle.rubric.version).toBe(1);
    expect(cycle.rubric.maxPoints).toBe(100);
    expect(cycle.rubric.content.dimensions.map((d: { key: string }) => d.key)).toEqual(['organisation', 'team', 'management', 'service', 'image']);
    expect(cycle.validUntil).toBe('2026-12-31');
    expect(code(await dept.post('/api/rating-cycles', cycleBody(2025)))).toBe('RATING_CYCLE_EXISTS');
    expect((await company.post('/api/rating-cycles', cycleBody(2030))).statusCode).toBe(403);
  });

  it('a changed rubric is a new version; the earlier cycle keeps the version it opened with', async () => {
    const v1 = (await dept.get(`/api/rating-cycles/${cycleId}`)).json().rubric;
    const changed = { ...v1.content, thresholds: { 3: 65, 4: 78, 5: 88 } };
    const res = await dept.post('/api/rating-cycles', cycleBody(2024, { rubric: changed }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rubric.version).toBe(2);
    expect((await dept.get(`/api/rating-cycles/${cycleId}`)).json().rubric).toEqual(v1);
    // The same content again is not a new version.
    expect((await dept.post('/api/rating-cycles', cycleBody(2023, { rubric: changed }))).json().rubric.version).toBe(2);
    const list = (await company.get('/api/rating-cycles')).json().items;
    expect(list.map((c: { year: number; rubricVersion: number }) => [c.year, c.rubricVersion])).toEqual([[2025, 1], [2024, 2], [2023, 2]]);
  });

  it('refuses a rubric that does not add up, and a window out of order', async () => {
    const v1 = (await dept.get(`/api/rating-cycles/${cycleId}`)).json().rubric.content;
    expect((await dept.post('/api/rating-cycles', cycleBody(2022, { rubric: { ...v1, thresholds: { 3: 90, 4: 80, 5: 70 } } }))).statusCode).toBe(400);
    expect(code(await dept.post('/api/rating-cycles', cycleBody(2022, { periodFrom: '2022-12', periodTo: '2022-01' })))).toBe('RATING_CYCLE_INVALID');
  });
});

describe('the workflow', () => {
  it('the company applies; another company may not apply for it; a second application is refused', async () => {
    const outsider = await login(t.app, b.accounts.property.username);
    expect((await outsider.post('/api/ratings', { cycleId, companyId: a.company.id })).statusCode).toBe(404);
    const res = await company.post('/api/ratings', { cycleId, companyId: a.company.id, appliedLevel: 5 });
    expect(res.statusCode, res.body).toBe(201);
    ratingId = res.json().id;
    expect(res.json()).toMatchObject({ state: 'draft', appliedLevel: 5, communities: 2, abilities: { selfEvaluate: true, assess: false, certify: false } });
    expect(code(await company.post('/api/ratings', { cycleId, companyId: a.company.id }))).toBe('RATING_EXISTS');
  });

  it('only the company self-evaluates, with every criterion within its points and evidence that is a link or a platform record', async () => {
    expect((await dept.post(`/api/ratings/${ratingId}/self-evaluation`, { scores: sheet(1) })).statusCode).toBe(403);
    expect((await committeeA.post(`/api/ratings/${ratingId}/self-evaluation`, { scores: sheet(1) })).statusCode).toBe(403);
    const { response: _r, ...missing } = sheet(0.9);
    expect(code(await company.post(`/api/ratings/${ratingId}/self-evaluation`, { scores: missing }))).toBe('RATING_SHEET_INVALID');
    expect(code(await company.post(`/api/ratings/${ratingId}/self-evaluation`, { scores: { ...sheet(0.9), response: 11 } }))).toBe('RATING_SHEET_INVALID');
    expect(code(await company.post(`/api/ratings/${ratingId}/self-evaluation`, { scores: sheet(0.9), evidence: [{ criterionKey: 'response', kind: 'link', title: '工单', url: 'javascript:alert(1)' }] }))).toBe('RATING_EVIDENCE_INVALID');
    const res = await company.post(`/api/ratings/${ratingId}/self-evaluation`, {
      scores: sheet(0.95), note: '逐项自评', evidence: [
        { criterionKey: 'response', kind: 'record', title: '平台工单', url: '/requests' },
        { criterionKey: 'party_branch', kind: 'link', title: '党支部批复', url: 'https://example.gov.cn/a.pdf' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'self_evaluated', selfTotal, self: { total: selfTotal, byDimension: totalsOf(defaultRubric, sheet(0.95)).byDimension } });
    expect(res.json().self.evidence).toHaveLength(2);
    expect(code(await company.post(`/api/ratings/${ratingId}/self-evaluation`, { scores: sheet(1) }))).toBe('RATING_STEP_ILLEGAL');
  });

  it('a company never assesses itself, even wearing a committee hat; a committee of a community it does not serve cannot reach it', async () => {
    expect((await company.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(1), opinion: '自己给自己打分' })).statusCode).toBe(403);
    const twoHats = await buildAccount(t.database.db, a.city.id, [
      { role: 'property_staff', scopeType: 'company', scopeId: a.company.id }, { role: 'party_committee', scopeType: 'community', scopeId: a.community.id },
    ]);
    const both = await login(t.app, twoHats.username);
    expect(code(await both.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(1), opinion: '兼任也不行' }))).toBe('RATING_ASSESSOR_INVALID');
    expect((await committeeOther.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(0.5), opinion: '别的社区' })).statusCode).toBe(404);
    expect((await committeeOther.get(`/api/ratings/${ratingId}`)).statusCode).toBe(404);
    expect((await dept.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(0.5), opinion: '部门不测评' })).statusCode).toBe(403);
  });

  it('each served committee assesses once; the round completes with the last one; only then may the department certify', async () => {
    const first = await committeeA.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(0.88), opinion: '走访业主，基本属实' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ state: 'assessing', assessed: 1, pendingCommunities: [{ id: b.community.id }] });
    expect(code(await committeeA.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(0.9), opinion: '再评一次' }))).toBe('RATING_ALREADY_ASSESSED');
    expect(code(await dept.post(`/api/ratings/${ratingId}/certify`, { level: 5, score: 90, reason: '太早了' }))).toBe('RATING_STEP_ILLEGAL');
    const second = await committeeB.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(0.9), opinion: '服务到位' });
    expect(second.statusCode, second.body).toBe(201);
    const d = second.json();
    expect(mean).toBeGreaterThanOrEqual(80);
    expect(mean).toBeLessThan(90);
    expect(d).toMatchObject({ state: 'assessed', assessed: 2, committeeMean: mean, pendingCommunities: [] });
    // No requests or bills in the test city: the rates have no data and hold nothing against the level.
    expect(d.suggestion).toMatchObject({ score: mean, level: 4, byScore: 4, missedFloors: [] });
    expect(d.measured.find((m: { key: string }) => m.key === 'response_rate')).toMatchObject({ value: null, floors: { 3: 0.8, 4: 0.9, 5: 0.95 } });
  });

  it('only the department certifies, with a written reason; the company and the committees cannot', async () => {
    expect((await company.post(`/api/ratings/${ratingId}/certify`, { level: 5, score: 95, reason: '我们很好' })).statusCode).toBe(403);
    expect((await committeeA.post(`/api/ratings/${ratingId}/certify`, { level: 5, score: 95, reason: '同意' })).statusCode).toBe(403);
    expect((await dept.post(`/api/ratings/${ratingId}/certify`, { level: 5, score: 95 })).statusCode).toBe(400);
    const res = await dept.post(`/api/ratings/${ratingId}/certify`, { level: 4, score: 89, reason: '两个社区党委测评均分89分，认定为四星级' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'certified', status: 'certified', level: 4, certification: { level: 4, score: 89, reason: '两个社区党委测评均分89分，认定为四星级' } });
    expect(res.json().certification.certificateNo).toMatch(/^TES-2025-\d{4}$/);
    expect(code(await dept.post(`/api/ratings/${ratingId}/certify`, { level: 5, score: 95, reason: '再认定' }))).toBe('RATING_STEP_ILLEGAL');
  });

  it('the certificate is a PDF with the Chinese text in it (first page rendered to artifacts/ when poppler is there)', async () => {
    const res = await company.get(`/api/ratings/${ratingId}/certificate.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+Noto/);
    let poppler = true;
    try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); } catch { poppler = false; }
    if (!poppler) return;
    const dir = mkdtempSync(join(tmpdir(), 'gz-rating-'));
    const file = join(dir, 'certificate.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('星级物业服务企业证书');
    expect(text).toContain('四星级');
    expect(text).toContain(a.company.name);
    mkdirSync(join(process.cwd(), 'artifacts'), { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, join(process.cwd(), 'artifacts', 'ratings-certificate')]);
  });

  it('published per district (public) and in the company\'s history', async () => {
    const anon = await t.app.inject({ method: 'GET', url: `/api/published-ratings?districtId=${a.district.id}` });
    expect(anon.statusCode).toBe(200);
    expect(anon.json().items).toEqual([expect.objectContaining({ ratingId, level: 4, year: 2025, compounds: 2, company: { id: a.company.id, name: a.company.shortName } })]);
    const history = (await company.get(`/api/companies/${a.company.id}/ratings`)).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ year: 2025, level: 4, selfTotal, committeeMean: mean, certifiedScore: 89 });
    expect(history.items[0].reasons.map((r: { action: string }) => r.action)).toEqual(['certify']);
  });

  it('a lowering: proposed by the department, the company told and answering, decided after the answer; shown on the warning list', async () => {
    expect((await company.post(`/api/ratings/${ratingId}/lower`, { step: 'propose', toLevel: 3, grounds: 'complaints', reason: '自降' })).statusCode).toBe(403);
    expect(code(await dept.post(`/api/ratings/${ratingId}/lower`, { step: 'propose', toLevel: 5, grounds: 'figures', reason: '升级不是降级' }))).toBe('RATING_LOWERING_INVALID');
    const proposed = await dept.post(`/api/ratings/${ratingId}/lower`, { step: 'propose', toLevel: 3, grounds: 'complaints', reason: '电梯投诉查实3起', answerDays: 7 });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toMatchObject({ state: 'lowering', level: 4, lowering: { fromLevel: 4, toLevel: 3, answer: null } });
    const seen = (await company.get(`/api/ratings/${ratingId}`)).json();
    expect(seen.abilities).toMatchObject({ answer: true, decideLowering: false });
    expect((await company.get('/api/ratings?awaitingMe=true')).json().items.map((r: { id: number }) => r.id)).toEqual([ratingId]);
    expect(code(await dept.post(`/api/ratings/${ratingId}/lower`, { step: 'decide', decision: 'lower', reason: '不等了' }))).toBe('RATING_ANSWER_PENDING');
    expect((await dept.post(`/api/ratings/${ratingId}/lower`, { step: 'answer', answer: '部门替答' })).statusCode).toBe(403);
    const answered = await company.post(`/api/ratings/${ratingId}/lower`, { step: 'answer', answer: '已整改，请求保留四星' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(code(await company.post(`/api/ratings/${ratingId}/lower`, { step: 'answer', answer: '再答一次' }))).toBe('RATING_STEP_ILLEGAL');
    const decided = await dept.post(`/api/ratings/${ratingId}/lower`, { step: 'decide', decision: 'lower', reason: '投诉属实，降为三星' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ state: 'certified', level: 3, lowering: null, lowerings: [{ decision: 'lowered', answer: '已整改，请求保留四星' }] });
    const lists = (await t.app.inject({ method: 'GET', url: `/api/rating-lists?districtId=${a.district.id}` })).json();
    expect(lists.honour).toEqual([]);
    expect(lists.warning).toEqual([expect.objectContaining({ company: { id: a.company.id, name: a.company.shortName }, status: 'lowered', level: 3, reason: '投诉属实，降为三星' })]);
    const reasons = (await dept.get(`/api/companies/${a.company.id}/ratings`)).json().items[0].reasons.map((r: { action: string }) => r.action);
    expect(reasons).toEqual(['certify', 'propose_lowering', 'answer', 'lower']);
  });

  it('the decision waits for the answer only until it is due', async () => {
    // No requests or bills here: the figures cannot be under the floor, so a lowering on figures is refused.
    expect(code(await dept.post(`/api/ratings/${ratingId}/lower`, { step: 'propose', toLevel: 0, grounds: 'figures', reason: '响应率连续一个季度低于三星底线' }))).toBe('RATING_LOWERING_INVALID');
    expect((await dept.post(`/api/ratings/${ratingId}/lower`, { step: 'propose', toLevel: 0, grounds: 'complaints', reason: '再次查实重大投诉', answerDays: 3 })).statusCode).toBe(200);
    expect(code(await dept.post(`/api/ratings/${ratingId}/lower`, { step: 'decide', decision: 'lower', reason: '撤销' }))).toBe('RATING_ANSWER_PENDING');
    (t.clock as FakeClock).advanceMinutes(4 * 24 * 60);
    dept = await login(t.app, a.accounts.dept.username);
    const res = await dept.post(`/api/ratings/${ratingId}/lower`, { step: 'decide', decision: 'lower', reason: '逾期未申辩，撤销星级' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'revoked', status: 'revoked', level: null });
    expect(code(await dept.get(`/api/ratings/${ratingId}/certificate.pdf`))).toBe('RATING_NOT_CERTIFIED');
    expect((await t.app.inject({ method: 'GET', url: `/api/published-ratings?districtId=${a.district.id}` })).json().items).toEqual([]);
  });

  it('the history is append-only', async () => {
    const refused = await t.database.db.execute(sql`update rating_events set note = 'x' where rating_id = ${ratingId}`).then(() => null, (e: Error & { cause?: Error }) => e);
    expect(`${refused?.message} ${refused?.cause?.message}`).toMatch(/append-only/);
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from rating_events where rating_id = ${ratingId}`);
    expect(row!.n).toBeGreaterThanOrEqual(10);
  });
});
