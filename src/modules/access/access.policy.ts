import { registry } from '../../kernel/registry.js';
import type { Role, ScopeType } from '../accounts/accounts.schema.js';

/**
 * The one policy layer. Pure functions of (actor, permission, resource): no database, no I/O,
 * so every rule is unit-tested on its own. Routes declare the permission they need; services
 * check the specific resource with `requireAccess` before touching it.
 */

/** A permission is "area:action" (`requests:dispatch`), declared by the module that owns the area. */
export type Permission = string;

export interface Grant {
  role: Role;
  scopeType: ScopeType;
  scopeId: number;
  organisationId: number | null;
}

export interface Actor {
  accountId: number;
  personId: number;
  username: string;
  name: string;
  cityId: number;
  grants: Grant[];
}

/** Where a resource sits. A grant covers it when the key of the grant's scope type matches. */
export interface ResourceScope {
  cityId?: number | null;
  districtId?: number | null;
  streetId?: number | null;
  communityId?: number | null;
  compoundId?: number | null;
  companyId?: number | null;
  localUnitId?: number | null;
  householdId?: number | null;
}

const scopeKey: Record<Exclude<ScopeType, 'platform'>, keyof ResourceScope> = {
  household: 'householdId',
  compound: 'compoundId',
  community: 'communityId',
  company: 'companyId',
  local_unit: 'localUnitId',
  street: 'streetId',
  district: 'districtId',
  city: 'cityId',
};

export function grantCovers(grant: Grant, resource: ResourceScope): boolean {
  if (grant.scopeType === 'platform') return true;
  const value = resource[scopeKey[grant.scopeType]];
  return value !== undefined && value !== null && value === grant.scopeId;
}

/**
 * Does the role hold the permission? The table comes from the registered modules' manifests. An
 * undeclared permission is a programming error (a typo would otherwise deny everyone quietly).
 */
export function roleHas(role: Role, permission: Permission): boolean {
  const r = registry();
  if (!r.permissionRoles.has(permission)) throw new Error(`undeclared permission ${permission}`);
  return r.rolePermissions.get(role)?.has(permission) ?? false;
}

/** Every permission the actor holds somewhere (for the UI and /api/auth/me). */
export function permissionsOf(actor: Actor): string[] {
  const r = registry();
  return [...new Set(actor.grants.flatMap((g) => [...(r.rolePermissions.get(g.role) ?? [])]))].sort();
}

/** Grants of the actor that carry the permission, whatever their scope. */
export function grantsWith(actor: Actor, permission: Permission): Grant[] {
  return actor.grants.filter((g) => roleHas(g.role, permission));
}

/** May the actor do `permission` somewhere at all? (route-level check) */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return grantsWith(actor, permission).length > 0;
}

/** May the actor do `permission` on this resource? (service-level check) */
export function can(actor: Actor, permission: Permission, resource: ResourceScope): boolean {
  return grantsWith(actor, permission).some((g) => grantCovers(g, resource));
}

/** The ids per scope type over which the actor holds a permission: what list queries filter by. */
export interface ScopeFilter {
  all: boolean;
  ids: Partial<Record<Exclude<ScopeType, 'platform'>, number[]>>;
}

export function scopeFilter(actor: Actor, permission: Permission): ScopeFilter {
  const filter: ScopeFilter = { all: false, ids: {} };
  for (const g of grantsWith(actor, permission)) {
    if (g.scopeType === 'platform') {
      filter.all = true;
      continue;
    }
    // Each id once: two roles on one community gave `community_id IN (7, 7)`, an array condition
    // PostgreSQL cannot merge with a list filter's `community_id = 7`, so it multiplied their
    // selectivities and planned for ~1 row. A single id is plain `= 7`, the filter's own condition.
    const ids = (filter.ids[g.scopeType] ??= []);
    if (!ids.includes(g.scopeId)) ids.push(g.scopeId);
  }
  return filter;
}

export function isEmptyFilter(filter: ScopeFilter): boolean {
  return !filter.all && Object.values(filter.ids).every((ids) => !ids || ids.length === 0);
}

/** Abilities map for the UI: which of these permissions does the actor hold on the resource. */
export function abilitiesFor<P extends Permission>(actor: Actor, list: readonly P[], resource: ResourceScope): Record<P, boolean> {
  return Object.fromEntries(list.map((p) => [p, can(actor, p, resource)])) as Record<P, boolean>;
}
