import { Button, Card, Empty, Skeleton } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { targetOf } from '../api/notifications';
import { NotificationItem } from '../components/NotificationItem';
import { useNotifications } from '../hooks/useNotifications';

/** 消息 on the phone: progress of my requests and other news, newest first. */
export default function ResidentNotificationsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const n = useNotifications(50);
  return (
    <Card variant="borderless" size="small" title={t('notifications.title')} styles={{ body: { padding: 0 } }}
      extra={<Button type="link" size="small" disabled={n.unread === 0} onClick={() => void n.markAllRead()}>{t('notifications.readAll')}</Button>}>
      {!n.items ? <Skeleton active style={{ padding: 16 }} /> : n.items.length === 0 ? <Empty style={{ padding: 32 }} description={t('notifications.empty')} /> : (
        <div className="gz-notice-list" style={{ maxHeight: 'none' }}>
          {n.items.map((item) => (
            <NotificationItem key={item.id} n={item} onClick={() => {
              if (!item.readAt) void n.markRead(item.id).catch(() => undefined);
              const to = targetOf(item, true);
              if (to) navigate(to);
            }} />
          ))}
        </div>
      )}
    </Card>
  );
}
