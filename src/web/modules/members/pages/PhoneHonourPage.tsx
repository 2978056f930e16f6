import { Card, Empty, Typography } from 'antd';
import { useMe } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { communityOf } from '../api';
import { HonourRollView } from './HonourRollPage';

/** 红榜 on the phone: the community's members ranked by hours of confirmed service. */
export default function PhoneHonourPage() {
  const { t } = useI18n();
  const communityId = communityOf(useMe());
  return (
    <Card size="small" title={t('members.honour.title')}>
      <Typography.Paragraph type="secondary">{t('members.honour.subtitle')}</Typography.Paragraph>
      {communityId ? <HonourRollView communityId={communityId} compact /> : <Empty />}
    </Card>
  );
}
