import { TrophyOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Empty, List, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { ratingsApi, stars } from '../api';

/** 星级公示: the ratings in force of one district, its 红榜 and 警示榜 (public API; staff and phone pages). */
export function PublicRatings({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const districts = useApi((signal) => ratingsApi.districts(signal), []);
  const [districtId, setDistrictId] = useState<number>();
  useEffect(() => {
    if (districtId || !districts.data) return;
    const first = districts.data.items.find((d) => d.published > 0) ?? districts.data.items[0];
    if (first) setDistrictId(first.id);
  }, [districts.data, districtId]);
  const published = useApi((signal) => ratingsApi.published(districtId!, signal), [districtId], !!districtId);
  const lists = useApi((signal) => ratingsApi.lists(districtId!, signal), [districtId], !!districtId);
  if (districts.error) return <ApiErrorResult error={districts.error} onRetry={districts.reload} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="ratings-public">
      <Space wrap>
        <Typography.Text type="secondary">{t('ratings.public.district')}</Typography.Text>
        <span data-testid="ratings-district"><Select style={{ minWidth: compact ? 220 : 280 }} value={districtId} onChange={setDistrictId}
          options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.cityName} · ${d.name}${d.published ? `（${d.published}）` : ''}` }))} /></span>
      </Space>
      <Card title={t('ratings.public.published')} variant="borderless">
        {!published.data ? <Skeleton active /> : published.data.items.length === 0 ? <Empty description={t('ratings.none')} /> : (
          <div data-testid="ratings-published"><List dataSource={published.data.items} renderItem={(p) => (
            <List.Item>
              <List.Item.Meta
                title={<Space wrap><span style={{ fontWeight: 600 }}>{p.company.name}</span><span style={{ color: '#d48806', letterSpacing: 1 }}>{stars(p.level)}</span><Tag color="gold">{p.year}年度</Tag></Space>}
                description={<Space wrap size={12}><span>{t('ratings.public.compounds', { n: p.compounds })}</span><span>{t('ratings.public.validUntil', { date: p.validUntil })}</span>{p.certificateNo && <span>{t('ratings.public.certificateNo', { no: p.certificateNo })}</span>}</Space>} />
            </List.Item>
          )} /></div>
        )}
      </Card>
      <div style={{ display: 'grid', gridTemplateColumns: compact ? '1fr' : 'repeat(auto-fit, minmax(320px, 1fr))', gap: 16 }}>
        <Card title={<Space><TrophyOutlined style={{ color: '#c8161d' }} />{t('ratings.public.honour')}</Space>} variant="borderless" data-testid="ratings-honour">
          {!lists.data ? <Skeleton active /> : lists.data.honour.length === 0 ? <Empty description={t('ratings.none')} /> : (
            <List dataSource={lists.data.honour} renderItem={(h) => <List.Item><Space><span style={{ fontWeight: 600 }}>{h.company.name}</span><span style={{ color: '#d48806' }}>{stars(h.level)}</span></Space><span>{h.year}年度</span></List.Item>} />
          )}
        </Card>
        <Card title={<Space><WarningOutlined style={{ color: '#fa8c16' }} />{t('ratings.public.warning')}</Space>} variant="borderless" data-testid="ratings-warning">
          {!lists.data ? <Skeleton active /> : lists.data.warning.length === 0 ? <Empty description={t('ratings.none')} /> : (
            <List dataSource={lists.data.warning} renderItem={(w) => (
              <List.Item>
                <List.Item.Meta title={<Space wrap><span style={{ fontWeight: 600 }}>{w.company.name}</span><Tag color="orange">{t(`ratings.public.warning.${w.status}`)}</Tag>{w.level && <span style={{ color: '#d48806' }}>{stars(w.level)}</span>}</Space>} description={w.reason} />
              </List.Item>
            )} />
          )}
        </Card>
      </div>
    </Space>
  );
}
