import { and, eq, or, type SQL } from 'drizzle-orm';
import { can, grantCovers, grantsWith, scopeFilter, type Actor, type Grant, type Permission, type ResourceScope } from '../access/access.policy.js';
import { scopeCondition } from '../access/access.sql.js';
import type { ActorKind } from './requests.transitions.js';
import { serviceRequests } from './requests.schema.js';

/**
 * Who reaches a request. The general rule (a grant covers the request's place) holds for
 * residents (their household), community staff (their community), departments (their city);
 * orders reach property staff and local units through the assignee columns; a grid worker,
 * though granted on the whole community, reaches only the orders assigned to them.
 */
export interface RequestFacts {
  cityId: number;
  districtId: number;
  streetId: number;
  communityId: number;
  compoundId: number;
  householdId: number | null;
  reporterAccountId: number | null;
  assigneeKind: string | null;
  assigneeCompanyId: number | null;
  assigneeOrganisationId: number | null;
  assigneeAccountId: number | null;
}

/** The request as a policy resource: assignee company and unit stand for company/local-unit scope. */
export function requestScope(r: RequestFacts): ResourceScope {
  return {
    cityId: r.cityId, districtId: r.districtId, streetId: r.streetId, communityId: r.communityId, compoundId: r.compoundId,
    householdId: r.householdId, companyId: r.assigneeCompanyId, localUnitId: r.assigneeOrganisationId,
  };
}

function grantReaches(actor: Actor, g: Grant, r: RequestFacts): boolean {
  if (g.role === 'grid_worker') return r.assigneeAccountId === actor.accountId && grantCovers(g, requestScope(r));
  return grantCovers(g, requestScope(r));
}

/** May the actor use `permission` on this request? */
export function canOnRequest(actor: Actor, permission: Permission, r: RequestFacts): boolean {
  return grantsWith(actor, permission).some((g) => grantReaches(actor, g, r));
}

/** The community-side scope (dispatch, consult) ignores who the request is assigned to. */
const communitySide = (r: RequestFacts): ResourceScope => ({ cityId: r.cityId, districtId: r.districtId, streetId: r.streetId, communityId: r.communityId });

/** In which capacities the actor stands towards this request (for the transition table). */
export function actorKindsOn(actor: Actor, r: RequestFacts): ActorKind[] {
  const kinds: ActorKind[] = [];
  const household = r.householdId !== null && actor.grants.some((g) => g.role === 'resident' && g.scopeType === 'household' && g.scopeId === r.householdId);
  if ((r.reporterAccountId !== null && r.reporterAccountId === actor.accountId) || household) kinds.push('reporter');
  if (can(actor, 'requests:dispatch', communitySide(r))) kinds.push('dispatcher');
  if (isAssignee(actor, r)) kinds.push('assignee');
  if (can(actor, 'requests:consult', communitySide(r))) kinds.push('consultant');
  return kinds;
}

/** Is the actor (one of) the assignee(s) currently handling the request? */
export function isAssignee(actor: Actor, r: RequestFacts): boolean {
  return grantsWith(actor, 'requests:work').some((g) => {
    if (r.assigneeKind === 'property_company') return g.scopeType === 'company' && g.scopeId === r.assigneeCompanyId;
    if (r.assigneeKind === 'local_unit') return g.scopeType === 'local_unit' && g.scopeId === r.assigneeOrganisationId;
    if (r.assigneeKind === 'grid_worker') return g.role === 'grid_worker' && r.assigneeAccountId === actor.accountId;
    return g.scopeType === 'platform';
  });
}

/** Full reporter name/phone: the reporter, the assignee handling it, staff holding people:read_pii. */
export function seesReporterPii(actor: Actor, r: RequestFacts): boolean {
  return actor.accountId === r.reporterAccountId || isAssignee(actor, r) || can(actor, 'people:read_pii', communitySide(r));
}

/** The household: only its own members and staff holding people:read_pii. */
export function seesHousehold(actor: Actor, r: RequestFacts): boolean {
  return actor.accountId === r.reporterAccountId || can(actor, 'people:read_pii', { ...communitySide(r), householdId: r.householdId });
}

/** WHERE condition of the requests an actor may list. FALSE without any grant: never everything. */
export function requestListCondition(actor: Actor, permission: Permission = 'requests:read'): SQL {
  const t = serviceRequests;
  const general = scopeCondition(scopeFilter({ ...actor, grants: actor.grants.filter((g) => g.role !== 'grid_worker') }, permission), {
    household: t.householdId, compound: t.compoundId, community: t.communityId, company: t.assigneeCompanyId,
    local_unit: t.assigneeOrganisationId, street: t.streetId, district: t.districtId, city: t.cityId,
  });
  const grid = grantsWith(actor, permission).filter((g) => g.role === 'grid_worker' && g.scopeType === 'community');
  if (grid.length === 0) return general;
  const parts = grid.map((g) => and(eq(t.communityId, g.scopeId), eq(t.assigneeAccountId, actor.accountId))!);
  return or(general, ...parts)!;
}
