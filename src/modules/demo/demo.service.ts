import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { DEMO_PASSWORD } from '../../db/demo/demo-city.js';
import { demoAccountList } from '../../db/demo/seed-accounts.js';
import { isDemoLoaded } from '../../db/demo/seed.js';
import { accounts, roleGrants, type Role } from '../accounts/accounts.schema.js';
import type { DemoAccountsDto } from './demo.dto.js';

/**
 * The demo accounts for the login page's quick-pick. Only when the demo city is in this
 * database: a real deployment never advertises accounts. Disabled accounts are left out.
 */
export async function listDemoAccounts(db: Db): Promise<DemoAccountsDto> {
  if (!(await isDemoLoaded(db))) return { enabled: false, password: null, accounts: [] };
  const list = demoAccountList();
  const usernames = list.map((a) => a.username);
  const rows = await db
    .select({ username: accounts.username, role: roleGrants.role })
    .from(accounts)
    .innerJoin(roleGrants, eq(roleGrants.accountId, accounts.id))
    .where(and(inArray(accounts.username, usernames), eq(accounts.disabled, false)));
  const rolesOf = new Map<string, Role[]>();
  for (const r of rows) rolesOf.set(r.username, [...(rolesOf.get(r.username) ?? []), r.role]);
  return {
    enabled: true,
    password: DEMO_PASSWORD,
    accounts: list
      .filter((a) => rolesOf.has(a.username))
      .map((a) => ({ username: a.username, description: a.description, roles: rolesOf.get(a.username)! })),
  };
}
