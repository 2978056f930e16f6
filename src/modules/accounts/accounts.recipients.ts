import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { registry } from '../../kernel/registry.js';
import type { Permission, ResourceScope } from '../access/access.policy.js';
import { accounts, roleGrants, type ScopeType } from './accounts.schema.js';

const scopeKeys: [Exclude<ScopeType, 'platform'>, keyof ResourceScope][] = [
  ['household', 'householdId'], ['compound', 'compoundId'], ['community', 'communityId'], ['company', 'companyId'],
  ['local_unit', 'localUnitId'], ['street', 'streetId'], ['district', 'districtId'], ['city', 'cityId'],
];

/**
 * The accounts that hold `permission` on a resource sitting at `scope`: who a notification goes
 * to. Found by permission and scope — the same rule as can() — never by role names, so a module
 * that gives a permission to one more role reaches that role's holders too. Disabled accounts are
 * left out, and so is the platform administrator (who holds everything but runs nothing day to day).
 */
export async function accountsWith(db: DbOrTx, permission: Permission, scope: ResourceScope): Promise<number[]> {
  const r = registry();
  const roles = (r.permissionRoles.get(permission) ?? []).filter((role) => !r.modules.some((m) => m.roles?.[role]?.allPermissions));
  if (!r.permissionRoles.has(permission)) throw new Error(`undeclared permission ${permission}`);
  const places: SQL[] = [];
  for (const [type, key] of scopeKeys) {
    const id = scope[key];
    if (id !== undefined && id !== null) places.push(and(eq(roleGrants.scopeType, type), eq(roleGrants.scopeId, id))!);
  }
  if (roles.length === 0 || places.length === 0) return [];
  const rows = await db.selectDistinct({ id: roleGrants.accountId }).from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .where(and(inArray(roleGrants.role, roles), or(...places), eq(accounts.disabled, sql`false`)));
  return rows.map((row) => row.id);
}
