import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { bulkhead } from '../../server/bulkhead.js';

/*
 * scrypt is memory-hard (128·N·r bytes per hash) and built into Node: the platform is enough, no
 * native addon to build. Parameters travel with the hash.
 *
 * The cost exponent c means work N·p = 2^c. New hashes use p = 4, N = 2^(c−2): OWASP's Password
 * Storage Cheat Sheet lists N=2^17/p=1, 2^16/p=2, 2^15/p=3 … as equivalent in the defence they
 * give, and 2^15 with p = 4 does the work of 2^17 with a quarter of the memory (32 MiB instead of
 * 128 MiB). The memory mattered: four logins at once (libuv's thread pool) held 512 MiB, and one
 * bench run's login burst took the server's peak to 700 MB. Hashes of the old shape (p = 1,
 * N = 2^c) verify as before and count as the same cost, so nobody is re-hashed for it.
 */
/** One hash per core at a time: more only queue on the thread pool with their memory already taken. */
const hashing = bulkhead(Math.max(1, availableParallelism()));

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return hashing(() => new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  ));
}

const KEY_LENGTH = 32;
const R = 8;
/** Parallelism of new hashes (see above); costs under this many doublings keep p = 1. */
const P_LOG2 = 2;

/** OWASP's current scrypt minimum (work 2^17, r = 8): what production uses, and the floor config cannot go under. */
export const PASSWORD_COST_FLOOR = 17;

function parametersOf(cost: number): { N: number; p: number } {
  const pLog2 = cost > P_LOG2 + 10 ? P_LOG2 : 0;
  return { N: 2 ** (cost - pLog2), p: 2 ** pLog2 };
}

export async function hashPassword(password: string, cost = PASSWORD_COST_FLOOR): Promise<string> {
  const { N, p } = parametersOf(cost);
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p, maxmem: 256 * N * R });
  return `scrypt$${Math.log2(N)}$${R}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, nS, rS, pS, saltS, keyS] = stored.split('$');
  if (scheme !== 'scrypt' || !nS || !rS || !pS || !saltS || !keyS) return false;
  const N = 2 ** Number(nS);
  const r = Number(rS);
  const expected = Buffer.from(keyS, 'base64url');
  const key = await scrypt(password, Buffer.from(saltS, 'base64url'), expected.length, {
    N, r, p: Number(pS), maxmem: 256 * N * r,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to compare against when the username does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(cost: number): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password', cost);
  return dummyHash;
}

/** The cost exponent of a stored hash: log2 of its work N·p (0 for an unknown scheme). */
export function hashCost(stored: string): number {
  const [scheme, n, , p] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !p) return 0;
  return (Number(n) || 0) + Math.log2(Number(p) || 1);
}
