import type { FastifyReply, FastifyRequest } from 'fastify';
import { bodyFor, type RenderedBody } from './open311.rendered.js';

/** The response format, chosen as the spec says by the resource's extension. */
export type Open311Format = 'json' | 'xml';
export const open311Formats = ['json', 'xml'] as const;

/** `.xml` anywhere the path ends answers XML; everything else (and unknown routes) JSON. */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

/**
 * JSON follows the XML by the Spark convention: a JSON array under a key is, in XML, a
 * container element holding one child element per item.
 */
const xmlChildOf: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => xmlEscapes[c]!);
}

/*
 * Written out by hand rather than with fast-xml-parser's builder: the documents are plain trees
 * of fixed element names, and a 1000-request list is the hot path of the API, where the generic
 * builder cost some fifty times JSON.stringify.
 */
function element(name: string, value: unknown, out: string[]): void {
  if (value === null || value === undefined) {
    out.push(`<${name}/>`);
  } else if (Array.isArray(value)) {
    // A list directly under its parent: the parent already is the container.
    for (const item of value) element(name, item, out);
  } else if (typeof value === 'object' && !(value instanceof Date)) {
    out.push(`<${name}>`);
    for (const [key, child] of Object.entries(value)) {
      const itemName = xmlChildOf[key];
      if (Array.isArray(child) && itemName) element(key, { [itemName]: child }, out);
      else if (child !== undefined) element(key, child, out);
    }
    out.push(`</${name}>`);
  } else {
    out.push(`<${name}>${escapeXml(value instanceof Date ? value.toISOString() : String(value))}</${name}>`);
  }
}

export function xmlDocument(root: string, content: object): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  element(root, content, out);
  return out.join('');
}

const contentTypes: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

function send(reply: FastifyReply, format: Open311Format, status: number, body: string | Buffer): FastifyReply {
  // Open311 clients are often browser apps on other origins; public GETs are meant to be read.
  return reply.code(status).header('access-control-allow-origin', '*').type(contentTypes[format]).send(body);
}

/** A list's body: a JSON array, or `<root><item>…</item>…</root>`. */
export function listBody(format: Open311Format, root: string, item: string, items: readonly object[]): string {
  return format === 'json' ? JSON.stringify(items) : xmlDocument(root, { [item]: items });
}

/** A list: a JSON array, or `<root><item>…</item>…</root>`. */
export function sendList(reply: FastifyReply, format: Open311Format, root: string, item: string, items: readonly object[], status = 200): FastifyReply {
  return send(reply, format, status, listBody(format, root, item, items));
}

/** A body already rendered (a cached search), with how long a client may keep it. */
export async function sendRendered(request: FastifyRequest, reply: FastifyReply, format: Open311Format, body: RenderedBody, maxAgeSeconds: number): Promise<FastifyReply> {
  if (maxAgeSeconds > 0) reply.header('cache-control', `public, max-age=${maxAgeSeconds}`);
  return send(reply, format, 200, await bodyFor(request, reply, body));
}

/** One document: a JSON object, or `<root>…</root>`. */
export function sendDocument(reply: FastifyReply, format: Open311Format, root: string, doc: object): FastifyReply {
  return send(reply, format, 200, format === 'json' ? JSON.stringify(doc) : xmlDocument(root, doc));
}

/** The spec's error list, `[{code, description}]` or `<errors><error>…</error></errors>`. */
export function sendErrors(reply: FastifyReply, format: Open311Format, status: 400 | 403 | 404, description: string): FastifyReply {
  return sendList(reply, format, 'errors', 'error', [{ code: status, description }], status);
}
