import { AccountBookOutlined, AlertOutlined, BellOutlined, HomeOutlined, PercentageOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Row, Segmented, Select, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { Chart } from '../../figures/components/Charts';
import { feesApi, percent, shanghaiMonthNow, yuan, type Bill, type BillStatus, type FeeCompound } from '../api';
import { BillActions, BillDetailPanel, StatusTag } from '../components/BillParts';

function Kpi({ icon, color, label, value, extra, testId }: { icon: ReactNode; color: string; label: string; value: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <Card variant="borderless" style={{ height: '100%' }} data-testid={testId}>
      <Space align="start" size={14}>
        <span className="gz-stat-icon" style={{ background: `${color}14`, color }}>{icon}</span>
        <div>
          <Typography.Text type="secondary">{label}</Typography.Text>
          <div style={{ fontSize: 26, fontWeight: 700, lineHeight: 1.25, fontVariantNumeric: 'tabular-nums' }}>{value}</div>
          {extra && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 4, maxWidth: 300 }}>{extra}</div>}
        </div>
      </Space>
    </Card>
  );
}

function Overview({ compound, period }: { compound: FeeCompound; period: string }) {
  const { t } = useI18n();
  const rate = useApi((signal) => feesApi.rate({ compoundId: compound.id, period }, signal), [compound.id, period]);
  if (rate.error) return <ApiErrorResult error={rate.error} onRetry={rate.reload} />;
  const r = rate.data;
  if (!r) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}><Kpi testId="rate-households" icon={<HomeOutlined />} color="#c8161d" label={t('fees.rate.households')} value={percent(r.byHouseholds.rate)} extra={r.byHouseholds.formula} /></Col>
        <Col xs={24} md={12} xl={6}><Kpi testId="rate-area" icon={<PercentageOutlined />} color="#fa8c16" label={t('fees.rate.area')} value={percent(r.byArea.rate)} extra={r.byArea.formula} /></Col>
        <Col xs={24} md={12} xl={6}><Kpi icon={<AccountBookOutlined />} color="#1677ff" label={`${t('fees.rate.paid')} / ${t('fees.rate.billed')}`} value={yuan(r.amounts.paidFen)} extra={`${t('fees.rate.billed')} ${yuan(r.amounts.billedFen)}`} /></Col>
        <Col xs={24} md={12} xl={6}><Kpi icon={<AlertOutlined />} color="#cf1322" label={t('fees.rate.arrears')} value={yuan(r.amounts.arrearsFen)} extra={t('fees.rate.paidHouseholds', { paid: r.byHouseholds.paid, billed: r.byHouseholds.billed })} /></Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={t('fees.rate.trend')}>
            <Chart testId="rate-trend" height={280} option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)}%` },
              legend: { top: 0 },
              grid: { left: 48, right: 16, top: 36, bottom: 28 },
              xAxis: { type: 'category', data: r.trend.map((p) => p.period) },
              yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min - 5)), max: 100, axisLabel: { formatter: '{value}%' } },
              series: [
                { name: t('fees.rate.households'), type: 'line', smooth: true, data: r.trend.map((p) => (p.householdsRate ?? 0) * 100), itemStyle: { color: '#c8161d' } },
                { name: t('fees.rate.area'), type: 'line', smooth: true, data: r.trend.map((p) => (p.areaRate ?? 0) * 100), itemStyle: { color: '#fa8c16' } },
              ],
            }} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card variant="borderless" title={t('fees.rate.byBuilding')}>
            <Chart height={280} option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)}%` },
              grid: { left: 48, right: 16, top: 16, bottom: 28 },
              xAxis: { type: 'category', data: r.breakdown.map((b) => b.name), axisLabel: { interval: 0, rotate: r.breakdown.length > 8 ? 30 : 0 } },
              yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
              series: [{ name: t('fees.rate.households'), type: 'bar', barMaxWidth: 28, data: r.breakdown.map((b) => Math.round((b.householdsRate ?? 0) * 1000) / 10), itemStyle: { color: '#c8161d', borderRadius: [4, 4, 0, 0] } }],
            }} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

const statusFilters: Record<string, BillStatus[] | undefined> = { all: undefined, open: ['unpaid', 'partial'], paid: ['paid'] };

function Bills({ compound, period }: { compound: FeeCompound; period: string }) {
  const { t } = useI18n();
  const [tab, setTab] = useState('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useApi((signal) => feesApi.bills({ compoundId: compound.id, period, status: statusFilters[tab], ...page }, signal), [compound.id, period, tab, page.page, page.pageSize]);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Card variant="borderless" data-testid="bills-table"
      title={<Segmented value={tab} onChange={(v) => { setTab(String(v)); setPage((p) => ({ ...p, page: 1 })); }} options={[
        { value: 'all', label: t('fees.filter.all') }, { value: 'open', label: t('fees.filter.open') }, { value: 'paid', label: t('fees.status.paid') },
      ]} />}>
      <Table<Bill>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items}
        expandable={{ expandedRowRender: (b) => <BillDetailPanel billId={b.id} />, rowExpandable: () => true }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('fees.bill.household'), key: 'household', render: (_, b) => b.household.label },
          { title: t('fees.period'), dataIndex: 'period', width: 100 },
          { title: t('fees.bill.area'), dataIndex: 'areaM2', align: 'right', width: 90, render: (v: number) => `${v.toFixed(2)} m²` },
          { title: t('fees.bill.items'), key: 'items', render: (_, b) => b.lines.map((l) => l.name).join('、') },
          { title: t('fees.bill.amount'), dataIndex: 'amountFen', align: 'right', render: (_, b) => yuan(b.amountFen + b.adjustFen) },
          { title: t('fees.bill.paid'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('fees.bill.outstanding'), dataIndex: 'outstandingFen', align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{yuan(v)}</Typography.Text> : yuan(0)) },
          { title: t('fees.bill.status'), key: 'status', width: 130, render: (_, b) => <StatusTag bill={b} /> },
          ...(compound.canCollect ? [{ title: t('fees.bill.actions'), key: 'actions', width: 170, render: (_: unknown, b: Bill) => <BillActions bill={b} onDone={list.reload} /> }] : []),
        ]}
      />
    </Card>
  );
}

const bucketColours = { le3: '#faad14', le6: '#fa8c16', le12: '#f5222d', gt12: '#a8071a' } as const;

function ArrearsTab({ compound }: { compound: FeeCompound }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const arrears = useApi((signal) => feesApi.arrears(compound.id, signal), [compound.id]);
  const [sending, setSending] = useState(false);
  if (arrears.error) return <ApiErrorResult error={arrears.error} onRetry={arrears.reload} />;
  const a = arrears.data;
  if (!a) return <Skeleton active paragraph={{ rows: 6 }} />;
  const remind = async () => {
    setSending(true);
    try {
      const r = await feesApi.remind(compound.id);
      message.success(t('fees.reminded', { count: r.reminded }));
      arrears.reload();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setSending(false);
    }
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={9}>
        <Card variant="borderless" title={t('fees.tab.arrears')} extra={compound.canCollect && <Button icon={<BellOutlined />} loading={sending} onClick={remind} data-testid="send-reminders">{t('fees.remind')}</Button>}>
          <Chart height={260} option={{
            tooltip: { trigger: 'item', valueFormatter: (v) => yuan(Number(v)) },
            series: [{ type: 'pie', radius: ['45%', '72%'], label: { formatter: '{b}\n{d}%' },
              data: a.buckets.filter((b) => b.owedFen > 0).map((b) => ({ name: t(`fees.arrears.${b.bucket}`), value: b.owedFen, itemStyle: { color: bucketColours[b.bucket] } })) }],
          }} />
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            {a.buckets.map((b) => (
              <div key={b.bucket} style={{ padding: '8px 12px', borderRadius: 8, background: '#fafafa', borderLeft: `4px solid ${bucketColours[b.bucket]}` }}>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{t(`fees.arrears.${b.bucket}`)}</div>
                <div style={{ fontWeight: 600 }}>{yuan(b.owedFen)}</div>
                <div style={{ fontSize: 12 }}>{t('fees.arrears.households', { count: b.households })}</div>
              </div>
            ))}
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card variant="borderless" title={t('fees.arrears.list')}>
          <Table rowKey="householdId" size="small" dataSource={a.households} pagination={{ pageSize: 12 }} columns={[
            { title: t('fees.bill.household'), dataIndex: 'label' },
            { title: t('fees.bill.outstanding'), dataIndex: 'owedFen', align: 'right', render: (v: number) => <Typography.Text type="danger">{yuan(v)}</Typography.Text> },
            { title: t('fees.arrears.bills'), dataIndex: 'bills', align: 'right' },
            { title: t('fees.arrears.oldest'), dataIndex: 'oldestPeriod' },
            { title: t('fees.arrears.reminded'), dataIndex: 'lastRemindedAt', render: (v: string | null) => (v ? new Date(v).toLocaleDateString('zh-CN') : <Typography.Text type="secondary">{t('fees.arrears.never')}</Typography.Text>) },
          ]} />
        </Card>
      </Col>
    </Row>
  );
}

/** 物业收费 — the collector's and the community's workbench for one compound's fees. */
export default function FeesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const compounds = useApi((signal) => feesApi.compounds(signal), []);
  const list = compounds.data?.items ?? [];
  const compound = list.find((c) => String(c.id) === params.get('compoundId')) ?? list[0];
  const months = useMemo(() => Array.from({ length: 13 }, (_, i) => shanghaiMonthNow(-i)), []);
  const period = params.get('period') ?? shanghaiMonthNow(-1);
  const tab = params.get('tab') ?? 'overview';
  const [version, setVersion] = useState(0);
  const set = (next: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...next }, { replace: true });

  if (compounds.error) return <ApiErrorResult error={compounds.error} onRetry={compounds.reload} />;
  if (!compounds.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!compound) return <Empty description={t('fees.noCompound')} />;

  const generate = async () => {
    const month = shanghaiMonthNow(0);
    try {
      const r = await feesApi.generate(compound.id, month);
      message.success(t('fees.generated', { created: r.created, existing: r.existing }));
      set({ period: month, tab: 'bills' });
      setVersion((v) => v + 1);
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  return (
    <div data-testid="fees-page">
      <PageHeading
        title={t('fees.title')}
        tags={<>{compound.selfGoverned && <Tag color="gold">{t('fees.selfGoverned')}</Tag>}<Tag>{t('fees.collector')}：{compound.collectorName}</Tag></>}
        subtitle={`${compound.communityName} · ${compound.name} · ${compound.households} 户`}
        extra={
          <Space wrap>
            <Select style={{ width: 220 }} value={compound.id} onChange={(v) => set({ compoundId: String(v) })} showSearch optionFilterProp="label"
              options={list.map((c) => ({ value: c.id, label: `${c.name}（${c.communityName}）` }))} aria-label={t('fees.compound')} />
            <Select style={{ width: 130 }} value={period} onChange={(v) => set({ period: v })} options={months.map((m) => ({ value: m, label: m }))} aria-label={t('fees.period')} />
            {compound.canCollect && <Button type="primary" icon={<ThunderboltOutlined />} onClick={generate} data-testid="generate-bills">{t('fees.generate', { period: shanghaiMonthNow(0) })}</Button>}
          </Space>
        }
      />
      <Tabs activeKey={tab} onChange={(k) => set({ tab: k })} items={[
        { key: 'overview', label: t('fees.tab.overview'), children: <Overview key={version} compound={compound} period={period} /> },
        { key: 'bills', label: t('fees.tab.bills'), children: <Bills key={`${compound.id}-${period}-${version}`} compound={compound} period={period} /> },
        ...(compound.canSeeArrears ? [{ key: 'arrears', label: t('fees.tab.arrears'), children: <ArrearsTab compound={compound} /> }] : []),
      ]} />
    </div>
  );
}
