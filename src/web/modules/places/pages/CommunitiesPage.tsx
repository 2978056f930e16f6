import { Card, Empty, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ListSearch } from '../../../app/components/ListSearch';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useListParams } from '../../../app/useListParams';
import { placesApi, type Community } from '../api';

export default function CommunitiesPage() {
  const { t, formatNumber } = useI18n();
  const [params, setParams] = useListParams();
  const { data, error, loading, reload } = useApi((signal) => placesApi.communities(params, signal), [params.q, params.page, params.pageSize]);

  if (error && !data) return <ApiErrorResult error={error} onRetry={reload} />;

  return (
    <>
      <PageHeading crumbs={[{ title: t('places.menu') }]} title={t('places.communitiesTitle')} subtitle={t('places.communitiesIntro')} />
      <Card variant="borderless" title={t('places.communities')} extra={<ListSearch value={params.q} onSearch={(q) => setParams({ q })} placeholder={t('places.searchCommunities')} />}>
        <Table<Community>
          rowKey="id"
          loading={loading}
          dataSource={data?.items}
          locale={{ emptyText: <Empty description={t('common.empty')} /> }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setParams({ page, pageSize }),
          }}
          columns={[
            { title: t('places.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/places/communities/${c.id}`} style={{ fontWeight: 600 }}>{name}</Link> },
            { title: t('places.area'), key: 'area', render: (_, c) => `${c.cityName} · ${c.districtName} · ${c.streetName}` },
            { title: t('places.address'), dataIndex: 'address', render: (a: string | null) => a ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> },
            { title: t('places.compoundCount'), dataIndex: 'compoundCount', align: 'right', width: 110 },
            { title: t('places.householdCount'), dataIndex: 'householdCount', align: 'right', width: 110, render: (n: number) => formatNumber(n, 0) },
          ]}
        />
      </Card>
    </>
  );
}
