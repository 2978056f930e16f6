import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { contentDisposition, sendDownload } from './download.js';

describe('contentDisposition', () => {
  it('keeps a plain ASCII name as the only filename', () => {
    expect(contentDisposition('requests-2026-01-13.csv')).toBe('attachment; filename="requests-2026-01-13.csv"');
  });

  it('adds an RFC 5987 filename* for a Chinese name, with a readable ASCII fallback', () => {
    expect(contentDisposition('诉求-2026-01-13.xlsx')).toBe(
      `attachment; filename="_-2026-01-13.xlsx"; filename*=UTF-8''%E8%AF%89%E6%B1%82-2026-01-13.xlsx`,
    );
    expect(contentDisposition('缴费收据.pdf')).toBe(`attachment; filename="download.pdf"; filename*=UTF-8''%E7%BC%B4%E8%B4%B9%E6%94%B6%E6%8D%AE.pdf`);
  });

  it('cannot be broken out of: quotes, backslashes, line breaks and % never reach the quoted name', () => {
    const header = contentDisposition('a"b\\c\r\nSet-Cookie: x=1;(%41).csv');
    expect(header).toBe(`attachment; filename="abcSet-Cookie: x=1;(41).csv"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%3B%28%2541%29.csv`);
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe('sendDownload', () => {
  it('sets the content type and disposition of the format', async () => {
    const app = Fastify();
    app.get('/f', (_req, reply) => sendDownload(reply, { filename: '月报.pdf', format: 'pdf', body: Buffer.from('%PDF-1.7') }));
    const res = await app.inject('/f');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="download.pdf"; filename*=UTF-8''%E6%9C%88%E6%8A%A5.pdf`);
    expect(res.body).toBe('%PDF-1.7');
    await app.close();
  });
});
