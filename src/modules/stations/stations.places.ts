import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { communities, propertyCompanies } from '../places/places.schema.js';

/*
 * The names this module shows of places it does not own: communities and property companies
 * (reference rows, read-only, by id). Everything about access to places goes through the places
 * module's exported scope functions instead (communityScope, compoundScope, householdScope).
 */

export interface PlaceNames {
  communities: Map<number, string>;
  companies: Map<number, string>;
}

export async function placeNames(db: DbOrTx, communityIds: readonly number[], companyIds: readonly number[]): Promise<PlaceNames> {
  const cIds = [...new Set(communityIds)];
  const pIds = [...new Set(companyIds)];
  const [cs, ps] = await Promise.all([
    cIds.length ? db.select({ id: communities.id, name: communities.name }).from(communities).where(inArray(communities.id, cIds)) : [],
    pIds.length ? db.select({ id: propertyCompanies.id, name: propertyCompanies.shortName }).from(propertyCompanies).where(inArray(propertyCompanies.id, pIds)) : [],
  ]);
  return { communities: new Map(cs.map((r) => [r.id, r.name])), companies: new Map(ps.map((r) => [r.id, r.name])) };
}
