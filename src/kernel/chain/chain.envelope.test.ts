import { describe, expect, it } from 'vitest';
import * as script from '../../../scripts/verify-export.mjs';
import { chainEnvelope } from './chain.envelope.js';
import { chainHash, ZERO_HASH, type Json, type VerifiableEntry } from './chain.hash.js';

function chainOf(datas: Json[]): VerifiableEntry[] {
  let prev = ZERO_HASH;
  return datas.map((data, i) => {
    const hash = chainHash(prev, data);
    const entry = { seq: i + 1, prevHash: prev, hash, data };
    prev = hash;
    return entry;
  });
}

const entries = chainOf([{ z: 1, a: { y: 2, b: 3 } }, { amount: 12.5, payer: '李四' }]);

describe('chainEnvelope', () => {
  it('lays out the public format, keys in order, and the script verifies it', () => {
    const envelope = chainEnvelope({
      kind: 'test', id: 7, title: '测试链', generatedAt: new Date('2026-12-01T08:00:00Z'),
      entries: entries.map((e) => ({ ...e, entryId: 99, createdAt: new Date() })) as VerifiableEntry[], summary: { entries: 2 },
    });
    expect(Object.keys(envelope)).toEqual(['format', 'kind', 'id', 'title', 'generatedAt', 'entries', 'head', 'summary']);
    expect(envelope).toMatchObject({ format: 'gongzhi-chain/1', kind: 'test', id: 7, generatedAt: '2026-12-01T08:00:00.000Z', head: entries[1]!.hash });
    expect(Object.keys(envelope.entries[0]!)).toEqual(['seq', 'prevHash', 'hash', 'data']);
    expect(JSON.stringify(envelope.entries[0]!.data)).toBe('{"a":{"b":3,"y":2},"z":1}');
    expect(JSON.stringify(envelope).startsWith('{"format":"gongzhi-chain/1","kind":"test","id":7,"title":"测试链","generatedAt":"2026-12-01T08:00:00.000Z","entries":[{"seq":1,"prevHash":"000')).toBe(true);
    const text = JSON.stringify(envelope, null, 2);
    expect(script.verifyEnvelope(JSON.parse(text))).toEqual({ ok: true, line: `OK test 7: 2 entries, head ${entries[1]!.hash}`, warnings: [] });
  });

  it('heads an empty chain with 64 zeros, and keeps a head it is given', () => {
    const empty = chainEnvelope({ kind: 'test', id: 'x', title: '', generatedAt: '2026-12-01T08:00:00Z', entries: [], summary: { entries: 0 } });
    expect(empty.head).toBe(ZERO_HASH);
    expect(script.verifyEnvelope(empty)).toMatchObject({ ok: true, line: `OK test x: 0 entries, head ${ZERO_HASH}` });
    expect(chainEnvelope({ kind: 'test', id: 1, title: '', generatedAt: '2026-12-01T08:00:00Z', entries, head: 'f'.repeat(64), summary: {} }).head).toBe('f'.repeat(64));
  });

  it('refuses a summary that is not JSON', () => {
    expect(() => chainEnvelope({ kind: 'test', id: 1, title: '', generatedAt: '2026-12-01T08:00:00Z', entries, summary: { at: new Date() as never } }))
      .toThrow(/summary\.at is a Date/);
  });
});

describe('the script\'s envelope checks and summary rules', () => {
  const envelope = () => JSON.parse(JSON.stringify(chainEnvelope({ kind: 'test', id: 3, title: 't', generatedAt: '2026-12-01T08:00:00Z', entries, summary: { entries: 2 } })));

  it('runs the "test" summary rule', () => {
    const wrong = { ...envelope(), summary: { entries: 3 } };
    expect(script.verifyEnvelope(wrong)).toMatchObject({ ok: false, line: 'FAIL test 3: summary: summary.entries is 3, but the chain has 2 entries' });
    expect(Object.keys(script.summaryRules)).toContain('test');
  });

  it('verifies the chain of an unknown kind and warns that its summary was not checked', () => {
    const other = { ...envelope(), kind: 'constructor', summary: { anything: true } };
    expect(script.verifyEnvelope(other)).toEqual({
      ok: true, line: `OK constructor 3: 2 entries, head ${entries[1]!.hash}`,
      warnings: ['warning: no summary rule for kind "constructor" in this verifier; the summary was NOT checked'],
    });
  });

  it('checks the envelope fields and a published head', () => {
    expect(script.verifyEnvelope({ ...envelope(), format: 'gongzhi-chain/2' }).line).toBe('FAIL: not a gongzhi-chain/1 export: format is "gongzhi-chain/2", expected "gongzhi-chain/1"');
    expect(script.verifyEnvelope([]).line).toBe('FAIL: not a gongzhi-chain/1 export: the file is not a JSON object');
    expect(script.verifyEnvelope({ ...envelope(), entries: {} }).line).toContain('entries is not an array');
    expect(script.verifyEnvelope({ ...envelope(), head: 'abc' }).line).toContain('head is not 64 lowercase hex digits');
    expect(script.verifyEnvelope(envelope(), { publishedHead: entries[1]!.hash }).ok).toBe(true);
    expect(script.verifyEnvelope(envelope(), { publishedHead: entries[0]!.hash }).line).toBe(`FAIL test 3: head ${entries[1]!.hash} is not the published head ${entries[0]!.hash}`);
  });
});
