import { CheckCircleOutlined, ClockCircleOutlined, FieldTimeOutlined, FileTextOutlined, SmileOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Col, DatePicker, Empty, Progress, Rate, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { requestStateLabels, requestStates } from '../../../../shared/request-states';
import { useMe } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { stateHex } from '../../requests/components/StateTag';
import { useCategoryName } from '../../requests/hooks/useCategoryName';
import { figuresApi, type FiguresParams, type FiguresScopeKind } from '../api/figures';
import { Chart } from '../components/Charts';

const QUALIFICATION_BAR = 0.98;
const scopeKinds: FiguresScopeKind[] = ['community', 'company', 'street', 'district', 'city'];

/** The units the actor may see figures of, from their grants (a platform admin sees the city). */
function useScopes() {
  const me = useMe();
  const { t } = useI18n();
  return useMemo(() => {
    const seen = new Set<string>();
    const out: { kind: FiguresScopeKind; id: number; name: string }[] = [];
    const add = (kind: FiguresScopeKind, id: number, name: string) => {
      if (seen.has(`${kind}:${id}`)) return;
      seen.add(`${kind}:${id}`);
      out.push({ kind, id, name });
    };
    for (const g of me.roles) {
      if ((scopeKinds as string[]).includes(g.scopeType)) add(g.scopeType as FiguresScopeKind, g.scopeId, g.scopeName);
      if (g.scopeType === 'platform') add('city', me.cityId, t('figures.scopeKind.city'));
    }
    return out.sort((a, b) => scopeKinds.indexOf(b.kind) - scopeKinds.indexOf(a.kind));
  }, [me, t]);
}

function Kpi({ icon, color, label, value, extra, testId }: { icon: ReactNode; color: string; label: string; value: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <Card variant="borderless" style={{ height: '100%' }} data-testid={testId}>
      <Space align="start" size={14}>
        <span className="gz-stat-icon" style={{ background: `${color}14`, color }}>{icon}</span>
        <div>
          <Typography.Text type="secondary">{label}</Typography.Text>
          <div style={{ fontSize: 26, fontWeight: 700, lineHeight: 1.25, fontVariantNumeric: 'tabular-nums' }}>{value}</div>
          {extra && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)', marginTop: 2 }}>{extra}</div>}
        </div>
      </Space>
    </Card>
  );
}

/** 诉求数据 — how fast and how well requests are handled, per community, company or city. */
export default function FiguresPage() {
  const { t, pick, formatNumber } = useI18n();
  const categoryName = useCategoryName();
  const scopes = useScopes();
  const [scopeKey, setScopeKey] = useState<string>();
  const scope = scopes.find((s) => `${s.kind}:${s.id}` === scopeKey) ?? scopes[0];
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(11, 'month').startOf('month'), dayjs().startOf('month')]);
  const params: FiguresParams | undefined = scope && { kind: scope.kind, id: scope.id, from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') };
  const figures = useApi((signal) => figuresApi.requests(params!, signal), [scope?.kind, scope?.id, params?.from, params?.to], !!params);

  const minutes = (m: number | null) => m === null ? t('common.none') : m >= 120 ? t('figures.hours', { value: formatNumber(m / 60, 1) }) : t('figures.minutes', { value: m });
  const percent = (r: number | null) => r === null ? t('common.none') : `${formatNumber(r * 100, 1)}%`;

  if (!scope) return <Empty style={{ marginTop: 80 }} description={t('figures.noScope')} />;
  const f = figures.data;

  const stateData = f ? requestStates.filter((s) => f.byState[s] > 0).map((s) => ({ name: pick(requestStateLabels[s]), value: f.byState[s], itemStyle: { color: stateHex[s] } })) : [];
  const categories = f ? [...f.byCategory].sort((a, b) => a.count - b.count) : [];
  // Every month of the range on the axis, also the quiet ones.
  const months: string[] = [];
  for (let m = range[0].startOf('month'); !m.isAfter(range[1], 'month'); m = m.add(1, 'month')) months.push(m.format('YYYY-MM'));
  const byMonth = new Map((f?.monthly ?? []).map((m) => [m.month, m]));
  const monthly = months.map((month) => byMonth.get(month) ?? { month, total: 0, closed: 0, breached: 0, qualificationRate: null });
  const qualified = f?.qualificationRate !== null && f?.qualificationRate !== undefined && f.qualificationRate >= QUALIFICATION_BAR;

  return (
    <div data-testid="figures-page">
      <PageHeading
        title={t('figures.title')}
        subtitle={t('figures.intro', { threshold: f?.qualificationThreshold ?? 4 })}
        extra={(
          <Space wrap>
            <Select style={{ minWidth: 220 }} value={`${scope.kind}:${scope.id}`} onChange={setScopeKey} aria-label={t('figures.scope')}
              options={scopes.map((s) => ({ value: `${s.kind}:${s.id}`, label: `${t(`figures.scopeKind.${s.kind}`)} · ${s.name}` }))} />
            <DatePicker.RangePicker picker="month" value={range} allowClear={false} aria-label={t('figures.range')}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          </Space>
        )}
      />
      {figures.error && !f ? <ApiErrorResult error={figures.error} onRetry={figures.reload} /> : !f ? <Skeleton active paragraph={{ rows: 10 }} /> : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={12} xl={6}>
              <Kpi testId="kpi-total" icon={<FileTextOutlined />} color="#1677ff" label={t('figures.total')} value={formatNumber(f.total, 0)}
                extra={`${t('figures.resolutionRate')} ${percent(f.rates.resolution)}`} />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi icon={<ClockCircleOutlined />} color="#13a8a8" label={t('figures.responseMedian')} value={minutes(f.responseMinutes.median)}
                extra={`${t('figures.responseP90')} ${minutes(f.responseMinutes.p90)} · ${t('figures.responseRate')} ${percent(f.rates.response)}`} />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi icon={<FieldTimeOutlined />} color="#722ed1" label={t('figures.resolutionMedian')} value={minutes(f.resolutionMinutes.median)}
                extra={`${t('figures.resolutionP90')} ${minutes(f.resolutionMinutes.p90)}`} />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi icon={<WarningOutlined />} color="#d46b08" label={t('figures.breachRate')} value={percent(f.slaBreachRate)} />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card variant="borderless" style={{ height: '100%' }} data-testid="kpi-qualification">
                <Space size={24} align="center">
                  <Progress type="dashboard" percent={f.qualificationRate === null ? 0 : Math.round(f.qualificationRate * 1000) / 10} size={132}
                    strokeColor={qualified ? '#52c41a' : '#c8161d'} format={() => percent(f.qualificationRate)} />
                  <div>
                    <Typography.Title level={5} style={{ marginTop: 0 }}><CheckCircleOutlined style={{ color: '#c8161d' }} /> {t('figures.qualification')}</Typography.Title>
                    <div>
                      <Tag>{t('figures.qualificationBar')}</Tag>
                      {f.qualificationRate !== null && <Tag color={qualified ? 'success' : 'error'}>{qualified ? t('figures.qualificationMet') : t('figures.qualificationMissed')}</Tag>}
                    </div>
                    <Progress percent={100} success={{ percent: f.qualificationRate === null ? 0 : f.qualificationRate * 100, strokeColor: qualified ? '#52c41a' : '#c8161d' }}
                      strokeColor="#f0f0f0" showInfo={false} style={{ width: 240, marginTop: 12, display: 'block' }} />
                    <div style={{ position: 'relative', width: 240, height: 14 }}>
                      <span style={{ position: 'absolute', left: `${QUALIFICATION_BAR * 100}%`, transform: 'translateX(-50%)', fontSize: 11, color: 'rgba(0,0,0,0.45)' }}>▲98%</span>
                    </div>
                  </div>
                </Space>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card variant="borderless" style={{ height: '100%' }}>
                <Space size={24} align="center">
                  <span className="gz-stat-icon" style={{ background: '#faad1414', color: '#faad14', width: 64, height: 64, fontSize: 32 }}><SmileOutlined /></span>
                  <div>
                    <Typography.Title level={5} style={{ marginTop: 0 }}>{t('figures.satisfaction')}</Typography.Title>
                    <Space align="center">
                      <span style={{ fontSize: 30, fontWeight: 700 }}>{f.satisfaction.mean === null ? t('common.none') : formatNumber(f.satisfaction.mean, 2)}</span>
                      <Rate disabled allowHalf value={f.satisfaction.mean === null ? 0 : Math.round(f.satisfaction.mean * 2) / 2} />
                    </Space>
                    <div style={{ color: 'rgba(0,0,0,0.5)' }}>{t('figures.satisfactionText', { rated: f.satisfaction.rated, share: percent(f.satisfaction.satisfiedShare) })}</div>
                  </div>
                </Space>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card variant="borderless" title={t('figures.byState')}>
                <Chart testId="chart-state" option={{
                  tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
                  legend: { orient: 'vertical', right: 0, top: 'middle', itemWidth: 10, itemHeight: 10 },
                  series: [{ type: 'pie', radius: ['48%', '72%'], center: ['36%', '50%'], avoidLabelOverlap: true, label: { show: false },
                    itemStyle: { borderColor: '#fff', borderWidth: 2 }, data: stateData }],
                }} />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card variant="borderless" title={t('figures.byCategory')}>
                <Chart testId="chart-category" option={{
                  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                  grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
                  xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
                  yAxis: { type: 'category', data: categories.map((c) => categoryName({ id: c.categoryId, name: c.name })), axisTick: { show: false } },
                  series: [{ type: 'bar', name: t('figures.count'), data: categories.map((c) => c.count), barMaxWidth: 16,
                    itemStyle: { color: '#c8161d', borderRadius: [0, 4, 4, 0] }, label: { show: true, position: 'right', color: 'rgba(0,0,0,0.65)' } }],
                }} />
              </Card>
            </Col>
          </Row>
          <Card variant="borderless" title={t('figures.monthly')}>
            <Chart testId="chart-monthly" height={320} option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
              xAxis: { type: 'category', data: monthly.map((m) => m.month) },
              yAxis: [
                { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
                { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
              ],
              series: [
                { type: 'bar', name: t('figures.seriesTotal'), data: monthly.map((m) => m.total), itemStyle: { color: '#ffccc7', borderRadius: [4, 4, 0, 0] }, barMaxWidth: 28 },
                { type: 'bar', name: t('figures.seriesClosed'), data: monthly.map((m) => m.closed), itemStyle: { color: '#c8161d', borderRadius: [4, 4, 0, 0] }, barMaxWidth: 28 },
                { type: 'line', name: t('figures.seriesBreached'), data: monthly.map((m) => m.breached), itemStyle: { color: '#fa8c16' }, smooth: true },
                { type: 'line', name: t('figures.seriesQualification'), yAxisIndex: 1, data: monthly.map((m) => m.qualificationRate === null ? null : Math.round(m.qualificationRate * 1000) / 10),
                  itemStyle: { color: '#52c41a' }, smooth: true, connectNulls: true,
                  markLine: { silent: true, symbol: 'none', lineStyle: { color: '#52c41a', type: 'dashed' }, label: { formatter: '98%' }, data: [{ yAxis: 98 }] } },
              ],
            }} />
          </Card>
        </Space>
      )}
    </div>
  );
}
