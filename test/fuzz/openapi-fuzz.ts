/*
 * The project's own fuzzer: from the OpenAPI document, a valid-looking request for every
 * operation, then that request broken one way at a time — wrong types, out-of-range numbers,
 * impossible dates, NUL and lone surrogates, huge strings, broken JSON and multipart, absurd
 * query strings. test/api/fuzz.test.ts sends them as anonymous and as every role; any 5xx fails.
 */

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  nullable?: boolean;
  default?: unknown;
}

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/requests/{id}. */
  path: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  headers: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
}

export interface FuzzRequest {
  label: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** A raw body (string or bytes) or a JSON value. */
  payload?: string | Buffer | object;
}

export function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        headers: params.filter((p) => p.in === 'header').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

/** A value the schema accepts (as well as a simple generator can: patterns are not solved). */
export function sample(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return sample(alt.find((s) => s.type !== 'null') ?? alt[0], depth + 1);
  if (schema.allOf?.length) return sample(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? Object.keys(schema.properties ?? {})) out[key] = sample(schema.properties?.[key], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sample(schema.items, depth + 1));
    case 'integer':
      return Math.max(schema.minimum ?? 1, 1);
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date') return '2026-01-13';
      if (schema.format === 'date-time') return '2026-01-13T09:00:00+08:00';
      if (schema.format === 'email') return 'a@example.com';
      return '测试内容'.padEnd(Math.max(schema.minLength ?? 0, 4), '好').slice(0, schema.maxLength ?? 100);
    default:
      return null;
  }
}

/** Values that break a field of any type. */
export const badValues: unknown[] = [
  null, '', 'x'.repeat(20_000), '\u0000', 'a\u0000b', '\uD800', '\uDFFFx', '0000-01-01', '2026-02-30', '99999-01-01',
  '1970-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', -1, 0, 1.5, 2 ** 31, 2 ** 63, 1e308, -1e308, true, {}, [], [[[[[]]]]],
  { a: { b: { c: {} } } }, '=HYPERLINK("http://x")', '<script>alert(1)</script>', "' or 1=1 --", '${7*7}', '%00', '../../etc/passwd',
];

/** Query-string renderings of bad values. */
export const badQueryValues: string[] = [
  '', 'abc', '-1', '0', '1.5', '1e309', '99999999999999999999999', '0000-01-01', '2026-13-01', '2026-02-30', '%00', 'a%00b', '%ED%A0%80',
  '%F0%28%8C%BC', 'x'.repeat(3000), '[]', '{}', 'true', 'null', 'NaN', 'Infinity', '2026-01', '1,2,3,abc', encodeURIComponent('\u0000'),
];

/** Path-parameter renderings of bad ids. */
export const badPathValues: string[] = ['0', '-1', 'abc', '1.5', '99999999999999999999', '9007199254740993', '%00', '%ED%A0%80', 'x'.repeat(300)];

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '1');
}

function queryString(pairs: [string, string][]): string {
  return pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : '';
}

function validQuery(op: Operation): [string, string][] {
  return op.query.filter((q) => q.required).map((q) => [q.name, encodeURIComponent(String(sample(q.schema)))]);
}

/** The request variants of one operation: a valid one first, then one breakage each. */
export function requestsFor(op: Operation, ids: Record<string, string>, depth: 'full' | 'light'): FuzzRequest[] {
  const url = fill(op.path, ids);
  const base = validQuery(op);
  const body = op.body ? sample(op.body) : undefined;
  const out: FuzzRequest[] = [];
  const withBody = (label: string, payload: FuzzRequest['payload'], headers?: Record<string, string>) => out.push({ label, method: op.method, url: url + queryString(base), payload, headers });
  if (op.method === 'GET') out.push({ label: 'valid', method: 'GET', url: url + queryString(base) });
  else withBody('valid', (body ?? {}) as object);
  // Broken bodies arrive before any validation: a light pass sends a few to every role.
  if (op.method !== 'GET') {
    withBody('broken json', '{"a":', { 'content-type': 'application/json' });
    withBody('json null', 'null', { 'content-type': 'application/json' });
    withBody('multipart without boundary', '--x\r\n', { 'content-type': 'multipart/form-data' });
  }
  if (depth === 'light') return out;

  for (const p of op.pathParams) for (const v of badPathValues) out.push({ label: `path ${p}=${v.slice(0, 20)}`, method: op.method, url: fill(op.path, { ...ids, [p]: v }) + queryString(base), payload: op.method === 'GET' ? undefined : (body ?? {}) as object });
  for (const q of op.query) {
    for (const v of badQueryValues) out.push({ label: `query ${q.name}=${v.slice(0, 20)}`, method: op.method, url: url + queryString([...base.filter(([k]) => k !== q.name), [q.name, v]]), payload: op.method === 'GET' ? undefined : (body ?? {}) as object });
  }
  out.push({ label: 'query absurd', method: op.method, url: `${url}?a[b][c]=1&a[b][c]=2&${'z=1&'.repeat(300)}%=&&=`, payload: op.method === 'GET' ? undefined : (body ?? {}) as object });
  for (const h of op.headers) for (const v of ['', 'x'.repeat(500), '\u00e9\u00e8', ' ']) out.push({ label: `header ${h.name}`, method: op.method, url: url + queryString(base), headers: { [h.name]: v }, payload: op.method === 'GET' ? undefined : (body ?? {}) as object });
  if (op.method === 'GET') return out;

  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const props = Object.keys(op.body?.properties ?? {});
    for (const key of props) {
      for (const v of badValues) withBody(`body ${key}=${JSON.stringify(v)?.slice(0, 20)}`, { ...(body as object), [key]: v });
      withBody(`body ${key} missing`, Object.fromEntries(Object.entries(body as object).filter(([k]) => k !== key)));
    }
    withBody('body unknown field', { ...(body as object), zzUnknown: 1 });
  }
  withBody('json array', '[]', { 'content-type': 'application/json' });
  withBody('json string', '"x"', { 'content-type': 'application/json' });
  withBody('json huge number', '{"a":1e400}', { 'content-type': 'application/json' });
  withBody('json deep', `${'['.repeat(5000)}${']'.repeat(5000)}`, { 'content-type': 'application/json' });
  withBody('json with BOM', '\ufeff{}', { 'content-type': 'application/json' });
  withBody('json invalid utf-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), { 'content-type': 'application/json' });
  withBody('text/plain', 'hello', { 'content-type': 'text/plain' });
  withBody('xml', '<a/>', { 'content-type': 'application/xml' });
  withBody('form', 'a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' });
  withBody('multipart cut off', '--b\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"descr', { 'content-type': 'multipart/form-data; boundary=b' });
  withBody('multipart bad part', '--b\r\nGarbage\r\n\r\nx\r\n--b--\r\n', { 'content-type': 'multipart/form-data; boundary=b' });
  withBody('multipart data not json', '--b\r\nContent-Disposition: form-data; name="data"\r\n\r\n{oops\r\n--b--\r\n', { 'content-type': 'multipart/form-data; boundary=b' });
  withBody('multipart file not image', '--b\r\nContent-Disposition: form-data; name="photos"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nnot a png\r\n--b--\r\n', { 'content-type': 'multipart/form-data; boundary=b' });
  return out;
}
