import { ClockCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { formatDuration, slaColors, slaView, type SlaFacts } from './sla';

/**
 * The running deadline as a coloured countdown: green on time, orange in the last quarter of
 * the window, red once late. Finished requests show whether they were on time.
 */
export function SlaBadge({ request, now, compact = false }: { request: SlaFacts; now: number; compact?: boolean }) {
  const { t } = useI18n();
  const v = slaView(request, now);
  const color = slaColors[v.status];
  if (!v.clock || v.minutesLeft === null || !v.dueAt) {
    return <span className="gz-sla" style={{ color }} data-sla={v.status}>{v.status === 'breached' ? t('requests.sla.finishedBreached') : t('requests.sla.met')}</span>;
  }
  const time = formatDuration(v.minutesLeft, t);
  const late = v.minutesLeft <= 0;
  const text = late ? t(v.clock === 'respond' ? 'requests.sla.respondOver' : 'requests.sla.resolveOver', { time }) : t(v.clock === 'respond' ? 'requests.sla.respondLeft' : 'requests.sla.resolveLeft', { time });
  return (
    <Tooltip title={`${t(v.clock === 'respond' ? 'requests.sla.respondDue' : 'requests.sla.resolveDue')} ${dayjs(v.dueAt).format('MM-DD HH:mm')}`}>
      <span className={`gz-sla gz-sla-${v.status}`} style={{ color, fontWeight: v.status === 'ok' ? 400 : 600, whiteSpace: 'nowrap' }} data-sla={v.status}>
        <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
        {compact ? time : text}
      </span>
    </Tooltip>
  );
}
