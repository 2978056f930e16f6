import { ExportOutlined } from '@ant-design/icons';
import { Button, Drawer, Skeleton, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useLiveEvents, useNow } from '../../../app/useLiveEvents';
import { requestsApi } from '../api/requests';
import { SlaBadge } from './SlaBadge';
import { StateTag } from './StateTag';
import { RequestDetailPanel } from './RequestDetailPanel';
import { useCategoryName } from '../hooks/useCategoryName';

/** A request opened beside the list; it follows live updates of that request. */
export function RequestDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const now = useNow(5000);
  const detail = useApi((signal) => requestsApi.get(id!, signal), [id], id !== null);
  useLiveEvents(['request.updated'], (_, data) => {
    if (data.requestId === id) detail.reload();
  }, id !== null);
  const r = detail.data?.id === id ? detail.data : undefined;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={720}
      title={r ? (
        <Space size={8} wrap>
          <span>#{r.id} {categoryName(r.category)}</span>
          <StateTag state={r.state} />
          {r.priority === 'urgent' && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('requests.common.urgent')}</Tag>}
          <SlaBadge request={r} now={now} />
        </Space>
      ) : t('requests.detail.title')}
      extra={id !== null && <Link to={`/requests/${id}`}><Button type="text" icon={<ExportOutlined />}>{t('requests.detail.openPage')}</Button></Link>}
      destroyOnHidden
    >
      {detail.error && !r ? <ApiErrorResult error={detail.error} onRetry={detail.reload} />
        : !r ? <Skeleton active paragraph={{ rows: 10 }} />
          : <RequestDetailPanel request={r} showTitle={false} onChanged={() => { detail.reload(); onChanged(); }} />}
    </Drawer>
  );
}
