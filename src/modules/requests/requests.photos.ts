import { limits } from '../../shared/limits.js';
import { AppError, CommonErrors } from '../../server/errors.js';
import type { Storage } from '../../server/storage.js';
import { RequestErrors } from './requests.errors.js';

export type PhotoMime = (typeof limits.photoMimeTypes)[number];
export interface PhotoInput {
  bytes: Buffer;
  mimeType: string;
}
export interface StoredPhoto {
  storageKey: string;
  sha256: string;
  mimeType: PhotoMime;
  bytes: number;
}

const extensionOf: Record<PhotoMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** What the bytes really are, by magic number: the declared MIME type is the client's word only. */
export function sniffImage(bytes: Buffer): PhotoMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Checks count, size and type of every photo before anything is stored. */
export function validatePhotos(photos: PhotoInput[]): PhotoMime[] {
  if (photos.length > limits.photosPerRequest) {
    throw new AppError(RequestErrors.REQUEST_TOO_MANY_PHOTOS, `At most ${limits.photosPerRequest} photos`);
  }
  return photos.map((p, i) => {
    if (p.bytes.length > limits.photoBytesMax) throw new AppError(CommonErrors.PAYLOAD_TOO_LARGE, `Photo ${i + 1} is larger than ${limits.photoBytesMax / 1024 / 1024} MB`);
    if (p.bytes.length === 0) throw new AppError(RequestErrors.REQUEST_PHOTO_INVALID, `Photo ${i + 1} is empty`);
    const real = sniffImage(p.bytes);
    const declared = p.mimeType.toLowerCase().split(';')[0]!.trim();
    if (!real || (declared !== real && !(declared === 'image/jpg' && real === 'image/jpeg'))) {
      throw new AppError(RequestErrors.REQUEST_PHOTO_INVALID, `Photo ${i + 1} must be a JPEG, PNG or WebP image`, { declared, detected: real });
    }
    return real;
  });
}

/** Stores validated photos; the caller records them in its transaction. */
export async function storePhotos(storage: Storage, communityId: number, photos: PhotoInput[]): Promise<StoredPhoto[]> {
  const types = validatePhotos(photos);
  const stored: StoredPhoto[] = [];
  for (const [i, photo] of photos.entries()) {
    const mimeType = types[i]!;
    const { key, sha256 } = await storage.put(`requests/${communityId}`, photo.bytes, extensionOf[mimeType]);
    stored.push({ storageKey: key, sha256, mimeType, bytes: photo.bytes.length });
  }
  return stored;
}
