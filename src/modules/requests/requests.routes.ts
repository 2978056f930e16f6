import { z } from 'zod';
import { idempotencyKeyHeader } from '../../kernel/idempotency.js';
import { actorOf, type App } from '../../server/context.js';
import { limits } from '../../shared/limits.js';
import {
  acceptRequest, bulkDispatch, cancelRequest, confirmRequest, dispatchRequest, escalateRequest, listAssignees, mergeRequest,
  progressRequest, recordConsultation, reopenRequest, resolveRequest, returnRequest, startRequest,
} from './requests.actions.js';
import { createRequestReadCache, type RequestReadCache } from './requests.cache.js';
import { registerRequestConfigRoutes } from './requests.config.routes.js';
import { registerRequestCountRoutes } from './requests.counts.js';
import { registerMergeCandidateRoutes } from './requests.merge-candidates.js';
import {
  assigneesDto, attachmentParam, bulkDispatchBody, bulkDispatchDto, classifyBody, classifyDto, confirmBody, consultationBody, createRequestBody,
  dispatchBody, idParam, listQuery, mergeBody, optionalNoteBody, reasonBody, requestDetailDto, requestPage, requiredNoteBody,
} from './requests.dto.js';
import { registerRequestExportRoutes } from './requests.export.js';
import { readBodyWithPhotos } from './requests.multipart.js';
import { classifyText, getAttachment, getRequestDetail, listRequestsJson, presentVisibleDetail } from './requests.read.js';
import { fileRequest } from './requests.service.js';
import { sendRenderedJson } from '../../server/serializer.js';

const tags = ['requests'];
const idempotencyHeaders = z.object(idempotencyKeyHeader).passthrough();

/** 三单服务 routes: thin handlers (validate → one service call → present). */
export function registerRequestRoutes(app: App): void {
  const ctx = app.ctx;
  const cache = createRequestReadCache(ctx.events, ctx.config.requestsCacheSeconds);
  app.addHook('onClose', async () => cache.close());
  const perm = (permission: 'requests:create' | 'requests:read' | 'requests:dispatch' | 'requests:work' | 'requests:rate' | 'requests:consult') => ({ access: { permission } });
  const detail = (req: { actor: unknown }, id: number) => getRequestDetail(ctx, actorOf(req as never), id, cache);

  app.post('/api/requests/classify', { config: { access: { loggedIn: true } }, schema: { tags, summary: 'Suggest category, priority and assignee from a text (requests:create, requests:dispatch or requests:configure)', body: classifyBody, response: { 200: classifyDto } } },
    async (req) => classifyText(ctx, actorOf(req), req.body.description));

  app.post('/api/requests', {
    config: perm('requests:create'),
    schema: { tags, summary: `File a request: JSON, or multipart with a "data" JSON part and up to ${limits.photosPerRequest} "photos" (jpeg/png/webp ≤ 5 MB)`, headers: idempotencyHeaders, response: { 201: requestDetailDto } },
  }, async (req, reply) => {
    const { body, photos } = await readBodyWithPhotos(req, createRequestBody);
    const actor = actorOf(req);
    // Staff filing through the app are taking a resident's call.
    const source = actor.grants.some((g) => g.scopeType === 'household') ? 'app' : 'phone';
    const result = await fileRequest(ctx, { ...body, reporter: { kind: 'account', actor }, source, photos, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    // A resident's filing knows its whole detail (no read back: three round trips fewer).
    if (result.filed) cache.learnCommunity(result.requestId, result.filed.row.r.communityId);
    return reply.code(201).send(result.filed ? presentVisibleDetail(ctx, actor, result.filed.row, result.filed.parts) : await getRequestDetail(ctx, actor, result.requestId, cache));
  });

  app.get('/api/requests', { config: perm('requests:read'), schema: { tags, summary: 'Requests in the actor\'s scope, filtered and paged', querystring: listQuery, response: { 200: requestPage } } },
    // The text the route's own serializer made (kept with a cached page).
    async (req, reply) => sendRenderedJson(reply, await listRequestsJson(ctx, actorOf(req), req.query, cache, (page) => reply.serialize(page) as string)));

  app.get('/api/requests/:id', { config: perm('requests:read'), schema: { tags, summary: 'One request with timeline, photos, consultations and abilities', params: idParam, response: { 200: requestDetailDto } } },
    async (req) => detail(req, req.params.id));

  app.get('/api/requests/:id/attachments/:attachmentId', { config: perm('requests:read'), schema: { tags, summary: 'The bytes of a photo', params: attachmentParam } },
    async (req, reply) => {
      const file = await getAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      return reply.type(file.mimeType).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(file.bytes);
    });

  app.get('/api/requests/:id/assignees', { config: perm('requests:dispatch'), schema: { tags, summary: 'Companies, local units and grid workers this request can go to', params: idParam, response: { 200: assigneesDto } } },
    async (req) => listAssignees(ctx, actorOf(req), req.params.id));

  app.post('/api/requests/:id/dispatch', { config: perm('requests:dispatch'), schema: { tags, summary: '社区发单: send to a property company, local unit or grid worker', params: idParam, body: dispatchBody, response: { 200: requestDetailDto } } },
    async (req) => {
      await dispatchRequest(ctx, actorOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    });

  app.post('/api/requests/bulk-dispatch', { config: perm('requests:dispatch'), schema: { tags, summary: 'Dispatch up to 100 requests to one assignee; each succeeds or fails on its own', body: bulkDispatchBody, response: { 200: bulkDispatchDto } } },
    async (req) => bulkDispatch(ctx, actorOf(req), req.body.ids, req.body));

  app.post('/api/requests/:id/merge', { config: perm('requests:dispatch'), schema: { tags, summary: 'Merge into an open request of the same compound and category (last 48 h)', params: idParam, body: mergeBody, response: { 200: requestDetailDto } } },
    async (req) => {
      await mergeRequest(ctx, actorOf(req), req.params.id, req.body.masterId, req.body.note);
      return detail(req, req.params.id);
    });

  registerSteps(app, cache);
  registerRequestConfigRoutes(app);
  registerRequestExportRoutes(app);
  registerRequestCountRoutes(app);
  registerMergeCandidateRoutes(app);
}

/** The assignee's, the resident's and the consultation steps. */
function registerSteps(app: App, cache: RequestReadCache): void {
  const ctx = app.ctx;
  const schema = <B extends z.ZodType>(summary: string, body: B) => ({ tags, summary, params: idParam, body, response: { 200: requestDetailDto } });
  const noBodySchema = (summary: string) => ({ tags, summary, params: idParam, response: { 200: requestDetailDto } });
  const work = { access: { permission: 'requests:work' as const } };
  const after = (req: { params: { id: number } }, actor: ReturnType<typeof actorOf>) => getRequestDetail(ctx, actor, req.params.id, cache);

  app.post('/api/requests/:id/accept', { config: work, schema: schema('辖区单位接单: accept', optionalNoteBody) },
    async (req) => { await acceptRequest(ctx, actorOf(req), req.params.id, req.body.note); return after(req, actorOf(req)); });
  app.post('/api/requests/:id/return', { config: work, schema: schema('Return to the community with a reason', reasonBody) },
    async (req) => { await returnRequest(ctx, actorOf(req), req.params.id, req.body.reason); return after(req, actorOf(req)); });
  app.post('/api/requests/:id/start', { config: work, schema: schema('Start working on it', optionalNoteBody) },
    async (req) => { await startRequest(ctx, actorOf(req), req.params.id, req.body.note); return after(req, actorOf(req)); });
  app.post('/api/requests/:id/progress', { config: work, schema: noBodySchema('Add a progress note (JSON {note} or multipart with photos)') },
    async (req) => {
      const { body, photos } = await readBodyWithPhotos(req, requiredNoteBody);
      await progressRequest(ctx, actorOf(req), req.params.id, body.note, photos);
      return after(req, actorOf(req));
    });
  app.post('/api/requests/:id/resolve', { config: work, schema: noBodySchema('Resolve with a note (JSON {note} or multipart with photos)') },
    async (req) => {
      const { body, photos } = await readBodyWithPhotos(req, requiredNoteBody);
      await resolveRequest(ctx, actorOf(req), req.params.id, body.note, photos);
      return after(req, actorOf(req));
    });
  const rate = { access: { permission: 'requests:rate' as const } };
  app.post('/api/requests/:id/confirm', { config: rate, schema: schema('Resident confirms and rates 1–5', confirmBody) },
    async (req) => { await confirmRequest(ctx, actorOf(req), req.params.id, req.body.rating, req.body.comment); return after(req, actorOf(req)); });
  app.post('/api/requests/:id/reopen', { config: rate, schema: schema('Resident reopens with a reason', reasonBody) },
    async (req) => { await reopenRequest(ctx, actorOf(req), req.params.id, req.body.reason); return after(req, actorOf(req)); });
  app.post('/api/requests/:id/cancel', { config: { access: { permission: 'requests:read' } }, schema: schema('Cancel: the reporter before acceptance, or a dispatcher', reasonBody) },
    async (req) => { await cancelRequest(ctx, actorOf(req), req.params.id, req.body.reason); return after(req, actorOf(req)); });
  app.post('/api/requests/:id/escalate', { config: { access: { permission: 'requests:dispatch' } }, schema: schema('Escalate to 三方会诊', requiredNoteBody) },
    async (req) => { await escalateRequest(ctx, actorOf(req), req.params.id, req.body.note); return after(req, actorOf(req)); });
  app.post('/api/requests/:id/consultations', { config: { access: { permission: 'requests:consult' } }, schema: schema('Record a 三方会诊; the request follows the decision', consultationBody) },
    async (req) => {
      const b = req.body;
      await recordConsultation(ctx, actorOf(req), req.params.id, { ...b, heldAt: new Date(b.heldAt), dispatchTo: b.dispatchTo ?? null });
      return after(req, actorOf(req));
    });
}
