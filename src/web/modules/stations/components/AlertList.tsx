import { CheckCircleOutlined, ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import { Card, List, Tag, Typography } from 'antd';
import { useI18n } from '../../../app/i18n';
import type { StationAlert } from '../api';
import { fmtShort } from '../format';

/** An alert in the user's language, from its kind and parameters. */
export function useAlertText(): (a: StationAlert) => string {
  const { t } = useI18n();
  return (a) => {
    const p = { ...a.params, dueAt: typeof a.params.dueAt === 'string' ? fmtShort(a.params.dueAt) : '' };
    if (a.kind === 'inspection_due' && Number(a.params.days) < 0) return t('stations.alertText.inspection_overdue', p);
    return t(`stations.alertText.${a.kind}`, p);
  };
}

export function AlertList({ alerts }: { alerts: StationAlert[] }) {
  const { t } = useI18n();
  const text = useAlertText();
  return (
    <Card variant="borderless" title={<span>{t('stations.detail.alerts')} {alerts.length > 0 && <Tag color="red" style={{ marginInlineStart: 6 }}>{alerts.length}</Tag>}</span>} style={{ height: '100%' }}
      styles={{ body: { maxHeight: 300, overflow: 'auto', paddingTop: 4 } }} data-testid="alerts">
      {alerts.length === 0 ? (
        <Typography.Text type="success"><CheckCircleOutlined /> {t('stations.detail.noAlerts')}</Typography.Text>
      ) : (
        <List size="small" dataSource={alerts} renderItem={(a) => (
          <List.Item key={a.key} data-alert-kind={a.kind}>
            <span style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
              {a.severity === 'critical' ? <ExclamationCircleFilled style={{ color: '#cf1322', marginTop: 4 }} /> : <WarningFilled style={{ color: '#d48806', marginTop: 4 }} />}
              <span>
                <Tag color={a.severity === 'critical' ? 'red' : 'orange'} style={{ marginInlineEnd: 6 }}>{t(`stations.alert.${a.kind}`)}</Tag>
                {text(a)}
              </span>
            </span>
          </List.Item>
        )} />
      )}
    </Card>
  );
}
