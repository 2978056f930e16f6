import { ReadCache, retireOnEvents } from '../../kernel/read-cache.js';
import type { EventBus } from '../../server/events.js';
import type { DetailParts, SummaryRow } from './requests.queries.js';

/**
 * What the queue page and the request detail read from the database, kept per process for a
 * few seconds: a community's dispatchers, its big screen and every staff member with the queue
 * open ask for the same page over and over, and each read costs 2–3 statements and 4–5 ms of
 * server CPU. Only the database's answer is kept — the rows before presentation — so everything
 * that depends on the viewer or on the clock is still decided on every request: visibility,
 * masking of names and phones, the abilities, and the SLA status against the current time.
 *
 * Every write to a request publishes a live event with its community (filing, each workflow
 * step, merges, the SLA sweep, auto-close); the event retires the community's pages and details
 * in every process — in the writing process before the write's own answer is sent (see
 * PostgresEventBus), elsewhere as NOTIFY arrives. `REQUESTS_CACHE_SECONDS` only bounds what no
 * request event announces: a renamed category, compound, company or person.
 */
export interface RequestReadCache {
  pages: ReadCache<{ rows: SummaryRow[]; total: number }>;
  details: ReadCache<{ row: SummaryRow; parts: DetailParts } | undefined>;
  /** A request's community, learnt on its first (uncached) detail read: it never changes, and it names the detail's tag. */
  communityOf(requestId: number): number | undefined;
  learnCommunity(requestId: number, communityId: number): void;
  close(): void;
}

const communitiesKept = 200_000;

export const communityTag = (communityId: number) => `community:${communityId}`;

export function createRequestReadCache(events: EventBus, ttlSeconds: number): RequestReadCache {
  // Bounded by count (a page of 20 rows is ~50 KB of heap, a detail ~5 KB): ~25 MB at most each.
  const pages = new ReadCache<{ rows: SummaryRow[]; total: number }>(ttlSeconds, 500);
  const details = new ReadCache<{ row: SummaryRow; parts: DetailParts } | undefined>(ttlSeconds, 5000);
  const communities = new Map<number, number>();
  const unsubscribe = retireOnEvents(events, (event) => {
    const communityId = event.payload.communityId;
    return event.topic.startsWith('request.') && typeof communityId === 'number' ? communityTag(communityId) : undefined;
  }, pages, details);
  return {
    pages, details, close: unsubscribe,
    communityOf: (requestId) => communities.get(requestId),
    learnCommunity: (requestId, communityId) => {
      if (communities.size >= communitiesKept) communities.clear();
      communities.set(requestId, communityId);
    },
  };
}
