import { Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { communityApi, fmtTime, type Activity } from '../api';

const typeLabel: Record<string, string> = { culture: '文化共建', party: '党建', festival: '节日', other: '其他' };

/** The state of the resident's own sign-up, as a tag. */
export function MyState({ a }: { a: Pick<Activity, 'mySignup' | 'myCheckin'> }) {
  const { t } = useI18n();
  if (a.myCheckin) return <Tag color="green">{a.myCheckin.checkedOutAt ? t('community.checkedOut', { minutes: a.myCheckin.minutes ?? 0 }) : t('community.checkedIn', { time: fmtTime(a.myCheckin.checkedInAt) })}</Tag>;
  const s = a.mySignup;
  if (!s) return null;
  if (s.state === 'seated') return <Tag color="red">{t('community.seated')}</Tag>;
  if (s.state === 'waiting') return <Tag color="orange">{t('community.waiting', { n: s.position ?? 0 })}</Tag>;
  if (s.state === 'offered') return <Tag color="gold">{t('community.offered', { time: fmtTime(s.offerExpiresAt!) })}</Tag>;
  return null;
}

/** 社区活动 on the phone: upcoming activities of the resident's community. */
export default function ResidentActivitiesPage() {
  const { t } = useI18n();
  const list = useApi((signal) => communityApi.activities({ upcoming: true }, signal), []);
  if (!list.data) return <Skeleton active />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Typography.Title level={4}>{t('community.activities')}</Typography.Title>
      {list.data.items.length === 0 && <Empty description={t('community.noActivities')} />}
      {list.data.items.map((a) => (
        <Link key={a.id} to={`/m/activities/${a.id}`} data-testid="resident-activity">
          <Card size="small" variant="borderless">
            <Space direction="vertical" size={4}>
              <Typography.Text strong>{a.title}</Typography.Text>
              <Typography.Text type="secondary">{fmtTime(a.startsAt)} · {a.place}</Typography.Text>
              <Space wrap>
                <Tag>{typeLabel[a.type]}</Tag>
                {a.capacity !== null && <Tag>{t('community.seats', { taken: a.seatsTaken, capacity: a.capacity })}</Tag>}
                <MyState a={a} />
              </Space>
            </Space>
          </Card>
        </Link>
      ))}
    </Space>
  );
}
