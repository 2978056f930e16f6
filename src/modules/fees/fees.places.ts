import { and, eq, inArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor, ResourceScope } from '../access/access.policy.js';
import { grantsWith, scopeFilter } from '../access/access.policy.js';
import { scopeCondition } from '../access/access.sql.js';
import { communities, compounds, households, organisations, propertyCompanies } from '../places/places.schema.js';

/** A compound as the money modules need it: where it sits, who serves it, who collects its fees. */
export interface CompoundPlace {
  compoundId: number;
  communityId: number;
  cityId: number;
  districtId: number;
  streetId: number;
  companyId: number | null;
  name: string;
  communityName: string;
  selfGoverned: boolean;
  companyName: string | null;
}

/** The compound with its community and company, or undefined. */
export async function loadCompoundPlace(db: DbOrTx, compoundId: number): Promise<CompoundPlace | undefined> {
  const [row] = await db.select({
    compoundId: compounds.id, communityId: compounds.communityId, cityId: communities.cityId, districtId: communities.districtId, streetId: communities.streetId,
    companyId: compounds.propertyCompanyId, name: compounds.name, communityName: communities.name, selfGoverned: compounds.selfGoverned, companyName: propertyCompanies.name,
  }).from(compounds).innerJoin(communities, eq(communities.id, compounds.communityId))
    .leftJoin(propertyCompanies, eq(propertyCompanies.id, compounds.propertyCompanyId))
    .where(eq(compounds.id, compoundId));
  return row;
}

/** The policy scope of a compound. */
export function scopeOf(p: CompoundPlace): ResourceScope {
  return { cityId: p.cityId, districtId: p.districtId, streetId: p.streetId, communityId: p.communityId, compoundId: p.compoundId, companyId: p.companyId };
}

/**
 * The scope of a compound as this actor reaches it: a resident holding `permission` on a
 * household of the compound reaches the compound's common things (its ledgers, disclosures,
 * payment rate) through that household.
 */
export async function compoundScopeFor(db: DbOrTx, actor: Actor, permission: string, p: CompoundPlace): Promise<ResourceScope> {
  const scope = scopeOf(p);
  const homes = grantsWith(actor, permission).filter((g) => g.scopeType === 'household').map((g) => g.scopeId);
  if (homes.length === 0) return scope;
  const [home] = await db.select({ id: households.id }).from(households).where(and(eq(households.compoundId, p.compoundId), inArray(households.id, homes)));
  return home ? { ...scope, householdId: home.id } : scope;
}

/** Households (ids) the actor holds `permission` on as a resident. */
export function homeHouseholdIds(actor: Actor, permission: string): number[] {
  return grantsWith(actor, permission).filter((g) => g.scopeType === 'household').map((g) => g.scopeId);
}

/** Who collects: the property company, or the owners' committee of a self-governed compound (named for receipts). */
export async function collectorOf(db: DbOrTx, p: CompoundPlace): Promise<{ kind: 'company' | 'owners_committee'; name: string }> {
  if (!p.selfGoverned && p.companyName) return { kind: 'company', name: p.companyName };
  const [committee] = await db.select({ name: organisations.name }).from(organisations)
    .where(and(eq(organisations.communityId, p.communityId), eq(organisations.kind, 'owners_committee')));
  return { kind: 'owners_committee', name: `${p.name}（${committee?.name ?? '业主委员会'}）` };
}

/**
 * WHERE of a list of things that belong to a compound (schedules, ledgers, disclosures,
 * projects): the actor's grants over `permission` — a resident's household grant reaches the
 * compound of that household.
 */
export function compoundLevelScope(actor: Actor, permission: string, communityColumn: Column, compoundColumn: Column): SQL {
  const filter = scopeFilter(actor, permission);
  const { household, ...rest } = filter.ids;
  const staff = scopeCondition({ all: filter.all, ids: rest }, {
    community: communityColumn, compound: compoundColumn,
    company: sql`(select k.property_company_id from compounds k where k.id = ${compoundColumn})`,
    city: sql`(select k.city_id from compounds k where k.id = ${compoundColumn})`,
    district: sql`(select c.district_id from communities c where c.id = ${communityColumn})`,
    street: sql`(select c.street_id from communities c where c.id = ${communityColumn})`,
  });
  if (!household?.length) return staff;
  return or(staff, sql`${compoundColumn} in (select h.compound_id from households h where h.id = any(${`{${household.join(',')}}`}::bigint[]))`)!;
}
