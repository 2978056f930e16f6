import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

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

function toXmlTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toXmlTree);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => {
    const child = xmlChildOf[k];
    return [k, Array.isArray(v) && child ? { [child]: v.map(toXmlTree) } : toXmlTree(v)];
  }));
}

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false, ignoreAttributes: false });

export function xmlDocument(root: string, content: unknown): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: toXmlTree(content) });
}

const contentTypes: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

function send(reply: FastifyReply, format: Open311Format, status: number, body: string): FastifyReply {
  // Open311 clients are often browser apps on other origins; public GETs are meant to be read.
  return reply.code(status).header('access-control-allow-origin', '*').type(contentTypes[format]).send(body);
}

/** A list: a JSON array, or `<root><item>…</item>…</root>`. */
export function sendList(reply: FastifyReply, format: Open311Format, root: string, item: string, items: readonly object[], status = 200): FastifyReply {
  const body = format === 'json' ? JSON.stringify(items) : xmlDocument(root, { [item]: items });
  return send(reply, format, status, body);
}

/** One document: a JSON object, or `<root>…</root>`. */
export function sendDocument(reply: FastifyReply, format: Open311Format, root: string, doc: object): FastifyReply {
  return send(reply, format, 200, format === 'json' ? JSON.stringify(doc) : xmlDocument(root, doc));
}

/** The spec's error list, `[{code, description}]` or `<errors><error>…</error></errors>`. */
export function sendErrors(reply: FastifyReply, format: Open311Format, status: 400 | 403 | 404, description: string): FastifyReply {
  return sendList(reply, format, 'errors', 'error', [{ code: status, description }], status);
}
