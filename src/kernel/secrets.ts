import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { appSecrets } from './secrets.schema.js';

/** A secret's name: lower-case words, e.g. 'qr_tokens'; its env override is GONGZHI_SECRET_QR_TOKENS. */
const secretName = /^[a-z][a-z0-9_]{0,62}$/;
const minOverrideLength = 32;

// A secret never changes once made, so each process reads it once per database.
const cache = new WeakMap<object, Map<string, Promise<string>>>();

/** The environment variable that overrides a secret: `GONGZHI_SECRET_<NAME>`. */
export function secretEnvName(name: string): string {
  return `GONGZHI_SECRET_${name.toUpperCase()}`;
}

async function readOrCreate(db: Db, name: string): Promise<string> {
  // Two processes starting at once both insert; the primary key keeps the first, and both read it.
  await db.insert(appSecrets).values({ name, value: randomBytes(32).toString('base64url') }).onConflictDoNothing({ target: appSecrets.name });
  const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name));
  if (!row) throw new Error(`secret ${name} could not be read back`);
  return row.value;
}

/**
 * The named secret: `GONGZHI_SECRET_<NAME>` when set (at least 32 characters), else the value in
 * app_secrets, made on first use (32 random bytes, base64url) so every process shares it.
 * Takes the database, not a transaction: a secret made inside one that rolls back would be lost.
 */
export async function getSecret(db: Db, name: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (!secretName.test(name)) throw new Error(`getSecret: name must match ${secretName}, got ${JSON.stringify(name)}`);
  const override = env[secretEnvName(name)];
  if (override !== undefined && override !== '') {
    if (override.length < minOverrideLength) throw new Error(`${secretEnvName(name)} must be at least ${minOverrideLength} characters`);
    return override;
  }
  const known = cache.get(db) ?? new Map<string, Promise<string>>();
  cache.set(db, known);
  let secret = known.get(name);
  if (!secret) {
    secret = readOrCreate(db, name);
    known.set(name, secret);
    // A failed read (database down) is not remembered: the next call tries again.
    secret.catch(() => known.delete(name));
  }
  return secret;
}
