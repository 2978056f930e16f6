import { Card } from 'antd';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult, NotFoundResult } from '../../../app/components/Results';
import { PageSkeleton } from '../../../app/components/PageSkeleton';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { deliberationApi } from '../api';
import { OpinionList } from '../components/OpinionList';
import { TopicHeader } from '../components/TopicHeader';

/** A topic on the workbench: its text, the opinions collected, moderation. */
export default function TopicPage() {
  const id = useIdParam('id');
  const { t } = useI18n();
  const topic = useApi((s) => deliberationApi.topic(id!, s), [id], id !== null);
  if (topic.error) return topic.error.status === 404 ? <NotFoundResult /> : <ApiErrorResult error={topic.error} onRetry={topic.reload} />;
  if (!topic.data) return <PageSkeleton />;
  return (
    <>
      <PageHeading crumbs={[{ title: t('deliberation.topics.title'), to: '/deliberation/topics' }]} title={topic.data.title} />
      <Card style={{ marginBottom: 16 }}><TopicHeader topic={topic.data} /></Card>
      <Card><OpinionList topic={topic.data} onChange={topic.reload} /></Card>
    </>
  );
}
