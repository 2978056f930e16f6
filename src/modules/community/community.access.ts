import { and, inArray, isNull, or, sql, type Column, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { can, grantsWith, scopeFilter, type Actor, type Permission, type ResourceScope } from '../access/access.policy.js';
import { scopeCondition } from '../access/access.sql.js';

/*
 * Who reaches what in community life. Staff through their grants (a community grant covers its
 * rooms, activities, announcements and reception days; a company grant those of its compounds;
 * a city department its city). A resident through their homes: everything of their community
 * that is not addressed to another compound. Out of reach answers 404, like a missing row.
 */

/** Where a record of this module sits. */
export interface LifePlace {
  communityId: number;
  cityId: number;
  districtId: number;
  streetId: number;
  compoundId: number | null;
  companyId: number | null;
}

/** The actor's homes that carry the permission: household → community and compound. */
export interface Home { householdId: number; communityId: number; compoundId: number }

export function placeScope(p: LifePlace): ResourceScope {
  return { cityId: p.cityId, districtId: p.districtId, streetId: p.streetId, communityId: p.communityId, compoundId: p.compoundId, companyId: p.companyId };
}

/** The homes of the actor's household grants with the permission (one query). */
export async function homesOf(db: DbOrTx, actor: Actor, permission: Permission): Promise<Home[]> {
  const ids = grantsWith(actor, permission).filter((g) => g.scopeType === 'household').map((g) => g.scopeId);
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: number; community_id: number; compound_id: number }>(db, sql`
    select id, community_id, compound_id from households where id = any(${`{${ids.join(',')}}`}::bigint[])`);
  return rows.map((r) => ({ householdId: Number(r.id), communityId: Number(r.community_id), compoundId: Number(r.compound_id) }));
}

/** May the actor use `permission` on a record at this place? */
export function reaches(actor: Actor, permission: Permission, p: LifePlace, homes: readonly Home[]): boolean {
  if (can(actor, permission, placeScope(p))) return true;
  return homes.some((h) => h.communityId === p.communityId && (p.compoundId === null || p.compoundId === h.compoundId));
}

/** Is the actor a staff member (a non-household grant) with the permission here? */
export function staffReaches(actor: Actor, permission: Permission, p: LifePlace): boolean {
  return can(actor, permission, placeScope(p));
}

export interface PlaceColumns { community: Column; compound?: Column | SQL; company?: Column; city: Column | SQL; district: Column | SQL; street: Column | SQL }

/** WHERE condition of the records the actor reaches with `permission`: FALSE without a grant. */
export function reachCondition(actor: Actor, permission: Permission, homes: readonly Home[], cols: PlaceColumns): SQL {
  const general = scopeCondition(scopeFilter(actor, permission), {
    city: cols.city as Column, district: cols.district as Column, street: cols.street as Column, community: cols.community,
    ...(cols.compound ? { compound: cols.compound as Column } : {}), ...(cols.company ? { company: cols.company } : {}),
  });
  if (homes.length === 0) return general;
  const communities = [...new Set(homes.map((h) => h.communityId))];
  const compounds = [...new Set(homes.map((h) => h.compoundId))];
  const home = cols.compound ? and(inArray(cols.community, communities), or(isNull(cols.compound as Column), inArray(cols.compound as Column, compounds))) : inArray(cols.community, communities);
  return or(general, home)!;
}
