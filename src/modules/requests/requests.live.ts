import { eq } from 'drizzle-orm';
import { publishLive } from '../../kernel/live.js';
import type { AppContext } from '../../server/context.js';
import type { LiveEvent } from '../../server/events.js';
import type { Actor } from '../access/access.policy.js';
import { redactPublicText } from '../open311/open311.privacy.js';
import { compounds } from '../places/places.schema.js';
import { canOnRequest, type RequestFacts } from './requests.policy.js';
import type { serviceRequests } from './requests.schema.js';

/** Length of the description a live pop-up shows (characters). */
export const LIVE_DESCRIPTION_MAX = 60;

type RequestRow = Pick<typeof serviceRequests.$inferSelect, 'id' | 'communityId' | 'compoundId' | 'state' | 'assigneeKind' | 'assigneeCompanyId' | 'assigneeOrganisationId' | 'assigneeAccountId' | 'reporterAccountId' | 'householdId' | 'cityId' | 'districtId' | 'streetId' | 'categoryId' | 'version'>;

/** The request's facts as the event's scope: what `requestEventVisibleTo` checks with the request policy. */
function scopeOf(row: RequestRow): RequestFacts & Record<string, unknown> {
  return {
    cityId: row.cityId, districtId: row.districtId, streetId: row.streetId, communityId: row.communityId, compoundId: row.compoundId,
    householdId: row.householdId, reporterAccountId: row.reporterAccountId, assigneeKind: row.assigneeKind,
    assigneeCompanyId: row.assigneeCompanyId, assigneeOrganisationId: row.assigneeOrganisationId, assigneeAccountId: row.assigneeAccountId,
  };
}

/** Who receives a request event: whoever could read the request (the request policy), plus the accounts it is addressed to. */
export function requestEventVisibleTo(actor: Actor, event: LiveEvent): boolean {
  return !!event.scope && canOnRequest(actor, 'requests:read', event.scope as unknown as RequestFacts);
}

/**
 * Publishes a live event about a request after its transaction committed; the reporter and an
 * assigned grid worker are addressed by account, everyone else is decided by the request policy.
 */
export async function publishRequestEvent(ctx: AppContext, topic: 'request.created' | 'request.updated', row: RequestRow, extra: Record<string, unknown> = {}): Promise<void> {
  await publishLive(ctx, {
    topic,
    scope: scopeOf(row),
    accountIds: [row.reporterAccountId, row.assigneeAccountId].filter((x): x is number => x !== null),
    payload: {
      requestId: row.id, communityId: row.communityId, cityId: row.cityId, compoundId: row.compoundId, householdId: row.householdId,
      state: row.state, categoryId: row.categoryId, version: row.version, assigneeAccountId: row.assigneeAccountId, ...extra,
    },
  });
}

/**
 * The first words of a description for a pop-up: without the reporter's name or phone, nor
 * anything shaped like a phone, ID or door number, cut to 60 characters. Short on purpose: a
 * NOTIFY payload must stay under 8000 bytes, and the pop-up is a teaser, not the record.
 */
export function liveDescription(description: string, known: readonly (string | null)[]): string {
  const text = redactPublicText(description, known).replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length <= LIVE_DESCRIPTION_MAX ? text : `${chars.slice(0, LIVE_DESCRIPTION_MAX - 1).join('')}…`;
}

type CreatedRow = RequestRow & Pick<typeof serviceRequests.$inferSelect, 'description' | 'reporterName' | 'reporterPhone' | 'priority'>;

/** `request.created` with what the dispatcher's pop-up shows: category, compound, a short description. */
export async function publishRequestCreated(ctx: AppContext, row: CreatedRow, categoryName: string, knownCompoundName?: string): Promise<void> {
  // A resident's filing already read the compound's name; others look it up here.
  let compoundName: string | null = knownCompoundName ?? null;
  if (knownCompoundName === undefined) {
    try {
      const [c] = await ctx.db.select({ name: compounds.name }).from(compounds).where(eq(compounds.id, row.compoundId));
      compoundName = c?.name ?? null;
    } catch {
      /* best effort, like the event itself */
    }
  }
  await publishRequestEvent(ctx, 'request.created', row, {
    categoryName, compoundName, priority: row.priority, description: liveDescription(row.description, [row.reporterName, row.reporterPhone]),
  });
}
