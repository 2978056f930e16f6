import { defineErrorCodes } from '../../server/errors.js';

/**
 * Error codes of the Open311 module. Inside `/open311` the plugin's own handler turns every
 * error into the GeoReport v2 list `[{code, description}]` with HTTP 400, 403 or 404 (the only
 * statuses the spec knows); the admin key routes use the app's usual error body.
 */
export const Open311Errors = defineErrorCodes({
  OPEN311_JURISDICTION_REQUIRED: 400,
  OPEN311_JURISDICTION_NOT_FOUND: 404,
  OPEN311_API_KEY_INVALID: 403,
  OPEN311_OUTSIDE_KEY_SCOPE: 403,
  OPEN311_SERVICE_CODE_REQUIRED: 400,
  OPEN311_SERVICE_NOT_FOUND: 404,
  OPEN311_REQUEST_NOT_FOUND: 404,
  OPEN311_LOCATION_REQUIRED: 400,
  OPEN311_LOCATION_UNMATCHED: 400,
  OPEN311_BAD_PARAMETER: 400,
  OPEN311_KEY_SCOPE_INVALID: 422,
});
