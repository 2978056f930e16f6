import type { Actor } from '../access/access.policy.js';
import type { Badge } from './members.badges.js';
import type { WishDto } from './members.dto.js';
import type { wishes, wishEvents } from './members.schema.js';
import { wishMachine, type WishActorKind } from './wishes.machine.js';

type WishRow = typeof wishes.$inferSelect;
type EventRow = typeof wishEvents.$inferSelect;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A wish as the API shows it: public text, the claimant's badge (亮身份), never the poster's name or phone. */
export function presentWish(w: WishRow, o: { actor: Actor; kinds: WishActorKind[]; badges: Map<number, Badge>; compoundName: string; today: string }): WishDto {
  return {
    id: w.id, communityId: w.communityId, compoundId: w.compoundId, compoundName: o.compoundName,
    title: w.title, body: w.body, forWhom: w.forWhom, dueOn: w.dueOn, estimatedMinutes: w.estimatedMinutes,
    state: w.state, onBehalf: w.onBehalf, postedByMe: w.postedByAccountId === o.actor.accountId,
    claimant: w.claimantMemberId ? o.badges.get(w.claimantMemberId) ?? null : null,
    claimedByMe: w.claimantPersonId === o.actor.personId,
    claimedAt: iso(w.claimedAt), claimDeadline: iso(w.claimDeadline), fulfilledAt: iso(w.fulfilledAt), fulfilNote: w.fulfilNote,
    serviceMinutes: w.serviceMinutes, photoUrl: w.photoKey ? `/api/wishes/${w.id}/photo` : null,
    confirmedAt: iso(w.confirmedAt), thanks: w.thanks, declineReason: w.declineReason,
    reviewNote: o.kinds.includes('staff') || o.kinds.includes('poster') ? w.reviewNote : null,
    nearDue: w.state === 'open' && w.dueOn <= addDays(o.today, 3),
    createdAt: w.createdAt.toISOString(),
    abilities: wishMachine.abilities(w.state, o.kinds),
  };
}

/** Timeline rows without account ids: who acted is shown by the hat they wore. */
export function presentTimeline(rows: Pick<EventRow, 'at' | 'action' | 'fromState' | 'toState' | 'actorRole' | 'note'>[]) {
  return rows.map((e) => ({ at: e.at.toISOString(), action: e.action, fromState: e.fromState, toState: e.toState, actorRole: e.actorRole, note: e.note }));
}
