import { defineErrorCodes } from '../../server/errors.js';

export const AccountErrors = defineErrorCodes({
  INVALID_CREDENTIALS: 401,
  LOGIN_RATE_LIMITED: 429,
});
