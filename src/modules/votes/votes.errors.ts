import { defineErrorCodes } from '../../server/errors.js';

/** Error codes of the owners' votes module. */
export const VoteErrors = defineErrorCodes({
  VOTE_ILLEGAL_TRANSITION: 409,
  VOTE_STALE: 409,
  VOTE_ACTOR_NOT_ALLOWED: 403,
  VOTE_NOT_OPEN: 409,
  VOTE_ALREADY_CAST: 409,
  VOTE_NOT_A_VOTER: 403,
  VOTE_VOTER_UNKNOWN: 422,
  VOTE_ANSWERS_INVALID: 422,
  VOTE_PHOTO_REQUIRED: 422,
  VOTE_PHOTO_INVALID: 415,
  VOTE_EMPTY_ELECTORATE: 422,
  VOTE_ENDS_INVALID: 422,
});
