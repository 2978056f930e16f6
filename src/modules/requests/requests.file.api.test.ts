import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { fileAsResident, JPEG_HEAD, PNG_1PX, buildRequestsCommunity, requestRow, type RequestsCommunity } from '../../../test/requests-factories.js';
import { requestAttachments, requestEvents, serviceRequests } from './requests.schema.js';

let t: TestApp;
let world: RequestsCommunity;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildRequestsCommunity(t.database.db);
});
afterAll(async () => t?.close());

describe('fileRequest (service)', () => {
  it('files in the household compound with due times, a timeline entry and photos', async () => {
    const id = await fileAsResident(t.app.ctx, world, { photos: [{ bytes: PNG_1PX, mimeType: 'image/png' }, { bytes: JPEG_HEAD, mimeType: 'image/jpeg' }] });
    const row = await requestRow(t.database.db, id);
    expect(row).toMatchObject({ state: 'submitted', compoundId: world.compound.id, buildingId: world.building.id, householdId: world.households[0]!.id, reporterName: '郑秀英', communityId: world.community.id });
    expect(row.respondDueAt.getTime() - row.createdAt.getTime()).toBe(60 * 60_000);
    const events = await t.database.db.select().from(requestEvents).where(eq(requestEvents.requestId, id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'submit', toState: 'submitted' });
    expect(events[0]!.attachmentIds).toHaveLength(2);
    expect(await t.database.db.select().from(requestAttachments).where(eq(requestAttachments.requestId, id))).toHaveLength(2);
  });

  it('classifies when no category is given', async () => {
    const id = await fileAsResident(t.app.ctx, world, { categoryId: undefined, description: '楼道灯不亮，晚上很黑' });
    expect((await requestRow(t.database.db, id)).categoryId).toBe(world.categories.get('lighting')!.id);
  });

  it('refuses photos whose bytes are not an image, whatever the declared type', async () => {
    await expect(fileAsResident(t.app.ctx, world, { photos: [{ bytes: Buffer.from('<?php echo 1; ?>'), mimeType: 'image/png' }] })).rejects.toMatchObject({ code: 'REQUEST_PHOTO_INVALID' });
    await expect(fileAsResident(t.app.ctx, world, { photos: [{ bytes: PNG_1PX, mimeType: 'image/jpeg' }] })).rejects.toMatchObject({ code: 'REQUEST_PHOTO_INVALID' });
  });

  it('replays sequential and concurrent retries with the same key as one request', async () => {
    const first = await fileAsResident(t.app.ctx, world, { idempotencyKey: 'k-seq' });
    const again = await fileAsResident(t.app.ctx, world, { idempotencyKey: 'k-seq' });
    expect(again).toBe(first);
    const ids = await Promise.all([1, 2, 3, 4].map(() => fileAsResident(t.app.ctx, world, { idempotencyKey: 'k-par', description: '并发重试' })));
    expect(new Set(ids).size).toBe(1);
    const rows = await t.database.db.select({ id: serviceRequests.id }).from(serviceRequests).where(and(eq(serviceRequests.description, '并发重试'), eq(serviceRequests.communityId, world.community.id)));
    expect(rows).toHaveLength(1);
    await expect(fileAsResident(t.app.ctx, world, { idempotencyKey: 'k-seq', description: '不同内容' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});
