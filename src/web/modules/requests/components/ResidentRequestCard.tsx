import { EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { Rate, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import type { RequestSummary } from '../api/types';
import { formatDuration, slaColors, slaView } from './sla';
import { StateTag } from './StateTag';
import { useCategoryName } from '../hooks/useCategoryName';

/** A request as a card on the phone: what, state, when, and what the resident waits for. */
export function ResidentRequestCard({ request: r, now }: { request: RequestSummary; now: number }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const sla = slaView(r, now);
  let hint: string | null = null;
  if (r.state === 'resolved') hint = t('requests.mine.resolvedAsk');
  else if (sla.clock === 'respond' && sla.minutesLeft !== null && sla.minutesLeft > 0) hint = t('requests.sla.hintResident', { time: dayjs(sla.dueAt).format('HH:mm') });
  else if (sla.clock && sla.minutesLeft !== null) hint = t(sla.minutesLeft > 0 ? (sla.clock === 'respond' ? 'requests.sla.respondLeft' : 'requests.sla.resolveLeft') : (sla.clock === 'respond' ? 'requests.sla.respondOver' : 'requests.sla.resolveOver'), { time: formatDuration(sla.minutesLeft, t) });
  return (
    <Link to={`/m/requests/${r.id}`} className="gz-req-card" data-request-id={r.id} data-state={r.state}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <span style={{ fontSize: 16, fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>{categoryName(r.category)}</span>
        <StateTag state={r.state} />
      </div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0', color: 'rgba(0,0,0,0.7)' }}>{r.description}</Typography.Paragraph>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}><EnvironmentOutlined /> {r.locationLabel}</div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8, fontSize: 12 }}>
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>#{r.id} · {dayjs(r.createdAt).format('MM-DD HH:mm')}</span>
        <span style={{ color: r.state === 'resolved' ? '#c8161d' : slaColors[sla.status], fontWeight: 500 }}>
          {r.rating ? <Rate disabled value={r.rating} style={{ fontSize: 12 }} /> : hint}
          <RightOutlined style={{ marginInlineStart: 6, color: 'rgba(0,0,0,0.25)' }} />
        </span>
      </div>
    </Link>
  );
}
