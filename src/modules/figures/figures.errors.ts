import { defineErrorCodes } from '../../server/errors.js';

export const FiguresErrors = defineErrorCodes({
  /** Figures need exactly one of communityId, companyId, streetId, districtId, cityId. */
  FIGURES_SCOPE_REQUIRED: 400,
  /** `from` is after `to`. */
  FIGURES_RANGE_INVALID: 400,
});
