import { DesktopOutlined, FilePdfOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Row, Segmented, Select, Skeleton, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { dashboardApi, type Level, type RegistryMetric } from '../api';
import { Chart } from '../components/Chart';
import { LevelTree } from '../components/LevelTree';
import { MetricCards } from '../components/MetricCards';
import { calendarOption, mapOption, stackedByChildOption, stackedByQuarterOption, trendOption } from '../components/panels';
import { RankingTable } from '../components/RankingTable';
import { formatMetric } from '../format';
import { useDashboardNode } from '../useDashboard';
import '../dashboard.css';

const trendIds = ['requests.response_rate', 'requests.resolution_rate', 'requests.satisfaction_rate', 'requests.qualification_rate', 'fees.payment_rate_households'];

/** 数据驾驶舱 — every registered figure of one level, its children ranked, trends, breakdowns, the calendar and the map. */
export default function DashboardPage() {
  const { t, pick, formatNumber } = useI18n();
  const navigate = useNavigate();
  const { home, registry, node, from, to, go, metricOf } = useDashboardNode();
  const overview = useApi((signal) => dashboardApi.overview({ level: node!.level, id: node!.id, from, to }, signal), [node?.level, node?.id, from, to], !!node);
  const year = Number(to.slice(0, 4));
  const calendar = useApi((signal) => dashboardApi.calendar({ level: node!.level, id: node!.id, calendar: 'requests.created_daily', year }, signal), [node?.level, node?.id, year], !!node);
  const [rankMetric, setRankMetric] = useState('requests.response_rate');
  const [breakdown, setBreakdown] = useState('requests.by_category');
  const [breakdownBy, setBreakdownBy] = useState<'child' | 'quarter'>('child');
  const metrics = registry.data?.metrics ?? [];
  const o = overview.data;
  const open = (level: Level, id: number) => (level === 'compound' && o?.node.level === 'compound' ? navigate(`/places/compounds/${id}`) : go({ level, id }));
  const childLevelName = o?.childLevel ? t(`dashboard.level.${o.childLevel}`) : '';
  const trendMetrics = trendIds.map((id) => metricOf.get(id)).filter((m): m is RegistryMetric => !!m);
  const rankable = metrics.filter((m) => o?.childLevel && m.levels.includes(o.childLevel));
  const ranked = rankable.find((m) => m.id === rankMetric) ?? rankable.find((m) => m.unit === 'percent') ?? rankable[0];
  const colour = ['requests.response_rate', 'fees.payment_rate_households', 'places.property_coverage'].map((id) => metricOf.get(id)).find((m) => m && o?.childLevel && m.levels.includes(o.childLevel));
  const byChild = breakdownBy === 'child' && !!o?.breakdowns.find((b) => b.id === breakdown)?.byChild.length;
  const childColumns = useMemo(() => metrics.filter((m) => o?.childLevel && m.levels.includes(o.childLevel)), [metrics, o?.childLevel]);

  if (home.data && home.data.nodes.length === 0) return <Empty style={{ marginTop: 80 }} description={t('dashboard.noScope')} />;
  const error = overview.error ?? registry.error ?? home.error;
  const exportParams = node && { level: node.level, id: node.id, from, to };

  return (
    <div data-testid="dashboard-page" data-level={o?.node.level} data-node={o ? `${o.node.level}:${o.node.id}` : undefined} data-loading={overview.loading || undefined}>
      <PageHeading
        title={t('dashboard.title')}
        crumbs={o?.breadcrumb.map((b, i) => ({ title: `${t(`dashboard.level.${b.level}`)} · ${b.name}`, to: i < o.breadcrumb.length - 1 ? `/dashboard?level=${b.level}&id=${b.id}&from=${from}&to=${to}` : undefined }))}
        subtitle={t('dashboard.subtitle', { n: registry.data?.minimumBase ?? 5 })}
        extra={(
          <Space wrap>
            {home.data && home.data.nodes.length > 1 && (
              <Select style={{ minWidth: 200 }} value={node ? `${node.level}:${node.id}` : undefined} aria-label={t('dashboard.tree')}
                onChange={(v: string) => { const [level, id] = v.split(':'); go({ level: level as Level, id: Number(id) }); }}
                options={home.data.nodes.map((n) => ({ value: `${n.level}:${n.id}`, label: `${t(`dashboard.level.${n.level}`)} · ${n.name}` }))} />
            )}
            <DatePicker.RangePicker picker="month" allowClear={false} aria-label={t('dashboard.range')} value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
              onChange={(v) => v?.[0] && v[1] && go({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') })} />
            {exportParams && <Button icon={<FileExcelOutlined />} href={dashboardApi.exportUrl({ ...exportParams, table: 'children' })}>{t('dashboard.exportXlsx')}</Button>}
            {node && <Button icon={<FilePdfOutlined />} href={dashboardApi.reportUrl({ level: node.level, id: node.id })} target="_blank">{t('dashboard.report')}</Button>}
            {node && <Link to={`/dashboard/screen?level=${node.level}&id=${node.id}`}><Button type="primary" icon={<DesktopOutlined />}>{t('dashboard.screen')}</Button></Link>}
          </Space>
        )}
      />
      {error && !o ? <ApiErrorResult error={error} onRetry={overview.reload} /> : !o || !registry.data ? <Skeleton active paragraph={{ rows: 12 }} /> : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={6} xxl={5}>
            <Card size="small" variant="borderless" title={t('dashboard.tree')}><LevelTree overview={o} onOpen={open} /></Card>
          </Col>
          <Col xs={24} lg={18} xxl={19}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <MetricCards overview={o} metrics={metrics} />
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={10}>
                  <Card size="small" variant="borderless" title={t('dashboard.ranking', { level: childLevelName })} style={{ height: '100%' }}
                    extra={ranked && <Select size="small" style={{ width: 170 }} value={ranked.id} onChange={setRankMetric} aria-label={t('dashboard.ranking', { level: childLevelName })}
                      options={rankable.map((m) => ({ value: m.id, label: pick(m.name) }))} />}>
                    {o.children.length === 0 || !ranked ? <Empty description={o.node.level === 'compound' ? <Link to={`/places/compounds/${o.node.id}`}>{t('dashboard.leaf')}</Link> : t('dashboard.noChildren')} />
                      : <RankingTable overview={o} metric={ranked} onOpen={open} limit={10} />}
                  </Card>
                </Col>
                <Col xs={24} xl={14}>
                  <Card size="small" variant="borderless" title={t('dashboard.trend')} style={{ height: '100%' }}>
                    <Chart testId="trend-chart" height={320} option={trendOption(o, trendMetrics.filter((m) => o.trends.series[m.id]), (m) => pick(m.name), {}, t('dashboard.partialMonth'))} />
                  </Card>
                </Col>
              </Row>
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={14}>
                  <Card size="small" variant="borderless" title={registry.data.breakdowns.find((b) => b.id === breakdown) ? pick(registry.data.breakdowns.find((b) => b.id === breakdown)!.name) : ''}
                    extra={(
                      <Space>
                        <Select size="small" style={{ width: 150 }} value={breakdown} onChange={setBreakdown} options={registry.data.breakdowns.map((b) => ({ value: b.id, label: pick(b.name) }))} />
                        <Segmented size="small" value={byChild ? 'child' : 'quarter'} onChange={(v) => setBreakdownBy(v as 'child' | 'quarter')}
                          options={[...(o.breakdowns.find((b) => b.id === breakdown)?.byChild.length ? [{ value: 'child', label: t('dashboard.byChild', { level: childLevelName }) }] : []), { value: 'quarter', label: t('dashboard.byQuarter') }]} />
                      </Space>
                    )}>
                    <Chart testId="stacked-chart" height={320} option={byChild ? stackedByChildOption(o, breakdown) : stackedByQuarterOption(o, breakdown)} />
                  </Card>
                </Col>
                <Col xs={24} xl={10}>
                  <Card size="small" variant="borderless" title={t('dashboard.map')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dashboard.mapHint')}</Typography.Text>}>
                    <Chart testId="map-chart" height={320} option={mapOption(o, metricOf.get('places.households'), colour, {}, (id) => {
                      const v = o.childValues.find((c) => c.id === id)?.values ?? {};
                      return ['places.households', 'requests.total', 'requests.response_rate', 'fees.payment_rate_households'].map((mid) => { const m = metricOf.get(mid)!; return `${pick(m.name)}: ${formatMetric(m, v[mid], t, formatNumber)}`; }).join('<br/>');
                    })} onClick={(d) => { const x = d as { level?: Level; id?: number }; if (x.level && x.id) open(x.level, x.id); }} />
                  </Card>
                </Col>
              </Row>
              <Card size="small" variant="borderless" title={`${t('dashboard.calendar')} · ${year}`}>
                {calendar.data ? <Chart testId="calendar-chart" height={200} option={calendarOption(calendar.data)} /> : <Skeleton active />}
              </Card>
              {o.children.length > 0 && (
                <Card size="small" variant="borderless" title={`${t('dashboard.children')} · ${childLevelName}`}
                  extra={exportParams && <Button size="small" icon={<FileExcelOutlined />} href={dashboardApi.exportUrl({ ...exportParams, table: 'children' })}>{t('dashboard.exportXlsx')}</Button>}>
                  <Table size="small" rowKey="id" pagination={false} scroll={{ x: 'max-content' }} data-testid="children-table"
                    dataSource={o.children.map((c) => ({ ...c, values: o.childValues.find((x) => x.id === c.id)?.values ?? {} }))}
                    columns={[
                      { title: t('dashboard.name'), dataIndex: 'name', fixed: 'left', render: (name: string, c) => <a onClick={() => open(c.level, c.id)}>{name}</a> },
                      ...childColumns.map((m) => ({ title: pick(m.name), key: m.id, align: 'right' as const, render: (_: unknown, c: { values: Record<string, { value: number | null; status: 'ok' | 'too_few' | 'no_data' | 'not_kept' }> }) => formatMetric(m, c.values[m.id], t, formatNumber) })),
                    ]} />
                </Card>
              )}
            </Space>
          </Col>
        </Row>
      )}
    </div>
  );
}
