import { Collapse, Skeleton, Tag, Typography } from 'antd';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { communityApi, fmtTime } from '../api';

/** 通知公告 on the phone: urgent first; opening one records the read receipt. */
export default function ResidentAnnouncementsPage() {
  const { t } = useI18n();
  const list = useApi((signal) => communityApi.announcements(signal), []);
  if (!list.data) return <Skeleton active />;
  return (
    <>
      <Typography.Title level={4}>{t('community.announcements')}</Typography.Title>
      <Collapse
        onChange={(keys) => { for (const k of [keys].flat()) void communityApi.read(Number(k)); }}
        items={list.data.items.map((a) => ({
          key: String(a.id),
          label: <span data-testid="announcement">{a.level === 'urgent' && <Tag color="red">{t('community.urgent')}</Tag>}{a.title} {!a.read && <Tag color="blue">新</Tag>}</span>,
          children: <><Typography.Paragraph>{a.body}</Typography.Paragraph><Typography.Text type="secondary">{fmtTime(a.publishAt)}</Typography.Text></>,
        }))}
      />
    </>
  );
}
