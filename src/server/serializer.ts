import type { FastifyReply } from 'fastify';
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Responses are serialised by fast-json-stringify, compiled once per route from the JSON
 * Schema of the route's zod response schema — the same schema the OpenAPI document shows — not
 * by zod encoding the object at run time (on the queue page zod's encode and JSON.stringify were
 * a large part of the server's CPU). A schema zod cannot express as JSON Schema falls back to
 * zod's own serialiser. Properties outside the schema are dropped, as zod would.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  const schema = route.schema as unknown;
  if (!(schema instanceof z.ZodType)) return zodSerializerCompiler(route as never);
  try {
    const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'throw' }) as Record<string, unknown>;
    delete json.$schema;
    return fastJson(json as never) as (data: unknown) => string;
  } catch {
    return zodSerializerCompiler(route as never);
  }
};

/**
 * Sends JSON text a route already rendered with its own 200 serialiser (a cached answer): a
 * string goes out as it is, not serialised again. The cast steps past the type provider, which
 * expects the schema's object.
 */
export function sendRenderedJson(reply: unknown, body: string): FastifyReply {
  return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
}
