import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestWorld } from '../../../test/app.js';
import { fileAsResident, JPEG_HEAD, PNG_1PX, buildRequestsCommunity, requestRow } from '../../../test/requests-factories.js';
import { requestAttachments, requestEvents, serviceRequests } from './requests.schema.js';

const suite = useTestWorld(buildRequestsCommunity);

describe('fileRequest (service)', () => {
  it('files in the household compound with due times, a timeline entry and photos', async () => {
    const id = await fileAsResident(suite.t.app.ctx, suite.w, { photos: [{ bytes: PNG_1PX, mimeType: 'image/png' }, { bytes: JPEG_HEAD, mimeType: 'image/jpeg' }] });
    const row = await requestRow(suite.t.database.db, id);
    expect(row).toMatchObject({ state: 'submitted', compoundId: suite.w.compound.id, buildingId: suite.w.building.id, householdId: suite.w.households[0]!.id, reporterName: '郑秀英', communityId: suite.w.community.id });
    expect(row.respondDueAt.getTime() - row.createdAt.getTime()).toBe(60 * 60_000);
    const events = await suite.t.database.db.select().from(requestEvents).where(eq(requestEvents.subjectId, id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'submit', toState: 'submitted' });
    expect(events[0]!.attachmentIds).toHaveLength(2);
    expect(await suite.t.database.db.select().from(requestAttachments).where(eq(requestAttachments.requestId, id))).toHaveLength(2);
  });

  it('classifies when no category is given', async () => {
    const id = await fileAsResident(suite.t.app.ctx, suite.w, { categoryId: undefined, description: '楼道灯不亮，晚上很黑' });
    expect((await requestRow(suite.t.database.db, id)).categoryId).toBe(suite.w.categories.get('lighting')!.id);
  });

  it('refuses photos whose bytes are not an image, whatever the declared type', async () => {
    await expect(fileAsResident(suite.t.app.ctx, suite.w, { photos: [{ bytes: Buffer.from('<?php echo 1; ?>'), mimeType: 'image/png' }] })).rejects.toMatchObject({ code: 'REQUEST_PHOTO_INVALID' });
    await expect(fileAsResident(suite.t.app.ctx, suite.w, { photos: [{ bytes: PNG_1PX, mimeType: 'image/jpeg' }] })).rejects.toMatchObject({ code: 'REQUEST_PHOTO_INVALID' });
  });

  it('replays sequential and concurrent retries with the same key as one request', async () => {
    const first = await fileAsResident(suite.t.app.ctx, suite.w, { idempotencyKey: 'k-seq' });
    const again = await fileAsResident(suite.t.app.ctx, suite.w, { idempotencyKey: 'k-seq' });
    expect(again).toBe(first);
    const ids = await Promise.all([1, 2, 3, 4].map(() => fileAsResident(suite.t.app.ctx, suite.w, { idempotencyKey: 'k-par', description: '并发重试' })));
    expect(new Set(ids).size).toBe(1);
    const rows = await suite.t.database.db.select({ id: serviceRequests.id }).from(serviceRequests).where(and(eq(serviceRequests.description, '并发重试'), eq(serviceRequests.communityId, suite.w.community.id)));
    expect(rows).toHaveLength(1);
    await expect(fileAsResident(suite.t.app.ctx, suite.w, { idempotencyKey: 'k-seq', description: '不同内容' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});
