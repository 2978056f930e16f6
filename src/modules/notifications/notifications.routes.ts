import { z } from 'zod';
import { actorOf, type App } from '../../server/context.js';
import { notificationDto, notificationIdParam, notificationListQuery, notificationPage } from './notifications.dto.js';
import { listNotifications, markAllRead, markRead, unreadCount, type NotificationRow } from './notifications.service.js';

const present = (n: NotificationRow) => ({
  id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, data: n.data, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
});

/** In-app notifications of the logged-in account (the live stream itself is a server plugin). */
export function registerNotificationRoutes(app: App): void {
  const { db, clock } = app.ctx;
  const tags = ['notifications'];
  const read = { access: { permission: 'notifications:read' as const } };

  app.get('/api/notifications', { config: read, schema: { tags, summary: 'My notifications, newest first', querystring: notificationListQuery, response: { 200: notificationPage } } },
    async (req) => {
      const page = await listNotifications(db, actorOf(req), req.query);
      return { ...page, items: page.items.map(present) };
    });
  app.get('/api/notifications/unread-count', { config: read, schema: { tags, summary: 'How many are unread', response: { 200: z.object({ count: z.number().int() }) } } },
    async (req) => ({ count: await unreadCount(db, actorOf(req)) }));
  app.post('/api/notifications/:id/read', { config: read, schema: { tags, summary: 'Mark one read', params: notificationIdParam, response: { 200: notificationDto } } },
    async (req) => present(await markRead(db, actorOf(req), req.params.id, clock.now())));
  app.post('/api/notifications/read-all', { config: read, schema: { tags, summary: 'Mark all read', response: { 200: z.object({ updated: z.number().int() }) } } },
    async (req) => ({ updated: await markAllRead(db, actorOf(req), clock.now()) }));

}
