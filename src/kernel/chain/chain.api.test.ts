import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { openTestDatabase } from '../../../test/db.js';
import { buildCommunity } from '../../../test/factories.js';
import { appendToChain, chainEnvelope, findChain, openChain, readChain, verifyEntries, ZERO_HASH } from './chain.js';
import { chainEntries } from './chain.schema.js';

const verifier = fileURLToPath(new URL('../../../scripts/verify-export.mjs', import.meta.url));

let database: Database;
let communityId: number;
let otherCommunityId: number;
let dir: string;
let subjects = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  communityId = (await buildCommunity(database.db)).community.id;
  otherCommunityId = (await buildCommunity(database.db)).community.id;
  dir = mkdtempSync(join(tmpdir(), 'gz-chain-'));
});
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await database?.close();
});

/** A subject id no other test (or parallel run) uses: chains are unique per (kind, subject). */
const newSubject = () => communityId * 1000 + ++subjects;

/** The SQLSTATE of a database error, however the driver wraps it. */
function sqlState(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 4; depth++, e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

async function buildChain(subjectId: number, count: number) {
  for (let n = 1; n <= count; n++) {
    await appendToChain({ tx: database.db, kind: 'test', subjectId, communityId, data: { n, text: `第${n}条` } });
  }
}

describe('appendToChain', () => {
  it('builds a valid chain whose head row follows the last entry', async () => {
    const subjectId = newSubject();
    const at = new Date('2026-12-01T08:00:00.000Z');
    const results = [];
    for (let n = 1; n <= 5; n++) results.push(await appendToChain({ tx: database.db, kind: 'test', subjectId, communityId, data: { n }, at }));
    expect(results.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(results[0]!.prevHash).toBe(ZERO_HASH);
    for (let i = 1; i < 5; i++) expect(results[i]!.prevHash).toBe(results[i - 1]!.hash);

    const entries = await readChain({ db: database.db, kind: 'test', subjectId });
    const head = await findChain({ db: database.db, kind: 'test', subjectId });
    expect(head).toMatchObject({ length: 5, headHash: results[4]!.hash, communityId, updatedAt: at });
    expect(entries.map((e) => [e.seq, e.entryId, e.hash])).toEqual(results.map((r) => [r.seq, r.entryId, r.hash]));
    expect(entries[0]!.createdAt).toEqual(at);
    expect(verifyEntries(entries, head!.headHash)).toEqual({ ok: true });
    const [row] = await database.db.select().from(chainEntries).where(eq(chainEntries.id, results[2]!.entryId));
    expect(row).toMatchObject({ communityId, seq: 3, data: { n: 3 } });
  });

  it('keeps hashes valid through jsonb for awkward values', async () => {
    const subjectId = newSubject();
    const data = {
      unicode: '共治 é 😀 \u2028', escapes: '"\\/\b\f\n\r\t\u0001\u001f', numbers: [0, -0, 1e21, 1e-7, 0.1 + 0.2, 5e-324, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, -123.456],
      nested: { z: [true, false, null, { b: [], a: {} }], '10': 'ten', '2': 'two', '': 'empty' },
    };
    const { hash } = await appendToChain({ tx: database.db, kind: 'test', subjectId, communityId, data });
    const entries = await readChain({ db: database.db, kind: 'test', subjectId });
    expect(entries[0]!.hash).toBe(hash);
    expect(verifyEntries(entries, hash)).toEqual({ ok: true });
  });

  it('joins the caller\'s transaction: a rollback takes the entry and the head back', async () => {
    const subjectId = newSubject();
    await buildChain(subjectId, 2);
    const before = await findChain({ db: database.db, kind: 'test', subjectId });
    await expect(database.db.transaction(async (tx) => {
      const appended = await appendToChain({ tx, kind: 'test', subjectId, communityId, data: { n: 3 } });
      expect(appended.seq).toBe(3);
      throw new Error('the caller changed its mind');
    })).rejects.toThrow('the caller changed its mind');
    expect(await findChain({ db: database.db, kind: 'test', subjectId })).toEqual(before);
    expect(await readChain({ db: database.db, kind: 'test', subjectId })).toHaveLength(2);
  });

  it('refuses data that is not a JSON object, before writing anything', async () => {
    const subjectId = newSubject();
    for (const data of [{ at: new Date() }, { n: Number.NaN }, { f: undefined }, [1, 2]]) {
      await expect(appendToChain({ tx: database.db, kind: 'test', subjectId, communityId, data })).rejects.toMatchObject({ code: 'CHAIN_DATA_NOT_JSON' });
    }
    expect(await findChain({ db: database.db, kind: 'test', subjectId })).toBeUndefined();
  });

  it(`gives 30 concurrent appends seq 1..30 with no fork (${process.env.DATABASE_URL ? 'PostgreSQL, separate pool connections' : 'PGlite'})`, async () => {
    const subjectId = newSubject();
    // The chain does not exist yet: the first appends also race to create its head row.
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => database.db.transaction(async (tx) => {
      const appended = await appendToChain({ tx, kind: 'test', subjectId, communityId, data: { writer: i } });
      await tx.execute(sql`select pg_sleep(0.002)`); // hold the lock a moment, as a real caller's other writes would
      return appended;
    })));
    if (database.pool) expect(database.pool.totalCount).toBeGreaterThan(1);
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const entries = await readChain({ db: database.db, kind: 'test', subjectId });
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => (e.data as { writer: number }).writer)).size).toBe(30);
    const head = await findChain({ db: database.db, kind: 'test', subjectId });
    expect(head).toMatchObject({ length: 30, headHash: entries[29]!.hash });
    expect(verifyEntries(entries, head!.headHash)).toEqual({ ok: true });
  });
});

describe('openChain and readChain', () => {
  it('opens once, however often and however concurrently it is asked', async () => {
    const subjectId = newSubject();
    const rows = await Promise.all(Array.from({ length: 5 }, () => openChain({ db: database.db, kind: 'test', subjectId, communityId })));
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(rows[0]).toMatchObject({ kind: 'test', subjectId, communityId, length: 0, headHash: ZERO_HASH });
    expect((await openChain({ db: database.db, kind: 'test', subjectId, communityId })).id).toBe(rows[0]!.id);
  });

  it('treats another community\'s chain as missing', async () => {
    const subjectId = newSubject();
    await buildChain(subjectId, 1);
    await expect(openChain({ db: database.db, kind: 'test', subjectId, communityId: otherCommunityId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(appendToChain({ tx: database.db, kind: 'test', subjectId, communityId: otherCommunityId, data: { n: 2 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await readChain({ db: database.db, kind: 'test', subjectId, communityId: otherCommunityId })).toEqual([]);
    expect(await readChain({ db: database.db, kind: 'test', subjectId, communityId })).toHaveLength(1);
  });
});

describe('chain_entries is append-only in the database', () => {
  /** Runs a statement in a transaction that is always rolled back, so a broken guard harms nothing. */
  async function attempt(statement: ReturnType<typeof sql>): Promise<string | undefined> {
    const sentinel = new Error('the statement went through');
    try {
      await database.db.transaction(async (tx) => {
        await tx.execute(statement);
        throw sentinel;
      });
    } catch (err) {
      return err === sentinel ? 'allowed' : sqlState(err);
    }
    return 'allowed';
  }

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const subjectId = newSubject();
    await buildChain(subjectId, 2);
    const [first] = await readChain({ db: database.db, kind: 'test', subjectId });
    expect(await attempt(sql`update chain_entries set data = '{"n":99}'::jsonb where id = ${first!.entryId}`)).toBe('P0001');
    expect(await attempt(sql`update chain_entries set hash = hash where id = ${first!.entryId}`)).toBe('P0001');
    expect(await attempt(sql`delete from chain_entries where id = ${first!.entryId}`)).toBe('P0001');
    expect(await attempt(sql`truncate chain_entries`)).toBe('P0001');
    expect(await attempt(sql`truncate chain_heads cascade`)).toBe('P0001');
    const [again] = await readChain({ db: database.db, kind: 'test', subjectId });
    expect(again).toEqual(first);
  });
});

describe('scripts/verify-export.mjs on an export', () => {
  type Envelope = ReturnType<typeof chainEnvelope>;

  async function exportOf(subjectId: number): Promise<Envelope> {
    const head = await findChain({ db: database.db, kind: 'test', subjectId });
    const entries = await readChain({ db: database.db, kind: 'test', subjectId, communityId });
    return chainEnvelope({ kind: 'test', id: subjectId, title: '测试链导出', generatedAt: new Date(), entries, head: head!.headHash, summary: { entries: entries.length } });
  }

  function verify(content: unknown, ...args: string[]) {
    const file = join(dir, `export-${++subjects}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    const run = spawnSync(process.execPath, [verifier, file, ...args], { encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
  }

  let subjectId: number;
  let good: Envelope;
  const tampered = (change: (e: Envelope) => void): Envelope => {
    const copy = structuredClone(good);
    change(copy);
    return copy;
  };

  beforeAll(async () => {
    subjectId = newSubject();
    await buildChain(subjectId, 6);
    good = await exportOf(subjectId);
  });

  it('verifies the export the helper wrote', () => {
    expect(verify(good)).toEqual({ status: 0, stdout: `OK test ${subjectId}: 6 entries, head ${good.head}`, stderr: '' });
    expect(verify(good, '--head', good.head).status).toBe(0);
  });

  it('rejects a changed data, naming its entry', () => {
    const result = verify(tampered((e) => { (e.entries[2]!.data as { text: string }).text = '改过的'; }));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^FAIL test ${subjectId}: entry 3: hash does not match prevHash \\+ canonical data`));
  });

  it('rejects a removed entry, naming the gap', () => {
    const result = verify(tampered((e) => { e.entries.splice(3, 1); }));
    expect(result).toMatchObject({ status: 1, stdout: `FAIL test ${subjectId}: entry 4: seq is 5, expected 4 (an entry is missing, added or out of order)` });
  });

  it('rejects a reordered pair, naming the first of it', () => {
    const result = verify(tampered((e) => { [e.entries[1], e.entries[2]] = [e.entries[2]!, e.entries[1]!]; }));
    expect(result).toMatchObject({ status: 1, stdout: `FAIL test ${subjectId}: entry 2: seq is 3, expected 2 (an entry is missing, added or out of order)` });
  });

  it('rejects a wrong head, at the last entry', () => {
    const result = verify(tampered((e) => { e.head = e.entries[4]!.hash; }));
    expect(result).toMatchObject({ status: 1, stdout: `FAIL test ${subjectId}: entry 6: head is "${good.entries[4]!.hash}", but the hash of the last entry is ${good.head}` });
    const published = verify(good, '--head', good.entries[4]!.hash);
    expect(published).toMatchObject({ status: 1, stdout: `FAIL test ${subjectId}: head ${good.head} is not the published head ${good.entries[4]!.hash}` });
  });

  it('rejects a wrong summary, and only warns for a kind it has no rule for', () => {
    expect(verify(tampered((e) => { e.summary = { entries: 5 }; }))).toMatchObject({ status: 1, stdout: `FAIL test ${subjectId}: summary: summary.entries is 5, but the chain has 6 entries` });
    const unknown = verify(tampered((e) => { e.kind = 'ballot-box'; }));
    expect(unknown).toMatchObject({ status: 0, stdout: `OK ballot-box ${subjectId}: 6 entries, head ${good.head}` });
    expect(unknown.stderr).toContain('the summary was NOT checked');
  });

  it('exits 2 on bad usage, an unreadable file, or text that is not JSON', () => {
    expect(spawnSync(process.execPath, [verifier], { encoding: 'utf8' }).status).toBe(2);
    expect(spawnSync(process.execPath, [verifier, join(dir, 'missing.json')], { encoding: 'utf8' }).status).toBe(2);
    expect(verify(good, '--head', 'nothex').status).toBe(2);
    expect(verify('{"format": "gongzhi-chain/1", ').status).toBe(2);
    expect(verify({ format: 'other' })).toMatchObject({ status: 1, stdout: 'FAIL: not a gongzhi-chain/1 export: format is "other", expected "gongzhi-chain/1"' });
  });
});
