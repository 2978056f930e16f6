import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import * as script from '../../../scripts/verify-export.mjs';
import { assertJson, canonicalJson, chainHash, verifyEntries, ZERO_HASH, type Json, type VerifiableEntry } from './chain.hash.js';

/** A valid chain over the given data, built by the rule itself. */
function chainOf(datas: Json[]): VerifiableEntry[] {
  const entries: VerifiableEntry[] = [];
  let prev = ZERO_HASH;
  datas.forEach((data, i) => {
    const hash = chainHash(prev, data);
    entries.push({ seq: i + 1, prevHash: prev, hash, data });
    prev = hash;
  });
  return entries;
}

const clone = <T>(value: T): T => structuredClone(value);

describe('the hash rule', () => {
  it('is sha256_hex over the UTF-8 of prevHash followed by the canonical JSON of data', () => {
    // Checked outside Node: printf '%s' '000…000{"a":1,"b":"共治"}' | sha256sum
    expect(chainHash(ZERO_HASH, { b: '共治', a: 1 })).toBe('3484edb25bb13f550d66fb2c2671446dad2b98dea3413c8e8b5d7491dcb66b4d');
    expect(script.chainHash(ZERO_HASH, { b: '共治', a: 1 })).toBe('3484edb25bb13f550d66fb2c2671446dad2b98dea3413c8e8b5d7491dcb66b4d');
    expect(ZERO_HASH).toBe('0'.repeat(64));
  });

  it('does not depend on key order, and chains through prevHash', () => {
    const [first, second] = chainOf([{ x: 1, y: [1, 2] }, { y: [1, 2], x: 1 }]);
    expect(first!.hash).toBe(chainHash(ZERO_HASH, { y: [1, 2], x: 1 }));
    expect(second!.prevHash).toBe(first!.hash);
    expect(second!.hash).not.toBe(first!.hash);
  });
});

describe('canonical JSON (RFC 8785)', () => {
  it('writes the RFC\'s own examples (sections 3.2.2 and 3.2.3)', () => {
    const sample = JSON.parse('{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}');
    const expected = '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';
    const sorting = JSON.parse('{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}');
    for (const jcs of [canonicalJson, script.canonicalJson]) {
      expect(jcs(sample)).toBe(expected);
      // UTF-16 code units, not code points: the emoji (D83D DE00) sorts before U+FB33.
      expect(jcs(sorting)).toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
    }
  });

  it('writes numbers in their shortest ECMAScript form (RFC 8785 appendix B)', () => {
    const cases: [number, string][] = [
      [0, '0'], [-0, '0'], [1, '1'], [-1, '-1'], [0.1 + 0.2, '0.30000000000000004'], [1e21, '1e+21'], [1e20, '100000000000000000000'],
      [1e-6, '0.000001'], [1e-7, '1e-7'], [5e-324, '5e-324'], [-5e-324, '-5e-324'], [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'], [-9007199254740992, '-9007199254740992'], [295147905179352830000, '295147905179352830000'],
      [9.999999999999997e22, '9.999999999999997e+22'], [4.5, '4.5'], [2e-3, '0.002'], [Number('333333333.33333329'), '333333333.3333333'], [1e30, '1e+30'],
    ];
    for (const [value, text] of cases) {
      expect(canonicalJson(value)).toBe(text);
      expect(script.canonicalJson(value)).toBe(text);
    }
  });

  it('escapes strings as JSON.stringify does', () => {
    const cases: [string, string][] = [
      ['\u0001\b\t\n\f\r\u001f', '"\\u0001\\b\\t\\n\\f\\r\\u001f"'], ['"\\/', '"\\"\\\\/"'], ['\u2028\u2029', '"\u2028\u2029"'],
      ['é😀', '"é😀"'], ['\u007f', '"\u007f"'],
    ];
    for (const [value, text] of cases) {
      expect(canonicalJson(value)).toBe(text);
      expect(script.canonicalJson(value)).toBe(text);
    }
  });

  it('the script\'s implementation matches the library on many generated values', () => {
    const values = generatedValues(3000);
    let nested = 0;
    for (const value of values) {
      const expected = canonicalize(value);
      expect(script.canonicalJson(value)).toBe(expected);
      expect(canonicalJson(value)).toBe(expected);
      if (typeof value === 'object' && value !== null) nested++;
    }
    expect(nested).toBeGreaterThan(1000);
  });

  it('both refuse what JSON cannot carry', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, '\ud800', 'a\udc00b', { '\ud83d': 1 }, [1, { x: Number.NaN }]]) {
      expect(() => canonicalJson(bad)).toThrow();
      expect(() => script.canonicalJson(bad)).toThrow();
      expect(() => canonicalize(bad)).toThrow();
    }
  });

  it('refuses data that is not plain JSON, naming where', () => {
    class Ballot { choice = 'yes'; }
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const bad: [unknown, RegExp][] = [
      [{ a: undefined }, /data\.a is undefined/], [{ f: () => 1 }, /data\.f is a function/], [{ at: new Date() }, /data\.at is a Date.*ISO 8601/],
      [{ m: new Map() }, /data\.m is a Map/], [new Ballot(), /data is a Ballot/], [cyclic, /data\.self refers back/],
      [{ n: Number.NaN }, /data\.n is NaN/], [{ list: [1, -Infinity] }, /data\.list\[1\] is -Infinity/], [{ big: 1n }, /data\.big is a bigint/],
      [{ s: Symbol('x') }, /data\.s is a symbol/], [{ holes: Object.assign(new Array<number>(3), { 0: 1, 2: 3 }) }, /data\.holes\[1\] is a hole/], [{ t: 'a\u0000b' }, /U\+0000/],
    ];
    for (const [value, message] of bad) {
      expect(() => assertJson(value)).toThrow(message);
      expect(() => canonicalJson(value)).toThrow(expect.objectContaining({ code: 'CHAIN_DATA_NOT_JSON' }));
    }
    const shared = { x: 1 };
    expect(() => assertJson({ a: shared, b: shared, c: [shared, shared], d: Object.assign(Object.create(null) as object, { y: 2 }) })).not.toThrow();
  });
});

describe('verifyEntries', () => {
  const good = chainOf([{ n: 1 }, { n: 2, note: '第二条' }, { n: 3 }, { n: 4, nested: { deep: [true, null] } }, { n: 5 }]);
  const head = good.at(-1)!.hash;

  /** The server's rules and the script's give the same verdict on every case. */
  function verdict(entries: unknown[], expectedHead?: string) {
    const result = verifyEntries(entries, expectedHead);
    expect(script.verifyEntries(entries, expectedHead)).toEqual(result);
    return result;
  }

  it('accepts a good chain, with and without its head, and an empty chain with 64 zeros', () => {
    expect(verdict(good, head)).toEqual({ ok: true });
    expect(verdict(good)).toEqual({ ok: true });
    expect(verdict([], ZERO_HASH)).toEqual({ ok: true });
  });

  it('names the entry whose data changed', () => {
    const bad = clone(good);
    (bad[2]!.data as { n: number }).n = 30;
    expect(verdict(bad, head)).toMatchObject({ ok: false, seq: 3, reason: expect.stringMatching(/^hash does not match/) });
  });

  it('names the next entry when the changed entry\'s hash was recomputed', () => {
    const bad = clone(good);
    bad[1]!.data = { n: 2, note: '改过' };
    bad[1]!.hash = chainHash(bad[0]!.hash, bad[1]!.data);
    expect(verdict(bad, head)).toEqual({ ok: false, seq: 3, reason: 'prevHash does not equal the hash of entry 2' });
  });

  it('names the gap where an entry was removed, or renumbered away', () => {
    const removed = good.filter((e) => e.seq !== 3);
    expect(verdict(removed, head)).toEqual({ ok: false, seq: 3, reason: 'seq is 4, expected 3 (an entry is missing, added or out of order)' });
    const renumbered = removed.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verdict(renumbered, head)).toEqual({ ok: false, seq: 3, reason: 'prevHash does not equal the hash of entry 2' });
  });

  it('names the first of a reordered pair', () => {
    const swapped = [good[0], good[2], good[1], good[3], good[4]];
    expect(verdict(swapped, head)).toMatchObject({ ok: false, seq: 2, reason: expect.stringContaining('seq is 3, expected 2') });
  });

  it('reports a wrong head at the last entry, and at 0 for an empty chain', () => {
    expect(verdict(good, good[3]!.hash)).toEqual({ ok: false, seq: 5, reason: `head is "${good[3]!.hash}", but the hash of the last entry is ${head}` });
    expect(verdict(good.slice(0, 4), head)).toMatchObject({ ok: false, seq: 4 });
    expect(verdict([], head)).toMatchObject({ ok: false, seq: 0, reason: expect.stringContaining('chain is empty') });
  });

  it('checks the shape of each entry', () => {
    const first = clone(good);
    first[0]!.prevHash = '1'.repeat(64);
    expect(verdict(first)).toEqual({ ok: false, seq: 1, reason: 'prevHash of the first entry is not 64 zeros' });
    const upper = clone(good);
    upper[1]!.hash = upper[1]!.hash.toUpperCase();
    expect(verdict(upper)).toEqual({ ok: false, seq: 2, reason: 'hash is not 64 lowercase hex digits' });
    const noData = clone(good).map((e, i) => (i === 3 ? { seq: e.seq, prevHash: e.prevHash, hash: e.hash } : e));
    expect(verdict(noData)).toEqual({ ok: false, seq: 4, reason: 'data is missing' });
    expect(verdict([good[0], 'x'])).toEqual({ ok: false, seq: 2, reason: 'the entry is not an object' });
    expect(verdict([{ ...good[0], seq: '1' }])).toMatchObject({ ok: false, seq: 1, reason: expect.stringContaining('seq is "1"') });
    const lone = [{ ...good[0]!, data: { s: '\ud800' } }];
    expect(verdict(lone)).toEqual({ ok: false, seq: 1, reason: 'data cannot be written as canonical JSON (RFC 8785)' });
  });
});

// ---- generated values for the cross-check (a seeded generator: the same values every run) ----

function generatedValues(count: number): unknown[] {
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const bits = new DataView(new ArrayBuffer(8));
  const special = [0, -0, 1e21, 1e-7, 1e-6, 0.1 + 0.2, 5e-324, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e300, 123456789012345680000, 0.000001234, -1.5e-10];
  const number = (): number => {
    switch (pick(['special', 'int', 'small', 'bits', 'decimal'] as const)) {
      case 'special': return pick(special);
      case 'int': return Math.floor((next() - 0.5) * 2 ** (next() * 60));
      case 'small': return (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
      case 'decimal': return Math.round(next() * 1e6) / 100;
      case 'bits': {
        let n: number;
        do {
          bits.setUint32(0, Math.floor(next() * 2 ** 32));
          bits.setUint32(4, Math.floor(next() * 2 ** 32));
          n = bits.getFloat64(0);
        } while (!Number.isFinite(n));
        return n;
      }
    }
  };
  const alphabet = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0001', '\u001f', '\u007f', '\u0080', 'é', 'ö', '共', '治', '€', '\u2028', '\u2029', '\ufeff', '\ufb33', '😀', '𝄞', '\ud83d\ude00'];
  const string = () => Array.from({ length: Math.floor(next() * 8) }, () => pick(alphabet)).join('');
  const value = (depth: number): unknown => {
    const kind = depth > 3 ? pick(['number', 'string', 'literal'] as const) : pick(['number', 'string', 'literal', 'array', 'object', 'object'] as const);
    switch (kind) {
      case 'number': return number();
      case 'string': return string();
      case 'literal': return pick([null, true, false]);
      case 'array': return Array.from({ length: Math.floor(next() * 5) }, () => value(depth + 1));
      case 'object': {
        const out: Record<string, unknown> = {};
        for (let i = Math.floor(next() * 6); i > 0; i--) out[pick([string(), String(Math.floor(next() * 20)), pick(alphabet)])] = value(depth + 1);
        return out;
      }
    }
  };
  return Array.from({ length: count }, (_, i) => (i % 3 === 0 ? value(3) : value(0)));
}
