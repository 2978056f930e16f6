import { Badge, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { requestStateLabels, requestStates, type RequestState } from '../../../../shared/request-states';
import { useI18n } from '../../../app/i18n';
import type { AppNotification } from '../api/notifications';

dayjs.extend(relativeTime);

const isState = (s: unknown): s is RequestState => typeof s === 'string' && (requestStates as readonly string[]).includes(s);

/**
 * Title and body in the UI language. The server writes them in Chinese; in English the request
 * notices are told again from their kind and data (the body only when it is the default
 * "当前状态：…" line — a staff note stays as written).
 */
function useNoticeText(n: AppNotification): { title: string; body: string | null } {
  const { locale, t, pick } = useI18n();
  const id = n.data?.requestId;
  if (locale !== 'en' || typeof id !== 'number' || !n.kind.startsWith('request.')) return { title: n.title, body: n.body };
  const key = n.kind === 'request.sla_breach' ? `notifications.notice.request.sla_breach.${n.data?.breach === 'resolve' ? 'resolve' : 'respond'}` : `notifications.notice.${n.kind}`;
  const title = t(key, { id });
  const state = n.data?.state;
  const body = n.body?.startsWith('当前状态：') && isState(state) ? t('notifications.notice.state', { state: pick(requestStateLabels[state]) }) : n.body;
  return { title: title === key ? n.title : title, body };
}

/** One line of the bell's list and of the phone's message page. */
export function NotificationItem({ n, onClick }: { n: AppNotification; onClick: () => void }) {
  const { title, body } = useNoticeText(n);
  return (
    <button type="button" className={`gz-notice${n.readAt ? '' : ' gz-notice-unread'}`} onClick={onClick} data-notification-id={n.id}>
      <Badge dot={!n.readAt} offset={[-2, 6]} color="#c8161d">
        <span style={{ display: 'block', width: 8 }} />
      </Badge>
      <span style={{ flex: 1, minWidth: 0, textAlign: 'start' }}>
        <Typography.Text strong={!n.readAt} style={{ display: 'block' }} ellipsis>{title}</Typography.Text>
        {body && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>{body}</Typography.Text>}
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>{dayjs(n.createdAt).fromNow()}</Typography.Text>
      </span>
    </button>
  );
}
