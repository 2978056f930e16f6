import { defineErrorCodes } from '../../server/errors.js';

export const DashboardErrors = defineErrorCodes({
  /** `from` is after `to`, or the window is longer than 60 months. */
  DASHBOARD_RANGE_INVALID: 400,
  /** No metric, breakdown or calendar of that id in the registry. */
  DASHBOARD_METRIC_UNKNOWN: 400,
});
