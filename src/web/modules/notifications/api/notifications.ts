import { api, type Page } from '../../../app/api';

/** One in-app notification (src/modules/notifications/notifications.schema.ts as presented). */
export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  data?: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** The server answers `{ count }`; a bare number is accepted too. */
const countOf = (x: { count?: number; unread?: number } | number) => (typeof x === 'number' ? x : x.count ?? x.unread ?? 0);

export const notificationsApi = {
  list: (q: { unread?: boolean; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<Page<AppNotification>>('/api/notifications', { unread: q.unread ? 'true' : undefined, page: q.page, pageSize: q.pageSize }, signal),
  unreadCount: (signal?: AbortSignal) => api.get<{ count: number } | number>('/api/notifications/unread-count', undefined, signal).then(countOf),
  markRead: (id: number) => api.post<unknown>(`/api/notifications/${id}/read`),
  markAllRead: () => api.post<unknown>('/api/notifications/read-all'),
};

/**
 * Where a notification leads. The server links staff pages (`/requests/12`); on the phone the
 * same request lives under `/m`.
 */
export function targetOf(n: Pick<AppNotification, 'link' | 'data'>, resident: boolean): string | null {
  let link = n.link;
  if (!link && typeof n.data?.requestId === 'number') link = `/requests/${n.data.requestId}`;
  if (!link || !link.startsWith('/')) return null;
  if (resident && !link.startsWith('/m/') && link !== '/m') return `/m${link}`;
  if (!resident && link.startsWith('/m/')) return link.slice(2);
  return link;
}
