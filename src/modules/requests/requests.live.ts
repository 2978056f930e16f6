import type { AppContext } from '../../server/context.js';
import type { serviceRequests } from './requests.schema.js';

type RequestRow = Pick<typeof serviceRequests.$inferSelect, 'id' | 'communityId' | 'compoundId' | 'state' | 'assigneeCompanyId' | 'assigneeOrganisationId' | 'assigneeAccountId' | 'reporterAccountId' | 'householdId' | 'cityId' | 'categoryId' | 'version'>;

/**
 * Publishes a live event about a request after its transaction committed. The routing keys let
 * the SSE stream forward it only to actors who may see the request; a failure to publish never
 * fails the write that already happened.
 */
export async function publishRequestEvent(ctx: AppContext, topic: 'request.created' | 'request.updated', row: RequestRow, extra: Record<string, unknown> = {}): Promise<void> {
  try {
    await ctx.events.publish({
      topic,
      communityId: row.communityId,
      companyId: row.assigneeCompanyId,
      organisationId: row.assigneeOrganisationId,
      accountIds: [row.reporterAccountId, row.assigneeAccountId].filter((x): x is number => x !== null),
      payload: {
        requestId: row.id, communityId: row.communityId, cityId: row.cityId, compoundId: row.compoundId, householdId: row.householdId,
        state: row.state, categoryId: row.categoryId, version: row.version, assigneeAccountId: row.assigneeAccountId, ...extra,
      },
    });
  } catch {
    /* live updates are best effort: the list is still right on the next load */
  }
}
