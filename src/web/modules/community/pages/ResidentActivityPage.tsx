import { App, Button, Card, Skeleton, Space, Typography } from 'antd';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { communityApi, fmtTime } from '../api';
import { MyState } from './ResidentActivitiesPage';

/** One activity on the phone: what, when, where, seats, and the resident's sign-up. */
export default function ResidentActivityPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const id = useIdParam('activityId');
  const a = useApi((signal) => communityApi.activity(id!, signal), [id], id !== null);
  if (!a.data) return <Skeleton active />;
  const d = a.data;
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      a.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  const s = d.mySignup;
  const active = s && ['seated', 'waiting', 'offered'].includes(s.state);
  return (
    <Card variant="borderless" title={d.title}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{fmtTime(d.startsAt)}–{fmtTime(d.endsAt)} · {d.place}</Typography.Text>
        <Typography.Text type="secondary">{d.organiserName}</Typography.Text>
        {d.capacity !== null && <Typography.Text>{t('community.seats', { taken: d.seatsTaken, capacity: d.capacity })}</Typography.Text>}
        <Typography.Paragraph>{d.description}</Typography.Paragraph>
        <div data-testid="my-state"><MyState a={d} /></div>
        {d.abilities.signup && (!active || s?.state === 'offered') && !d.myCheckin && (
          <Space>
            <Button type="primary" size="large" data-testid="sign-up" onClick={() => act(() => communityApi.signUp(d.id))}>{s?.state === 'offered' ? t('community.accept') : t('community.signUp')}</Button>
            {s?.state !== 'offered' && <Button size="large" onClick={() => act(() => communityApi.signUp(d.id, 'volunteer'))}>{t('community.volunteer')}</Button>}
          </Space>
        )}
        {active && !d.myCheckin && <Button danger onClick={() => act(() => communityApi.cancelSignup(s.id))}>{t('community.cancel')}</Button>}
      </Space>
    </Card>
  );
}
