import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, CommonErrors } from '../server/errors.js';
import type { UploadInput } from './uploads.js';

/** A file part as received: field and file name, the declared type and the bytes. */
export interface MultipartFile extends UploadInput {
  field: string;
  filename: string;
}

/** Which file parts an endpoint takes, and the stream limits it reads them under. */
export interface MultipartOptions {
  /** Field names whose file parts are kept; file parts of other names are read and dropped. */
  fileFields: readonly string[];
  /** Most file parts in one body (beyond it: 413); default: the app's multipart limits. */
  maxFiles?: number;
  /** Most bytes in one file part (beyond it: 413); default: the app's multipart limits. */
  maxBytes?: number;
}

/** The stream limits that fail with 413: a body over them is too large, not malformed. */
const tooLargeCodes = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/**
 * Whatever the parser throws about the body's shape — no boundary, a body cut off mid-part, a
 * broken part header — is the client's fault: 400, never 500. Size limits stay 413.
 */
function asClientError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && tooLargeCodes.has(code)) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError(CommonErrors.MALFORMED_REQUEST, 'The multipart body is malformed', { reason });
}

/** A JSON object from a `data` part, or a 400. */
function parseDataPart(value: unknown): Record<string, unknown> {
  let data = value;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    try {
      data = JSON.parse(value.toString());
    } catch {
      throw new AppError(CommonErrors.MALFORMED_REQUEST, 'The data part is not valid JSON');
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AppError(CommonErrors.MALFORMED_REQUEST, 'The data part must be a JSON object');
  }
  return data as Record<string, unknown>;
}

/**
 * Reads every part of a multipart body: text fields by name, and the files of `fileFields`.
 * A `data` part (a text field, or a file sent as application/json) is a JSON object whose
 * properties become fields.
 */
export async function readMultipart(request: FastifyRequest, options: MultipartOptions): Promise<{ fields: Record<string, unknown>; files: MultipartFile[] }> {
  let fields: Record<string, unknown> = {};
  const files: MultipartFile[] = [];
  const limits = { ...(options.maxFiles !== undefined && { files: options.maxFiles }), ...(options.maxBytes !== undefined && { fileSize: options.maxBytes }) };
  try {
    for await (const part of request.parts({ limits })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'data' && part.mimetype.startsWith('application/json')) fields = { ...fields, ...parseDataPart(bytes) };
        else if (options.fileFields.includes(part.fieldname)) files.push({ field: part.fieldname, filename: part.filename, mimeType: part.mimetype, bytes });
      } else if (part.fieldname === 'data') {
        // Spread, not Object.assign: a "__proto__" key in the JSON stays a plain (ignored) property.
        fields = { ...fields, ...parseDataPart(part.value) };
      } else {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    throw asClientError(err);
  }
  return { fields, files };
}

/**
 * Reads a JSON body, or a multipart body whose `data` part holds that JSON (other text parts are
 * taken as fields) plus file parts of `fileFields`, and validates the fields with the schema.
 * Every fault of the body answers 400 (413 over a size limit), never 500.
 */
export async function readJsonOrMultipart<T extends z.ZodType>(request: FastifyRequest, schema: T, options: MultipartOptions): Promise<{ body: z.infer<T>; files: MultipartFile[] }> {
  let raw: unknown = request.body;
  let files: MultipartFile[] = [];
  if (request.isMultipart()) ({ fields: raw, files } = await readMultipart(request, options));
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message }));
    throw new AppError(CommonErrors.VALIDATION_FAILED, `Invalid body: ${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`.trim(), { issues });
  }
  return { body: parsed.data, files };
}
