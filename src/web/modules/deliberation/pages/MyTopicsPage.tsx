import { MessageOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { deliberationApi } from '../api';

/** 小区议事 on the phone: topics of my compound and community, open ones first. */
export default function MyTopicsPage() {
  const { t } = useI18n();
  const list = useApi((s) => deliberationApi.topics({ page: 1, pageSize: 50 }, s), []);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Skeleton active />;
  const now = dayjs();
  const items = [...list.data.items].sort((a, b) => Number(dayjs(b.opinionsUntil).isAfter(now)) - Number(dayjs(a.opinionsUntil).isAfter(now)));
  return (
    <div style={{ padding: 12 }}>
      <Typography.Title level={4} style={{ marginTop: 4 }}>{t('deliberation.mine.title')}</Typography.Title>
      {items.length === 0 && <Empty description={t('deliberation.mine.empty')} />}
      {items.map((tp) => {
        const open = dayjs(tp.opinionsUntil).isAfter(now);
        return (
          <Link key={tp.id} to={`/m/topics/${tp.id}`} data-testid="my-topic">
            <Card style={{ marginBottom: 12 }} styles={{ body: { padding: 16 } }}>
              <Typography.Text strong style={{ fontSize: 16 }}>{tp.title}</Typography.Text>
              <div style={{ marginTop: 6 }}>
                <Space wrap><Tag color={open ? 'processing' : 'default'}>{open ? t('deliberation.topics.collecting') : t('deliberation.topics.closed')}</Tag>
                  <Typography.Text type="secondary"><MessageOutlined /> {tp.opinions}</Typography.Text>
                  <Typography.Text type="secondary">{tp.placeName}</Typography.Text></Space>
              </div>
            </Card>
          </Link>
        );
      })}
    </div>
  );
}
