import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { chainHash, verifyEnvelope, ZERO_HASH } from '../../../scripts/verify-export.mjs';
import { buildVoteWorld, type VoteWorld } from '../../../test/votes-factories.js';

/*
 * The export of a closed vote re-verified by the standalone script, and every kind of tampering
 * caught: a changed answer (with or without the hashes recomputed), a removed ballot, a forged
 * result. The ballots table itself refuses UPDATE, DELETE and TRUNCATE.
 */
let t: TestApp;
let w: VoteWorld;
let committee: Client;
type Entry = { seq: number; prevHash: string; hash: string; data: Record<string, unknown> };
type Envelope = { entries: Entry[]; head: string; summary: Record<string, unknown> };
let envelope: Envelope;
let matterId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildVoteWorld(t.database.db);
  committee = await login(t.app, w.accounts.committee.username);
  const v = (await committee.post('/api/votes', { compoundId: w.compound.id, title: '关于增设电动车充电桩的表决', endsAt: '2026-02-01T20:00:00+08:00', matters: [{ title: '增设充电桩', class: 'ordinary' }] })).json();
  matterId = String(v.matters[0].id);
  await committee.post(`/api/votes/${v.id}/open`);
  for (const u of [w.owners.multi, w.owners.a, w.owners.b, w.accounts.resident, w.accounts.neighbour]) {
    const c = await login(t.app, u.username);
    expect((await c.post(`/api/votes/${v.id}/ballots`, { answers: { [matterId]: u === w.owners.b ? 'oppose' : 'agree' } })).statusCode).toBe(201);
  }
  await committee.post(`/api/votes/${v.id}/close`);
  envelope = (await committee.get(`/api/votes/${v.id}/export`)).json();
});
afterAll(async () => t?.close());

const copy = (): Envelope => JSON.parse(JSON.stringify(envelope));
/** Recomputes every hash and seq, as a forger who rewrites the whole chain would. */
function rehash(e: Envelope): Envelope {
  let prev = ZERO_HASH;
  e.entries.forEach((entry, i) => {
    entry.seq = i + 1;
    entry.prevHash = prev;
    entry.hash = chainHash(prev, entry.data);
    prev = entry.hash;
  });
  e.head = prev;
  return e;
}
const ballotIndex = (e: Envelope) => e.entries.findIndex((x) => x.data.type === 'ballot');

describe('the vote export', () => {
  it('verifies, with the summary repeating the result', () => {
    const r = verifyEnvelope(envelope);
    expect(r, r.line).toMatchObject({ ok: true });
    expect(r.warnings).toEqual([]);
    expect(envelope.summary).toMatchObject({ state: 'closed', ballots: 5 });
    expect((envelope.summary.matters as Record<string, { passed: boolean }>)[matterId]!.passed).toBe(true);
  });

  it('detects a changed answer: by its hash, and by the tally when every hash is recomputed', () => {
    const e = copy();
    const b = e.entries[ballotIndex(e)]!;
    (b.data.answers as Record<string, string>)[matterId] = 'oppose';
    expect(verifyEnvelope(e).line).toMatch(/hash does not match/);
    const forged = verifyEnvelope(rehash(e));
    expect(forged.ok).toBe(false);
    expect(forged.line).toMatch(/summary: .*agreeAreaHundredths/);
  });

  it('detects a removed ballot', () => {
    const e = copy();
    e.entries.splice(ballotIndex(e), 1);
    expect(verifyEnvelope(e).line).toMatch(/seq is/);
    const forged = verifyEnvelope(rehash(e));
    expect(forged.ok).toBe(false);
    expect(forged.line).toMatch(/ballots is 5, but the chain holds 4/);
  });

  it('detects a forged result, and a summary that does not repeat it', () => {
    const e = copy();
    const result = e.entries.at(-1)!;
    const m = (result.data.matters as Record<string, Record<string, unknown>>)[matterId]!;
    m.passed = false;
    (e.summary.matters as Record<string, Record<string, unknown>>)[matterId]!.passed = false;
    const forged = verifyEnvelope(rehash(e));
    expect(forged.line).toMatch(/passed is false, but the ballots give true/);
    const s = copy();
    (s.summary.matters as Record<string, Record<string, unknown>>)[matterId]!.agreeHeads = 5;
    expect(verifyEnvelope(s).line).toMatch(/summary matter .* agreeHeads is 5/);
  });

  it('detects a ballot from outside the electorate and a second ballot of one voter', () => {
    const e = copy();
    const i = ballotIndex(e);
    e.entries.splice(i + 1, 0, JSON.parse(JSON.stringify(e.entries[i])));
    expect(verifyEnvelope(rehash(e)).line).toMatch(/second ballot/);
    const f = copy();
    f.entries[i]!.data.voterKey = 'ffffffffffffffffffffffff';
    expect(verifyEnvelope(rehash(f)).line).toMatch(/not in the electorate/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of ballots in the database', async () => {
    for (const statement of ['update vote_ballots set answers = \'{}\'', 'delete from vote_ballots', 'truncate vote_ballots cascade']) {
      await expect(t.database.db.execute(sql.raw(statement))).rejects.toThrow();
    }
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from vote_ballots`);
    expect(row!.n).toBeGreaterThanOrEqual(5);
  });
});
