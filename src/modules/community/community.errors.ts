import { defineErrorCodes } from '../../server/errors.js';

/** Error codes of the community-life module. */
export const CommunityErrors = defineErrorCodes({
  /** The room already has a live booking overlapping this slot (decided by the exclusion constraint). */
  COMMUNITY_SLOT_TAKEN: 409,
  /** The slot is outside the room's opening hours, in the past, or the room is closed. */
  COMMUNITY_SLOT_INVALID: 422,
  /** The booking is not in a state that allows this (already cancelled, released, checked in…). */
  COMMUNITY_BOOKING_STATE: 409,
  /** Check-in outside the window (15 minutes before the start to the end). */
  COMMUNITY_CHECKIN_WINDOW: 422,
  /** The activity is cancelled or over. */
  COMMUNITY_ACTIVITY_CLOSED: 409,
  /** The person is already signed up (or on the waiting list). */
  COMMUNITY_ALREADY_SIGNED_UP: 409,
  /** Not in the activity's audience (another compound, members only). */
  COMMUNITY_NOT_IN_AUDIENCE: 422,
  /** The scanned code is expired, forged, or for another activity or step. */
  COMMUNITY_CODE_INVALID: 422,
  /** Already checked in to this activity. */
  COMMUNITY_ALREADY_CHECKED_IN: 409,
  /** Check-out without a check-in, or twice. */
  COMMUNITY_NOT_CHECKED_IN: 409,
  /** A linked record (room, compound, person) is not of this community. */
  COMMUNITY_LINK_INVALID: 422,
  /** The reception slot is taken or outside the day. */
  COMMUNITY_RECEPTION_SLOT: 409,
  /** The matter already has a service request. */
  COMMUNITY_MATTER_FILED: 409,
  /** The sign-up is not in a state that allows this. */
  COMMUNITY_SIGNUP_STATE: 409,
});
