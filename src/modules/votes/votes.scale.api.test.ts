import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityOptions } from '../../../bench/city/options.js';
import { seedCity } from '../../../bench/city/seed.js';
import { openSession } from '../../../bench/city/session.js';
import { verifyEnvelope } from '../../../scripts/verify-export.mjs';
import { createTestApp, login, type TestApp } from '../../../test/app.js';
import { votesScale } from './votes.scale.js';

/*
 * The votes a generated city gets for the bench are real votes: their chains verify, their tally
 * reads, and an owner of the compound casts like on any vote (seed:city writes the same entries
 * openVote and castBallot write).
 */
let t: TestApp;
let facts: { committee: string; owners: string[]; openVotes: { voteId: number; matterId: number }[]; tallyVoteId: number | null };

beforeAll(async () => {
  t = await createTestApp();
  const opts = { ...cityOptions({ households: '400', requests: '300', seed: '7', end: '2026-01-10' }), cityCode: `votescale-${randomBytes(3).toString('hex')}`, passwordCost: 10 };
  const city = await seedCity(t.database, opts);
  const s = await openSession(t.database);
  try {
    facts = await votesScale.benchFacts!({ cityId: city.cityId, cityCode: opts.cityCode, query: (q, p) => s.query(q, p) }) as typeof facts;
  } finally {
    await s.release();
  }
}, 240_000);
afterAll(async () => t?.close());

describe('the voting evening of seed:city', () => {
  it('seeds four open votes and one mostly cast, with an owner account for every owner', () => {
    expect(facts.openVotes).toHaveLength(4);
    expect(facts.tallyVoteId).not.toBeNull();
    expect(facts.owners.length).toBeGreaterThan(5);
  });

  it('writes chains the verifier accepts, a tally that reads, and votes an owner can cast on', async () => {
    const committee = await login(t.app, facts.committee, 'bench-password');
    const envelope = (await committee.get(`/api/votes/${facts.tallyVoteId}/export`)).json();
    const checked = verifyEnvelope(envelope);
    expect(checked, checked.line).toMatchObject({ ok: true });
    expect(envelope.summary.ballots).toBeGreaterThan(0);
    const tally = (await committee.get(`/api/votes/${facts.tallyVoteId}/tally`)).json();
    expect(tally.ballots).toBe(envelope.summary.ballots);
    expect(tally.byBuilding.length).toBeGreaterThan(0);
    const owner = await login(t.app, facts.owners[0]!, 'bench-password');
    const v = facts.openVotes[0]!;
    const cast = await owner.post(`/api/votes/${v.voteId}/ballots`, { answers: { [String(v.matterId)]: 'agree' } });
    expect(cast.statusCode, cast.body).toBe(201);
    expect(verifyEnvelope((await committee.get(`/api/votes/${v.voteId}/export`)).json()).ok).toBe(true);
    const closed = await committee.post(`/api/votes/${facts.tallyVoteId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(verifyEnvelope((await committee.get(`/api/votes/${facts.tallyVoteId}/export`)).json()).ok).toBe(true);
  });
});
