import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeading } from '../../../app/components/PageHeading';
import { PagedTable } from '../../../app/components/PagedTable';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { usePagedList } from '../../../app/usePagedList';
import { placesApi } from '../api';

export default function CommunitiesPage() {
  const { t, formatNumber } = useI18n();
  const communities = usePagedList(placesApi.communities, []);

  if (communities.error && !communities.data) return <ApiErrorResult error={communities.error} onRetry={communities.reload} />;

  return (
    <>
      <PageHeading crumbs={[{ title: t('places.menu') }]} title={t('places.communitiesTitle')} subtitle={t('places.communitiesIntro')} />
      <PagedTable
        list={communities}
        title={t('places.communities')}
        search={{ placeholder: t('places.searchCommunities') }}
        columns={[
          { title: t('places.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/places/communities/${c.id}`} style={{ fontWeight: 600 }}>{name}</Link> },
          { title: t('places.area'), key: 'area', render: (_, c) => `${c.cityName} · ${c.districtName} · ${c.streetName}` },
          { title: t('places.address'), dataIndex: 'address', render: (a: string | null) => a ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> },
          { title: t('places.compoundCount'), dataIndex: 'compoundCount', align: 'right', width: 110 },
          { title: t('places.householdCount'), dataIndex: 'householdCount', align: 'right', width: 110, render: (n: number) => formatNumber(n, 0) },
        ]}
      />
    </>
  );
}
