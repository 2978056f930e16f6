import type { RequestState } from '../../../../shared/request-states';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Segmented, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useLiveEvents, useNow } from '../../../app/useLiveEvents';
import { requestsApi } from '../api/requests';
import { ResidentRequestCard } from '../components/ResidentRequestCard';

const filters: Record<string, RequestState[] | undefined> = {
  open: ['submitted', 'dispatched', 'accepted', 'in_progress', 'returned', 'reopened', 'escalated', 'merged'],
  toConfirm: ['resolved'],
  done: ['closed', 'cancelled'],
  all: undefined,
};

/** 我的诉求 — what I filed and where each one stands. */
export default function MyRequestsPage() {
  const { t } = useI18n();
  const now = useNow(30_000);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') && params.get('tab')! in filters ? params.get('tab')! : 'all';
  const [pageSize, setPageSize] = useState(20);
  const list = useApi((signal) => requestsApi.list({ mine: true, state: filters[tab] }, 1, pageSize, signal), [tab, pageSize]);
  useLiveEvents(['request.updated', 'request.created'], () => list.reload());

  return (
    <div data-testid="my-requests-page">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Segmented block style={{ flex: 1 }} value={tab} onChange={(v) => setParams({ tab: v }, { replace: true })}
          options={Object.keys(filters).map((k) => ({ value: k, label: t(`requests.mine.filter.${k}`) }))} />
        <Link to="/m/requests/new"><Button type="primary" shape="circle" icon={<PlusOutlined />} aria-label={t('requests.filing.title')} /></Link>
      </div>
      {list.error && !list.data ? <ApiErrorResult error={list.error} onRetry={list.reload} />
        : !list.data ? <Skeleton active paragraph={{ rows: 6 }} />
          : list.data.items.length === 0 ? (
            <Empty style={{ marginTop: 48 }} description={t('requests.mine.empty')}>
              <Link to="/m/requests/new"><Button type="primary">{t('requests.mine.fileNow')}</Button></Link>
            </Empty>
          ) : (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
              {list.data.items.map((r) => <ResidentRequestCard key={r.id} request={r} now={now} />)}
              {list.data.total > list.data.items.length && (
                <Button block type="text" loading={list.loading} onClick={() => setPageSize((n) => Math.min(n + 20, 100))}>{t('common.total', { total: list.data.total })} ↓</Button>
              )}
            </div>
          )}
    </div>
  );
}
