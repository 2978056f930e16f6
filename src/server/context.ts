import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database, Db, DbKind } from '../db/client.js';
import type { Actor, Permission } from '../modules/access/access.policy.js';
import type { Clock } from './clock.js';
import type { AppConfig } from './config.js';
import type { EventBus } from './events.js';
import type { Storage } from './storage.js';
import type { NotificationChannel } from './channels.js';
import type { SessionCache } from './session-cache.js';

/** What every module's routes and services get from the app: the seams, nothing global. */
export interface AppContext {
  db: Db;
  dbKind: DbKind;
  database: Database;
  clock: Clock;
  events: EventBus;
  storage: Storage;
  channels: NotificationChannel[];
  config: AppConfig;
  /** The per-process session → actor cache (src/server/session-cache.ts). */
  sessionCache: SessionCache;
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** Each route declares who may call it: `public`, or the permission it needs. */
export interface RouteAccess {
  public?: boolean;
  permission?: Permission;
  /** Any logged-in account (e.g. /api/auth/me). */
  loggedIn?: boolean;
  /** Authenticated by something other than the session cookie (e.g. Open311 api_key). */
  apiKey?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** false: this write is not counted against the write rate limits (login and logout have their own rules). */
    rateLimit?: false;
  }
}

/** The authenticated actor of a route that declared a permission (the auth hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf called on an unauthenticated route');
  return request.actor;
}

export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
