import { defineStateMachine } from '../../kernel/workflow.js';
import { MemberErrors } from './members.errors.js';
import { wishStates } from './members.schema.js';

/**
 * The 微心愿 machine as a table. Kinds: `staff` of the wish's community, `member` (an approved
 * member or volunteer of that community), `claimant` (the member holding the claim), `poster`
 * (who posted it: the resident, or staff on behalf of one), `system` (the stalled-claim job).
 */
export const wishMachine = defineStateMachine({
  name: 'wish',
  states: wishStates,
  actions: ['approve', 'reject', 'claim', 'release', 'expire', 'fulfil', 'decline', 'confirm'],
  actorKinds: ['staff', 'member', 'claimant', 'poster', 'system'],
  transitions: {
    approve: { review: { to: 'open', by: ['staff'] } },
    reject: { review: { to: 'rejected', by: ['staff'] } },
    claim: { open: { to: 'claimed', by: ['member'] } },
    release: { claimed: { to: 'open', by: ['claimant', 'staff'] } },
    expire: { claimed: { to: 'open', by: ['system'] } },
    fulfil: { claimed: { to: 'fulfilled', by: ['claimant'] } },
    decline: { fulfilled: { to: 'claimed', by: ['poster', 'staff'] } },
    confirm: { fulfilled: { to: 'confirmed', by: ['poster', 'staff'] } },
  },
  errors: { illegal: MemberErrors.WISH_ILLEGAL_STEP, notAllowed: MemberErrors.WISH_NOT_YOURS, stale: MemberErrors.WISH_STALE },
});

export type WishAction = (typeof wishMachine.definition.actions)[number];
export type WishActorKind = (typeof wishMachine.definition.actorKinds)[number];

/** States a wish is public in (residents of the compound and members of the community see it). */
export const publicWishStates = ['open', 'claimed', 'fulfilled', 'confirmed'] as const;

/** The registry machine: 报到 → approved (or refused); an active member leaves or transfers. */
export const memberMachine = defineStateMachine({
  name: 'member registration',
  states: ['pending', 'active', 'rejected', 'left', 'transferred'],
  actions: ['approve', 'reject', 'leave', 'transfer'],
  actorKinds: ['committee', 'self'],
  transitions: {
    approve: { pending: { to: 'active', by: ['committee'] } },
    reject: { pending: { to: 'rejected', by: ['committee'] } },
    leave: { active: { to: 'left', by: ['committee', 'self'] }, pending: { to: 'left', by: ['self'] } },
    transfer: { active: { to: 'transferred', by: ['committee'] } },
  },
  errors: { illegal: MemberErrors.MEMBER_ILLEGAL_STEP, notAllowed: MemberErrors.MEMBER_ILLEGAL_STEP, stale: MemberErrors.MEMBER_STALE },
});
