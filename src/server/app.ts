import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';
import { selectJobs, startJobRunner } from '../kernel/jobs.js';
import type { ModuleManifest } from '../kernel/module.js';
import { registerModules, registry } from '../kernel/registry.js';
import { modules as appModules } from '../modules/index.js';
import { limits } from '../shared/limits.js';
import { LogChannel } from './channels.js';
import { systemClock, type Clock } from './clock.js';
import type { AppConfig } from './config.js';
import type { App, AppContext } from './context.js';
import { InProcessEventBus, PostgresEventBus, type EventBus } from './events.js';
import { registerAuth } from './plugins/auth.js';
import { frameworkError, registerErrorHandler } from './plugins/error-handler.js';
import { registerHealth } from './plugins/health.js';
import { registerLiveStream } from './plugins/live-stream.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { serializerCompiler } from './serializer.js';
import { SessionCache } from './session-cache.js';
import { registerWeb } from './plugins/web.js';
import { LocalDiskStorage, type Storage } from './storage.js';

export interface BuildOptions {
  config: AppConfig;
  database: Database;
  clock?: Clock;
  storage?: Storage;
  events?: EventBus;
  /** false in tests; a pino options object or true in production. */
  logger?: boolean | object;
  serveWeb?: boolean;
  /** The module list (src/modules/index.ts); a test may pass a longer one (an example module). */
  modules?: readonly ModuleManifest[];
}

/** Builds the Fastify app with every plugin and module; `main.ts` only adds listen and shutdown. */
export async function buildApp(opts: BuildOptions): Promise<App> {
  if (opts.modules && opts.modules !== appModules) registerModules(opts.modules);
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64 ? req.headers['x-request-id'] : randomUUID()),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  let events = opts.events;
  if (!events) {
    if (opts.database.kind === 'postgres') {
      const bus = new PostgresEventBus(opts.database.pool!);
      await bus.start();
      events = bus;
    } else {
      events = new InProcessEventBus();
    }
  }
  const ctx: AppContext = {
    db: opts.database.db,
    dbKind: opts.database.kind,
    database: opts.database,
    clock: opts.clock ?? systemClock,
    events,
    storage: opts.storage ?? new LocalDiskStorage(opts.config.storageDir),
    channels: [new LogChannel('sms', app.log), new LogChannel('wechat', app.log)],
    config: opts.config,
    sessionCache: new SessionCache(events, opts.config.sessionCacheSeconds * 1000),
  };
  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onClose', async () => {
    ctx.sessionCache.close();
    if (!opts.events) await events.close();
  });

  registerErrorHandler(app);
  await registerSecurityHeaders(app, { cookieSecure: opts.config.cookieSecure });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { files: limits.photosPerRequest, fileSize: limits.photoBytesMax, fields: 30, fieldSize: 64 * 1024, parts: 40 },
  });
  await registerOpenApi(app);
  registerAuth(app);

  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());
  registerHealth(app);
  registerLiveStream(app, { recheckMs: opts.config.liveRecheckSeconds * 1000 });
  for (const m of registry().modules) if (m.routes) await m.routes(app);
  startJobRunner(app, selectJobs(registry().modules.flatMap((m) => m.jobs ?? []), opts.config.jobs));

  if (opts.serveWeb !== false) await registerWeb(app);
  else app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}`, details: null } }));
  return app;
}
