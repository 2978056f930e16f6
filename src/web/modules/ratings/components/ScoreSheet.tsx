import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useI18n } from '../../../app/i18n';
import { dimensionNames, type Evidence, type RubricContent, type Sheet } from '../api';

/** One InputNumber per criterion of the rubric, grouped by dimension, with the running total. */
export function ScoreSheetInput({ rubric, value, onChange, testId }: { rubric: RubricContent; value: Sheet; onChange: (s: Sheet) => void; testId: string }) {
  const { t } = useI18n();
  const rows = rubric.dimensions.flatMap((d) => d.criteria.map((c, i) => ({ ...c, dimension: d.key, first: i === 0, span: d.criteria.length })));
  const total = Object.values(value).reduce((s, n) => s + (n ?? 0), 0);
  return (
    <div data-testid={testId}>
      <Table size="small" pagination={false} rowKey="key" dataSource={rows} columns={[
        { title: '维度', dataIndex: 'dimension', width: 90, onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }), render: (d: keyof typeof dimensionNames) => <b>{dimensionNames[d]}</b> },
        { title: t('ratings.detail.criterion'), dataIndex: 'name', render: (name: string, r) => <div>{name}<div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{r.evidence}</div></div> },
        { title: t('ratings.detail.max'), dataIndex: 'points', width: 64, align: 'right' },
        {
          title: t('ratings.rubric.points'), width: 110, render: (_, r) => (
            <span data-testid={`score-${r.key}`}>
              <InputNumber size="small" min={0} max={r.points} precision={0} value={value[r.key]} onChange={(v) => onChange({ ...value, [r.key]: v ?? 0 })} />
            </span>
          ),
        },
      ]} />
      <Typography.Text strong style={{ display: 'block', textAlign: 'right', marginTop: 8 }} data-testid={`${testId}-total`}>{t('ratings.form.total', { total })}</Typography.Text>
    </div>
  );
}

/** The evidence list of a self-evaluation: links or platform records, each under a criterion. */
export function EvidenceInput({ rubric, value, onChange }: { rubric: RubricContent; value: Evidence[]; onChange: (e: Evidence[]) => void }) {
  const { t } = useI18n();
  const criteria = rubric.dimensions.flatMap((d) => d.criteria);
  const set = (i: number, patch: Partial<Evidence>) => onChange(value.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {value.map((e, i) => (
        <Space key={i} wrap>
          <Select style={{ width: 200 }} value={e.criterionKey} onChange={(criterionKey) => set(i, { criterionKey })} options={criteria.map((c) => ({ value: c.key, label: c.name }))} />
          <Select style={{ width: 100 }} value={e.kind} onChange={(kind) => set(i, { kind })} options={[{ value: 'record', label: '平台记录' }, { value: 'link', label: '链接' }]} />
          <Input style={{ width: 160 }} placeholder={t('ratings.form.evidenceTitle')} value={e.title} onChange={(ev) => set(i, { title: ev.target.value })} />
          <Input style={{ width: 260 }} placeholder={t('ratings.form.evidenceUrl')} value={e.url} onChange={(ev) => set(i, { url: ev.target.value })} />
          <Button icon={<DeleteOutlined />} onClick={() => onChange(value.filter((_, j) => j !== i))} />
        </Space>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...value, { criterionKey: criteria[0]!.key, kind: 'record', title: '', url: '/' }])}>{t('ratings.form.addEvidence')}</Button>
    </Space>
  );
}
