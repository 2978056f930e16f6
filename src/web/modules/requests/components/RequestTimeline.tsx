import { Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { requestStateLabels, requestStates, type RequestState } from '../../../../shared/request-states';
import { useI18n } from '../../../app/i18n';
import type { TimelineEntry } from '../api/types';
import { PhotoGrid } from './PhotoGrid';
import { stateHex } from './StateTag';

const isState = (s: string | null): s is RequestState => !!s && (requestStates as readonly string[]).includes(s);

/** Every step of a request, oldest first: what happened, who did it and when, notes and photos. */
export function RequestTimeline({ entries, newestFirst = false }: { entries: TimelineEntry[]; newestFirst?: boolean }) {
  const { t, pick } = useI18n();
  const label = (action: string) => {
    const text = t(`requests.timeline.action.${action}`);
    return text === `requests.timeline.action.${action}` ? action : text;
  };
  const ordered = newestFirst ? [...entries].reverse() : entries;
  return (
    <Timeline
      data-testid="timeline"
      items={ordered.map((e) => {
        const role = e.actor?.role ? t(`role.${e.actor.role}`) : null;
        return {
          key: e.id,
          color: isState(e.toState) ? stateHex[e.toState] : 'gray',
          content: (
            <div data-action={e.action}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <Typography.Text strong>
                  {label(e.action)}
                  {isState(e.toState) && e.toState !== e.fromState && (
                    <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 6, fontSize: 12 }}>
                      {t('requests.timeline.to', { state: pick(requestStateLabels[e.toState]) })}
                    </Typography.Text>
                  )}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dayjs(e.at).format('MM-DD HH:mm')}</Typography.Text>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actor ? [e.actor.name, role].filter(Boolean).join(' · ') : t('requests.timeline.system')}
              </Typography.Text>
              {e.note && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{e.note}</div>}
              {e.attachments.length > 0 && <div style={{ marginTop: 6 }}><PhotoGrid photos={e.attachments} size={64} /></div>}
            </div>
          ),
        };
      })}
    />
  );
}
