import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Descriptions, Progress, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../app/i18n';
import { m2, type MatterClass, type PublishedResult, type VoteState } from '../api';

const stateColor: Record<VoteState, string> = { draft: 'default', open: 'processing', closed: 'success' };

export function VoteStateTag({ state }: { state: VoteState }) {
  const { t } = useI18n();
  return <Tag color={stateColor[state]} data-testid="vote-state">{t(`votes.state.${state}`)}</Tag>;
}

export function ClassTag({ cls }: { cls: MatterClass }) {
  const { t } = useI18n();
  return <Tag color={cls === 'special' ? 'volcano' : 'blue'}>{t(`votes.class.${cls}`)}</Tag>;
}

/** The two 2/3 thresholds as bars, with the numbers and what is still needed. */
export function ParticipationBars({ area, heads, totalArea, totalHeads, compact }: { area: number; heads: number; totalArea: number; totalHeads: number; compact?: boolean }) {
  const { t } = useI18n();
  const needArea = Math.ceil((totalArea * 2) / 3);
  const needHeads = Math.ceil((totalHeads * 2) / 3);
  const pct = (a: number, b: number) => (b > 0 ? Math.min(100, Math.floor((a * 1000) / b) / 10) : 0);
  const short = { area: Math.max(0, needArea - area), heads: Math.max(0, needHeads - heads) };
  const bar = (label: string, part: number, total: number, need: number, show: (n: number) => string) => (
    <div style={{ marginBottom: compact ? 10 : 14 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong>{label} <span style={{ color: part >= need ? '#389e0d' : '#c8161d' }}>{pct(part, total)}%</span></Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('votes.detail.ofTotal', { part: show(part), total: show(total), need: show(need) })}</Typography.Text>
      </div>
      <div style={{ position: 'relative' }}>
        <Progress percent={pct(part, total)} showInfo={false} strokeColor={part >= need ? '#389e0d' : '#c8161d'} size={compact ? 'small' : 'default'} style={{ margin: 0 }} />
        <div title="2/3" style={{ position: 'absolute', left: '66.67%', top: 0, bottom: 0, borderLeft: '2px dashed #333' }} />
      </div>
    </div>
  );
  return (
    <div data-testid="participation">
      {bar(t('votes.detail.area'), area, totalArea, needArea, (n) => `${m2(n)} m²`)}
      {bar(t('votes.detail.heads'), heads, totalHeads, needHeads, (n) => String(n))}
      <Typography.Text type={short.area || short.heads ? 'danger' : 'success'} data-testid="still-needed">
        {short.area || short.heads ? t('votes.detail.needed', { area: m2(short.area), heads: short.heads }) : t('votes.detail.reached')}
      </Typography.Text>
    </div>
  );
}

/** The published result: each matter's verdict with its reasons in plain Chinese, the chain head, who took part. */
export function ResultCard({ result, showUnits = true }: { result: PublishedResult; showUnits?: boolean }) {
  const { t } = useI18n();
  return (
    <Card title={t('votes.detail.result')} data-testid="vote-result">
      {result.matters.map((m) => (
        <div key={m.matterId} style={{ marginBottom: 20 }}>
          <Space align="start" style={{ marginBottom: 8 }}>
            {m.passed ? <CheckCircleFilled style={{ color: '#389e0d', fontSize: 22 }} /> : <CloseCircleFilled style={{ color: '#c8161d', fontSize: 22 }} />}
            <div>
              <Typography.Text strong style={{ fontSize: 16 }}>{m.title}</Typography.Text>{' '}
              <ClassTag cls={m.class} /> <Tag color={m.passed ? 'success' : 'error'} data-testid="matter-verdict">{m.passed ? t('votes.detail.passed') : t('votes.detail.failed')}</Tag>
              <div><Typography.Text type="secondary">{m.reason.summary}</Typography.Text></div>
            </div>
          </Space>
          <ul style={{ margin: '4px 0 0 30px', padding: 0, listStyle: 'none' }}>
            {m.reason.lines.map((l) => (
              <li key={l.text} style={{ color: l.met ? '#237804' : '#a8071a', marginBottom: 2 }}>{l.met ? '✓ ' : '✗ '}{l.text}</li>
            ))}
          </ul>
        </div>
      ))}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('votes.detail.chainHead')}><Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="chain-head">{result.chainHead}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('votes.detail.retention')}>{t('votes.detail.retainUntil', { date: dayjs(result.retainUntil).format('YYYY-MM-DD') })}</Descriptions.Item>
      </Descriptions>
      {showUnits && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('votes.detail.units', { n: result.participatingUnits.length })}</Typography.Text>
          <div style={{ maxHeight: 140, overflow: 'auto', marginTop: 6, color: '#555', fontSize: 12, lineHeight: 1.8 }}>{result.participatingUnits.join('　')}</div>
        </div>
      )}
    </Card>
  );
}
