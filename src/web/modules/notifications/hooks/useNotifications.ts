import { useCallback, useState } from 'react';
import { useApi } from '../../../app/useApi';
import { useLiveEvents } from '../../../app/useLiveEvents';
import { notificationsApi } from '../api/notifications';

/** Unread count and the latest notifications, kept live by `notification.created` events. */
export function useNotifications(pageSize = 8) {
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const count = useApi((signal) => notificationsApi.unreadCount(signal), [version]);
  const latest = useApi((signal) => notificationsApi.list({ page: 1, pageSize }, signal), [version, pageSize]);
  useLiveEvents(['notification.created'], reload);
  const markRead = async (id: number) => {
    await notificationsApi.markRead(id);
    reload();
  };
  const markAllRead = async () => {
    await notificationsApi.markAllRead();
    reload();
  };
  return { unread: count.data ?? 0, items: latest.data?.items, total: latest.data?.total ?? 0, loading: latest.loading, reload, markRead, markAllRead };
}
