import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../server/errors.js';
import { cities } from '../places/places.schema.js';
import { Open311Errors } from './open311.errors.js';
import { open311ApiKeys } from './open311.schema.js';

/**
 * Open311 api_keys. A key is 32 random bytes, so a plain SHA-256 is enough to store it: nobody
 * can guess one to compare against, and a fast hash keeps every POST cheap. Only the hash and a
 * short prefix (to recognise a key in the admin list) are kept; the key is shown once.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, 8);
}

export function generateApiKey(): string {
  return `o311_${randomBytes(32).toString('base64url')}`;
}

/** The key a client may file with: its city and, when bound to one, its community. */
export interface VerifiedApiKey {
  id: number;
  cityId: number;
  cityCode: string;
  organisationId: number;
  communityId: number | null;
}

/** Missing, unknown and revoked keys are all 403, as the spec says for a "missing or invalid api_key". */
export async function verifyApiKey(db: DbOrTx, key: string | undefined): Promise<VerifiedApiKey> {
  const raw = key?.trim();
  if (!raw) throw new AppError(Open311Errors.OPEN311_API_KEY_INVALID, 'api_key was not provided -- can\'t proceed with create_request');
  const [row] = await db
    .select({
      id: open311ApiKeys.id, cityId: open311ApiKeys.cityId, cityCode: cities.code, organisationId: open311ApiKeys.organisationId,
      communityId: open311ApiKeys.communityId, revokedAt: open311ApiKeys.revokedAt,
    })
    .from(open311ApiKeys)
    .innerJoin(cities, eq(cities.id, open311ApiKeys.cityId))
    .where(eq(open311ApiKeys.keyHash, hashApiKey(raw)));
  if (!row) throw new AppError(Open311Errors.OPEN311_API_KEY_INVALID, 'Invalid api_key received -- can\'t proceed with create_request');
  if (row.revokedAt) throw new AppError(Open311Errors.OPEN311_API_KEY_INVALID, 'This api_key has been revoked -- can\'t proceed with create_request');
  const { revokedAt: _revoked, ...verified } = row;
  return verified;
}
