import { defineErrorCodes } from '../server/errors.js';

/** Error codes of the kernel's helpers, shared by every module. */
export const KernelErrors = defineErrorCodes({
  /** A workflow step found the row moved by someone else since it was read. */
  STALE: 409,
  /** The state machine has no such move from the current state. */
  ILLEGAL_TRANSITION: 409,
  /** The move exists, but not for this actor. */
  ACTOR_NOT_ALLOWED: 403,
  IDEMPOTENCY_KEY_REUSED: 422,
  UPLOAD_INVALID_TYPE: 415,
  UPLOAD_TOO_LARGE: 413,
  UPLOAD_TOO_MANY: 413,
  UPLOAD_EMPTY: 422,
});
