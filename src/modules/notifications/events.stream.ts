import { grantCovers, grantsWith, type Actor } from '../access/access.policy.js';
import { actorOf, type App } from '../../server/context.js';
import type { LiveEvent } from '../../server/events.js';

export const HEARTBEAT_MS = 20_000;

/**
 * May this actor see this live event? Events addressed to accounts go to those accounts only;
 * request events go to whoever could read the request: its community's staff, the department of
 * its city, the assignee's company or unit, and the reporter or assigned grid worker by account.
 */
export function eventVisibleTo(actor: Actor, e: LiveEvent): boolean {
  if (e.topic === 'notification.created') return !!e.accountIds?.includes(actor.accountId);
  if (e.accountIds?.includes(actor.accountId)) return true;
  const p = e.payload;
  const scope = {
    communityId: e.communityId ?? null, cityId: typeof p.cityId === 'number' ? p.cityId : null,
    compoundId: typeof p.compoundId === 'number' ? p.compoundId : null, householdId: typeof p.householdId === 'number' ? p.householdId : null,
    companyId: e.companyId ?? null, localUnitId: e.organisationId ?? null,
  };
  // Grid workers are granted a whole community but follow only their own orders (by account, above).
  return grantsWith(actor, 'requests:read').some((g) => g.role !== 'grid_worker' && grantCovers(g, scope));
}

/** GET /api/events/stream — Server-Sent Events of what the actor may see, with a heartbeat. */
export function registerEventStream(app: App): void {
  const open = new Set<() => void>();
  // Streams never end on their own: close them before the server waits for its connections.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get('/api/events/stream', { config: { access: { loggedIn: true } }, schema: { tags: ['notifications'], summary: 'SSE: request.created, request.updated, notification.created; a comment ping every 20 s' } },
    async (req, reply) => {
      const actor = actorOf(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive',
        'x-accel-buffering': 'no', 'x-request-id': req.id,
      });
      res.write(': connected\nretry: 3000\n\n');
      const unsubscribe = app.ctx.events.subscribe((e) => {
        if (!eventVisibleTo(actor, e)) return;
        res.write(`event: ${e.topic}\ndata: ${JSON.stringify({ ...e.payload, communityId: e.communityId ?? e.payload.communityId ?? null })}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        if (!res.writableEnded) res.end();
      };
      open.add(end);
      res.on('close', end);
    });
}
