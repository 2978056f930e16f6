import { defineErrorCodes } from '../../server/errors.js';

/** Error codes of the members and 微心愿 module. */
export const MemberErrors = defineErrorCodes({
  /** Someone else claimed the wish first (the conditional UPDATE decided). */
  WISH_ALREADY_CLAIMED: 409,
  /** A wish step is not possible from its state. */
  WISH_ILLEGAL_STEP: 409,
  /** The actor is not the one who may take this step (not the claimant, not the poster). */
  WISH_NOT_YOURS: 403,
  /** The wish changed under a concurrent step; reload. */
  WISH_STALE: 409,
  /** Only an approved member or volunteer of the wish's community may claim it. */
  WISH_NOT_A_MEMBER: 403,
  /** The compound is not one the actor may post a wish for. */
  WISH_COMPOUND_INVALID: 422,
  /** The fulfilment photo is not an image, or too large. */
  WISH_PHOTO_INVALID: 422,
  /** A fulfilment needs a photo. */
  WISH_PHOTO_REQUIRED: 422,
  /** The person already has an open (pending or active) registration in this community. */
  MEMBER_ALREADY_REGISTERED: 409,
  /** A registry step is not possible from the registration's state. */
  MEMBER_ILLEGAL_STEP: 409,
  /** The registry row changed under a concurrent step. */
  MEMBER_STALE: 409,
  /** The actor may only register in a community they live in (or serve as staff). */
  MEMBER_COMMUNITY_INVALID: 422,
  /** A linked record (compound, member, team leader) is not of this community. */
  MEMBER_LINK_INVALID: 422,
  /** The 三岗 post has already ended (on or before that day). */
  MEMBER_POST_ENDED: 409,
  /** A team's leader is not removed from it; choose another leader first. */
  MEMBER_TEAM_LEADER: 409,
  /** The honour-roll period is not 2026 or 2026Q3, or has not started. */
  HONOUR_PERIOD_INVALID: 422,
});
