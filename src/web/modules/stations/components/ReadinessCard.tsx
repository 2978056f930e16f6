import { Card, Progress, Space, Tooltip, Typography } from 'antd';
import { useI18n } from '../../../app/i18n';
import type { Readiness, ReadinessPart } from '../api';
import { scoreColor } from '../format';
import { Chart } from './Chart';

/** What a part's facts say, in words. */
export function usePartFacts(): (p: ReadinessPart) => string {
  const { t } = useI18n();
  return (p) => {
    const f = p.facts;
    switch (p.key) {
      case 'stock': return t('stations.partFacts.stock', { held: f.held ?? 0, standard: f.standard ?? 0, kindsBelow: f.kindsBelow ?? 0 });
      case 'expiry': return t('stations.partFacts.expiry', { expired: f.expired ?? 0, withExpiry: f.withExpiry ?? 0 });
      case 'inspection': return t('stations.partFacts.inspection', { overdue: f.overdue ?? 0, scheduled: f.scheduled ?? 0 });
      case 'rollCall': return f.rollCallId === null ? t('stations.partFacts.rollCallNone') : t('stations.partFacts.rollCall', { confirmed: f.confirmed ?? 0, holders: f.holders ?? 0 });
      case 'drill': return f.daysSince === null ? t('stations.partFacts.drillNone') : t('stations.partFacts.drill', { days: f.daysSince ?? 0, every: f.everyDays ?? 0 });
    }
  };
}

/** One score as a gauge, and each part with its weight, its share and the facts behind it. */
export function ReadinessCard({ readiness }: { readiness: Readiness }) {
  const { t } = useI18n();
  const factsOf = usePartFacts();
  const color = scoreColor(readiness.score);
  return (
    <Card variant="borderless" title={t('stations.detail.readiness')} style={{ height: '100%' }} data-testid="readiness" data-score={readiness.score}>
      <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
        <div style={{ width: 150, flex: 'none' }}>
          <Chart height={150} testId="readiness-gauge" option={{
            series: [{
              type: 'gauge', startAngle: 210, endAngle: -30, min: 0, max: 100, radius: '95%', progress: { show: true, width: 14, itemStyle: { color } },
              axisLine: { lineStyle: { width: 14, color: [[1, '#f0f0f0']] } }, axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
              pointer: { show: false }, anchor: { show: false }, title: { offsetCenter: [0, '38%'], fontSize: 13, color: '#8c8c8c' },
              detail: { valueAnimation: true, offsetCenter: [0, '-2%'], fontSize: 36, fontWeight: 700, color, formatter: '{value}' },
              data: [{ value: readiness.score, name: t('stations.detail.score') }],
            }],
          }} />
        </div>
        <Space direction="vertical" size={6} style={{ flex: 1, minWidth: 200 }}>
          {readiness.parts.map((p) => (
            <div key={p.key} data-testid={`part-${p.key}`}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Typography.Text strong>{t(`stations.part.${p.key}`)}</Typography.Text>
                <Tooltip title={t('stations.detail.partWeight', { weight: p.weight })}>
                  <Typography.Text type="secondary">{t('stations.detail.points', { points: p.points, weight: p.weight })}</Typography.Text>
                </Tooltip>
              </div>
              <Progress percent={Math.round(p.ratio * 100)} size="small" showInfo={false} strokeColor={scoreColor(p.ratio * 100)} style={{ margin: 0 }} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{factsOf(p)}</Typography.Text>
            </div>
          ))}
        </Space>
      </div>
    </Card>
  );
}
