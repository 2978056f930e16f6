import { RequestErrors } from '../modules/requests/requests.errors.js';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../server/errors.js';
import { MemoryStorage } from '../server/storage.js';
import { sniffMimeType, storeUploads, validateUploads, type UploadPolicy } from './uploads.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');

const images: UploadPolicy<'image'> = { maxFiles: 2, maxBytes: 1024, accept: ['image'] };
const documents: UploadPolicy<'image' | 'pdf'> = { maxFiles: 3, maxBytes: 1024, accept: ['image', 'pdf'], label: 'Document' };

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('sniffMimeType', () => {
  it('knows JPEG, PNG, WebP and PDF by their magic bytes, and nothing else', () => {
    expect(sniffMimeType(JPEG)).toBe('image/jpeg');
    expect(sniffMimeType(PNG)).toBe('image/png');
    expect(sniffMimeType(WEBP)).toBe('image/webp');
    expect(sniffMimeType(PDF)).toBe('application/pdf');
    expect(sniffMimeType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffMimeType(Buffer.from('<?php echo 1; ?>'))).toBeNull();
    expect(sniffMimeType(Buffer.from('RIFF....AVI '))).toBeNull();
    expect(sniffMimeType(Buffer.alloc(0))).toBeNull();
  });
});

describe('validateUploads', () => {
  it('returns the detected types; parameters, case and common aliases of the declared type are fine', () => {
    expect(validateUploads([{ bytes: JPEG, mimeType: 'image/jpg' }, { bytes: PNG, mimeType: 'IMAGE/PNG; charset=binary' }], images)).toEqual(['image/jpeg', 'image/png']);
    expect(validateUploads([{ bytes: PDF, mimeType: 'application/pdf' }, { bytes: WEBP, mimeType: 'image/webp' }], documents)).toEqual(['application/pdf', 'image/webp']);
    expect(validateUploads([], images)).toEqual([]);
  });

  it('refuses a type the policy does not accept, a declared type that lies, and unknown bytes (415)', () => {
    const pdfAsPhoto = refusal(() => validateUploads([{ bytes: PDF, mimeType: 'application/pdf' }], images));
    expect(pdfAsPhoto).toMatchObject({ code: 'UPLOAD_INVALID_TYPE', status: 415, message: 'File 1 must be a JPEG, PNG or WebP image', details: { index: 0, declared: 'application/pdf', detected: 'application/pdf' } });
    const lie = refusal(() => validateUploads([{ bytes: PNG, mimeType: 'image/png' }, { bytes: PNG, mimeType: 'image/jpeg' }], images));
    expect(lie).toMatchObject({ code: 'UPLOAD_INVALID_TYPE', details: { index: 1, declared: 'image/jpeg', detected: 'image/png' } });
    const php = refusal(() => validateUploads([{ bytes: Buffer.from('<?php echo 1; ?>'), mimeType: 'application/pdf' }], documents));
    expect(php).toMatchObject({ code: 'UPLOAD_INVALID_TYPE', message: 'Document 1 must be a JPEG, PNG or WebP image or a PDF document', details: { detected: null } });
  });

  it('refuses too many files and too large a file (413), and an empty one (422), before looking at types', () => {
    const three = [PNG, PNG, PNG].map((bytes) => ({ bytes, mimeType: 'image/png' }));
    expect(refusal(() => validateUploads(three, images))).toMatchObject({ code: 'UPLOAD_TOO_MANY', status: 413, message: 'At most 2 files' });
    const big = { bytes: Buffer.concat([PNG, Buffer.alloc(1024)]), mimeType: 'image/png' };
    expect(refusal(() => validateUploads([big], images))).toMatchObject({ code: 'UPLOAD_TOO_LARGE', status: 413, details: { index: 0, maxBytes: 1024 } });
    expect(refusal(() => validateUploads([{ bytes: Buffer.alloc(0), mimeType: 'image/png' }], images))).toMatchObject({ code: 'UPLOAD_EMPTY', status: 422, message: 'File 1 is empty' });
  });

  it("throws a module's own codes when it keeps its API", () => {
    const policy: UploadPolicy<'image'> = { ...images, codes: { invalidType: RequestErrors.REQUEST_PHOTO_INVALID, tooMany: RequestErrors.REQUEST_TOO_MANY_PHOTOS } };
    expect(refusal(() => validateUploads([{ bytes: PDF, mimeType: 'image/png' }], policy)).code).toBe('REQUEST_PHOTO_INVALID');
    expect(refusal(() => validateUploads([PNG, PNG, PNG].map((bytes) => ({ bytes, mimeType: 'image/png' })), policy)).code).toBe('REQUEST_TOO_MANY_PHOTOS');
    expect(refusal(() => validateUploads([{ bytes: Buffer.alloc(0), mimeType: 'image/png' }], policy)).code).toBe('UPLOAD_EMPTY');
  });
});

describe('storeUploads', () => {
  it('stores each file under <module>/<community> with its detected extension, sha256 and size', async () => {
    const storage = new MemoryStorage();
    const stored = await storeUploads({ storage, module: 'fees', communityId: 42, files: [{ bytes: PDF, mimeType: 'application/pdf' }, { bytes: JPEG, mimeType: 'image/jpeg' }], policy: documents });
    expect(stored).toEqual([
      { storageKey: expect.stringMatching(/^fees\/42\/[0-9a-f-]{36}\.pdf$/), sha256: createHash('sha256').update(PDF).digest('hex'), mimeType: 'application/pdf', bytes: PDF.length },
      { storageKey: expect.stringMatching(/^fees\/42\/[0-9a-f-]{36}\.jpg$/), sha256: createHash('sha256').update(JPEG).digest('hex'), mimeType: 'image/jpeg', bytes: JPEG.length },
    ]);
    expect(await storage.get(stored[0]!.storageKey)).toEqual(PDF);
  });

  it('stores nothing when any file is refused', async () => {
    const storage = new MemoryStorage();
    const put = storage.put.bind(storage);
    let puts = 0;
    storage.put = (...args) => {
      puts++;
      return put(...args);
    };
    const files = [{ bytes: PDF, mimeType: 'application/pdf' }, { bytes: Buffer.from('MZ'), mimeType: 'application/pdf' }];
    await expect(storeUploads({ storage, module: 'fees', communityId: 42, files, policy: documents })).rejects.toMatchObject({ code: 'UPLOAD_INVALID_TYPE' });
    expect(puts).toBe(0);
  });

  it('refuses a module name or community id that would make an odd storage key', async () => {
    const storage = new MemoryStorage();
    await expect(storeUploads({ storage, module: '../etc', communityId: 1, files: [], policy: images })).rejects.toThrow(/module must match/);
    await expect(storeUploads({ storage, module: 'fees', communityId: 0, files: [], policy: images })).rejects.toThrow(/communityId/);
  });
});
