import { AppError, type ErrorCode } from '../server/errors.js';
import type { Storage } from '../server/storage.js';
import { KernelErrors } from './kernel.errors.js';

/** The kinds of file a module may accept: photos, or documents such as invoices and contracts. */
export type UploadKind = 'image' | 'pdf';

/** The file types the app stores of each kind, always as detected from the bytes. */
export type MimeTypeOf<K extends UploadKind> = K extends 'image' ? 'image/jpeg' | 'image/png' | 'image/webp' : 'application/pdf';
/** Every file type the app stores. */
export type UploadMimeType = MimeTypeOf<UploadKind>;

/** A file as received: its bytes and the type the client declared (the client's word only). */
export interface UploadInput {
  bytes: Buffer;
  mimeType: string;
}

/** A stored file, as a module records it in its own attachments table. */
export interface StoredUpload<M extends UploadMimeType = UploadMimeType> {
  storageKey: string;
  sha256: string;
  mimeType: M;
  bytes: number;
}

/** The ways an upload is refused; each maps to an error code the caller may rename. */
export type UploadFailure = 'invalidType' | 'tooLarge' | 'tooMany' | 'empty';

/** What one endpoint accepts: decided by the caller, e.g. `{ maxFiles: 6, maxBytes: 5 MB, accept: ['image'] }`. */
export interface UploadPolicy<K extends UploadKind = UploadKind> {
  maxFiles: number;
  maxBytes: number;
  accept: readonly K[];
  /** How a file is named in messages ("Photo 2 is empty"); default "File". */
  label?: string;
  /** Module codes to throw instead of the kernel's UPLOAD_* codes (a module keeping its own API). */
  codes?: Partial<Record<UploadFailure, ErrorCode>>;
}

const kernelCodes: Record<UploadFailure, ErrorCode> = {
  invalidType: KernelErrors.UPLOAD_INVALID_TYPE,
  tooLarge: KernelErrors.UPLOAD_TOO_LARGE,
  tooMany: KernelErrors.UPLOAD_TOO_MANY,
  empty: KernelErrors.UPLOAD_EMPTY,
};

const kindOf: Record<UploadMimeType, UploadKind> = { 'image/jpeg': 'image', 'image/png': 'image', 'image/webp': 'image', 'application/pdf': 'pdf' };
const extensionOf: Record<UploadMimeType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };
const typeNames: Record<UploadKind, string> = { image: 'a JPEG, PNG or WebP image', pdf: 'a PDF document' };
/** Names some clients declare for the same types. */
const aliases: Record<string, UploadMimeType> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'application/x-pdf': 'application/pdf' };

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the bytes really are, by magic number, or null for anything the app does not store. */
export function sniffMimeType(bytes: Buffer): UploadMimeType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(pngSignature)) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

function isAccepted<K extends UploadKind>(policy: UploadPolicy<K>, detected: UploadMimeType): detected is MimeTypeOf<K> {
  return (policy.accept as readonly UploadKind[]).includes(kindOf[detected]);
}

/** The declared MIME type without parameters, lower-cased, aliases resolved. */
function normaliseDeclared(mimeType: string): string {
  const bare = mimeType.toLowerCase().split(';')[0]!.trim();
  return aliases[bare] ?? bare;
}

function formatMb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Checks count, size and type of every file before anything is stored, and returns the
 * detected type of each. The detected type must be accepted and match the declared one.
 */
export function validateUploads<K extends UploadKind>(files: readonly UploadInput[], policy: UploadPolicy<K>): MimeTypeOf<K>[] {
  const code = (failure: UploadFailure) => policy.codes?.[failure] ?? kernelCodes[failure];
  const label = policy.label ?? 'File';
  if (files.length > policy.maxFiles) {
    throw new AppError(code('tooMany'), `At most ${policy.maxFiles} ${label.toLowerCase()}s`, { maxFiles: policy.maxFiles, received: files.length });
  }
  const expected = policy.accept.map((k) => typeNames[k]).join(' or ');
  return files.map((file, i) => {
    const which = `${label} ${i + 1}`;
    if (file.bytes.length > policy.maxBytes) {
      throw new AppError(code('tooLarge'), `${which} is larger than ${formatMb(policy.maxBytes)}`, { index: i, maxBytes: policy.maxBytes });
    }
    if (file.bytes.length === 0) throw new AppError(code('empty'), `${which} is empty`, { index: i });
    const detected = sniffMimeType(file.bytes);
    const declared = normaliseDeclared(file.mimeType);
    if (!detected || !isAccepted(policy, detected) || declared !== detected) {
      throw new AppError(code('invalidType'), `${which} must be ${expected}`, { index: i, declared, detected });
    }
    return detected;
  });
}

/** A module's name as a storage prefix: lower-case words, so keys stay predictable paths. */
const moduleName = /^[a-z][a-z0-9-]*$/;

/**
 * Validates, then stores each file under `<module>/<communityId>/`; the caller records the
 * returned keys in its own transaction (storage is not transactional, so it goes first).
 */
export async function storeUploads<K extends UploadKind>(input: { storage: Storage; module: string; communityId: number; files: readonly UploadInput[]; policy: UploadPolicy<K> }): Promise<StoredUpload<MimeTypeOf<K>>[]> {
  const { storage, module, communityId, files, policy } = input;
  if (!moduleName.test(module)) throw new Error(`storeUploads: module must match ${moduleName}, got ${JSON.stringify(module)}`);
  if (!Number.isSafeInteger(communityId) || communityId <= 0) throw new Error(`storeUploads: communityId must be a positive integer, got ${communityId}`);
  const types = validateUploads(files, policy);
  const stored: StoredUpload<MimeTypeOf<K>>[] = [];
  for (const [i, file] of files.entries()) {
    const mimeType = types[i]!;
    const { key, sha256 } = await storage.put(`${module}/${communityId}`, file.bytes, extensionOf[mimeType]);
    stored.push({ storageKey: key, sha256, mimeType, bytes: file.bytes.length });
  }
  return stored;
}
