import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { readJsonOrMultipart } from '../../kernel/multipart.js';
import { limits } from '../../shared/limits.js';
import type { PhotoInput } from './requests.photos.js';

/**
 * Reads a JSON body, or a multipart body whose `data` part holds that JSON and whose `photos`
 * (or `photo`) parts are images. Body faults are 400 (413 over the photo limits), never 500.
 */
export async function readBodyWithPhotos<T extends z.ZodType>(request: FastifyRequest, schema: T): Promise<{ body: z.infer<T>; photos: PhotoInput[] }> {
  const { body, files } = await readJsonOrMultipart(request, schema, { fileFields: ['photos', 'photo'], maxFiles: limits.photosPerRequest, maxBytes: limits.photoBytesMax });
  return { body, photos: files.map(({ bytes, mimeType }) => ({ bytes, mimeType })) };
}
