import { Progress, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../app/i18n';
import type { TopicDetail } from '../api';

/** A topic's text, its period and the split of opinions. */
export function TopicHeader({ topic }: { topic: TopicDetail }) {
  const { t } = useI18n();
  const n = topic.counts.support + topic.counts.oppose + topic.counts.suggestion;
  return (
    <div>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{topic.body}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={topic.open ? 'processing' : 'default'}>{topic.open ? t('deliberation.topics.collecting') : t('deliberation.topics.closed')}</Tag>
        <Typography.Text type="secondary">{t('deliberation.topics.until')} {dayjs(topic.opinionsUntil).format('YYYY-MM-DD HH:mm')}</Typography.Text>
      </Space>
      <Progress percent={n ? ((topic.counts.support + topic.counts.suggestion) * 100) / n : 0} success={{ percent: n ? (topic.counts.support * 100) / n : 0 }} showInfo={false} strokeColor="#faad14" trailColor={n ? '#ff7875' : undefined} />
      <Space split="·" data-testid="opinion-counts">
        <span style={{ color: '#389e0d' }}>{t('deliberation.stance.support')} {topic.counts.support}</span>
        <span style={{ color: '#d48806' }}>{t('deliberation.stance.suggestion')} {topic.counts.suggestion}</span>
        <span style={{ color: '#cf1322' }}>{t('deliberation.stance.oppose')} {topic.counts.oppose}</span>
      </Space>
    </div>
  );
}
