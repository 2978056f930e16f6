import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { consumeWriteQuota, writeKeys } from '../../kernel/rate-limit.js';
import { registry } from '../../kernel/registry.js';
import { hasPermission } from '../../modules/access/access.policy.js';
import { hashToken, resolveSession, touchSession, type SessionContext } from '../../modules/accounts/accounts.service.js';
import type { RouteAccess } from '../context.js';
import { AppError, CommonErrors } from '../errors.js';

export const SESSION_COOKIE = 'gz_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface CatalogRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalog: CatalogRoute[];
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Runs first (onRequest, before the body is parsed or validated, so an anonymous caller learns
 * nothing about the route's input rules): resolves the session cookie to an actor, then enforces
 * the route's declared access:
 * public, api-key (checked by the route itself) or a permission. Browser writes must carry
 * the session's CSRF token in a header (a cross-site form cannot set headers).
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  // Every route with its access rule, for the authorisation test that walks all of them.
  const catalog: CatalogRoute[] = [];
  app.decorate('routeCatalog', catalog);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    const access = route.config?.access;
    if (access) {
      for (const method of [route.method].flat()) if (method !== 'HEAD') catalog.push({ method, url, access });
    }
    if (!url.startsWith('/api/') && !url.startsWith('/open311/')) return;
    if (url.startsWith('/api/docs')) return;
    if (!route.config?.access) throw new Error(`route ${route.method} ${url} declares no access rule`);
    const permission = route.config.access.permission;
    if (permission && !registry().permissionRoles.has(permission)) throw new Error(`route ${route.method} ${url} needs undeclared permission ${permission}`);
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token && !access.apiKey) {
      const session = await sessionOf(app, token);
      if (session) {
        request.actor = session.actor;
        request.sessionId = session.sessionId;
        request.csrfToken = session.csrfToken;
        if (unsafeMethods.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
          throw new AppError(CommonErrors.CSRF_TOKEN_INVALID, 'Missing or wrong CSRF token (send the X-CSRF-Token header)');
        }
      }
    }
    if (access.apiKey) return;
    if (!access.public) {
      if (!request.actor) throw new AppError(CommonErrors.UNAUTHENTICATED, 'Please log in');
      if (access.permission && !hasPermission(request.actor, access.permission)) {
        throw new AppError(CommonErrors.FORBIDDEN, 'Your roles do not allow this');
      }
    }
    // Every write counts against the account's and the IP's limits, before its body is even parsed.
    const limits = app.ctx.config.writeLimits;
    if (limits && unsafeMethods.has(request.method) && request.routeOptions.config?.rateLimit !== false) {
      await consumeWriteQuota(app.ctx.db, writeKeys(limits, { accountId: request.actor?.accountId, ip: request.ip }));
    }
  });
}

/** The session of a cookie token: from the process's cache while fresh, else from the database. */
async function sessionOf(app: FastifyInstance, token: string): Promise<SessionContext | undefined> {
  const { db, clock, config, sessionCache } = app.ctx;
  const now = clock.now();
  const id = hashToken(token);
  const hit = sessionCache.get(id, now, config.sessionIdleMinutes);
  if (hit) {
    if (now.getTime() - hit.lastSeenAt.getTime() > 60_000) {
      await touchSession(db, id, now);
      sessionCache.touch(id, now);
    }
    return hit.session;
  }
  const session = await resolveSession(db, clock, token, { idleMinutes: config.sessionIdleMinutes });
  if (session && config.sessionCacheSeconds > 0) sessionCache.set(session, session.expiresAt, session.lastSeenAt);
  return session;
}
