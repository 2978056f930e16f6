import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, InputNumber, Modal, Row, Select, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult, useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { dimensionNames, formatBound, ratingsApi, type CycleListItem, type RatingSummary } from '../api';
import { PublicRatings } from '../components/PublicRatings';
import { StateTag, Stars } from '../components/parts';

function RatingTable({ items, loading }: { items: RatingSummary[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <div data-testid="ratings-table"><Table<RatingSummary> rowKey="id" loading={loading} dataSource={items} pagination={false}
      locale={{ emptyText: <Empty description={t('ratings.none')} /> }}
      columns={[
        { title: t('ratings.company'), render: (_, r) => <Link to={`/ratings/${r.id}`} style={{ fontWeight: 600 }}>{r.company.name}</Link> },
        { title: t('ratings.year'), render: (_, r) => `${r.cycle.year}年度` },
        { title: t('ratings.status'), render: (_, r) => <StateTag state={r.state} status={r.status} /> },
        { title: t('ratings.applied'), render: (_, r) => `${r.appliedLevel}★` },
        { title: t('ratings.selfScore'), align: 'right', render: (_, r) => r.selfTotal ?? '—' },
        { title: t('ratings.committeeScore'), align: 'right', render: (_, r) => (r.committeeMean === null ? `— (${r.assessed}/${r.communities})` : `${r.committeeMean} (${r.assessed}/${r.communities})`) },
        { title: t('ratings.certifiedScore'), align: 'right', render: (_, r) => r.certifiedScore ?? '—' },
        { title: t('ratings.level'), render: (_, r) => <Stars level={r.level} /> },
        { title: '', render: (_, r) => <Link to={`/ratings/${r.id}`}>{t('ratings.open')}</Link> },
      ]} /></div>
  );
}

function AwaitingTab() {
  const list = useApi((signal) => ratingsApi.list({ awaitingMe: 'true', pageSize: 100 }, signal), []);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  return <RatingTable items={list.data?.items ?? []} loading={list.loading} />;
}

function AllTab({ cycles }: { cycles: CycleListItem[] }) {
  const { t } = useI18n();
  const [cycleId, setCycleId] = useState<number | undefined>(cycles[0]?.id);
  const list = useApi((signal) => ratingsApi.list({ cycleId, pageSize: 100 }, signal), [cycleId]);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select style={{ width: 280 }} allowClear placeholder={t('ratings.year')} value={cycleId} onChange={setCycleId}
        options={cycles.map((c) => ({ value: c.id, label: c.title }))} />
      <RatingTable items={list.data?.items ?? []} loading={list.loading} />
    </Space>
  );
}

function CycleCard({ cycle, onApplied }: { cycle: CycleListItem; onApplied: (id: number) => void }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const detail = useApi((signal) => ratingsApi.cycle(cycle.id, signal), [cycle.id]);
  const [level, setLevel] = useState(5);
  const companies = (me?.roles ?? []).filter((g) => g.role === 'property_staff' && g.scopeType === 'company');
  const rubric = detail.data?.rubric;
  const measureName = new Map((detail.data?.measures ?? []).map((m) => [m.key, m]));
  const apply = async (companyId: number) => {
    try {
      const r = await ratingsApi.apply({ cycleId: cycle.id, companyId, appliedLevel: level });
      message.success(t('ratings.applied.ok'));
      onApplied(r.id);
    } catch (e) { message.error(errorText(e)); }
  };
  return (
    <Card variant="borderless" data-testid={`cycle-${cycle.year}`}
      title={<Space wrap>{cycle.title}<Tag color={cycle.open ? 'green' : 'default'}>{cycle.open ? t('ratings.cycle.open') : t('ratings.cycle.closed')}</Tag><Tag>{t('ratings.cycle.rubric', { version: cycle.rubricVersion })}</Tag></Space>}
      extra={cycle.open && companies.length > 0 && (
        <Space>
          <Select value={level} onChange={setLevel} style={{ width: 110 }} options={[5, 4, 3].map((l) => ({ value: l, label: `${t('ratings.applyLevel')} ${l}★` }))} />
          {companies.map((g) => <Button key={g.scopeId} type="primary" onClick={() => apply(g.scopeId)} data-testid="rating-apply">{t('ratings.apply')} · {g.scopeName}</Button>)}
        </Space>
      )}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'p', label: t('ratings.cycle.period'), children: `${cycle.periodFrom} 至 ${cycle.periodTo}` },
        { key: 'a', label: t('ratings.cycle.applyBy'), children: cycle.applyBy },
        { key: 'v', label: t('ratings.cycle.validUntil'), children: cycle.validUntil },
      ]} />
      {!rubric ? <Skeleton active /> : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('ratings.cycle.thresholds', { 3: rubric.content.thresholds[3], 4: rubric.content.thresholds[4], 5: rubric.content.thresholds[5], max: rubric.maxPoints })}
            {'　'}{t('ratings.rubric.floors')}：{Object.entries(rubric.content.floors).map(([k, f]) => `${measureName.get(k)?.name ?? k} ${[3, 4, 5].map((l) => f[l as 3] === undefined ? '' : `${l}★${f.kind === 'max' ? '≤' : '≥'}${formatBound(measureName.get(k)?.unit ?? 'rate', f[l as 3]!)}`).filter(Boolean).join(' / ')}`).join('；')}
          </Typography.Paragraph>
          <div data-testid="rubric-table"><Table size="small" pagination={false} rowKey="key"
            dataSource={rubric.content.dimensions.flatMap((d) => d.criteria.map((c, i) => ({ ...c, dimension: d.key, first: i === 0, span: d.criteria.length })))}
            columns={[
              { title: '维度', dataIndex: 'dimension', onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }), render: (d: keyof typeof dimensionNames) => <b>{dimensionNames[d]}</b> },
              { title: t('ratings.detail.criterion'), dataIndex: 'name' },
              { title: t('ratings.rubric.points'), dataIndex: 'points', align: 'right' },
              { title: t('ratings.rubric.evidence'), dataIndex: 'evidence' },
              { title: t('ratings.rubric.measure'), dataIndex: 'measure', render: (m?: string) => (m ? <Tag color="blue">{measureName.get(m)?.name ?? m}</Tag> : null) },
            ]} /></div>
        </>
      )}
    </Card>
  );
}

function NewCycle({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const year = dayjs().year();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await ratingsApi.createCycle({ year: v.year, periodFrom: `${v.year}-01`, periodTo: `${v.year}-12`, applyBy: v.applyBy.format('YYYY-MM-DD') });
      message.success(t('ratings.cycle.created', { year: v.year }));
      onCreated();
    } catch (e) { message.error(errorText(e)); }
  };
  return (
    <Modal open={open} title={t('ratings.cycle.new')} onCancel={onClose} onOk={submit} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ year, applyBy: dayjs(`${year + 1}-01-31`) }}>
        <Form.Item name="year" label={t('ratings.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="applyBy" label={t('ratings.cycle.applyBy')} rules={[{ required: true }]}><DatePicker /></Form.Item>
      </Form>
    </Modal>
  );
}

/** /ratings: the workbench — what waits for me, every rating, the cycles with their rubric, the published lists. */
export default function RatingsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const cycles = useApi((signal) => ratingsApi.cycles(signal), []);
  const [creating, setCreating] = useState(false);
  const tab = params.get('tab') ?? 'awaiting';
  if (cycles.error) return <ApiErrorResult error={cycles.error} onRetry={cycles.reload} />;
  return (
    <>
      <PageHeading title={t('ratings.title')} extra={can('ratings:certify') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="cycle-new">{t('ratings.cycle.new')}</Button>} />
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={[
        { key: 'awaiting', label: t('ratings.tab.awaiting'), children: <AwaitingTab /> },
        { key: 'all', label: t('ratings.tab.all'), children: cycles.data ? <AllTab cycles={cycles.data.items} /> : <Skeleton active /> },
        {
          key: 'cycles', label: t('ratings.tab.cycles'), children: !cycles.data ? <Skeleton active /> : (
            <Row gutter={[16, 16]}>{cycles.data.items.map((c) => <Col span={24} key={c.id}><CycleCard cycle={c} onApplied={(id) => navigate(`/ratings/${id}`)} /></Col>)}</Row>
          ),
        },
        { key: 'public', label: t('ratings.tab.public'), children: <PublicRatings /> },
      ]} />
      <NewCycle open={creating} onClose={() => setCreating(false)} onCreated={() => { setCreating(false); cycles.reload(); }} />
    </>
  );
}
