import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../server/errors.js';
import type { Actor, ResourceScope } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { cities, communities, districts, propertyCompanies, streets } from '../places/places.schema.js';
import type { FiguresQuery, ScopeKind } from './figures.dto.js';
import { FiguresErrors } from './figures.errors.js';

export interface FiguresScope {
  kind: ScopeKind;
  id: number;
  name: string;
  cityId: number;
}

const keyOf: Record<ScopeKind, 'communityId' | 'companyId' | 'streetId' | 'districtId' | 'cityId'> = {
  community: 'communityId', company: 'companyId', street: 'streetId', district: 'districtId', city: 'cityId',
};

/** Name and place of the unit, as a policy resource; undefined when it does not exist. */
async function lookUp(db: DbOrTx, kind: ScopeKind, id: number): Promise<{ name: string; resource: ResourceScope & { cityId: number } } | undefined> {
  switch (kind) {
    case 'community': {
      const [r] = await db.select({ name: communities.name, cityId: communities.cityId, districtId: communities.districtId, streetId: communities.streetId })
        .from(communities).where(eq(communities.id, id));
      return r && { name: r.name, resource: { cityId: r.cityId, districtId: r.districtId, streetId: r.streetId, communityId: id } };
    }
    case 'company': {
      const [r] = await db.select({ name: propertyCompanies.name, cityId: propertyCompanies.cityId }).from(propertyCompanies).where(eq(propertyCompanies.id, id));
      return r && { name: r.name, resource: { cityId: r.cityId, companyId: id } };
    }
    case 'street': {
      const [r] = await db.select({ name: streets.name, cityId: streets.cityId, districtId: streets.districtId }).from(streets).where(eq(streets.id, id));
      return r && { name: r.name, resource: { cityId: r.cityId, districtId: r.districtId, streetId: id } };
    }
    case 'district': {
      const [r] = await db.select({ name: districts.name, cityId: districts.cityId }).from(districts).where(eq(districts.id, id));
      return r && { name: r.name, resource: { cityId: r.cityId, districtId: id } };
    }
    case 'city': {
      const [r] = await db.select({ name: cities.name }).from(cities).where(eq(cities.id, id));
      return r && { name: r.name, resource: { cityId: id } };
    }
  }
}

/**
 * The one unit the figures are about, checked against the actor: community staff reach their
 * community, property staff their company, a department its city (and everything in it).
 * Out of scope answers 404, like a unit that does not exist.
 */
export async function resolveFiguresScope(db: DbOrTx, actor: Actor, query: Pick<FiguresQuery, 'communityId' | 'companyId' | 'streetId' | 'districtId' | 'cityId'>): Promise<FiguresScope> {
  const given = (Object.keys(keyOf) as ScopeKind[]).filter((k) => query[keyOf[k]] !== undefined);
  if (given.length !== 1) {
    throw new AppError(FiguresErrors.FIGURES_SCOPE_REQUIRED, 'Give exactly one of communityId, companyId, streetId, districtId, cityId');
  }
  const kind = given[0]!;
  const id = query[keyOf[kind]]!;
  const found = await lookUp(db, kind, id);
  requireAccess(actor, 'figures:read', found?.resource, 'Figures scope');
  return { kind, id, name: found!.name, cityId: found!.resource.cityId };
}

/** Validates a month window; months are 'YYYY-MM' and compare as strings. */
export function checkWindow(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to) throw new AppError(FiguresErrors.FIGURES_RANGE_INVALID, '`from` is after `to`');
}
