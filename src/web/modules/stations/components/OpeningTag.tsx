import { FieldTimeOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useI18n } from '../../../app/i18n';
import type { StationSummary } from '../api';

/** 24小时开放, or the opening hours. */
export function OpeningTag({ station }: { station: Pick<StationSummary, 'alwaysOpen' | 'opensAt' | 'closesAt'> }) {
  const { t } = useI18n();
  return station.alwaysOpen
    ? <Tag color="red" icon={<FieldTimeOutlined />}>{t('stations.open24h')}</Tag>
    : <Tag icon={<FieldTimeOutlined />}>{t('stations.hours', { from: station.opensAt ?? '', to: station.closesAt ?? '' })}</Tag>;
}
