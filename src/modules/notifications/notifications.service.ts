import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { publishLive } from '../../kernel/live.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import type { Actor } from '../access/access.policy.js';
import { notifications } from './notifications.schema.js';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NotifyInput {
  communityId: number;
  accountIds: number[];
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  data?: Record<string, unknown>;
  at?: Date;
}

/**
 * Writes in-app notifications inside the caller's transaction. Delivery (live event and outside
 * channels) must wait for the commit: pass the returned rows to `deliverNotifications` after it.
 */
export async function notify(tx: DbOrTx, input: NotifyInput): Promise<NotificationRow[]> {
  return notifyMany(tx, [input]);
}

/** Several notices in one multi-row INSERT (a sweep escalating a burst of breaches). */
export async function notifyMany(tx: DbOrTx, inputs: NotifyInput[]): Promise<NotificationRow[]> {
  const values = inputs.flatMap((input) => [...new Set(input.accountIds)].map((accountId) => ({
    communityId: input.communityId, accountId, kind: input.kind, title: input.title, body: input.body ?? null,
    link: input.link ?? null, data: input.data ?? {}, ...(input.at ? { createdAt: input.at } : {}),
  })));
  const rows: NotificationRow[] = [];
  for (let i = 0; i < values.length; i += 1000) rows.push(...await tx.insert(notifications).values(values.slice(i, i + 1000)).returning());
  return rows;
}

/** After commit: one live event per recipient and a copy through every outside channel (best effort). */
export async function deliverNotifications(ctx: AppContext, rows: NotificationRow[]): Promise<void> {
  // In parallel: on PostgreSQL each event is a NOTIFY through the pool, which bounds the concurrency.
  await Promise.all(rows.map((n) => deliverOne(ctx, n)));
}

async function deliverOne(ctx: AppContext, n: NotificationRow): Promise<void> {
  try {
    await publishLive(ctx, {
      topic: 'notification.created', scope: { communityId: n.communityId }, accountIds: [n.accountId],
      payload: { notificationId: n.id, communityId: n.communityId, kind: n.kind, title: n.title, link: n.link, ...n.data },
    });
    await Promise.all(ctx.channels.map((c) => c.send({ accountId: n.accountId, title: n.title, body: n.body, link: n.link })));
  } catch {
    /* the in-app row is the record; a failed push is not a failed write */
  }
}

/** notify + deliver for callers outside a larger transaction. */
export async function notifyNow(ctx: AppContext, input: NotifyInput): Promise<void> {
  await deliverNotifications(ctx, await notify(ctx.db, input));
}

export async function listNotifications(db: Db, actor: Actor, q: { unread?: boolean; page: number; pageSize: number }) {
  const where = and(eq(notifications.accountId, actor.accountId), q.unread ? isNull(notifications.readAt) : undefined);
  const [items, [total]] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(q.pageSize).offset(offsetOf(q.page, q.pageSize)),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function unreadCount(db: Db, actor: Actor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.accountId, actor.accountId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the actor's notifications read; someone else's is "not found". Idempotent. */
export async function markRead(db: Db, actor: Actor, id: number, now: Date): Promise<NotificationRow> {
  const [row] = await db.update(notifications).set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.accountId, actor.accountId))).returning();
  if (!row) throw notFound('Notification', id);
  return row;
}

export async function markAllRead(db: Db, actor: Actor, now: Date): Promise<number> {
  const rows = await db.update(notifications).set({ readAt: now })
    .where(and(eq(notifications.accountId, actor.accountId), isNull(notifications.readAt))).returning({ id: notifications.id });
  return rows.length;
}
