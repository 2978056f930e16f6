import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, CommonErrors, statusOfCode } from '../errors.js';

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

export function errorBody(code: string, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } };
}

/** Postgres SQLSTATEs that mean "your input", not "our bug". */
const pgClientErrors: Record<string, { code: string; message: string }> = {
  '23505': { code: CommonErrors.CONFLICT, message: 'This conflicts with an existing record' },
  '23503': { code: CommonErrors.UNPROCESSABLE, message: 'A referenced record does not exist' },
  '23514': { code: CommonErrors.UNPROCESSABLE, message: 'A value breaks a rule of the data' },
  // The input classes: a validator should have refused these, and this is the last line of defence.
  '22P02': { code: CommonErrors.VALIDATION_FAILED, message: 'A value has the wrong format' },
  '22003': { code: CommonErrors.VALIDATION_FAILED, message: 'A number is out of range' },
  '22001': { code: CommonErrors.VALIDATION_FAILED, message: 'A value is too long' },
  '22007': { code: CommonErrors.VALIDATION_FAILED, message: 'A date or time has the wrong format' },
  '22008': { code: CommonErrors.VALIDATION_FAILED, message: 'A date or time is out of range' },
  '22021': { code: CommonErrors.VALIDATION_FAILED, message: 'Text contains a character the database cannot store' },
  '22023': { code: CommonErrors.VALIDATION_FAILED, message: 'A value is not valid here' },
  '22025': { code: CommonErrors.VALIDATION_FAILED, message: 'A search pattern is malformed' },
  '2201W': { code: CommonErrors.VALIDATION_FAILED, message: 'A page size is out of range' },
  '2201X': { code: CommonErrors.VALIDATION_FAILED, message: 'A page offset is out of range' },
  '54000': { code: CommonErrors.VALIDATION_FAILED, message: 'A value is too large or too deeply nested' },
  '40001': { code: CommonErrors.CONFLICT, message: 'Concurrent update; please retry' },
  '40P01': { code: CommonErrors.CONFLICT, message: 'Concurrent update; please retry' },
  P0001: { code: CommonErrors.CONFLICT, message: 'This record cannot be changed' },
};

function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** One handler maps every error to `{"error":{code,message,details}}` and its status. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      const retry = (err.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
      if (err.status === 429 && typeof retry === 'number') reply.header('retry-after', String(retry));
      return reply.code(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`,
        message: v.message,
      }));
      return reply.code(400).send(errorBody(CommonErrors.VALIDATION_FAILED, `Invalid ${err.validationContext ?? 'input'}: ${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`.trim(), { issues }));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response did not match its schema');
      return reply.code(500).send(errorBody(CommonErrors.INTERNAL, 'Internal error'));
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_FILES_LIMIT' || fe.code === 'FST_PARTS_LIMIT') {
      return reply.code(413).send(errorBody(CommonErrors.PAYLOAD_TOO_LARGE, 'The request body is too large'));
    }
    if (fe.statusCode === 415) {
      return reply.code(415).send(errorBody(CommonErrors.UNSUPPORTED_MEDIA_TYPE, fe.message));
    }
    if (fe.statusCode === 429) {
      return reply.code(429).send(errorBody(CommonErrors.RATE_LIMITED, fe.message));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.code(400).send(errorBody(CommonErrors.MALFORMED_REQUEST, fe.message));
    }
    const sqlState = pgCode(err);
    const mapped = sqlState ? pgClientErrors[sqlState] : undefined;
    if (mapped) {
      request.log.warn({ err, sqlState }, 'database refused the input');
      return reply.code(statusOfCode(mapped.code)).send(errorBody(mapped.code, mapped.message));
    }
    // The log line carries the request id (pino's reqId), which the answer repeats for support.
    request.log.error({ err, requestId: request.id }, 'unhandled error');
    return reply.code(500).send(errorBody(CommonErrors.INTERNAL, 'Internal error', { requestId: request.id }));
  });
}

/**
 * Errors Fastify raises before routing (a URL that is not valid UTF-8, a path parameter longer
 * than the router allows): the same error body as everything else, 400.
 */
export function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(400).send(errorBody(CommonErrors.MALFORMED_REQUEST, error.message));
}
