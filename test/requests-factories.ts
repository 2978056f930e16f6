import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { loadActor } from '../src/modules/accounts/accounts.service.js';
import { ensureDefaultCategories } from '../src/modules/requests/requests.categories.js';
import { fileRequest, type FileRequestInput } from '../src/modules/requests/requests.service.js';
import { serviceRequests } from '../src/modules/requests/requests.schema.js';
import type { AppContext } from '../src/server/context.js';
import { buildCommunity, type TestCity } from './factories.js';

/** A community (see buildCommunity) whose city has the default categories and rules. */
export async function buildRequestsCommunity(db: Db, city?: TestCity) {
  const world = await buildCommunity(db, city);
  const categories = await ensureDefaultCategories(db, world.city.id);
  return { ...world, categories };
}
export type RequestsCommunity = Awaited<ReturnType<typeof buildRequestsCommunity>>;

/** Smallest valid images, for upload tests. */
export const PNG_1PX = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
export const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

/** Files a request as the world's resident (郑秀英) through the service. */
export async function fileAsResident(ctx: AppContext, world: RequestsCommunity, over: Partial<FileRequestInput> = {}) {
  const actor = (await loadActor(ctx.db, world.accounts.resident.accountId))!;
  const result = await fileRequest(ctx, {
    reporter: { kind: 'account', actor }, description: '家里暖气不热，室温只有12度', locationKind: 'own_unit', source: 'app',
    categoryId: world.categories.get('heating')!.id, ...over,
  });
  return result.requestId;
}

export async function requestRow(db: Db, id: number) {
  const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  return row!;
}

/** A multipart/form-data body with text fields and `photos` file parts, for app.inject. */
export function multipartBody(fields: Record<string, string>, photos: Buffer[], mimeType = 'image/png') {
  const boundary = `----gz${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  photos.forEach((bytes, i) => {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="p${i}.png"\r\nContent-Type: ${mimeType}\r\n\r\n`), bytes, Buffer.from('\r\n'));
  });
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
