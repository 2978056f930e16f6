import { defineStateMachine } from '../../kernel/workflow.js';
import { VoteErrors } from './votes.errors.js';

/** A vote is drafted, opened (the electorate fixed) and closed (the tally final). */
export const voteMachine = defineStateMachine({
  name: 'vote',
  states: ['draft', 'open', 'closed'],
  actions: ['open', 'close'],
  actorKinds: ['manager'],
  transitions: {
    open: { draft: { to: 'open', by: ['manager'] } },
    close: { open: { to: 'closed', by: ['manager'] } },
  },
  errors: { illegal: VoteErrors.VOTE_ILLEGAL_TRANSITION, notAllowed: VoteErrors.VOTE_ACTOR_NOT_ALLOWED, stale: VoteErrors.VOTE_STALE },
});
