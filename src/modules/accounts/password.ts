import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard (128·N·r bytes: 32 MiB at the default cost) and built into Node:
// the platform is enough, no native addon to build. Parameters travel with the hash.
function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const KEY_LENGTH = 32;

/** OWASP's current scrypt minimum (N = 2^17, r = 8, p = 1): what production uses, and the floor config cannot go under. */
export const PASSWORD_COST_FLOOR = 17;

export async function hashPassword(password: string, cost = PASSWORD_COST_FLOOR): Promise<string> {
  const N = 2 ** cost;
  const r = 8;
  const p = 1;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${cost}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, costS, rS, pS, saltS, keyS] = stored.split('$');
  if (scheme !== 'scrypt' || !costS || !rS || !pS || !saltS || !keyS) return false;
  const N = 2 ** Number(costS);
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

/** The cost exponent a stored hash was made with (0 for an unknown scheme). */
export function hashCost(stored: string): number {
  const [scheme, cost] = stored.split('$');
  return scheme === 'scrypt' && cost ? Number(cost) || 0 : 0;
}
