import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { ResourceScope } from '../access/access.policy.js';
import { buildings, communities, compounds, households } from './places.schema.js';

/** Where a community sits, for policy checks. undefined when it does not exist. */
export async function communityScope(db: DbOrTx, communityId: number): Promise<ResourceScope | undefined> {
  const [row] = await db
    .select({ cityId: communities.cityId, districtId: communities.districtId, streetId: communities.streetId, communityId: communities.id })
    .from(communities)
    .where(eq(communities.id, communityId));
  return row;
}

/** A compound's scope includes the company serving it, so property staff reach it. */
export async function compoundScope(db: DbOrTx, compoundId: number): Promise<(ResourceScope & { communityId: number; cityId: number; districtId: number; streetId: number }) | undefined> {
  const [row] = await db
    .select({
      cityId: communities.cityId, districtId: communities.districtId, streetId: communities.streetId,
      communityId: compounds.communityId, compoundId: compounds.id, companyId: compounds.propertyCompanyId,
    })
    .from(compounds)
    .innerJoin(communities, eq(communities.id, compounds.communityId))
    .where(eq(compounds.id, compoundId));
  return row;
}

export async function buildingScope(db: DbOrTx, buildingId: number): Promise<ResourceScope | undefined> {
  const [row] = await db.select({ compoundId: buildings.compoundId }).from(buildings).where(eq(buildings.id, buildingId));
  return row ? compoundScope(db, row.compoundId) : undefined;
}

export async function householdScope(db: DbOrTx, householdId: number): Promise<ResourceScope | undefined> {
  const [row] = await db.select({ compoundId: households.compoundId }).from(households).where(eq(households.id, householdId));
  if (!row) return undefined;
  const scope = await compoundScope(db, row.compoundId);
  return scope && { ...scope, householdId };
}
