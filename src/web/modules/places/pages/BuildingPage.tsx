import { PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Skeleton, Space, Tag, Typography } from 'antd';
import { PageHeading } from '../../../app/components/PageHeading';
import { PagedTable } from '../../../app/components/PagedTable';
import { ApiErrorResult, NotFoundResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { usePagedList } from '../../../app/usePagedList';
import { limits } from '../../../../shared/limits';
import { placesApi, type MemberRelation } from '../api';

const relationColor: Record<MemberRelation, string> = { owner: 'red', co_owner: 'volcano', tenant: 'blue', family: 'default' };

export default function BuildingPage() {
  const compoundId = useIdParam('compoundId');
  const buildingId = useIdParam('buildingId');
  const { t, formatNumber } = useI18n();
  const valid = compoundId !== null && buildingId !== null;
  const compound = useApi((signal) => placesApi.compound(compoundId!, signal), [compoundId], valid);
  const communityId = compound.data?.communityId;
  const community = useApi((signal) => placesApi.community(communityId!, signal).catch(() => null), [communityId], communityId !== undefined);
  // There is no single-building endpoint; a compound's buildings fit in one page.
  const building = useApi(
    async (signal) => (await placesApi.buildings(compoundId!, { q: '', page: 1, pageSize: limits.pageSizeMax }, signal)).items.find((b) => b.id === buildingId) ?? null,
    [compoundId, buildingId],
    valid,
  );
  const households = usePagedList((params, signal) => placesApi.households(buildingId!, params, signal), [buildingId], { enabled: valid });

  if (!valid) return <NotFoundResult />;
  if (compound.error) return <ApiErrorResult error={compound.error} onRetry={compound.reload} />;
  if (households.error) return <ApiErrorResult error={households.error} onRetry={households.reload} />;
  const buildingName = building.data?.name ?? (building.loading ? null : t('places.building'));

  return (
    <>
      <PageHeading
        crumbs={[
          { title: t('places.menu'), to: '/places' },
          ...(community.data ? [{ title: community.data.name, to: `/places/communities/${community.data.id}` }] : []),
          { title: compound.data?.name ?? '…', to: `/places/compounds/${compoundId}` },
          { title: buildingName ?? '…' },
        ]}
        title={compound.data && buildingName ? `${compound.data.name} ${buildingName}` : <Skeleton.Input active size="small" />}
        tags={building.data && (
          <Space size={4}>
            {building.data.floors && <Tag>{t('places.floorsValue', { floors: building.data.floors })}</Tag>}
            {households.data && <Tag color="red">{`${t('places.householdCount')} ${households.data.total}`}</Tag>}
          </Space>
        )}
      />
      <PagedTable
        list={households}
        title={t('places.households')}
        search={{ placeholder: t('places.searchHouseholds'), width: 220 }}
        columns={[
          { title: t('places.room'), key: 'room', width: 180, render: (_, h) => <Typography.Text strong>{`${h.unitName} ${h.number}`}</Typography.Text> },
          { title: t('places.areaM2'), dataIndex: 'areaM2', align: 'right', width: 140, render: (v: number) => t('common.m2', { value: formatNumber(v) }) },
          {
            title: t('places.members'), key: 'members',
            render: (_, h) => h.members.length === 0 ? <Typography.Text type="secondary">{t('places.noMembers')}</Typography.Text> : (
              <Space orientation="vertical" size={2}>
                {h.members.map((m) => (
                  <Space key={m.personId} size={8} wrap>
                    <Tag color={relationColor[m.relation]} style={{ minWidth: 64, textAlign: 'center' }}>{t(`places.relation.${m.relation}`)}</Tag>
                    <span><UserOutlined style={{ color: '#bfbfbf' }} /> {m.name}</span>
                    {m.phone && <Typography.Text type="secondary"><PhoneOutlined /> {m.phone}</Typography.Text>}
                  </Space>
                ))}
              </Space>
            ),
          },
        ]}
      >
        <Alert type="info" showIcon title={t('places.maskedNote')} style={{ marginBottom: 16 }} />
      </PagedTable>
    </>
  );
}
