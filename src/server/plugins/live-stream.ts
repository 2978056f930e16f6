import { eventVisibleTo } from '../../kernel/live.js';
import type { Actor } from '../../modules/access/access.policy.js';
import { resolveSession } from '../../modules/accounts/accounts.service.js';
import { actorOf, type App } from '../context.js';
import { AppError, CommonErrors } from '../errors.js';
import { SESSION_COOKIE } from './auth.js';

export const HEARTBEAT_MS = 20_000;
/** How often an open stream re-checks its session (logout, expiry, disabled account, changed roles). */
export const RECHECK_MS = 30_000;
/** Open streams per account (tabs and devices); one more is refused with 429. */
export const MAX_STREAMS_PER_ACCOUNT = 8;

const sameGrants = (a: Actor, b: Actor) => JSON.stringify(a.grants) === JSON.stringify(b.grants);

/**
 * GET /api/events/stream — Server-Sent Events of what the actor may receive (each topic's
 * declaration decides, see src/kernel/live.ts), with a heartbeat. A stream ends when its session
 * ends, expires or loses its account, or when the account's roles change (the browser reconnects
 * and gets a stream with the new rights).
 */
export function registerLiveStream(app: App, opts: { recheckMs?: number; heartbeatMs?: number } = {}): void {
  const open = new Set<() => void>();
  const perAccount = new Map<number, number>();
  // Streams never end on their own: close them before the server waits for its connections.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get('/api/events/stream', {
    config: { access: { loggedIn: true } },
    schema: { tags: ['live'], summary: 'SSE of the live topics the actor may receive (request.created, notification.created, …); a comment ping every 20 s' },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const count = perAccount.get(actor.accountId) ?? 0;
    if (count >= MAX_STREAMS_PER_ACCOUNT) throw new AppError(CommonErrors.RATE_LIMITED, `At most ${MAX_STREAMS_PER_ACCOUNT} live streams per account`);
    perAccount.set(actor.accountId, count + 1);
    const token = req.cookies[SESSION_COOKIE]!;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive',
      'x-accel-buffering': 'no', 'x-request-id': req.id,
    });
    res.write(': connected\nretry: 3000\n\n');
    const unsubscribe = app.ctx.events.subscribe((e) => {
      if (!eventVisibleTo(actor, e)) return;
      res.write(`event: ${e.topic}\ndata: ${JSON.stringify({ ...e.payload, communityId: e.scope?.communityId ?? e.payload.communityId ?? null })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      clearInterval(recheck);
      unsubscribe();
      open.delete(end);
      const left = (perAccount.get(actor.accountId) ?? 1) - 1;
      if (left > 0) perAccount.set(actor.accountId, left);
      else perAccount.delete(actor.accountId);
      if (!res.writableEnded) res.end();
    };
    const recheck = setInterval(() => {
      resolveSession(app.ctx.db, app.ctx.clock, token, { idleMinutes: app.ctx.config.sessionIdleMinutes, touch: false })
        .then((session) => {
          if (!session || !sameGrants(session.actor, actor)) end();
        })
        .catch(() => undefined);
    }, opts.recheckMs ?? RECHECK_MS);
    open.add(end);
    res.on('close', end);
  });
}
