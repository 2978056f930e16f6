import { defineStateMachine } from '../../kernel/workflow.js';
import { ratingStates } from './ratings.schema.js';
import { RatingErrors } from './ratings.errors.js';

/**
 * A rating's steps and who takes them: the company (自评申报, answering a lowering), the party
 * committee of a served community (把关测评), the housing department (复核认定, 动态降级), and
 * the system (the last committee's assessment completes the round).
 */
export const ratingMachine = defineStateMachine({
  name: 'rating',
  states: ratingStates,
  actions: ['self_evaluate', 'assess', 'complete_assessment', 'certify', 'refuse', 'propose_lowering', 'answer', 'lower', 'revoke', 'withdraw_lowering'],
  actorKinds: ['company', 'committee', 'department', 'system'],
  transitions: {
    self_evaluate: { draft: { to: 'self_evaluated', by: ['company'] } },
    assess: { self_evaluated: { to: 'assessing', by: ['committee'] }, assessing: { to: 'assessing', by: ['committee'] } },
    complete_assessment: { assessing: { to: 'assessed', by: ['system'] } },
    certify: { assessed: { to: 'certified', by: ['department'] } },
    refuse: { assessed: { to: 'not_certified', by: ['department'] } },
    propose_lowering: { certified: { to: 'lowering', by: ['department'] } },
    answer: { lowering: { to: 'lowering', by: ['company'] } },
    lower: { lowering: { to: 'certified', by: ['department'] } },
    revoke: { lowering: { to: 'revoked', by: ['department'] } },
    withdraw_lowering: { lowering: { to: 'certified', by: ['department'] } },
  },
  errors: { illegal: RatingErrors.RATING_STEP_ILLEGAL, notAllowed: RatingErrors.RATING_STEP_NOT_ALLOWED, stale: RatingErrors.RATING_STALE },
});
export type RatingAction = (typeof ratingMachine.definition.actions)[number];
export type RatingActorKind = (typeof ratingMachine.definition.actorKinds)[number];
