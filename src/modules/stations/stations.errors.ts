import { defineErrorCodes } from '../../server/errors.js';

/** Error codes of the emergency-station module. */
export const StationErrors = defineErrorCodes({
  /** A check-out asked for more than is on hand (decided by the conditional UPDATE). */
  STATION_STOCK_INSUFFICIENT: 409,
  /** The check-out is already returned or was used up. */
  STATION_CHECKOUT_SETTLED: 409,
  /** A return of more than is still out. */
  STATION_RETURN_TOO_MANY: 422,
  /** A roll call is still open for this station. */
  STATION_ROLL_CALL_OPEN: 409,
  /** This holder already answered this roll call. */
  STATION_ROLL_CALL_ANSWERED: 409,
  /** The station has no active key holder to call. */
  STATION_NO_KEY_HOLDERS: 422,
  /** A linked record (incident, drill, team member, coverage, compound, account) is not of this station or community. */
  STATION_LINK_INVALID: 422,
  /** Opening hours are incomplete or not HH:MM. */
  STATION_HOURS_INVALID: 422,
  /** The incident is already closed. */
  STATION_INCIDENT_CLOSED: 409,
  /** A stocktake counted the same as on hand, or a restock of zero. */
  STATION_NOTHING_TO_RECORD: 422,
});
