import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';

const gzipped = promisify(gzip);

/**
 * A search answer as the cache keeps it: its UTF-8 bytes, and — made once, the first time a client
 * asks for it — the same bytes gzipped. A 1,000-request page is ~600 KB of JSON: encoding the
 * text on every send and pushing it uncompressed was what bounded the search at ~250 answers a
 * second; gzipped it is a tenth of that. Clients that do not send `Accept-Encoding: gzip` get
 * the plain bytes.
 */
export class RenderedBody {
  readonly bytes: Buffer;
  private compressed?: Promise<Buffer>;
  constructor(text: string) {
    this.bytes = Buffer.from(text, 'utf8');
  }
  gzip(): Promise<Buffer> {
    // Compressed once per cached answer, so the best level costs nothing per send: a 1,000-request
    // page 50.9 → 48.7 KB (5.7 ms instead of 3.7 ms, once).
    this.compressed ??= gzipped(this.bytes, { level: constants.Z_BEST_COMPRESSION });
    return this.compressed;
  }
}

/** Whether the client accepts gzip (Accept-Encoding, with its q-values, as negotiator reads it). */
export function acceptsGzip(request: FastifyRequest): boolean {
  return new Negotiator({ headers: { 'accept-encoding': request.headers['accept-encoding'] } }).encodings(['gzip', 'identity'])[0] === 'gzip';
}

/** The bytes the client asked for, with the headers that say which they are. */
export async function bodyFor(request: FastifyRequest, reply: FastifyReply, body: RenderedBody): Promise<Buffer> {
  reply.header('vary', 'accept-encoding');
  if (!acceptsGzip(request)) return body.bytes;
  reply.header('content-encoding', 'gzip');
  return body.gzip();
}
