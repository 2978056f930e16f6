import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { targetOf, type AppNotification } from '../api/notifications';
import { useNotifications } from '../hooks/useNotifications';
import { NotificationItem } from './NotificationItem';

/** The workbench header's bell: unread count, live; the latest notifications in a dropdown. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const n = useNotifications(8);

  const go = (item: AppNotification) => {
    setOpen(false);
    if (!item.readAt) void n.markRead(item.id).catch(() => undefined);
    const to = targetOf(item, false);
    if (to) navigate(to);
  };

  return (
    <Dropdown
      open={open}
      onOpenChange={(v) => { setOpen(v); if (v) n.reload(); }}
      trigger={['click']}
      placement="bottomRight"
      popupRender={() => (
        <div className="gz-notice-panel" data-testid="notification-panel">
          <div className="gz-notice-head">
            <Typography.Text strong>{t('notifications.title')}</Typography.Text>
            <Button type="link" size="small" disabled={n.unread === 0} onClick={() => void n.markAllRead()}>{t('notifications.readAll')}</Button>
          </div>
          <div className="gz-notice-list">
            {!n.items ? <div style={{ padding: 24, textAlign: 'center' }}><Spin /></div>
              : n.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
                : n.items.map((item) => <NotificationItem key={item.id} n={item} onClick={() => go(item)} />)}
          </div>
        </div>
      )}
    >
      <Badge count={n.unread} size="small" offset={[-4, 4]} data-testid="notification-count">
        <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={t('notifications.title')} data-testid="notification-bell" />
      </Badge>
    </Dropdown>
  );
}
