import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import { z } from 'zod';

/** What a signed token says: what it is for, about whom or what, and until when. */
export interface TokenPayload {
  /** e.g. 'activity.checkin', 'vote.ballot'; a token of one purpose is refused for another. */
  purpose: string;
  /** The id the token is about (an activity, a ballot…), as text. */
  subject: string;
  /** Kept to the second: the token is valid strictly before this instant. */
  expiresAt: Date;
}

/** Why a token was refused. */
export type TokenFailure = 'expired' | 'bad_signature' | 'wrong_purpose' | 'malformed';

/** The payload of a valid token, or why it is not valid. */
export type VerifyResult = { ok: true; payload: TokenPayload } | { ok: false; reason: TokenFailure };

/** An HMAC key: a secret from `getSecret`, never a literal in code. */
export type TokenSecret = string | Buffer;

// The signed text is prefixed with this label, so no other HMAC made with the same secret
// (another format, a later version) can pass for a token.
const signingLabel = 'gongzhi.token.v1.';
const base64url = /^[A-Za-z0-9_-]+$/;
const signatureLength = 43; // 32 bytes of HMAC-SHA256 in base64url, unpadded

// Short keys keep the token, and so the QR code, small: a phone camera reads it from a screen.
const claims = z.object({ p: z.string().min(1), s: z.string(), e: z.number().int().nonnegative() }).strict();

function sign(body: string, secret: TokenSecret): Buffer {
  return createHmac('sha256', secret).update(signingLabel + body).digest();
}

/** A compact URL-safe token `<claims>.<signature>` (base64url JSON + HMAC-SHA256). */
export function signToken(payload: TokenPayload, secret: TokenSecret): string {
  const e = Math.floor(payload.expiresAt.getTime() / 1000);
  if (!payload.purpose || !Number.isFinite(e) || e < 0) throw new Error('signToken: a purpose and a valid expiresAt are required');
  const body = Buffer.from(JSON.stringify({ p: payload.purpose, s: payload.subject, e })).toString('base64url');
  return `${body}.${sign(body, secret).toString('base64url')}`;
}

/** Checks signature (in constant time), then purpose, then expiry at `now`. */
export function verifyToken(token: string, expected: { purpose: string; now: Date; secret: TokenSecret }): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [body, signature] = parts as [string, string];
  if (!base64url.test(body) || signature.length !== signatureLength || !base64url.test(signature)) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const wanted = sign(body, expected.secret);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return { ok: false, reason: 'bad_signature' };
  let decoded: z.infer<typeof claims>;
  try {
    const parsed = claims.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    decoded = parsed.data;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (decoded.p !== expected.purpose) return { ok: false, reason: 'wrong_purpose' };
  const expiresAt = new Date(decoded.e * 1000);
  if (expected.now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload: { purpose: decoded.p, subject: decoded.s, expiresAt } };
}

/** A token of the current time window, e.g. an activity check-in code shown on a screen. */
export interface RotatingToken {
  token: string;
  /** When the screen should show the next code: the start of the next window. */
  refreshAt: Date;
  /** The end of the next window: a code stays valid through the window after its own. */
  expiresAt: Date;
}

/**
 * The code of the window `now` falls in. It verifies (with `verifyToken`) during its own window
 * and the next one, so a scan made just before the code changes still counts, while a photo of an
 * older code is refused as expired.
 */
export function rotatingToken(input: { purpose: string; subject: string; windowSeconds: number; now: Date; secret: TokenSecret }): RotatingToken {
  if (!Number.isInteger(input.windowSeconds) || input.windowSeconds <= 0) throw new Error('rotatingToken: windowSeconds must be a positive integer');
  const windowMs = input.windowSeconds * 1000;
  const window = Math.floor(input.now.getTime() / windowMs);
  const refreshAt = new Date((window + 1) * windowMs);
  const expiresAt = new Date((window + 2) * windowMs);
  return { token: signToken({ purpose: input.purpose, subject: input.subject, expiresAt }, input.secret), refreshAt, expiresAt };
}

// M (15 % recovery) reads well from a phone screen or a printed poster at a small size.
const qrOptions = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The QR code of a text as an SVG document (scales to any size, for the web and print). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...qrOptions, type: 'svg' });
}

/** The QR code of a text as a `data:image/png;base64,…` URL, `width` pixels wide (default 512). */
export async function qrPngDataUrl(text: string, width = 512): Promise<string> {
  return QRCode.toDataURL(text, { ...qrOptions, type: 'image/png', width });
}

/** The QR code of a text as PNG bytes, e.g. for a PDF (certificates, activity posters). */
export async function qrPng(text: string, width = 512): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...qrOptions, type: 'png', width });
}
