import { ShopOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useI18n } from '../../../app/i18n';
import type { Compound } from '../api';

/** Who serves a compound: its property company, or the 三无小区 tag when it governs itself. */
export function CompanyCell({ compound }: { compound: Pick<Compound, 'company' | 'selfGoverned'> }) {
  const { t } = useI18n();
  if (compound.company) return <span><ShopOutlined style={{ color: '#8c8c8c', marginInlineEnd: 6 }} />{compound.company.name}</span>;
  return <Tag color="gold">{compound.selfGoverned ? t('places.selfGoverned') : t('common.none')}</Tag>;
}
