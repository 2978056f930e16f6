import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { verifyEnvelope } from '../../../scripts/verify-export.mjs';
import { readFigures, totalsOf, verifyFigures } from '../../kernel/figures.js';
import { votesFigures } from './votes.figures.js';
import { parkingSpaces } from './votes.schema.js';
import { people } from '../accounts/accounts.schema.js';
import { queryRows } from '../../db/client.js';
import { sql } from 'drizzle-orm';
import { buildVoteWorld, type VoteWorld } from '../../../test/votes-factories.js';

/*
 * The whole life of a vote through the API: draft → open (electorate fixed) → ballots online and
 * from paper → close → published result, export verified by the standalone verifier.
 */
let t: TestApp;
let w: VoteWorld;
let committee: Client;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

beforeAll(async () => {
  t = await createTestApp();
  w = await buildVoteWorld(t.database.db);
  committee = await login(t.app, w.accounts.committee.username);
});
afterAll(async () => t?.close());

function paper(householdId: number, answers: Record<string, string>) {
  const boundary = '----gzvote';
  const parts = [
    `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({ householdId, answers })}\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="ballot.png"\r\nContent-Type: image/png\r\n\r\n`,
  ];
  const payload = Buffer.concat([Buffer.from(parts.join('')), PNG, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function draft(title: string, matters: { title: string; class: 'ordinary' | 'special' }[]) {
  const res = await committee.post('/api/votes', { compoundId: w.compound.id, title, endsAt: '2026-02-01T20:00:00+08:00', matters });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; matters: { id: number }[]; state: string };
}

describe('parking spaces, a setting of the vote', () => {
  it('adds the registered spaces as units when the vote counts them: an owner\'s space joins their head, an unsold one the developer\'s', async () => {
    const [person] = await t.database.db.insert(people).values({ cityId: w.city.id, name: '车位业主' }).returning();
    await t.database.db.insert(parkingSpaces).values([
      { communityId: w.community.id, compoundId: w.compound.id, number: 'B-001', areaHundredths: 1250, ownerPersonId: w.owners.a.personId },
      { communityId: w.community.id, compoundId: w.compound.id, number: 'B-002', areaHundredths: 1250, areaSource: 'survey', ownerPersonId: person!.id },
      { communityId: w.community.id, compoundId: w.compound.id, number: 'B-003', areaHundredths: 1300 },
    ]);
    const counted = (await committee.post('/api/votes', { compoundId: w.compound.id, title: '关于停车位管理的表决', endsAt: '2026-02-01T20:00:00+08:00', countParking: true, matters: [{ title: '车位管理办法', class: 'ordinary' }] })).json();
    const opened = (await committee.post(`/api/votes/${counted.id}/open`)).json();
    // 6 heads + the space owner who owns nothing else; 936.50 + 12.50 × 2 + 13.00 m².
    expect(opened.participation).toMatchObject({ totalHeads: 7, totalAreaHundredths: 93650 + 3800 });
    const electorate = (await committee.get(`/api/votes/${counted.id}/export`)).json().entries[0].data;
    expect(electorate).toMatchObject({ countParking: true, areaSource: 'register', totalHeads: 7 });
    // Units are pseudonyms in the export: 10 flats and 3 spaces, no address anywhere in the chain.
    const keys = electorate.voters.flatMap((v: { units: string[] }) => v.units);
    expect(keys).toHaveLength(13);
    expect(keys.every((k: string) => /^[0-9a-f]{16}$/.test(k))).toBe(true);
    const ownerA = await login(t.app, w.owners.a.username);
    const mine = (await ownerA.get(`/api/votes/${counted.id}`)).json().myBallot;
    expect(mine.units.map((u: { label: string }) => u.label).sort()).toEqual(['2号楼1单元202', '车位B-001']);
    const myVoter = electorate.voters.find((v: { voterKey: string }) => v.voterKey === mine.voterKey);
    expect([...myVoter.units].sort()).toEqual(mine.units.map((u: { unitKey: string }) => u.unitKey).sort());
    expect(myVoter.areaHundredths).toBe(9325 + 1250);
    const [units] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from vote_voter_units where vote_id = ${counted.id} and area_source = 'survey'`);
    expect(units!.n).toBe(1);
    const without = (await committee.post('/api/votes', { compoundId: w.compound.id, title: '关于绿化改造的表决', endsAt: '2026-02-01T20:00:00+08:00', matters: [{ title: '绿化改造', class: 'ordinary' }] })).json();
    expect((await committee.post(`/api/votes/${without.id}/open`)).json().participation).toMatchObject({ totalHeads: 6, totalAreaHundredths: 93650 });
  });
});

describe('a vote from draft to published result', () => {
  it('fixes the electorate at opening: one owner with three units is one head, the developer\'s units one head', async () => {
    const v = await draft('关于续聘物业服务企业的表决', [{ title: '续聘测试物业', class: 'ordinary' }]);
    expect(v.state).toBe('draft');
    const opened = await committee.post(`/api/votes/${v.id}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    const body = opened.json();
    // Building 1: 101 and 102 owned (2 heads), 201 and 202 unowned → developer; building 2: multi (3 units) 1 head, a, b; 302 → developer (same head).
    expect(body.participation.totalHeads).toBe(6);
    // 80+90+100+110 + 90.25+91.25+92.25+93.25+94.25+95.25 m² = 936.50 m²
    expect(body.participation.totalAreaHundredths).toBe(93650);
    expect(body.abilities.close).toBe(true);
    expect((await committee.post(`/api/votes/${v.id}/open`)).statusCode).toBe(409);
  });

  it('takes ballots once, refuses a tenant, enters paper with a photo, and publishes a verifiable result', async () => {
    const v = await draft('关于使用专项维修资金的表决', [{ title: '使用维修资金维修道路', class: 'special' }, { title: '修订管理规约', class: 'ordinary' }]);
    await committee.post(`/api/votes/${v.id}/open`);
    const [m1, m2] = v.matters.map((m) => String(m.id));
    const yes = { [m1!]: 'agree', [m2!]: 'agree' };
    const multi = await login(t.app, w.owners.multi.username);
    const cast = await multi.post(`/api/votes/${v.id}/ballots`, { answers: yes });
    expect(cast.statusCode, cast.body).toBe(201);
    const receipt = cast.json().receipt as string;
    expect(receipt).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await multi.post(`/api/votes/${v.id}/ballots`, { answers: yes })).json().error.code).toBe('VOTE_ALREADY_CAST');
    expect((await (await login(t.app, w.owners.tenant.username)).post(`/api/votes/${v.id}/ballots`, { answers: yes })).json().error.code).toBe('VOTE_NOT_A_VOTER');
    expect((await multi.get(`/api/votes/${v.id}`)).json().myBallot).toMatchObject({ cast: true, receipt });
    // Missing a matter is refused.
    const a = await login(t.app, w.owners.a.username);
    expect((await a.post(`/api/votes/${v.id}/ballots`, { answers: { [m1!]: 'agree' } })).statusCode).toBe(422);
    expect((await a.post(`/api/votes/${v.id}/ballots`, { answers: { [m1!]: 'agree', [m2!]: 'oppose' } })).statusCode).toBe(201);
    for (const c of [await login(t.app, w.accounts.resident.username), await login(t.app, w.accounts.neighbour.username), await login(t.app, w.owners.b.username)]) {
      expect((await c.post(`/api/votes/${v.id}/ballots`, { answers: yes })).statusCode).toBe(201);
    }
    // The developer's paper ballot: without a photo refused, with one entered.
    const noPhoto = await committee.post(`/api/votes/${v.id}/paper-ballots`, { householdId: w.households[2]!.id, answers: yes });
    expect(noPhoto.json().error.code).toBe('VOTE_PHOTO_REQUIRED');
    const { payload, headers } = paper(w.households[2]!.id, { [m1!]: 'oppose', [m2!]: 'abstain' });
    const entered = await committee.post(`/api/votes/${v.id}/paper-ballots`, payload, headers);
    expect(entered.statusCode, entered.body).toBe(201);
    const papers = (await committee.get(`/api/votes/${v.id}/paper-ballots`)).json().items;
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ receipt: entered.json().receipt, units: expect.stringContaining('1号楼1单元201') });
    expect(papers[0].enteredBy).toBeTruthy();
    const photo = await committee.get(papers[0].photoUrl);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(PNG)).toBe(true);
    expect((await multi.get(`/api/votes/${v.id}/paper-ballots`)).statusCode).toBe(403);
    const open = (await committee.get(`/api/votes/${v.id}/tally`)).json();
    expect(open.participationHeads).toBe(6);
    expect(open.byBuilding).toHaveLength(2);
    expect(open.result).toBeNull();
    // The resident sees no canvassing view.
    expect((await multi.get(`/api/votes/${v.id}/tally`)).json().byBuilding).toBeNull();

    const closed = await committee.post(`/api/votes/${v.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const result = closed.json().result;
    const r1 = result.matters[0];
    // The developer (areas 100+110+95.25 = 305.25 m²) opposed; the rest agreed: 631.25 / 936.50 = 67.4% < 3/4 → special fails.
    expect(r1).toMatchObject({ participationHeads: 6, agreeHeads: 5, quorum: true, passed: false, agreeAreaHundredths: 63125 });
    expect(r1.reason.summary).toContain('未通过');
    expect(r1.reason.lines).toHaveLength(4);
    // Ordinary: 4 of 6 heads agree (owner a opposed), area 631.25 − 91.25... → passes by area and heads.
    expect(result.matters[1]).toMatchObject({ agreeHeads: 4, passed: true });
    expect(result.participatingUnits).toContain('1号楼1单元101');
    expect(result.chainHead).toMatch(/^[0-9a-f]{64}$/);

    const exported = await committee.get(`/api/votes/${v.id}/export`);
    const envelope = exported.json();
    expect(envelope.kind).toBe('vote');
    expect(envelope.entries.map((e: { data: { type: string } }) => e.data.type)).toEqual(['electorate', 'matter', 'matter', 'ballot', 'ballot', 'ballot', 'ballot', 'ballot', 'ballot', 'result']);
    expect(envelope.head).toBe(result.chainHead);
    expect(verifyEnvelope(envelope)).toMatchObject({ ok: true });
    const check = (await multi.get(`/api/ballot-receipts/${receipt}`)).json();
    expect(check).toMatchObject({ inChain: true, voteId: v.id, enteredBy: 'owner' });
    expect((await multi.post(`/api/votes/${v.id}/ballots`, { answers: yes })).json().error.code).toBe('VOTE_NOT_OPEN');
    // Figures: two opened, one closed, six ballots, one matter passed and one failed — exact against the recount.
    const totals = totalsOf(await readFigures(t.database.db, { family: 'votes', level: 'compound', areaIds: [w.compound.id] }));
    expect(totals).toEqual({ opened: 4, closed: 1, ballots: 6, matters_passed: 1, matters_failed: 1 });
    expect(await verifyFigures(t.database.db, votesFigures, [w.community.id])).toEqual([]);
  });
});
