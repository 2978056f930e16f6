import { EnvironmentOutlined, ExportOutlined, KeyOutlined, MoonOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult, NotFoundResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { useLiveEvents } from '../../../app/useLiveEvents';
import { stationsApi, telHref } from '../api';
import { AlertList } from '../components/AlertList';
import { CheckoutModal } from '../components/CheckoutModal';
import { CheckoutsTab } from '../components/CheckoutsTab';
import { CoverageTab } from '../components/CoverageTab';
import { DrillsTab } from '../components/DrillsTab';
import { IncidentsTab } from '../components/IncidentsTab';
import { ItemsTab } from '../components/ItemsTab';
import { KeysTab } from '../components/KeysTab';
import { OpeningTag } from '../components/OpeningTag';
import { ReadinessCard } from '../components/ReadinessCard';
import { TeamTab } from '../components/TeamTab';
import { fmtDay } from '../format';
import { useSubmit } from '../hooks/useSubmit';

const tabKeys = ['items', 'checkouts', 'keys', 'team', 'drills', 'incidents', 'coverage'] as const;

/** The station page: readiness and alerts on top, then stock, check-outs, keys, team, drills, incidents and coverage. */
export default function StationPage() {
  const id = useIdParam('stationId');
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [version, setVersion] = useState(0);
  const [checkingOut, setCheckingOut] = useState(false);
  const bump = () => setVersion((v) => v + 1);
  const station = useApi((signal) => stationsApi.get(id!, signal), [id, version], id !== null);
  useLiveEvents<{ stationId?: number }>(['station.stock', 'station.updated'], (_topic, data) => {
    if (data.stationId === id) bump();
  }, id !== null);
  const rollCall = useSubmit(bump);

  if (id === null) return <NotFoundResult />;
  if (station.error) return <ApiErrorResult error={station.error} onRetry={station.reload} />;
  const s = station.data;
  const tab = (tabKeys as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'items';
  const can = s?.abilities;

  return (
    <div data-testid="station-page" data-station-id={id}>
      <PageHeading
        crumbs={[{ title: t('stations.menu'), to: '/stations' }, { title: s?.name ?? '…' }]}
        title={s?.name ?? <Skeleton.Input active size="small" />}
        tags={s && <><OpeningTag station={s} />{s.company && <Tag color="blue">{t('stations.detail.runWith', { company: s.company.name })}</Tag>}</>}
        extra={s && (
          <Space wrap>
            {can?.checkout && <Link to={`/stations/night?station=${s.id}`}><Button icon={<MoonOutlined />}>{t('stations.detail.nightMode')}</Button></Link>}
            {can?.manage && (
              <Button icon={<KeyOutlined />} loading={rollCall.busy} disabled={!!s.latestRollCall?.open}
                onClick={() => rollCall.run(async () => { await stationsApi.startRollCall(s.id, {}); return t('stations.detail.rollCallStarted'); })}>
                {t('stations.detail.startRollCall')}
              </Button>
            )}
            {can?.checkout && <Button type="primary" icon={<ExportOutlined />} onClick={() => setCheckingOut(true)}>{t('stations.detail.checkOut')}</Button>}
          </Space>
        )}
      />
      {!s ? <Skeleton active /> : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}><ReadinessCard readiness={s.readiness} /></Col>
            <Col xs={24} md={12} xl={8}><AlertList alerts={s.alertList} /></Col>
            <Col xs={24} md={12} xl={6}>
              <Card variant="borderless" title={t('stations.detail.info')} style={{ height: '100%' }}>
                <Descriptions column={1} size="small" items={[
                  { key: 'address', label: <EnvironmentOutlined />, children: s.address },
                  ...(s.locationNote ? [{ key: 'where', label: t('stations.detail.location'), children: s.locationNote }] : []),
                  { key: 'community', label: t('stations.detail.community'), children: s.community.name },
                  ...(s.dutyPhone ? [{ key: 'phone', label: <PhoneOutlined />, children: <a href={telHref(s.dutyPhone)}>{s.dutyPhone}</a> }] : []),
                  { key: 'coverage', label: t('stations.col.coverage'), children: t('stations.list.coverageCell', { compounds: s.coverage.compounds, villages: s.coverage.urbanVillages, shops: s.coverage.shops }) },
                  { key: 'items', label: t('stations.col.items'), children: t('stations.detail.itemsSummary', { rescueCategories: s.itemKinds.rescueCategories, rescue: s.itemKinds.rescue, suppliesCategories: s.itemKinds.suppliesCategories, supplies: s.itemKinds.supplies }) },
                  { key: 'team', label: t('stations.col.team'), children: t('stations.list.teamCell', { n: s.teamSize }) },
                  { key: 'since', label: t('stations.detail.createdAt'), children: fmtDay(s.createdAt) },
                ]} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stations.detail.rules', { rollCall: s.rollCallEveryDays, drill: s.drillEveryDays })}</Typography.Text>
              </Card>
            </Col>
          </Row>
          <Card variant="borderless" style={{ marginTop: 16 }} styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={(key) => setParams((prev) => { const next = new URLSearchParams(prev); next.set('tab', key); return next; }, { replace: true })}
              items={[
                { key: 'items', label: t('stations.tab.items'), children: <ItemsTab station={s} version={version} onChanged={bump} /> },
                { key: 'checkouts', label: <span>{t('stations.tab.checkouts')} {s.openCheckouts > 0 && <Tag>{s.openCheckouts}</Tag>}</span>, children: <CheckoutsTab station={s} version={version} onChanged={bump} /> },
                { key: 'keys', label: t('stations.tab.keys'), children: <KeysTab station={s} version={version} onChanged={bump} /> },
                { key: 'team', label: t('stations.tab.team'), children: <TeamTab station={s} onChanged={bump} /> },
                { key: 'drills', label: t('stations.tab.drills'), children: <DrillsTab station={s} version={version} onChanged={bump} /> },
                { key: 'incidents', label: <span>{t('stations.tab.incidents')} {s.openIncidents > 0 && <Tag color="red">{s.openIncidents}</Tag>}</span>, children: <IncidentsTab station={s} version={version} onChanged={bump} /> },
                { key: 'coverage', label: t('stations.tab.coverage'), children: <CoverageTab station={s} onChanged={bump} /> },
              ]}
            />
          </Card>
          {checkingOut && <CheckoutModal station={s} onClose={() => setCheckingOut(false)} onDone={bump} />}
        </>
      )}
    </div>
  );
}
