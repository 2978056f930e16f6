import { Badge, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { AppNotification } from '../api/notifications';

dayjs.extend(relativeTime);

/** One line of the bell's list and of the phone's message page. */
export function NotificationItem({ n, onClick }: { n: AppNotification; onClick: () => void }) {
  return (
    <button type="button" className={`gz-notice${n.readAt ? '' : ' gz-notice-unread'}`} onClick={onClick} data-notification-id={n.id}>
      <Badge dot={!n.readAt} offset={[-2, 6]} color="#c8161d">
        <span style={{ display: 'block', width: 8 }} />
      </Badge>
      <span style={{ flex: 1, minWidth: 0, textAlign: 'start' }}>
        <Typography.Text strong={!n.readAt} style={{ display: 'block' }} ellipsis>{n.title}</Typography.Text>
        {n.body && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>{n.body}</Typography.Text>}
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>{dayjs(n.createdAt).fromNow()}</Typography.Text>
      </span>
    </button>
  );
}
