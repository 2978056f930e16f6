import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { qrPng, qrPngDataUrl, qrSvg, rotatingToken, signToken, verifyToken } from './qr.js';

const secret = 'test-secret-of-at-least-32-characters!!';
const purpose = 'activity.checkin';
const at = (iso: string) => new Date(iso);

describe('signToken / verifyToken', () => {
  const expiresAt = at('2026-03-01T10:00:00Z');
  const token = signToken({ purpose, subject: '42', expiresAt }, secret);

  it('makes a compact URL-safe token that verifies before it expires', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(token.length).toBeLessThan(120);
    expect(verifyToken(token, { purpose, now: at('2026-03-01T09:59:59Z'), secret })).toEqual({ ok: true, payload: { purpose, subject: '42', expiresAt } });
  });

  it('refuses it at and after the expiry instant', () => {
    expect(verifyToken(token, { purpose, now: expiresAt, secret })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(token, { purpose, now: at('2026-03-02T00:00:00Z'), secret })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses it for another purpose', () => {
    expect(verifyToken(token, { purpose: 'vote.ballot', now: at('2026-03-01T09:00:00Z'), secret })).toEqual({ ok: false, reason: 'wrong_purpose' });
  });

  it('refuses another secret, and any change to the claims or the signature', () => {
    const now = at('2026-03-01T09:00:00Z');
    expect(verifyToken(token, { purpose, now, secret: 'another-secret-of-at-least-32-characters' })).toEqual({ ok: false, reason: 'bad_signature' });
    const [body, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ p: purpose, s: '43', e: 1_900_000_000 })).toString('base64url');
    expect(verifyToken(`${forged}.${signature}`, { purpose, now, secret })).toEqual({ ok: false, reason: 'bad_signature' });
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    expect(verifyToken(`${body}.${flipped}`, { purpose, now, secret })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('calls anything that is not a token malformed', () => {
    const now = at('2026-03-01T09:00:00Z');
    const [body, signature] = token.split('.') as [string, string];
    for (const bad of ['', 'abc', `${body}.${signature}.x`, `${body}.${signature.slice(1)}`, `${body}!.${signature}`, `${body}.${signature.slice(0, -1)}+`, `.${signature}`]) {
      expect(verifyToken(bad, { purpose, now, secret }), bad).toEqual({ ok: false, reason: 'malformed' });
    }
    // Correctly signed, but not JSON or not our claims: still malformed, never a crash.
    for (const text of ['not json', '[1]', JSON.stringify({ p: purpose, s: 1, e: 1 }), JSON.stringify({ p: purpose, s: '1', e: 2e9, extra: true })]) {
      const oddBody = Buffer.from(text).toString('base64url');
      const oddSignature = createHmac('sha256', secret).update(`gongzhi.token.v1.${oddBody}`).digest('base64url');
      expect(verifyToken(`${oddBody}.${oddSignature}`, { purpose, now, secret }), text).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses to sign without a purpose or with an invalid date', () => {
    expect(() => signToken({ purpose: '', subject: '1', expiresAt }, secret)).toThrow();
    expect(() => signToken({ purpose, subject: '1', expiresAt: new Date(NaN) }, secret)).toThrow();
  });
});

describe('rotatingToken', () => {
  const base = { purpose, subject: 'activity-7', windowSeconds: 30, secret };
  // 10:00:00 starts a 30 s window (the epoch is a multiple of 30 s away).
  const shown = rotatingToken({ ...base, now: at('2026-03-01T10:00:12Z') });

  it('tells the screen when to show the next code', () => {
    expect(shown.refreshAt).toEqual(at('2026-03-01T10:00:30Z'));
    expect(shown.expiresAt).toEqual(at('2026-03-01T10:01:00Z'));
  });

  it('is the same code for the whole window and a new one in the next', () => {
    expect(rotatingToken({ ...base, now: at('2026-03-01T10:00:00Z') }).token).toBe(shown.token);
    expect(rotatingToken({ ...base, now: at('2026-03-01T10:00:29.999Z') }).token).toBe(shown.token);
    expect(rotatingToken({ ...base, now: at('2026-03-01T10:00:30Z') }).token).not.toBe(shown.token);
  });

  it('verifies in its own window and the next, and is refused after: a photo of an old code stops working', () => {
    const check = (iso: string) => verifyToken(shown.token, { purpose, now: at(iso), secret });
    expect(check('2026-03-01T10:00:12Z')).toMatchObject({ ok: true, payload: { subject: 'activity-7' } });
    expect(check('2026-03-01T10:00:45Z').ok).toBe(true); // previous window's code, scanned late
    expect(check('2026-03-01T10:00:59.999Z').ok).toBe(true);
    expect(check('2026-03-01T10:01:00Z')).toEqual({ ok: false, reason: 'expired' });
    expect(check('2026-03-01T11:00:00Z')).toEqual({ ok: false, reason: 'expired' });
  });

  it('is bound to its purpose like any token', () => {
    expect(verifyToken(shown.token, { purpose: 'emergency.station', now: at('2026-03-01T10:00:12Z'), secret })).toEqual({ ok: false, reason: 'wrong_purpose' });
  });

  it('wants a positive whole number of seconds', () => {
    expect(() => rotatingToken({ ...base, windowSeconds: 0, now: at('2026-03-01T10:00:00Z') })).toThrow();
    expect(() => rotatingToken({ ...base, windowSeconds: 0.5, now: at('2026-03-01T10:00:00Z') })).toThrow();
  });
});

describe('QR images', () => {
  const text = `https://gongzhi.example/checkin?t=${rotatingToken({ purpose, subject: '7', windowSeconds: 30, now: at('2026-03-01T10:00:00Z'), secret }).token}`;

  it('renders an SVG document', async () => {
    const svg = await qrSvg(text);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<path');
    expect(await qrSvg(text)).toBe(svg);
    expect(await qrSvg(`${text}x`)).not.toBe(svg);
  });

  it('renders a PNG, as a data URL and as bytes, of the asked width', async () => {
    const url = await qrPngDataUrl(text, 256);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(256); // IHDR width
    const bytes = await qrPng(text, 300);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(300);
  });
});
