import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import type { RequestState } from '../../shared/request-states.js';
import { requestEvents } from './requests.schema.js';

/** One immutable timeline entry (the table refuses UPDATE and DELETE). */
export interface TimelineInput {
  communityId: number;
  requestId: number;
  at: Date;
  actor: Actor | null;
  actorRole?: string | null;
  action: string;
  fromState?: RequestState | null;
  toState?: RequestState | null;
  note?: string | null;
  attachmentIds?: number[];
  data?: Record<string, unknown>;
}

/** The role an actor acts in, for the timeline ("who"): the first grant's role is their main hat. */
export function roleOf(actor: Actor | null, preferred?: string): string | null {
  if (!actor) return null;
  if (preferred && actor.grants.some((g) => g.role === preferred)) return preferred;
  return actor.grants[0]?.role ?? null;
}

export async function appendTimeline(tx: DbOrTx, entries: TimelineInput[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(requestEvents).values(entries.map((e) => ({
    communityId: e.communityId, requestId: e.requestId, at: e.at, actorAccountId: e.actor?.accountId ?? null,
    actorRole: e.actorRole ?? roleOf(e.actor), action: e.action, fromState: e.fromState ?? null, toState: e.toState ?? null,
    note: e.note ?? null, attachmentIds: e.attachmentIds ?? [], data: e.data ?? {},
  })));
}
