import type { RequestState } from '../../../../shared/request-states';
import { Card, Segmented } from 'antd';
import { useRef, useState, useEffect } from 'react';
import { ListSearch } from '../../../app/components/ListSearch';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useLiveEvents, useNow } from '../../../app/useLiveEvents';
import { requestsApi } from '../api/requests';
import { RequestDrawer } from '../components/RequestDrawer';
import { RequestTable } from '../components/RequestTable';
import { useRequestFilters } from '../hooks/useRequestFilters';
import { LiveIndicator } from './QueuePage';

const presets: Record<string, RequestState[] | undefined> = {
  todo: ['dispatched', 'reopened'],
  working: ['accepted', 'in_progress'],
  resolved: ['resolved'],
  closed: ['closed'],
  all: undefined,
};

/** 辖区单位接单 — the assignee's orders: accept or return, work, resolve. */
export default function OrdersPage() {
  const { t } = useI18n();
  const now = useNow(5000);
  const [f, setF, filters] = useRequestFilters(presets, 'todo');
  const [version, setVersion] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const mine = { ...filters, assignee: 'me' };
  const list = useApi((signal) => requestsApi.list(mine, f.page, f.pageSize, signal), [filters, f.page, f.pageSize, version]);
  const counts = useApi((signal) => Promise.all(Object.keys(presets).filter((k) => k !== 'all').map((k) =>
    requestsApi.list({ state: presets[k], assignee: 'me' }, 1, 1, signal).then((p) => [k, p.total] as const))).then(Object.fromEntries) as Promise<Record<string, number>>, [version]);

  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const live = useLiveEvents(['request.created', 'request.updated'], () => {
    clearTimeout(pending.current);
    pending.current = setTimeout(() => setVersion((v) => v + 1), 300);
  });
  const reload = () => setVersion((v) => v + 1);

  if (list.error && !list.data) return <ApiErrorResult error={list.error} onRetry={reload} />;
  return (
    <div data-testid="orders-page">
      <PageHeading title={t('requests.orders.title')} tags={<LiveIndicator status={live} />} subtitle={t('requests.orders.intro')} />
      <Card variant="borderless" styles={{ body: { paddingTop: 12 } }}>
        <div style={{ display: 'flex', gap: 10, flexWrap: 'wrap', alignItems: 'center', marginBottom: 12 }}>
          <Segmented value={f.preset} onChange={(preset) => setF({ preset })}
            options={Object.keys(presets).map((k) => ({ value: k, label: counts.data?.[k] !== undefined ? `${t(`requests.orders.preset.${k}`)} ${counts.data[k]}` : t(`requests.orders.preset.${k}`) }))} />
          <div style={{ flex: 1 }} />
          <ListSearch value={f.q ?? ''} onSearch={(q) => setF({ q })} placeholder={t('requests.queue.search')} width={240} />
        </div>
        <RequestTable page={list.data} loading={list.loading} now={now} onOpen={(r) => setOpenId(r.id)}
          onPage={(page, pageSize) => setF({ page, pageSize })} columnsShown={{ assignee: false, reporter: true }} />
      </Card>
      <RequestDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />
    </div>
  );
}
