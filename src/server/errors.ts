/**
 * One error type for the whole app. Each module declares its codes with their HTTP status via
 * `defineErrorCodes`; the error handler maps a code to its status, so the mapping is exhaustive
 * by construction. A declared code is a branded string: `new AppError('SOMETHING', …)` with a
 * code nobody declared does not type-check, and a code declared twice with two statuses fails
 * at start-up.
 */
export type HttpStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

declare const declared: unique symbol;
/** An error code some module declared (only `defineErrorCodes` makes one). */
export type ErrorCode<K extends string = string> = K & { readonly [declared]: true };

const registry = new Map<string, HttpStatus>();

export function defineErrorCodes<const T extends Record<string, HttpStatus>>(codes: T): { [K in keyof T & string]: ErrorCode<K> } {
  const names = {} as Record<string, string>;
  for (const [code, status] of Object.entries(codes)) {
    const known = registry.get(code);
    if (known !== undefined && known !== status) throw new Error(`error code ${code} declared twice`);
    registry.set(code, status);
    names[code] = code;
  }
  return names as { [K in keyof T & string]: ErrorCode<K> };
}

export function statusOfCode(code: string): HttpStatus {
  return registry.get(code) ?? 500;
}

/** Codes every module may use. */
export const CommonErrors = defineErrorCodes({
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
});

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details ?? null;
  }
  get status(): HttpStatus {
    return statusOfCode(this.code);
  }
}

/** The resource does not exist *for this actor*: another tenant's row looks exactly like a missing one. */
export function notFound(what: string, id?: unknown): AppError {
  return new AppError(CommonErrors.NOT_FOUND, `${what} not found`, id === undefined ? null : { id });
}

export function forbidden(message = 'You are not allowed to do this'): AppError {
  return new AppError(CommonErrors.FORBIDDEN, message);
}

export function conflict(message: string, details?: unknown): AppError {
  return new AppError(CommonErrors.CONFLICT, message, details);
}
