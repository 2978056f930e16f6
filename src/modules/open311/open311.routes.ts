import type { FastifyRequest } from 'fastify';
import { consumeWriteQuota, writeKeys } from '../../kernel/rate-limit.js';
import { bulkhead } from '../../server/bulkhead.js';
import type { App } from '../../server/context.js';
import { createOpen311Request, parseCreateParams } from './open311.create.js';
import { createRequestBody, createRequestQuery, jurisdictionQuery, requestIdParams, requestsQuery, serviceCodeParams } from './open311.dto.js';
import { readPostFields, registerOpen311Handlers } from './open311.http.js';
import { verifyApiKey, type VerifiedApiKey } from './open311.keys.js';
import { registerOpen311KeyRoutes } from './open311.keys.routes.js';
import { resolveJurisdiction, type Jurisdiction } from './open311.places.js';
import { ReadCache } from '../../kernel/read-cache.js';
import { RenderedBody } from './open311.rendered.js';
import { listBody, open311Formats, sendDocument, sendList, sendRendered, type Open311Format } from './open311.render.js';
import { discoveryOf, getRequest, getServiceDefinition, listRequests, listServices } from './open311.service.js';

const publicRead = { access: { public: true } };

/**
 * Request searches build pages of up to 1,000 requests; 64 at once held 64 pages in memory (server
 * RSS 370 MB in the bench); the work is CPU-bound, so more at once buys no throughput. Four at a time.
 */
const searchPages = bulkhead(4);
const tags = ['open311'];

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/open311/v2`;
}

/** The GeoReport v2 resources in one format: the path's extension picks JSON or XML. */
function registerFormat(scope: App, format: Open311Format, cache: ReadCache<RenderedBody>, jurisdictions: ReadCache<Jurisdiction>): void {
  const { db, clock } = scope.ctx;
  // A city's code and name hardly ever change, and the answers they pick are cached as long.
  const jurisdictionOf = (id: string | undefined): Promise<Jurisdiction> => jurisdictions.get(id ?? '', () => resolveJurisdiction(db, id));
  const summary = (what: string) => `${what} (${format.toUpperCase()})`;

  scope.get(`/v2/discovery.${format}`, { config: publicRead, schema: { tags, summary: summary('Open311 service discovery') } },
    async (req, reply) => sendDocument(reply, format, 'discovery', discoveryOf(baseUrl(req))));

  scope.get(`/v2/services.${format}`, { config: publicRead, schema: { tags, summary: summary('Service types (request categories) of the jurisdiction'), querystring: jurisdictionQuery } },
    async (req, reply) => sendList(reply, format, 'services', 'service', await listServices(db, await jurisdictionOf(req.query.jurisdiction_id))));

  scope.get(`/v2/services/:service_code.${format}`, { config: publicRead, schema: { tags, summary: summary('Service definition: the attributes a service accepts'), params: serviceCodeParams, querystring: jurisdictionQuery } },
    async (req, reply) => {
      const city = await jurisdictionOf(req.query.jurisdiction_id);
      return sendDocument(reply, format, 'service_definition', await getServiceDefinition(db, city, req.params.service_code));
    });

  scope.get(`/v2/requests.${format}`, { config: publicRead, schema: { tags, summary: summary('Service requests: last 90 days, up to 1000, filterable and pageable'), querystring: requestsQuery } },
    async (req, reply) => {
      const { jurisdiction_id: jurisdictionId, ...query } = req.query;
      const city = await jurisdictionOf(jurisdictionId);
      const body = await cache.get(`${format}|${city.id}|${JSON.stringify(query)}`, () => searchPages(async () => new RenderedBody(listBody(format, 'service_requests', 'request', await listRequests(db, city, query, clock.now())))));
      return sendRendered(req, reply, format, body, cache.ttlSeconds);
    });

  // The wiki names this resource requests/{id}; the standard's Swagger file names it request/{id}.
  for (const resource of ['requests', 'request']) {
    scope.get(`/v2/${resource}/:service_request_id.${format}`, { config: publicRead, schema: { tags, summary: summary('One service request'), params: requestIdParams, querystring: jurisdictionQuery, hide: resource === 'request' } },
      async (req, reply) => {
        const city = await jurisdictionOf(req.query.jurisdiction_id);
        return sendList(reply, format, 'service_requests', 'request', await getRequest(db, city, req.params.service_request_id));
      });
  }

  scope.post(`/v2/requests.${format}`, { config: { access: { apiKey: true } }, schema: { tags, summary: summary('File a service request with an api_key'), querystring: createRequestQuery, body: createRequestBody } },
    async (req, reply) => {
      // The key is checked (and its write quota counted) before any uploaded file is read.
      let key: VerifiedApiKey | undefined;
      const admit = async (fields: Record<string, unknown>) => {
        key = await verifyApiKey(db, typeof fields.api_key === 'string' ? fields.api_key : undefined);
        const limits = scope.ctx.config.writeLimits;
        if (limits) await consumeWriteQuota(db, writeKeys(limits, { apiKeyId: key.id, ip: req.ip }));
      };
      const { fields, photos } = await readPostFields(req, admit);
      if (!key) await admit(fields);
      const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'].slice(0, 100) : null;
      const { replayed, receipt } = await createOpen311Request(scope.ctx, parseCreateParams(fields), { idempotencyKey, photos, key: key! });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return sendList(reply, format, 'service_requests', 'request', [receipt]);
    });
}

/** Open311 GeoReport v2 under /open311/v2, with errors in the spec's format, and its key admin. */
export async function registerOpen311Routes(app: App): Promise<void> {
  registerOpen311KeyRoutes(app);
  await app.register(async (scope) => {
    registerOpen311Handlers(scope);
    // Open311 GET answers are public and the same for every caller, and a city's other systems poll
    // them: each process keeps a rendered search for OPEN311_CACHE_SECONDS (10 by default), so a
    // thousand polls a second cost one search. A new request shows up at the latest that many
    // seconds later — what `Cache-Control: max-age` also tells the client.
    // At most 100 searches kept: a 1,000-request page is ~600 KB, so distinct queries (anyone may
    // send them) must not be able to fill the process.
    const cache = new ReadCache<RenderedBody>(app.ctx.config.open311CacheSeconds, 100);
    // The jurisdiction a GET names, for as long: one statement fewer per poll. An unknown id is an
    // error, and a failed computation is not kept, so made-up ids cannot fill it.
    const jurisdictions = new ReadCache<Jurisdiction>(app.ctx.config.open311CacheSeconds, 100);
    for (const format of open311Formats) registerFormat(scope as App, format, cache, jurisdictions);
  }, { prefix: '/open311' });
}
