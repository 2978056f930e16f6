import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, CommonErrors } from '../../server/errors.js';
import type { PhotoInput } from './requests.photos.js';

/**
 * Reads a JSON body, or a multipart body whose `data` part holds that JSON (other text parts are
 * taken as fields) and whose `photos` parts are images. Validation errors are 400, never 500.
 */
export async function readBodyWithPhotos<T extends z.ZodType>(request: FastifyRequest, schema: T): Promise<{ body: z.infer<T>; photos: PhotoInput[] }> {
  let raw: unknown = request.body;
  const photos: PhotoInput[] = [];
  if (request.isMultipart()) {
    const fields: Record<string, unknown> = {};
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'photos' || part.fieldname === 'photo') photos.push({ bytes, mimeType: part.mimetype });
      } else if (part.fieldname === 'data') {
        try {
          Object.assign(fields, JSON.parse(String(part.value)));
        } catch {
          throw new AppError(CommonErrors.MALFORMED_REQUEST, 'The data part is not valid JSON');
        }
      } else {
        fields[part.fieldname] = part.value;
      }
    }
    raw = fields;
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message }));
    throw new AppError(CommonErrors.VALIDATION_FAILED, `Invalid body: ${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`.trim(), { issues });
  }
  return { body: parsed.data, photos };
}
