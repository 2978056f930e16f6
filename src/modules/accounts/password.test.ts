import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashCost, hashPassword, verifyPassword } from './password.js';

describe('password hashes', () => {
  it('hashes at cost c with p = 4 and N = 2^(c−2): the same work, a quarter of the memory', async () => {
    const hash = await hashPassword('s3cret-pass', 13);
    const [, n, r, p] = hash.split('$');
    expect([n, r, p]).toEqual(['11', '8', '4']);
    expect(hashCost(hash)).toBe(13);
    expect(await verifyPassword('s3cret-pass', hash)).toBe(true);
    expect(await verifyPassword('s3cret-pasS', hash)).toBe(false);
  });

  it('keeps p = 1 for the small costs tests use', async () => {
    const hash = await hashPassword('x', 10);
    expect(hash.split('$').slice(1, 4)).toEqual(['10', '8', '1']);
    expect(hashCost(hash)).toBe(10);
  });

  it('verifies hashes of the old shape (p = 1, N = 2^c) and counts them at the same cost, so none is re-hashed', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('old-password', salt, 32, { N: 2 ** 13, r: 8, p: 1 });
    const old = `scrypt$13$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(hashCost(old)).toBe(13);
    expect(await verifyPassword('old-password', old)).toBe(true);
    expect(await verifyPassword('old-passwort', old)).toBe(false);
  });

  it('answers cost 0 and no match for what is not a scrypt hash', async () => {
    expect(hashCost('bcrypt$12$abc')).toBe(0);
    expect(await verifyPassword('x', 'bcrypt$12$abc')).toBe(false);
  });
});
