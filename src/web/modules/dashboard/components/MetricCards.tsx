import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Tooltip, Typography } from 'antd';
import { useI18n } from '../../../app/i18n';
import type { Overview, RegistryMetric } from '../api';
import { formatMetric } from '../format';

/** The node's figures, one card per module, one line per metric (its definition on hover). */
export function MetricCards({ overview, metrics }: { overview: Overview; metrics: RegistryMetric[] }) {
  const { t, pick, formatNumber } = useI18n();
  const values = new Map(overview.metrics.map((m) => [m.id, m]));
  const modules = [...new Set(metrics.map((m) => m.module))];
  return (
    <Row gutter={[16, 16]}>
      {modules.map((module) => (
        <Col key={module} xs={24} md={12} xl={8} xxl={6}>
          <Card size="small" variant="borderless" title={t(`dashboard.module.${module}`)} style={{ height: '100%' }} data-testid={`card-${module}`}>
            {metrics.filter((m) => m.module === module).map((m) => {
              const v = values.get(m.id);
              const muted = v?.status !== 'ok';
              return (
                <div key={m.id} className="gz-dash-metric" data-testid={`metric-${m.id}`} data-status={v?.status}>
                  <Tooltip title={<div><b>{t('dashboard.definition')}</b>：{pick(m.definition)}<br /><b>{t('dashboard.freshness')}</b>：{m.freshness}</div>}>
                    <Typography.Text type="secondary">{pick(m.name)} <InfoCircleOutlined style={{ fontSize: 11 }} /></Typography.Text>
                  </Tooltip>
                  <span className={muted ? 'gz-dash-value gz-dash-muted' : 'gz-dash-value'}>{formatMetric(m, v, t, formatNumber)}</span>
                </div>
              );
            })}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
