import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database, Db } from '../db/client.js';
import { openTestDatabase } from '../../test/db.js';
import { getSecret, secretEnvName } from './secrets.js';
import { appSecrets } from './secrets.schema.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

// Names are unique per test so the file also runs against a shared PostgreSQL (DATABASE_URL).
const unique = (stem: string) => `${stem}_${Math.random().toString(36).slice(2, 10)}`;

describe('getSecret', () => {
  it('makes a random 32-byte secret on first use and returns the same one after', async () => {
    const name = unique('qr_tokens');
    const first = await getSecret(database.db, name, {});
    expect(Buffer.from(first, 'base64url')).toHaveLength(32);
    expect(await getSecret(database.db, name, {})).toBe(first);
    const rows = await database.db.select().from(appSecrets).where(eq(appSecrets.name, name));
    expect(rows).toEqual([{ name, value: first, createdAt: expect.any(Date) }]);
    expect(await getSecret(database.db, unique('other'), {})).not.toBe(first);
  });

  it('settles concurrent first uses on one value, as separate processes sharing the database would', async () => {
    const name = unique('race');
    // A second Drizzle handle on the same database stands for another process: its cache is its own.
    const other = (database.kind === 'pglite' ? drizzlePglite(database.pglite!) : drizzleNodePg(database.pool!)) as unknown as Db;
    const values = await Promise.all([getSecret(database.db, name, {}), getSecret(other, name, {}), getSecret(database.db, name, {}), getSecret(other, name, {})]);
    expect(new Set(values).size).toBe(1);
    expect(await database.db.select().from(appSecrets).where(eq(appSecrets.name, name))).toHaveLength(1);
  });

  it('takes GONGZHI_SECRET_<NAME> from the environment over the table, and refuses a short one', async () => {
    const name = unique('signing');
    expect(secretEnvName(name)).toBe(`GONGZHI_SECRET_${name.toUpperCase()}`);
    const value = 'x'.repeat(40);
    expect(await getSecret(database.db, name, { [secretEnvName(name)]: value })).toBe(value);
    expect(await database.db.select().from(appSecrets).where(eq(appSecrets.name, name))).toEqual([]);
    await expect(getSecret(database.db, name, { [secretEnvName(name)]: 'short' })).rejects.toThrow(/at least 32 characters/);
  });

  it('refuses a name that would not make a clean environment variable', async () => {
    await expect(getSecret(database.db, 'QR-tokens', {})).rejects.toThrow(/name must match/);
    await expect(getSecret(database.db, '', {})).rejects.toThrow(/name must match/);
  });
});
