import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerErrorHandler } from '../server/plugins/error-handler.js';
import { readJsonOrMultipart } from './multipart.js';

// A real Fastify with @fastify/multipart and the app's error handler, registered as src/server/app.ts
// does (smaller limits), so the tests see exactly the errors a client would.
const boundary = 'gzTestBoundary';
const body = z.object({ note: z.string().min(1), amount: z.coerce.number().optional() });
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  registerErrorHandler(app);
  await app.register(multipart, { limits: { files: 4, fileSize: 100, fields: 10, fieldSize: 1024, parts: 20 } });
  const echo = (options: Parameters<typeof readJsonOrMultipart>[2]) => async (req: Parameters<typeof readJsonOrMultipart>[0]) => {
    const { body: parsed, files } = await readJsonOrMultipart(req, body, options);
    return { body: parsed, files: files.map((f) => ({ field: f.field, filename: f.filename, mimeType: f.mimeType, text: f.bytes.toString() })) };
  };
  app.post('/docs', echo({ fileFields: ['invoice', 'contract'] }));
  app.post('/one-small', echo({ fileFields: ['invoice'], maxFiles: 1, maxBytes: 10 }));
  app.post('/large', echo({ fileFields: ['invoice'], maxBytes: 1000 }));
});
afterAll(async () => app?.close());

type Part = { name: string; value: string; filename?: string; type?: string };

function encode(parts: Part[]): string {
  const chunks = parts.map((p) => {
    const disposition = `Content-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const type = p.type ? `\r\nContent-Type: ${p.type}` : '';
    return `--${boundary}\r\n${disposition}${type}\r\n\r\n${p.value}\r\n`;
  });
  return `${chunks.join('')}--${boundary}--\r\n`;
}

function post(url: string, payload: string, contentType = `multipart/form-data; boundary=${boundary}`) {
  return app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
}

const form: Part[] = [
  { name: 'data', value: JSON.stringify({ note: '三月物业费发票' }) },
  { name: 'amount', value: '12.5' },
  { name: 'invoice', value: '%PDF-1.7 invoice', filename: '发票.pdf', type: 'application/pdf' },
  { name: 'contract', value: '%PDF-1.7 contract', filename: 'c.pdf', type: 'application/pdf' },
  { name: 'other', value: 'dropped', filename: 'x.bin', type: 'application/octet-stream' },
];

describe('readJsonOrMultipart', () => {
  it('takes a JSON body as it is', async () => {
    const res = await app.inject({ method: 'POST', url: '/docs', payload: { note: '无附件' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ body: { note: '无附件' }, files: [] });
  });

  it('takes the data part as JSON, other text parts as fields, and files of the named fields only', async () => {
    const res = await post('/docs', encode(form));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      body: { note: '三月物业费发票', amount: 12.5 },
      files: [
        { field: 'invoice', filename: '发票.pdf', mimeType: 'application/pdf', text: '%PDF-1.7 invoice' },
        { field: 'contract', filename: 'c.pdf', mimeType: 'application/pdf', text: '%PDF-1.7 contract' },
      ],
    });
  });

  it('takes a data part declared application/json, as a field or as a file (a FormData Blob)', async () => {
    for (const data of [{ name: 'data', value: '{"note":"字段"}', type: 'application/json' }, { name: 'data', value: '{"note":"字段"}', filename: 'blob', type: 'application/json' }]) {
      const res = await post('/docs', encode([data]));
      expect(res.statusCode).toBe(200);
      expect(res.json().body).toEqual({ note: '字段' });
    }
  });

  it('answers 400 VALIDATION_FAILED for fields the schema refuses', async () => {
    const res = await post('/docs', encode([{ name: 'data', value: '{"note":""}' }]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'body.note' }] } });
  });

  it('answers 400 MALFORMED_REQUEST for a data part that is not a JSON object', async () => {
    for (const value of ['{not json', '[1,2]', 'null']) {
      const res = await post('/docs', encode([{ name: 'data', value }]));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('MALFORMED_REQUEST');
    }
    const declared = await post('/docs', encode([{ name: 'data', value: '{not json', type: 'application/json' }]));
    expect([declared.statusCode, declared.json().error.code]).toEqual([400, 'MALFORMED_REQUEST']);
  });

  it('answers 400 MALFORMED_REQUEST, never 500, for a multipart body without a boundary', async () => {
    const res = await post('/docs', encode(form), 'multipart/form-data');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'MALFORMED_REQUEST', details: { reason: expect.stringMatching(/boundary/i) } });
  });

  it('answers 400 MALFORMED_REQUEST, never 500, for a body cut off mid-part or with a wrong boundary', async () => {
    const whole = encode(form);
    const cuts = [
      whole.slice(0, 30), // inside the first part's headers
      whole.slice(0, whole.indexOf('三月')), // inside the data field
      whole.slice(0, whole.indexOf('invoice"') + 40), // inside a file
      whole.slice(0, whole.lastIndexOf(`--${boundary}--`)), // every part, no closing delimiter
      'not multipart at all',
    ];
    for (const payload of cuts) {
      const res = await post('/docs', payload);
      expect(res.statusCode, JSON.stringify(payload.slice(-20))).toBe(400);
      expect(res.json().error.code).toBe('MALFORMED_REQUEST');
    }
    const wrong = await post('/docs', whole, 'multipart/form-data; boundary=another');
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([400, 'MALFORMED_REQUEST']);
  });

  it("applies the endpoint's own limits: 413 over the count or the size", async () => {
    const two = encode([{ name: 'data', value: '{"note":"x"}' }, ...[1, 2].map((i) => ({ name: 'invoice', value: '%PDF', filename: `${i}.pdf`, type: 'application/pdf' }))]);
    const many = await post('/one-small', two);
    expect([many.statusCode, many.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const big = await post('/one-small', encode([{ name: 'data', value: '{"note":"x"}' }, { name: 'invoice', value: '%PDF-1.7 more than ten bytes', filename: 'a.pdf', type: 'application/pdf' }]));
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // An endpoint may also allow more than the app-wide default (100 bytes here).
    const large = await post('/large', encode([{ name: 'data', value: '{"note":"x"}' }, { name: 'invoice', value: `%PDF-${'x'.repeat(500)}`, filename: 'a.pdf', type: 'application/pdf' }]));
    expect(large.statusCode).toBe(200);
    expect(large.json().files[0].text).toHaveLength(505);
  });

  it('keeps a "__proto__" key of the data JSON from changing the fields object', async () => {
    const res = await post('/docs', encode([{ name: 'data', value: '{"note":"x","__proto__":{"amount":99}}' }]));
    expect(res.statusCode).toBe(200);
    expect(res.json().body).toEqual({ note: 'x' });
    expect(({} as Record<string, unknown>).amount).toBeUndefined();
  });
});
