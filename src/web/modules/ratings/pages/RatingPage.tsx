import { FilePdfOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Alert, Button, Card, Col, Descriptions, List, Row, Skeleton, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult, NotFoundResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { Chart } from '../../figures/components/Charts';
import { actionNames, dimensionNames, formatBound, formatMeasured, ratingsApi, stars, type DimensionKey, type RatingDetail } from '../api';
import { AssessmentForm, CertifyForm, LoweringForms, SelfEvaluationForm } from '../components/Actions';
import { StateTag, Stars } from '../components/parts';

const levelName = (l: number | null) => (l ? `${l}星（${stars(l)}）` : '不足三星');

function Kpi({ label, value, extra, testId }: { label: string; value: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <Card variant="borderless" style={{ height: '100%' }} data-testid={testId}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ fontSize: 26, fontWeight: 700, lineHeight: 1.3, fontVariantNumeric: 'tabular-nums' }}>{value}</div>
      {extra && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 4 }}>{extra}</div>}
    </Card>
  );
}

/** Criterion by criterion: the maximum, the self-score, each committee's score, the gap, and the measured criterion beside it. */
function Comparison({ r }: { r: RatingDetail }) {
  const { t } = useI18n();
  const measured = new Map(r.measured.map((m) => [m.key, m]));
  const rows = r.rubric.content.dimensions.flatMap((d) => d.criteria.map((c, i) => ({ ...c, dimension: d.key, first: i === 0, span: d.criteria.length })));
  const mean = (key: string) => (r.assessments.length ? r.assessments.reduce((s, a) => s + (a.scores[key] ?? 0), 0) / r.assessments.length : null);
  return (
    <div data-testid="rating-compare"><Table size="small" pagination={false} rowKey="key" dataSource={rows} scroll={{ x: 'max-content' }}
      columns={[
        { title: '维度', dataIndex: 'dimension', width: 84, onCell: (x) => ({ rowSpan: x.first ? x.span : 0 }), render: (d: DimensionKey) => <b>{dimensionNames[d]}</b> },
        { title: t('ratings.detail.criterion'), dataIndex: 'name' },
        { title: t('ratings.detail.max'), dataIndex: 'points', width: 56, align: 'right' },
        { title: t('ratings.detail.self'), width: 70, align: 'right', render: (_, c) => r.self?.scores[c.key] ?? '—' },
        ...r.assessments.map((a) => ({ title: a.communityName, key: `a${a.communityId}`, width: 110, align: 'right' as const, render: (_: unknown, c: { key: string }) => a.scores[c.key] ?? '—' })),
        {
          title: t('ratings.detail.gap'), width: 70, align: 'right', render: (_, c) => {
            const m = mean(c.key);
            const s = r.self?.scores[c.key];
            if (m === null || s === undefined) return '—';
            const gap = s - m;
            return <span style={{ color: gap > 0.5 ? '#cf1322' : gap < -0.5 ? '#389e0d' : undefined }}>{gap > 0 ? '+' : ''}{gap.toFixed(1)}</span>;
          },
        },
        {
          title: t('ratings.rubric.measure'), width: 150, render: (_, c) => {
            const m = c.measure ? measured.get(c.measure) : undefined;
            if (!m) return null;
            const failing = Object.entries(m.meets).filter(([, ok]) => !ok).map(([l]) => Number(l));
            return <Tooltip title={m.definition}><Tag color={failing.length ? 'orange' : 'blue'}>{m.name} {formatMeasured(m)}</Tag></Tooltip>;
          },
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}><b>合计</b></Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">{r.rubric.maxPoints}</Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right"><b>{r.self?.total ?? '—'}</b></Table.Summary.Cell>
          {r.assessments.map((a, i) => <Table.Summary.Cell key={a.communityId} index={4 + i} align="right"><b>{a.total}</b></Table.Summary.Cell>)}
          <Table.Summary.Cell index={4 + r.assessments.length} align="right">{r.self && r.committeeMean !== null ? `${r.self.total - r.committeeMean > 0 ? '+' : ''}${r.self.total - r.committeeMean}` : '—'}</Table.Summary.Cell>
          <Table.Summary.Cell index={5 + r.assessments.length} />
        </Table.Summary.Row>
      )} /></div>
  );
}

function MeasuredTable({ r }: { r: RatingDetail }) {
  const { t } = useI18n();
  // The server names the numbers behind a criterion by key; a key without a label shows as sent.
  const numberLabel = (key: string) => {
    const label = t(`ratings.number.${key}`);
    return label === `ratings.number.${key}` ? key : label;
  };
  return (
    <div data-testid="rating-measured"><Table size="small" pagination={false} rowKey="key" dataSource={r.measured}
      columns={[
        { title: t('ratings.detail.criterion'), dataIndex: 'name', render: (n: string, m) => <Tooltip title={m.definition}><span style={{ borderBottom: '1px dashed #bbb' }}>{n}</span></Tooltip> },
        { title: t('ratings.detail.value'), align: 'right', render: (_, m) => <b>{formatMeasured(m)}</b> },
        { title: t('ratings.detail.numbers'), render: (_, m) => <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }}>{Object.entries(m.numbers).map(([k, v]) => `${numberLabel(k)} ${v}`).join(' · ')}</span> },
        ...[5, 4, 3].map((l) => ({
          title: t('ratings.detail.floor', { level: l }), key: `f${l}`, align: 'center' as const,
          render: (_: unknown, m: RatingDetail['measured'][number]) => (m.floors[l] === undefined ? '—' : (
            <Tag color={m.meets[l] ? 'green' : 'red'}>{m.lowerIsBetter ? '≤' : '≥'}{formatBound(m.unit, m.floors[l]!)}</Tag>
          )),
        })),
        { title: '来源', dataIndex: 'source', render: (s: string) => <Tag>{s}</Tag> },
      ]} /></div>
  );
}

function DimensionChart({ r }: { r: RatingDetail }) {
  const dims = r.rubric.content.dimensions.map((d) => d.key);
  const series = [
    ...(r.self ? [{ name: '企业自评', type: 'bar' as const, data: dims.map((d) => r.self!.byDimension[d]), itemStyle: { color: '#faad14' } }] : []),
    ...r.assessments.map((a, i) => ({ name: a.communityName, type: 'bar' as const, data: dims.map((d) => a.byDimension[d]), itemStyle: { color: ['#c8161d', '#1677ff', '#13c2c2', '#722ed1'][i % 4] } })),
    { name: '满分', type: 'line' as const, data: r.rubric.content.dimensions.map((d) => d.criteria.reduce((s, c) => s + c.points, 0)), itemStyle: { color: '#8c8c8c' }, lineStyle: { type: 'dashed' as const } },
  ];
  return <Chart testId="rating-dimensions" height={260} option={{ tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 36, right: 12, top: 36, bottom: 24 }, xAxis: { type: 'category', data: dims.map((d) => dimensionNames[d]) }, yAxis: { type: 'value' }, series }} />;
}

/** /ratings/:id — one rating: what the company claimed, what the committees found, what the platform measured, and the next step for whoever may take it. */
export default function RatingPage() {
  const { t } = useI18n();
  const id = useIdParam('id');
  const rating = useApi((signal) => ratingsApi.get(id!, signal), [id], id !== null);
  if (id === null) return <NotFoundResult />;
  if (rating.error) return <ApiErrorResult error={rating.error} onRetry={rating.reload} />;
  const r = rating.data;
  if (!r) return <Skeleton active paragraph={{ rows: 12 }} />;
  const a = r.abilities;
  const names = new Map(r.measured.map((m) => [m.key, m.name]));
  const unitOf = new Map(r.measured.map((m) => [m.key, m.unit]));
  const done = () => rating.reload();
  return (
    <>
      <PageHeading crumbs={[{ title: t('ratings.menu'), to: '/ratings' }, { title: r.company.name }]}
        title={`${r.company.name} · ${r.cycle.year}年度`} tags={<Space><StateTag state={r.state} status={r.status} /><Stars level={r.level} size={20} /></Space>}
        extra={a.certificate && <Button icon={<FilePdfOutlined />} href={ratingsApi.certificateUrl(r.id)} target="_blank" data-testid="rating-certificate">{t('ratings.detail.certificate')}</Button>} />
      <Row gutter={[16, 16]}>
        <Col xs={12} xl={6}><Kpi testId="kpi-self" label={t('ratings.selfScore')} value={r.self?.total ?? '—'} extra={`${t('ratings.applied')} ${r.appliedLevel}★ · ${t('ratings.cycle.rubric', { version: r.rubric.version })}`} /></Col>
        <Col xs={12} xl={6}><Kpi testId="kpi-committee" label={t('ratings.committeeScore')} value={r.committeeMean ?? '—'} extra={r.pendingCommunities.length ? t('ratings.detail.pending', { names: r.pendingCommunities.map((c) => c.name).join('、') }) : `${r.assessed}/${r.communities}`} /></Col>
        <Col xs={12} xl={6}>
          <Kpi testId="kpi-suggestion" label={r.suggestion.score === null ? t('ratings.detail.suggestionNone') : t('ratings.detail.suggestion', { level: '' })} value={r.suggestion.score === null ? '—' : levelName(r.suggestion.level)}
            extra={r.suggestion.byScore !== r.suggestion.level ? t('ratings.detail.byScore', { level: levelName(r.suggestion.byScore) }) : undefined} />
        </Col>
        <Col xs={12} xl={6}><Kpi testId="kpi-certified" label={t('ratings.detail.certification')} value={r.certification ? levelName(r.level) : '—'} extra={r.certification ? `${r.certification.byName ?? ''} · ${r.certification.at.slice(0, 10)}` : undefined} /></Col>
      </Row>
      {r.suggestion.missedFloors.length > 0 && (
        <Alert style={{ marginTop: 16 }} type="warning" showIcon data-testid="rating-missed"
          message={r.suggestion.missedFloors.map((f) => t('ratings.detail.missed', { name: names.get(f.key) ?? f.key, value: formatBound(unitOf.get(f.key) ?? 'rate', f.value), level: f.level, bound: formatBound(unitOf.get(f.key) ?? 'rate', f.bound) })).join('；')} />
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col span={24}>
          <Card variant="borderless" title={t('ratings.detail.compare')}><Comparison r={r} /></Card>
        </Col>
        <Col span={24}>
          <Card variant="borderless" title={t('ratings.detail.measured', { from: r.cycleDetail.periodFrom, to: r.cycleDetail.periodTo })} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ratings.detail.measuredHint')}</Typography.Text>}>
            <MeasuredTable r={r} />
          </Card>
        </Col>
        {a.selfEvaluate && <Col span={24}><SelfEvaluationForm rating={r} onDone={done} /></Col>}
        {a.assess && <Col span={24}><AssessmentForm rating={r} onDone={done} /></Col>}
        {a.certify && <Col span={24}><CertifyForm rating={r} onDone={done} /></Col>}
        <Col span={24}><LoweringForms rating={r} onDone={done} /></Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" title={t('ratings.detail.byDimension')}><DimensionChart r={r} /></Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" title={t('ratings.detail.evidence')}>
            {r.self ? (
              <>
                {r.self.note && <Typography.Paragraph>{r.self.note}</Typography.Paragraph>}
                <List size="small" dataSource={r.self.evidence} locale={{ emptyText: t('ratings.none') }} renderItem={(e) => (
                  <List.Item><Space><Tag>{e.kind === 'record' ? '平台记录' : '链接'}</Tag>{e.kind === 'record' ? <a href={e.url}>{e.title}</a> : <a href={e.url} target="_blank" rel="noreferrer">{e.title}</a>}</Space></List.Item>
                )} />
              </>
            ) : t('ratings.none')}
            {r.assessments.map((x) => (
              <Descriptions key={x.communityId} size="small" column={1} style={{ marginTop: 12 }} title={`${x.communityName}党委 · ${x.assessorName}`} items={[{ key: 'o', label: t('ratings.form.opinion'), children: x.opinion }]} />
            ))}
            {r.certification && <Descriptions size="small" column={1} style={{ marginTop: 12 }} title={t('ratings.detail.certification')} items={[{ key: 'r', label: t('ratings.form.reason'), children: <span data-testid="rating-reason">{r.certification.reason}</span> }]} />}
            {r.lowerings.map((l) => (
              <Descriptions key={l.id} size="small" column={1} style={{ marginTop: 12 }} title={`${t('ratings.detail.lowering')} ${l.fromLevel}★ → ${l.toLevel || '撤销'}`} items={[
                { key: 'r', label: t('ratings.form.grounds'), children: l.reason },
                { key: 'd', label: '', children: t('ratings.detail.answerDue', { at: l.answerDueAt.slice(0, 10) }) },
                { key: 'a', label: t('ratings.detail.answer'), children: l.answer ?? '—' },
                ...(l.decision ? [{ key: 'x', label: l.decision, children: l.decisionReason }] : []),
              ]} />
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" title={t('ratings.detail.history')}>
            <div data-testid="rating-history"><Timeline items={r.events.map((e) => ({ children: <div><b>{actionNames[e.action] ?? e.action}</b> · {e.actorName ?? '系统'} · {e.at.slice(0, 16).replace('T', ' ')}{e.note && <div style={{ color: 'rgba(0,0,0,0.65)' }}>{e.note}</div>}</div> }))} /></div>
          </Card>
        </Col>
      </Row>
    </>
  );
}
