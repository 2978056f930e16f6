import { sniffMimeType, storeUploads, validateUploads, type StoredUpload, type UploadInput, type UploadPolicy } from '../../kernel/uploads.js';
import { CommonErrors } from '../../server/errors.js';
import type { Storage } from '../../server/storage.js';
import { limits } from '../../shared/limits.js';
import { RequestErrors } from './requests.errors.js';

/** The image types a request's photos may have. */
export type PhotoMime = (typeof limits.photoMimeTypes)[number];
/** A photo as received. */
export type PhotoInput = UploadInput;
/** A stored photo, as request_attachments records it. */
export type StoredPhoto = StoredUpload<PhotoMime>;

/** What a request (and each of its timeline steps) accepts, under the codes its API has always answered. */
const photoPolicy: UploadPolicy<'image'> = {
  maxFiles: limits.photosPerRequest,
  maxBytes: limits.photoBytesMax,
  accept: ['image'],
  label: 'Photo',
  codes: { invalidType: RequestErrors.REQUEST_PHOTO_INVALID, empty: RequestErrors.REQUEST_PHOTO_INVALID, tooMany: RequestErrors.REQUEST_TOO_MANY_PHOTOS, tooLarge: CommonErrors.PAYLOAD_TOO_LARGE },
};

/** What the bytes really are, by magic number, if an image: the declared MIME type is the client's word only. */
export function sniffImage(bytes: Buffer): PhotoMime | null {
  const detected = sniffMimeType(bytes);
  return detected === 'application/pdf' ? null : detected;
}

/** Checks count, size and type of every photo before anything is stored. */
export function validatePhotos(photos: PhotoInput[]): PhotoMime[] {
  return validateUploads(photos, photoPolicy);
}

/** Stores validated photos under requests/<community>; the caller records them in its transaction. */
export async function storePhotos(storage: Storage, communityId: number, photos: PhotoInput[]): Promise<StoredPhoto[]> {
  return storeUploads({ storage, module: 'requests', communityId, files: photos, policy: photoPolicy });
}
