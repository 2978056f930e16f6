import { can, type Actor, type ResourceScope } from '../access/access.policy.js';

/*
 * Who may collect and manage a compound's fees: the property company that serves it, or — for
 * a self-governed compound (三无小区) — its owners' committee. By permission, never by role name:
 * `fees:collect` on a served compound, `fees:self_collect` on a self-governed one.
 */
export function collectPermission(selfGoverned: boolean): 'fees:collect' | 'fees:self_collect' {
  return selfGoverned ? 'fees:self_collect' : 'fees:collect';
}

export function mayCollect(actor: Actor, scope: ResourceScope, selfGoverned: boolean): boolean {
  return can(actor, collectPermission(selfGoverned), scope);
}

/** Residents pay their own household's bills online; collectors take cash and transfers at the office. */
export function mayPayOnline(actor: Actor, scope: ResourceScope & { householdId: number }): boolean {
  return actor.grants.some((g) => g.scopeType === 'household' && g.scopeId === scope.householdId) && can(actor, 'fees:pay', scope);
}
