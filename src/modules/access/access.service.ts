import { notFound } from '../../server/errors.js';
import { can, type Actor, type Permission, type ResourceScope } from './access.policy.js';

/**
 * First line of every service method that touches one resource. Out of scope answers 404 —
 * the same as a missing row — so ids of other tenants cannot be probed.
 */
export function requireAccess(actor: Actor, permission: Permission, resource: ResourceScope | undefined | null, what = 'Resource'): asserts resource is ResourceScope {
  if (!resource || !can(actor, permission, resource)) throw notFound(what);
}
