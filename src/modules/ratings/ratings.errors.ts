import { defineErrorCodes } from '../../server/errors.js';

/** Error codes of the star-rating module. */
export const RatingErrors = defineErrorCodes({
  /** The city already has a cycle for that year. */
  RATING_CYCLE_EXISTS: 409,
  /** The company already has a rating in this cycle. */
  RATING_EXISTS: 409,
  /** This community's committee already assessed the rating. */
  RATING_ALREADY_ASSESSED: 409,
  /** A score sheet misses criteria, names unknown ones or exceeds a criterion's points. */
  RATING_SHEET_INVALID: 422,
  /** The cycle's window is invalid (months out of order, apply-by after valid-until). */
  RATING_CYCLE_INVALID: 422,
  /** The cycle no longer accepts applications or self-evaluations. */
  RATING_CYCLE_CLOSED: 409,
  /** The company serves no compound in the cycle's city: no committee could assess it. */
  RATING_NO_COMMUNITIES: 422,
  /** A step out of order (the state machine's answer). */
  RATING_STEP_ILLEGAL: 409,
  /** The actor's role may not take this step. */
  RATING_STEP_NOT_ALLOWED: 403,
  /** Someone else moved the rating just now. */
  RATING_STALE: 409,
  /** A company may not assess itself; a committee only companies serving its communities. */
  RATING_ASSESSOR_INVALID: 403,
  /** A lowering must lower: the proposed level is not under the current one. */
  RATING_LOWERING_INVALID: 422,
  /** The company's answer is still awaited (and not yet due). */
  RATING_ANSWER_PENDING: 409,
  /** No certificate: the rating is not certified (or was revoked). */
  RATING_NOT_CERTIFIED: 409,
  /** Evidence must be an https link or a platform path. */
  RATING_EVIDENCE_INVALID: 422,
});
