import { z } from 'zod';
import { actorOf, type App } from '../../server/context.js';
import { SESSION_COOKIE } from '../../server/plugins/auth.js';
import { announceSessionEnded } from '../../server/session-cache.js';
import { loginBody, meDto } from './accounts.dto.js';
import { describeActor } from './accounts.places.js';
import { presentMe } from './accounts.presenter.js';
import { login, logout } from './accounts.service.js';

export function registerAccountRoutes(app: App): void {
  const { config } = app.ctx;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.cookieSecure };

  app.post('/api/auth/login', {
    // Login has its own, stricter throttle (per account and IP, counted before the password check).
    config: { access: { public: true }, rateLimit: false },
    schema: { tags: ['auth'], summary: 'Log in with username (or phone) and password', body: loginBody, response: { 200: meDto } },
  }, async (request, reply) => {
    const result = await login(app.ctx.db, app.ctx.clock, {
      username: request.body.username, password: request.body.password, ip: request.ip, userAgent: request.headers['user-agent'],
    }, { ttlHours: config.sessionTtlHours, passwordCost: config.passwordCost });
    // Secure when configured, or when the request came over HTTPS (directly or via a trusted proxy).
    const secure = cookieOptions.secure || request.protocol === 'https';
    reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, secure, expires: result.expiresAt });
    return presentMe(result.actor, await describeActor(app.ctx.db, result.actor), result.csrfToken);
  });

  app.post('/api/auth/logout', {
    config: { access: { public: true }, rateLimit: false },
    schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } },
  }, async (request, reply) => {
    if (request.sessionId) {
      await logout(app.ctx.db, app.ctx.clock, request.sessionId);
      app.ctx.sessionCache.drop(request.sessionId);
      await announceSessionEnded(app.ctx.events, request.sessionId);
    }
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { access: { loggedIn: true } },
    schema: { tags: ['auth'], summary: 'Who is logged in: roles, scopes, permissions (401 when not)', response: { 200: meDto } },
  }, async (request) => presentMe(actorOf(request), await describeActor(app.ctx.db, actorOf(request)), request.csrfToken ?? ''));
}
