import { ClockCircleOutlined, MoonOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { PagedTable } from '../../../app/components/PagedTable';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { usePagedList } from '../../../app/usePagedList';
import { stationsApi, type StationSummary } from '../api';
import { Chart } from '../components/Chart';
import { CreateStationModal } from '../components/CreateStationModal';
import { OpeningTag } from '../components/OpeningTag';
import { daysSince, scoreColor } from '../format';

/** The readiness of every station in reach, ranked (the department sees its whole city). */
function RankingCard() {
  const { t } = useI18n();
  const ranking = useApi((signal) => stationsApi.readinessList({}, signal), []);
  const items = ranking.data?.items ?? [];
  if (items.length < 2) return null;
  const shown = [...items].reverse();
  return (
    <Card variant="borderless" title={t('stations.list.ranking')} extra={ranking.data?.averageScore !== null && <Typography.Text type="secondary">{t('stations.list.average', { score: ranking.data?.averageScore ?? 0 })}</Typography.Text>}
      style={{ marginBottom: 16 }}>
      <Chart testId="readiness-ranking" height={Math.max(160, shown.length * 34 + 40)} option={{
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', min: 0, max: 100 },
        yAxis: { type: 'category', data: shown.map((r) => `${r.stationName}（${r.communityName}）`) },
        series: [{ type: 'bar', barMaxWidth: 20, data: shown.map((r) => ({ value: r.score, itemStyle: { color: scoreColor(r.score), borderRadius: [0, 4, 4, 0] } })), label: { show: true, position: 'right' } }],
      }} />
    </Card>
  );
}

export default function StationsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = usePagedList((params, signal) => stationsApi.list(params, signal), []);

  return (
    <>
      <PageHeading
        title={t('stations.list.title')}
        subtitle={t('stations.list.subtitle')}
        extra={
          <Space>
            {can('stations:checkout') && <Link to="/stations/night"><Button icon={<MoonOutlined />}>{t('stations.detail.nightMode')}</Button></Link>}
            {can('stations:create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('stations.list.create')}</Button>}
          </Space>
        }
      />
      <RankingCard />
      <PagedTable<StationSummary>
        list={list}
        title={t('stations.list.title')}
        search={{ placeholder: t('stations.list.search') }}
        columns={[
          {
            title: t('stations.col.name'), dataIndex: 'name',
            render: (name: string, s) => (
              <Space direction="vertical" size={2}>
                <Link to={`/stations/${s.id}`} style={{ fontWeight: 600 }}>{name}</Link>
                <OpeningTag station={s} />
              </Space>
            ),
          },
          { title: t('stations.col.community'), key: 'community', render: (_, s) => <span>{s.community.name}{s.company && <Typography.Text type="secondary"> · {s.company.name}</Typography.Text>}</span> },
          { title: t('stations.col.coverage'), key: 'coverage', render: (_, s) => t('stations.list.coverageCell', { compounds: s.coverage.compounds, villages: s.coverage.urbanVillages, shops: s.coverage.shops }) },
          { title: t('stations.col.items'), key: 'items', render: (_, s) => t('stations.list.itemsCell', { rescue: s.itemKinds.rescue, supplies: s.itemKinds.supplies }) },
          { title: t('stations.col.team'), dataIndex: 'teamSize', align: 'right', width: 90, render: (n: number) => t('stations.list.teamCell', { n }) },
          {
            title: t('stations.col.score'), dataIndex: 'score', width: 110, align: 'center',
            render: (score: number) => <Progress type="circle" size={44} percent={score} format={(p) => p} strokeColor={scoreColor(score)} />,
          },
          {
            title: t('stations.col.alerts'), key: 'alerts', width: 150,
            render: (_, s) => (s.alerts.critical + s.alerts.warning === 0 ? <Tag color="green">{t('stations.list.allClear')}</Tag> : (
              <Space size={4}>
                {s.alerts.critical > 0 && <Badge count={s.alerts.critical} color="#cf1322" title={t('stations.severity.critical')} showZero={false} />}
                {s.alerts.warning > 0 && <Badge count={s.alerts.warning} color="#d48806" title={t('stations.severity.warning')} showZero={false} />}
              </Space>
            )),
          },
          {
            title: t('stations.col.lastDrill'), dataIndex: 'lastDrillAt', width: 120,
            render: (at: string | null) => (at ? <span><ClockCircleOutlined /> {t('stations.list.lastDrillDays', { days: daysSince(at) })}</span> : <Typography.Text type="secondary">{t('stations.list.noDrill')}</Typography.Text>),
          },
        ]}
      />
      {creating && <CreateStationModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/stations/${id}`)} />}
    </>
  );
}
