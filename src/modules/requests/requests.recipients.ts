import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accountsWith } from '../accounts/accounts.recipients.js';
import { serviceRequests } from './requests.schema.js';

type Row = Pick<typeof serviceRequests.$inferSelect, 'id' | 'communityId' | 'reporterAccountId' | 'assigneeKind' | 'assigneeCompanyId' | 'assigneeOrganisationId' | 'assigneeAccountId'>;

/** Whoever dispatches in this community (requests:dispatch on it). */
export function dispatchersOf(db: DbOrTx, communityId: number): Promise<number[]> {
  return accountsWith(db, 'requests:dispatch', { communityId });
}

/** The people who handle the request for its assignee (requests:work on its company or unit), or the assigned grid worker. */
export async function assigneesOf(db: DbOrTx, r: Row): Promise<number[]> {
  if (r.assigneeKind === 'property_company' && r.assigneeCompanyId) return accountsWith(db, 'requests:work', { companyId: r.assigneeCompanyId });
  if (r.assigneeKind === 'local_unit' && r.assigneeOrganisationId) return accountsWith(db, 'requests:work', { localUnitId: r.assigneeOrganisationId });
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
