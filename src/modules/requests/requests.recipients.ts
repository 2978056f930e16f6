import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accounts, roleGrants } from '../accounts/accounts.schema.js';
import { serviceRequests } from './requests.schema.js';

type Row = Pick<typeof serviceRequests.$inferSelect, 'id' | 'communityId' | 'reporterAccountId' | 'assigneeKind' | 'assigneeCompanyId' | 'assigneeOrganisationId' | 'assigneeAccountId'>;

async function grantHolders(db: DbOrTx, where: ReturnType<typeof and>): Promise<number[]> {
  const rows = await db.selectDistinct({ id: roleGrants.accountId }).from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .where(and(where, eq(accounts.disabled, false)));
  return rows.map((r) => r.id);
}

/** Community staff and party committee members who dispatch in this community. */
export function dispatchersOf(db: DbOrTx, communityId: number): Promise<number[]> {
  return grantHolders(db, and(eq(roleGrants.scopeType, 'community'), eq(roleGrants.scopeId, communityId), inArray(roleGrants.role, ['community_staff', 'party_committee'])));
}

/** The people who handle the request for its assignee. */
export async function assigneesOf(db: DbOrTx, r: Row): Promise<number[]> {
  if (r.assigneeKind === 'property_company' && r.assigneeCompanyId) {
    return grantHolders(db, and(eq(roleGrants.role, 'property_staff'), eq(roleGrants.scopeType, 'company'), eq(roleGrants.scopeId, r.assigneeCompanyId)));
  }
  if (r.assigneeKind === 'local_unit' && r.assigneeOrganisationId) {
    return grantHolders(db, and(eq(roleGrants.role, 'local_unit_staff'), eq(roleGrants.scopeType, 'local_unit'), eq(roleGrants.scopeId, r.assigneeOrganisationId)));
  }
  return r.assigneeAccountId ? [r.assigneeAccountId] : [];
}

/** Reporters of the requests merged into this one: they follow every step of it. */
export async function followersOf(db: DbOrTx, requestId: number): Promise<number[]> {
  const rows = await db.select({ id: serviceRequests.reporterAccountId }).from(serviceRequests)
    .where(and(eq(serviceRequests.masterRequestId, requestId), isNotNull(serviceRequests.reporterAccountId)));
  return rows.map((r) => r.id!);
}

export type Audience = 'reporter' | 'assignee' | 'dispatchers' | 'followers';

/** Account ids of the chosen audiences, without the actor who caused the step. */
export async function audienceOf(db: DbOrTx, r: Row, audiences: Audience[], exceptAccountId: number | null): Promise<number[]> {
  const ids = new Set<number>();
  for (const a of audiences) {
    const found = a === 'reporter' ? (r.reporterAccountId ? [r.reporterAccountId] : [])
      : a === 'assignee' ? await assigneesOf(db, r)
      : a === 'dispatchers' ? await dispatchersOf(db, r.communityId)
      : await followersOf(db, r.id);
    for (const id of found) ids.add(id);
  }
  if (exceptAccountId !== null) ids.delete(exceptAccountId);
  return [...ids];
}

