import { EnvironmentOutlined, PhoneOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, List, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeading } from '../../../app/components/PageHeading';
import { PagedTable } from '../../../app/components/PagedTable';
import { ApiErrorResult, NotFoundResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { usePagedList } from '../../../app/usePagedList';
import { placesApi, type OrganisationKind } from '../api';
import { CompanyCell } from '../components/CompanyCell';

const orgColor: Record<OrganisationKind, string> = {
  community_party_committee: 'red',
  grid_party_branch: 'volcano',
  company_party_branch: 'orange',
  residents_committee: 'blue',
  owners_committee: 'geekblue',
  local_unit: 'cyan',
  housing_department: 'purple',
};

export default function CommunityPage() {
  const id = useIdParam('communityId');
  const { t, formatNumber } = useI18n();
  const community = useApi((signal) => placesApi.community(id!, signal), [id], id !== null);
  const compounds = usePagedList((params, signal) => placesApi.compounds(id!, params, signal), [id], { enabled: id !== null });

  if (id === null) return <NotFoundResult />;
  if (community.error) return <ApiErrorResult error={community.error} onRetry={community.reload} />;
  const c = community.data;

  return (
    <>
      <PageHeading
        crumbs={[{ title: t('places.menu'), to: '/places' }, { title: c?.name ?? '…' }]}
        title={c?.name ?? <Skeleton.Input active size="small" />}
        tags={c && <Tag icon={<EnvironmentOutlined />}>{`${c.cityName} · ${c.districtName} · ${c.streetName}`}</Tag>}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card variant="borderless" title={t('places.basicInfo')} style={{ height: '100%' }}>
            {!c ? <Skeleton active /> : (
              <>
                <Row gutter={16} style={{ marginBottom: 16 }}>
                  <Col span={8}><Statistic title={t('places.compoundCount')} value={c.compoundCount} /></Col>
                  <Col span={8}><Statistic title={t('places.householdCount')} value={c.householdCount} /></Col>
                  <Col span={8}><Statistic title={t('places.companies')} value={c.companies.length} /></Col>
                </Row>
                <Descriptions column={1} size="small" items={[
                  { key: 'address', label: t('places.address'), children: c.address ?? t('common.none') },
                  { key: 'area', label: t('places.area'), children: `${c.cityName} ${c.districtName} ${c.streetName}` },
                ]} />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Card variant="borderless" title={<span><TeamOutlined /> {t('places.organisations')}</span>} style={{ height: '100%' }}>
            {!c ? <Skeleton active /> : (
              <List
                size="small"
                dataSource={c.organisations}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
                renderItem={(o) => (
                  <List.Item extra={o.phone && <Typography.Text type="secondary"><PhoneOutlined /> {o.phone}</Typography.Text>}>
                    <span><Tag color={orgColor[o.kind]}>{t(`places.org.${o.kind}`)}</Tag>{o.name}</span>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Card variant="borderless" title={<span><ShopOutlined /> {t('places.companies')}</span>} style={{ height: '100%' }}>
            {!c ? <Skeleton active /> : (
              <List
                size="small"
                dataSource={c.companies}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
                renderItem={(co) => (
                  <List.Item>
                    <List.Item.Meta title={co.name} description={t('places.compoundsServed', { count: co.compoundCount })} />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <PagedTable
            list={compounds}
            title={t('places.compounds')}
            search={{ placeholder: t('places.searchCompounds') }}
            columns={[
              {
                title: t('places.name'), dataIndex: 'name',
                render: (name: string, row) => (
                  <span>
                    <Link to={`/places/compounds/${row.id}`} style={{ fontWeight: 600 }}>{name}</Link>
                    {row.selfGoverned && <Tag color="gold" style={{ marginInlineStart: 8 }}>{t('places.selfGovernedShort')}</Tag>}
                  </span>
                ),
              },
              { title: t('places.company'), key: 'company', render: (_, row) => <CompanyCell compound={row} /> },
              { title: t('places.address'), dataIndex: 'address', render: (a: string | null) => a ?? t('common.none') },
              { title: t('places.buildingCount'), dataIndex: 'buildingCount', align: 'right', width: 100 },
              { title: t('places.householdCount'), dataIndex: 'householdCount', align: 'right', width: 100 },
              { title: t('places.totalArea'), dataIndex: 'totalAreaM2', align: 'right', width: 150, render: (v: number) => t('common.m2', { value: formatNumber(v) }) },
            ]}
          />
        </Col>
      </Row>
    </>
  );
}
