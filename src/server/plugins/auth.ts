import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasPermission } from '../../modules/access/access.policy.js';
import { resolveSession } from '../../modules/accounts/accounts.service.js';
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
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token && !access.apiKey) {
      const session = await resolveSession(app.ctx.db, app.ctx.clock, token);
      if (session) {
        request.actor = session.actor;
        request.sessionId = session.sessionId;
        request.csrfToken = session.csrfToken;
        if (unsafeMethods.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
          throw new AppError(CommonErrors.CSRF_TOKEN_INVALID, 'Missing or wrong CSRF token (send the X-CSRF-Token header)');
        }
      }
    }
    if (access.public || access.apiKey) return;
    if (!request.actor) throw new AppError(CommonErrors.UNAUTHENTICATED, 'Please log in');
    if (access.permission && !hasPermission(request.actor, access.permission)) {
      throw new AppError(CommonErrors.FORBIDDEN, 'Your roles do not allow this');
    }
  });
}
