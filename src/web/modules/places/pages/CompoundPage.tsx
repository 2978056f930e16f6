import { Card, Col, Descriptions, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { PagedTable } from '../../../app/components/PagedTable';
import { ApiErrorResult, NotFoundResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { usePagedList } from '../../../app/usePagedList';
import { placesApi } from '../api';
import { CompanyCell } from '../components/CompanyCell';

export default function CompoundPage() {
  const id = useIdParam('compoundId');
  const { t, formatNumber } = useI18n();
  const { can } = useAuth();
  const compound = useApi((signal) => placesApi.compound(id!, signal), [id], id !== null);
  const communityId = compound.data?.communityId;
  // Only for the breadcrumb: a company's staff may see the compound but not the community.
  const community = useApi((signal) => placesApi.community(communityId!, signal).catch(() => null), [communityId], communityId !== undefined);
  const buildings = usePagedList((params, signal) => placesApi.buildings(id!, params, signal), [id], { enabled: id !== null });
  const canOpenBuilding = can('households:read');

  if (id === null) return <NotFoundResult />;
  if (compound.error) return <ApiErrorResult error={compound.error} onRetry={compound.reload} />;
  const c = compound.data;

  return (
    <>
      <PageHeading
        crumbs={[
          { title: t('places.menu'), to: '/places' },
          ...(community.data ? [{ title: community.data.name, to: `/places/communities/${community.data.id}` }] : []),
          { title: c?.name ?? '…' },
        ]}
        title={c?.name ?? <Skeleton.Input active size="small" />}
        tags={c?.selfGoverned && <Tag color="gold">{t('places.selfGoverned')}</Tag>}
      />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card variant="borderless">
            {!c ? <Skeleton active paragraph={{ rows: 3 }} /> : (
              <Row gutter={[24, 16]} align="middle">
                <Col xs={24} lg={12}>
                  <Descriptions column={1} size="small" items={[
                    { key: 'address', label: t('places.address'), children: c.address ?? t('common.none') },
                    { key: 'company', label: t('places.company'), children: <CompanyCell compound={c} /> },
                    ...(community.data ? [{ key: 'community', label: t('places.community'), children: community.data.name }] : []),
                  ]} />
                </Col>
                <Col xs={8} lg={4}><Statistic title={t('places.buildingCount')} value={c.buildingCount} /></Col>
                <Col xs={8} lg={4}><Statistic title={t('places.householdCount')} value={c.householdCount} /></Col>
                <Col xs={8} lg={4}><Statistic title={t('places.totalArea')} value={formatNumber(c.totalAreaM2, 0)} suffix="m²" /></Col>
              </Row>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <PagedTable
            list={buildings}
            title={t('places.buildings')}
            search={{ placeholder: t('places.searchBuildings') }}
            columns={[
              {
                title: t('places.building'), dataIndex: 'name',
                render: (name: string, b) => canOpenBuilding
                  ? <Link to={`/places/compounds/${id}/buildings/${b.id}`} style={{ fontWeight: 600 }}>{name}</Link>
                  : <Typography.Text strong>{name}</Typography.Text>,
              },
              { title: t('places.floors'), dataIndex: 'floors', align: 'right', render: (f: number | null) => (f ? t('places.floorsValue', { floors: f }) : t('common.none')) },
              { title: t('places.unitCount'), dataIndex: 'unitCount', align: 'right' },
              { title: t('places.householdCount'), dataIndex: 'householdCount', align: 'right' },
            ]}
          />
        </Col>
      </Row>
    </>
  );
}
