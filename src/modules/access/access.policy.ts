import type { Role, ScopeType } from '../accounts/accounts.schema.js';

/**
 * The one policy layer. Pure functions of (actor, permission, resource): no database, no I/O,
 * so every rule is unit-tested on its own. Routes declare the permission they need; services
 * check the specific resource with `requireAccess` before touching it.
 */

export const permissions = [
  'places:read',
  'households:read',
  'people:read_pii',
  'requests:create',
  'requests:read',
  'requests:dispatch',
  'requests:work',
  'requests:rate',
  'requests:consult',
  'requests:configure',
  'figures:read',
  'notifications:read',
  'open311:manage',
  'accounts:manage',
] as const;
export type Permission = (typeof permissions)[number];

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

export const rolePermissions: Record<Role, readonly Permission[]> = {
  resident: ['places:read', 'requests:create', 'requests:read', 'requests:rate', 'notifications:read'],
  party_member: ['notifications:read'],
  property_staff: ['places:read', 'requests:read', 'requests:work', 'figures:read', 'notifications:read'],
  community_staff: [
    'places:read', 'households:read', 'people:read_pii', 'requests:read', 'requests:dispatch',
    'requests:consult', 'figures:read', 'notifications:read',
  ],
  party_committee: [
    'places:read', 'households:read', 'people:read_pii', 'requests:read', 'requests:dispatch',
    'requests:consult', 'figures:read', 'notifications:read',
  ],
  owners_committee: ['places:read', 'requests:read', 'requests:consult', 'figures:read', 'notifications:read'],
  grid_worker: ['places:read', 'households:read', 'requests:read', 'requests:work', 'notifications:read'],
  local_unit_staff: ['requests:read', 'requests:work', 'notifications:read'],
  dept_staff: ['places:read', 'households:read', 'requests:read', 'requests:configure', 'figures:read', 'notifications:read'],
  platform_admin: [...permissions],
};

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

export function roleHas(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
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
