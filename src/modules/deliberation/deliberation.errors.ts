import { defineErrorCodes } from '../../server/errors.js';

/** Error codes of the deliberation module. */
export const DeliberationErrors = defineErrorCodes({
  DELIBERATION_PERIOD_CLOSED: 409,
  DELIBERATION_MINUTES_RECORDED: 409,
  DELIBERATION_NOT_HELD: 409,
  DELIBERATION_DECISION_DONE: 409,
  DELIBERATION_STALE: 409,
  DELIBERATION_TOPIC_INVALID: 422,
  DELIBERATION_PLACE_INVALID: 422,
  DELIBERATION_DUE_INVALID: 422,
});
