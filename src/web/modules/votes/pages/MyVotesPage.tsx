import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { votesApi } from '../api';
import { VoteStateTag } from '../components/VoteParts';

/** 业主表决 on the phone: the votes of my compound, open ones first. */
export default function MyVotesPage() {
  const { t } = useI18n();
  const list = useApi((s) => votesApi.list({ page: 1, pageSize: 50 }, s), []);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Skeleton active />;
  const items = [...list.data.items].sort((a, b) => (a.state === 'open' ? -1 : 0) - (b.state === 'open' ? -1 : 0));
  return (
    <div style={{ padding: 12 }}>
      <Typography.Title level={4} style={{ marginTop: 4 }}>{t('votes.mine.title')}</Typography.Title>
      {items.length === 0 && <Empty description={t('votes.mine.empty')} />}
      {items.map((v) => (
        <Link to={`/m/votes/${v.id}`} key={v.id} data-testid="my-vote">
          <Card style={{ marginBottom: 12 }} styles={{ body: { padding: 16 } }}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
              <div>
                <Typography.Text strong style={{ fontSize: 16 }}>{v.title}</Typography.Text>
                <div style={{ marginTop: 6 }}><VoteStateTag state={v.state} /><Typography.Text type="secondary">{v.compoundName} · {t('votes.detail.endsAt', { time: dayjs(v.endsAt).format('MM-DD HH:mm') })}</Typography.Text></div>
              </div>
              {v.state === 'open' ? <Tag color="red" style={{ fontSize: 14, padding: '4px 10px' }}>{t('votes.mine.castNow')} <RightOutlined /></Tag> : <CheckCircleOutlined style={{ fontSize: 20, color: '#999' }} />}
            </Space>
          </Card>
        </Link>
      ))}
    </div>
  );
}
