import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError } from '../../server/errors.js';
import { ChainErrors } from './chain.errors.js';

/*
 * The pure rules of the hash chain (docs/VERIFY.md). scripts/verify-export.mjs restates them
 * without any import from src/, so an outsider can read one small file; chain.hash.test.ts keeps
 * the two in step.
 */

/** The prevHash of a chain's first entry, and the head of an empty chain. */
export const ZERO_HASH = '0'.repeat(64);

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject { [key: string]: Json }

const HASH_PATTERN = /^[0-9a-f]{64}$/;
// With the u flag a surrogate pair is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;

function notJson(path: string, why: string): never {
  throw new AppError(ChainErrors.CHAIN_DATA_NOT_JSON, `${path} ${why}`, { path });
}

function checkString(value: string, path: string): void {
  if (LONE_SURROGATE.test(value)) notJson(path, 'holds a lone surrogate, which JSON text cannot carry');
  // PostgreSQL's jsonb refuses \u0000, so such an entry could be hashed but never stored.
  if (value.includes('\u0000')) notJson(path, 'holds U+0000, which PostgreSQL jsonb cannot store');
}

function checkJson(value: unknown, path: string, ancestors: Set<object>): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') return checkString(value, path);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) notJson(path, `is ${value}: numbers must be finite`);
    return;
  }
  if (typeof value !== 'object') notJson(path, `is ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}, not JSON`);
  if (ancestors.has(value)) notJson(path, 'refers back to itself');
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) notJson(`${path}[${i}]`, 'is a hole in a sparse array');
      checkJson(value[i], `${path}[${i}]`, ancestors);
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      notJson(path, `is a ${name}, not a plain object (pass dates as ISO 8601 strings)`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) notJson(path, 'has symbol keys');
    for (const [key, child] of Object.entries(value)) {
      checkString(key, `${path} key ${JSON.stringify(key)}`);
      checkJson(child, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(value);
}

/** Throws CHAIN_DATA_NOT_JSON unless `value` is plain JSON (finite numbers, plain objects, no cycles). */
export function assertJson(value: unknown, path = 'data'): asserts value is Json {
  checkJson(value, path, new Set());
}

/** RFC 8785 (JCS) canonical JSON text of a JSON value; throws CHAIN_DATA_NOT_JSON for anything else. */
export function canonicalJson(value: unknown): string {
  assertJson(value);
  return canonicalize(value)!;
}

/** sha256_hex(prevHash + canonicalJson(data)): the hash of one chain entry. */
export function chainHash(prevHash: string, data: unknown): string {
  return hashCanonical(prevHash, canonicalJson(data));
}

/** chainHash for data already in canonical JSON text. */
export function hashCanonical(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash + canonical, 'utf8').digest('hex');
}

/** True for 64 lowercase hex digits. */
export function isChainHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

/** One entry as exported and verified. */
export interface VerifiableEntry {
  seq: number;
  prevHash: string;
  hash: string;
  data: Json;
}

export type VerifyResult = { ok: true } | { ok: false; seq: number; reason: string };

function fail(seq: number, reason: string): VerifyResult {
  return { ok: false, seq, reason };
}

/** Why the entry at 1-based position `seq` breaks the chain after `prev`, or null when it holds. */
function entryProblem(entry: unknown, seq: number, prev: string): string | null {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return 'the entry is not an object';
  const e = entry as Record<string, unknown>;
  if (e.seq !== seq) return `seq is ${JSON.stringify(e.seq) ?? 'missing'}, expected ${seq} (an entry is missing, added or out of order)`;
  if (!isChainHash(e.prevHash)) return 'prevHash is not 64 lowercase hex digits';
  if (!isChainHash(e.hash)) return 'hash is not 64 lowercase hex digits';
  if (e.prevHash !== prev) return seq === 1 ? 'prevHash of the first entry is not 64 zeros' : `prevHash does not equal the hash of entry ${seq - 1}`;
  if (!('data' in e)) return 'data is missing';
  let computed: string;
  try {
    computed = chainHash(prev, e.data);
  } catch {
    return 'data cannot be written as canonical JSON (RFC 8785)';
  }
  if (computed !== e.hash) return `hash does not match prevHash + canonical data (recomputed ${computed})`;
  return null;
}

/**
 * Checks a chain's entries (pure): seq runs 1..n, each prevHash is the previous hash (64 zeros
 * first), each hash recomputes, and — when given — `expectedHead` is the last hash. Names the
 * first entry that breaks; a wrong head is reported at the last entry's seq (0 when empty).
 */
export function verifyEntries(entries: readonly unknown[], expectedHead?: string): VerifyResult {
  let prev = ZERO_HASH;
  for (let i = 0; i < entries.length; i++) {
    const problem = entryProblem(entries[i], i + 1, prev);
    if (problem) return fail(i + 1, problem);
    prev = (entries[i] as VerifiableEntry).hash;
  }
  if (expectedHead !== undefined && expectedHead !== prev) {
    const shown = JSON.stringify(expectedHead) ?? 'missing';
    return entries.length === 0
      ? fail(0, `head is ${shown}, but the chain is empty, so it must be 64 zeros`)
      : fail(entries.length, `head is ${shown}, but the hash of the last entry is ${prev}`);
  }
  return { ok: true };
}
