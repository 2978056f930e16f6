import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { verifyEnvelope } from '../../../scripts/verify-export.mjs';
import { buildVoteWorld, type VoteWorld } from '../../../test/votes-factories.js';

/*
 * Races decided by the database (run on PostgreSQL with DATABASE_URL for real concurrency): one
 * owner sending the same ballot many times at once gets exactly one ballot; many owners at once
 * get one each, in one unbroken chain.
 */
let t: TestApp;
let w: VoteWorld;
let committee: Client;
let voteId: number;
let matterId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildVoteWorld(t.database.db);
  committee = await login(t.app, w.accounts.committee.username);
  const v = (await committee.post('/api/votes', { compoundId: w.compound.id, title: '关于更换小区门禁系统的表决', endsAt: '2026-02-01T20:00:00+08:00', matters: [{ title: '更换门禁', class: 'ordinary' }] })).json();
  voteId = v.id;
  matterId = String(v.matters[0].id);
  await committee.post(`/api/votes/${voteId}/open`);
});
afterAll(async () => t?.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
function paper(householdId: number, answers: Record<string, string>) {
  const boundary = '----gzrace';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({ householdId, answers })}\r\n--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="b.png"\r\nContent-Type: image/png\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), PNG, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('concurrent ballots', () => {
  it('one voter casting ten times at once: one ballot, nine refusals', async () => {
    const multi = await login(t.app, w.owners.multi.username);
    const res = await Promise.all(Array.from({ length: 10 }, () => multi.post(`/api/votes/${voteId}/ballots`, { answers: { [matterId]: 'agree' } })));
    const codes = res.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(res.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(Array(9).fill('VOTE_ALREADY_CAST'));
  });

  it('many voters at once, and a paper entry racing the owner online: one ballot each, one chain', async () => {
    const clients = await Promise.all([w.owners.a, w.owners.b, w.accounts.resident, w.accounts.neighbour].map((u) => login(t.app, u.username)));
    // Owner b (household 301 of building 2) votes online twice while the committee enters b's paper ballot.
    const { payload, headers } = paper(w.homes2[4]!.id, { [matterId]: 'abstain' });
    const res = await Promise.all([
      ...clients.flatMap((c) => [c.post(`/api/votes/${voteId}/ballots`, { answers: { [matterId]: 'agree' } }), c.post(`/api/votes/${voteId}/ballots`, { answers: { [matterId]: 'oppose' } })]),
      committee.post(`/api/votes/${voteId}/paper-ballots`, payload, headers),
    ]);
    expect(res.filter((r) => r.statusCode === 201)).toHaveLength(4);
    expect(res.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(Array(5).fill('VOTE_ALREADY_CAST'));
    const tally = (await committee.get(`/api/votes/${voteId}/tally`)).json();
    expect(tally.ballots).toBe(5);
    expect(tally.participationHeads).toBe(5);
    await committee.post(`/api/votes/${voteId}/close`);
    const envelope = (await committee.get(`/api/votes/${voteId}/export`)).json();
    expect(verifyEnvelope(envelope)).toMatchObject({ ok: true });
    expect(envelope.entries.filter((e: { data: { type: string } }) => e.data.type === 'ballot')).toHaveLength(5);
  });

  it('a ballot racing the close is either in the tally or refused, never lost', async () => {
    const v = (await committee.post('/api/votes', { compoundId: w.compound.id, title: '关于调整停车管理办法的表决', endsAt: '2026-02-01T20:00:00+08:00', matters: [{ title: '调整停车办法', class: 'ordinary' }] })).json();
    await committee.post(`/api/votes/${v.id}/open`);
    const a = await login(t.app, w.owners.a.username);
    const [cast, closed] = await Promise.all([a.post(`/api/votes/${v.id}/ballots`, { answers: { [String(v.matters[0].id)]: 'agree' } }), committee.post(`/api/votes/${v.id}/close`)]);
    expect(closed.statusCode).toBe(200);
    const result = closed.json().result.matters[0];
    expect(result.participationHeads).toBe(cast.statusCode === 201 ? 1 : 0);
    if (cast.statusCode !== 201) expect(cast.json().error.code).toBe('VOTE_NOT_OPEN');
  });
});
