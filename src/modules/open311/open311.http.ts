import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../server/errors.js';
import type { PhotoInput } from '../requests/requests.photos.js';
import { formatOfUrl, sendErrors } from './open311.render.js';

type SpecStatus = 400 | 403 | 404;

/**
 * Maps any error to the spec's terms: 403 for api_key trouble, 404 for what does not exist,
 * and "basically 400 for any other error" — including our own faults, which are logged.
 */
export function toOpen311Error(err: unknown, request: FastifyRequest): { status: SpecStatus; description: string } {
  if (err instanceof AppError) {
    if (err.status === 401 || err.status === 403) return { status: 403, description: err.message };
    if (err.status === 404) return { status: 404, description: err.message };
    if (err.status < 500) return { status: 400, description: err.message };
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const where = `${err.validationContext ?? 'input'}${first?.instancePath ? first.instancePath.replaceAll('/', '.') : ''}`;
    return { status: 400, description: `Invalid ${where}: ${first?.message ?? 'bad value'}` };
  } else {
    const status = (err as FastifyError).statusCode;
    if (status === 404) return { status: 404, description: (err as Error).message };
    if (status && status >= 400 && status < 500) return { status: 400, description: (err as Error).message };
  }
  request.log.error({ err }, 'open311 request failed');
  return { status: 400, description: 'General service error: the request could not be processed; please tell the platform administrator' };
}

/** name=value&name=value, as Open311 clients post; a repeated name keeps every value. */
export function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const prior = out[name];
    out[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  return out;
}

/** File parts that carry a photo: the media-upload extension's `media`, and Gongzhi's own names. */
const photoFields = new Set(['media', 'photos', 'photo']);

/**
 * The fields of a POST: query and body merged (the spec's example sends api_key in the body,
 * its Swagger in the query). A multipart body (the media-upload extension) adds photos; before
 * the first file part is read, `beforeFiles` sees the fields so far — the api_key is checked
 * there, so no stranger's upload is ever buffered.
 */
export async function readPostFields(request: FastifyRequest, beforeFiles: (fields: Record<string, unknown>) => Promise<void>): Promise<{ fields: Record<string, unknown>; photos: PhotoInput[] }> {
  const fields: Record<string, unknown> = { ...(request.query as Record<string, unknown>) };
  const photos: PhotoInput[] = [];
  if (!request.isMultipart()) return { fields: { ...fields, ...(request.body as Record<string, unknown> | undefined) }, photos };
  let checked = false;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = part.value;
      continue;
    }
    if (!checked) {
      checked = true;
      await beforeFiles(fields);
    }
    if (photoFields.has(part.fieldname)) photos.push({ bytes: await part.toBuffer(), mimeType: part.mimetype });
    else part.file.resume();
  }
  return { fields, photos };
}

/** Open311's own body parser, error handler and 404, for everything under its prefix only. */
export function registerOpen311Handlers(scope: FastifyInstance): void {
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });
  scope.setErrorHandler((err, request, reply) => {
    const { status, description } = toOpen311Error(err, request);
    return sendErrors(reply, formatOfUrl(request.url), status, description);
  });
  scope.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return sendErrors(reply, formatOfUrl(request.url), 404, `No Open311 resource ${request.method} ${path}; see /open311/v2/discovery.json`);
  });
}
