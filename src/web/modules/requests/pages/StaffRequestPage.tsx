import { Card } from 'antd';
import { PageSkeleton } from '../../../app/components/PageSkeleton';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult, NotFoundResult } from '../../../app/components/Results';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useIdParam } from '../../../app/useIdParam';
import { useLiveEvents, useNow } from '../../../app/useLiveEvents';
import { requestsApi } from '../api/requests';
import { RequestDetailPanel } from '../components/RequestDetailPanel';
import { SlaBadge } from '../components/SlaBadge';
import { StateTag } from '../components/StateTag';
import { useCategoryName } from '../hooks/useCategoryName';

/** One request on its own page (`/requests/:id`), for links from notifications and exports. */
export default function StaffRequestPage() {
  const id = useIdParam('id');
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const { can } = useAuth();
  const now = useNow(5000);
  const detail = useApi((signal) => requestsApi.get(id!, signal), [id], id !== null);
  useLiveEvents(['request.updated'], (_, data) => {
    if (data.requestId === id) detail.reload();
  }, id !== null);

  if (id === null) return <NotFoundResult />;
  if (detail.error && !detail.data) return <ApiErrorResult error={detail.error} onRetry={detail.reload} />;
  const r = detail.data?.id === id ? detail.data : undefined;
  if (!r) return <PageSkeleton />;
  const back = can('requests:dispatch') ? { title: t('requests.menu.queue'), to: '/requests/queue' } : { title: t('requests.menu.orders'), to: '/requests/orders' };
  return (
    <>
      <PageHeading crumbs={[back, { title: `#${r.id}` }]} title={`#${r.id} ${categoryName(r.category)}`}
        tags={<><StateTag state={r.state} /><SlaBadge request={r} now={now} /></>} />
      <Card variant="borderless" style={{ maxWidth: 960 }}>
        <RequestDetailPanel request={r} onChanged={detail.reload} showTitle={false} />
      </Card>
    </>
  );
}
