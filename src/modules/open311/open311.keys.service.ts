import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Clock } from '../../server/clock.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { scopeFilter, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { scopeCondition } from '../access/access.sql.js';
import { cities, communities, organisations } from '../places/places.schema.js';
import { Open311Errors } from './open311.errors.js';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './open311.keys.js';
import { open311ApiKeys } from './open311.schema.js';

export interface IssueKeyInput {
  organisationId: number;
  communityId?: number | null;
  label: string;
  /** The demo seed issues a well-known key; everyone else gets a random one. */
  key?: string;
}

function keySelect() {
  return {
    id: open311ApiKeys.id, label: open311ApiKeys.label, keyPrefix: open311ApiKeys.keyPrefix, cityCode: cities.code,
    organisationId: organisations.id, organisationName: organisations.name, communityId: communities.id, communityName: communities.name,
    createdAt: open311ApiKeys.createdAt, revokedAt: open311ApiKeys.revokedAt,
  };
}

type KeyRow = { id: number; label: string; keyPrefix: string; cityCode: string; organisationId: number; organisationName: string; communityId: number | null; communityName: string | null; createdAt: Date; revokedAt: Date | null };

function presentKey(r: KeyRow) {
  return {
    id: r.id, label: r.label, keyPrefix: r.keyPrefix, cityCode: r.cityCode,
    organisation: { id: r.organisationId, name: r.organisationName },
    community: r.communityId !== null ? { id: r.communityId, name: r.communityName ?? '' } : null,
    createdAt: r.createdAt, revokedAt: r.revokedAt,
  };
}

function keysQuery(db: DbOrTx, where: SQL | undefined) {
  return db.select(keySelect()).from(open311ApiKeys)
    .innerJoin(cities, eq(cities.id, open311ApiKeys.cityId))
    .innerJoin(organisations, eq(organisations.id, open311ApiKeys.organisationId))
    .leftJoin(communities, eq(communities.id, open311ApiKeys.communityId))
    .where(where);
}

/** The community a key is bound to: the one asked for, else the organisation's own. */
async function keyCommunity(db: DbOrTx, org: { cityId: number; communityId: number | null }, asked: number | null | undefined): Promise<number | null> {
  if (org.communityId !== null && asked != null && asked !== org.communityId) {
    throw new AppError(Open311Errors.OPEN311_KEY_SCOPE_INVALID, 'This organisation belongs to another community; its key can only file there');
  }
  const communityId = asked ?? org.communityId;
  if (communityId === null) return null;
  const [community] = await db.select({ cityId: communities.cityId }).from(communities).where(eq(communities.id, communityId));
  if (!community || community.cityId !== org.cityId) {
    throw new AppError(Open311Errors.OPEN311_KEY_SCOPE_INVALID, 'The community is not in the organisation\'s city');
  }
  return communityId;
}

/** Issues a key to an organisation; the only time the key itself is returned. */
export async function issueApiKey(db: DbOrTx, actor: Actor | null, input: IssueKeyInput) {
  const [org] = await db.select({ cityId: organisations.cityId, communityId: organisations.communityId }).from(organisations).where(eq(organisations.id, input.organisationId));
  if (actor) requireAccess(actor, 'open311:manage', org ? { cityId: org.cityId, communityId: org.communityId } : undefined, 'Organisation');
  if (!org) throw notFound('Organisation');
  const communityId = await keyCommunity(db, org, input.communityId);
  const key = input.key ?? generateApiKey();
  const [row] = await db.insert(open311ApiKeys).values({
    cityId: org.cityId, organisationId: input.organisationId, communityId, label: input.label,
    keyHash: hashApiKey(key), keyPrefix: apiKeyPrefix(key), createdBy: actor?.accountId ?? null,
  }).returning({ id: open311ApiKeys.id });
  const [issued] = await keysQuery(db, eq(open311ApiKeys.id, row!.id));
  return { ...presentKey(issued!), key };
}

export async function listApiKeys(db: DbOrTx, actor: Actor, input: { includeRevoked: boolean; page: number; pageSize: number }) {
  const where = and(
    scopeCondition(scopeFilter(actor, 'open311:manage'), { city: open311ApiKeys.cityId }),
    input.includeRevoked ? undefined : isNull(open311ApiKeys.revokedAt),
  );
  const [rows, [total]] = await Promise.all([
    keysQuery(db, where).orderBy(desc(open311ApiKeys.createdAt), desc(open311ApiKeys.id)).limit(input.pageSize).offset(offsetOf(input.page, input.pageSize)),
    db.select({ n: count() }).from(open311ApiKeys).where(where),
  ]);
  return { items: rows.map(presentKey), total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

/** Revokes a key at once; revoking twice keeps the first time. */
export async function revokeApiKey(db: DbOrTx, clock: Clock, actor: Actor, id: number): Promise<void> {
  const [key] = await db.select({ cityId: open311ApiKeys.cityId, communityId: open311ApiKeys.communityId }).from(open311ApiKeys).where(eq(open311ApiKeys.id, id));
  requireAccess(actor, 'open311:manage', key, 'Open311 key');
  await db.update(open311ApiKeys).set({ revokedAt: clock.now() }).where(and(eq(open311ApiKeys.id, id), isNull(open311ApiKeys.revokedAt)));
}
