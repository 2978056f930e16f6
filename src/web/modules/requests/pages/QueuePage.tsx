import type { RequestState } from '../../../../shared/request-states';
import { AlertOutlined, ClockCircleOutlined, FileExcelOutlined, FileTextOutlined, InboxOutlined, SendOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Checkbox, DatePicker, Segmented, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useMe } from '../../../app/auth';
import { ListSearch } from '../../../app/components/ListSearch';
import { PageHeading } from '../../../app/components/PageHeading';
import { ApiErrorResult } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import { useApi } from '../../../app/useApi';
import { useLiveEvents, useNow, type LiveStatus } from '../../../app/useLiveEvents';
import { placesApi } from '../../places/api';
import { requestsApi } from '../api/requests';
import type { RequestSummary } from '../api/types';
import { DispatchModal } from '../components/DispatchModal';
import { RequestDrawer } from '../components/RequestDrawer';
import { RequestTable } from '../components/RequestTable';
import { useRequestFilters } from '../hooks/useRequestFilters';
import { useCategoryName } from '../hooks/useCategoryName';

const waiting: RequestState[] = ['submitted', 'returned', 'reopened'];
export const queuePresets: Record<string, RequestState[] | undefined> = {
  open: ['submitted', 'dispatched', 'accepted', 'in_progress', 'returned', 'reopened', 'escalated', 'resolved'],
  waiting,
  working: ['dispatched', 'accepted', 'in_progress'],
  escalated: ['escalated'],
  done: ['closed', 'merged', 'cancelled'],
  all: undefined,
};
const dispatchable = new Set(['submitted', 'dispatched', 'returned', 'reopened']);

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useI18n();
  const map = { open: ['success', 'requests.queue.live'], connecting: ['default', 'requests.queue.liveConnecting'], retrying: ['warning', 'requests.queue.liveRetrying'] } as const;
  const [badge, label] = map[status];
  return <Badge status={badge === 'success' ? 'processing' : badge} color={badge === 'success' ? '#52c41a' : undefined} text={t(label)} data-live={status} />;
}

/**
 * Counters over the dispatcher's area (in the chosen period): waiting, overdue, in consultation,
 * all — one GET /requests/counts.
 */
function useCounters(version: number, createdFrom?: string, createdTo?: string) {
  const counts = useApi((signal) => requestsApi.counts({ createdFrom, createdTo }, signal), [version, createdFrom, createdTo]);
  const c = counts.data;
  return {
    waiting: c && waiting.reduce((sum, state) => sum + c.byState[state as keyof typeof c.byState], 0),
    overdue: c?.overdue,
    escalated: c?.byState.escalated,
    all: c?.total,
  };
}

/** 社区发单 — the dispatcher's live queue. */
export default function QueuePage() {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const me = useMe();
  const { notification } = App.useApp();
  const now = useNow(5000);
  const [f, setF, filters] = useRequestFilters(queuePresets, 'open');
  const [version, setVersion] = useState(0);
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const [selected, setSelected] = useState<RequestSummary[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const list = useApi((signal) => requestsApi.list(filters, f.page, f.pageSize, signal), [filters, f.page, f.pageSize, version]);
  const counters = useCounters(version, f.createdFrom, f.createdTo);
  const categories = useApi((signal) => requestsApi.categories(signal), []);
  const communityIds = me.roles.filter((g) => g.scopeType === 'community').map((g) => g.scopeId);
  const compounds = useApi(
    (signal) => Promise.all([...new Set(communityIds)].map((id) => placesApi.compounds(id, { q: '', page: 1, pageSize: 100 }, signal))).then((pages) => pages.flatMap((p) => p.items)),
    [communityIds.join()],
    communityIds.length > 0,
  );
  const companies = useApi((signal) => placesApi.companies(signal), []);
  const localUnits = useApi((signal) => placesApi.localUnits(signal), []);

  // Live: reload (coalesced) on any change; a new request is announced and highlighted.
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  const bump = () => {
    clearTimeout(pending.current);
    pending.current = setTimeout(() => setVersion((v) => v + 1), 300);
  };
  useEffect(() => () => clearTimeout(pending.current), []);
  const live = useLiveEvents(['request.created', 'request.updated'], (topic, data) => {
    bump();
    if (topic === 'request.created' && typeof data.requestId === 'number') {
      const id = data.requestId;
      setFresh((s) => new Set(s).add(id));
      setTimeout(() => setFresh((s) => {
        const next = new Set(s);
        next.delete(id);
        return next;
      }), 60_000);
      const category = categories.data?.find((c) => c.id === data.categoryId);
      const categoryLabel = category ? categoryName(category) : data.categoryName;
      notification.open({
        key: `new-${id}`,
        icon: <AlertOutlined style={{ color: '#c8161d' }} />,
        title: (
          <span data-testid="new-request-popup">
            {t('requests.queue.newArrived', { id })}
            {categoryLabel && <Tag color="red" style={{ marginInlineStart: 8 }}>{categoryLabel}</Tag>}
            {data.priority === 'urgent' && <Tag color="volcano">{t('requests.common.urgent')}</Tag>}
          </span>
        ),
        description: (data.compoundName || data.description) ? (
          <>
            {data.compoundName && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{data.compoundName}</Typography.Text>}
            {data.description}
          </>
        ) : undefined,
        placement: 'bottomRight',
        duration: 6,
        onClick: () => setOpenId(id),
      });
    }
  });

  const reload = () => setVersion((v) => v + 1);
  const selectedIds = useMemo(() => selected.map((r) => r.id), [selected]);

  if (list.error && !list.data) return <ApiErrorResult error={list.error} onRetry={reload} />;

  const stat = (icon: ReactNode, label: string, value: number | undefined, color: string, onClick: () => void, active: boolean) => (
    <Card size="small" variant="borderless" hoverable onClick={onClick} className="gz-req-stat" style={{ flex: 1, minWidth: 180, outline: active ? `2px solid ${color}` : undefined }}>
      <Space size={14} align="center">
        <span className="gz-stat-icon" style={{ background: `${color}14`, color }}>{icon}</span>
        <span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>{label}</Typography.Text>
          <div style={{ fontSize: 26, fontWeight: 700, color, lineHeight: 1.2, fontVariantNumeric: 'tabular-nums' }}>{value ?? '–'}</div>
        </span>
      </Space>
    </Card>
  );

  return (
    <div data-testid="queue-page">
      <PageHeading
        title={t('requests.queue.title')}
        tags={<LiveIndicator status={live} />}
        subtitle={t('requests.queue.intro')}
        extra={(
          <Space>
            <Button icon={<FileTextOutlined />} href={requestsApi.exportUrl(filters, 'csv')} download>{t('requests.queue.exportCsv')}</Button>
            <Button icon={<FileExcelOutlined />} href={requestsApi.exportUrl(filters, 'xlsx')} download>{t('requests.queue.exportXlsx')}</Button>
          </Space>
        )}
      />
      <div style={{ display: 'flex', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
        {stat(<InboxOutlined />, t('requests.queue.waiting'), counters.waiting, '#c8161d', () => setF({ preset: 'waiting', overdue: false }), f.preset === 'waiting' && !f.overdue)}
        {stat(<ClockCircleOutlined />, t('requests.queue.overdueCount'), counters.overdue, '#d46b08', () => setF({ preset: 'open', overdue: true }), !!f.overdue)}
        {stat(<TeamOutlined />, t('requests.queue.preset.escalated'), counters.escalated, '#722ed1', () => setF({ preset: 'escalated', overdue: false }), f.preset === 'escalated')}
        {stat(<FileTextOutlined />, t('requests.queue.allCount'), counters.all, '#1677ff', () => setF({ preset: 'all', overdue: false, q: undefined, categoryId: undefined, compoundId: undefined, assignee: undefined }), f.preset === 'all')}
      </div>
      <Card variant="borderless" styles={{ body: { paddingTop: 12 } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 10, alignItems: 'center', marginBottom: 12 }}>
          <Segmented
            value={f.preset}
            onChange={(preset) => { setF({ preset }); setSelected([]); }}
            options={Object.keys(queuePresets).map((k) => ({ value: k, label: t(`requests.queue.preset.${k}`) }))}
          />
          <div style={{ flex: 1 }} />
          <ListSearch value={f.q ?? ''} onSearch={(q) => setF({ q })} placeholder={t('requests.queue.search')} width={260} />
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 10, alignItems: 'center', marginBottom: 12 }}>
          <Select allowClear placeholder={t('requests.queue.filterCategory')} style={{ width: 160 }} value={f.categoryId}
            onChange={(categoryId) => setF({ categoryId })} options={(categories.data ?? []).map((c) => ({ value: c.id, label: categoryName(c) }))} />
          {compounds.data && compounds.data.length > 1 && (
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('requests.queue.filterCompound')} style={{ width: 170 }} value={f.compoundId}
              onChange={(compoundId) => setF({ compoundId })} options={compounds.data.map((c) => ({ value: c.id, label: c.name }))} />
          )}
          <Select allowClear placeholder={t('requests.queue.filterAssignee')} style={{ width: 220 }} value={f.assignee} popupMatchSelectWidth={false}
            onChange={(assignee) => setF({ assignee })}
            showSearch={{ optionFilterProp: 'label' }} data-testid="assignee-filter"
            options={[
              { value: 'none', label: t('requests.queue.assigneeNone') },
              { label: t('requests.assignee.property_company'), options: (companies.data ?? []).map((c) => ({ value: `company:${c.id}`, label: c.name })) },
              { label: t('requests.assignee.local_unit'), options: (localUnits.data ?? []).map((u) => ({ value: `org:${u.id}`, label: u.name })) },
            ].filter((o) => !o.options || o.options.length > 0)} />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[f.createdFrom ? dayjs(f.createdFrom) : null, f.createdTo ? dayjs(f.createdTo) : null]}
            onChange={(range) => setF({ createdFrom: range?.[0]?.format('YYYY-MM-DD'), createdTo: range?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('requests.queue.createdFrom'), t('requests.queue.createdTo')]}
            presets={[
              { label: t('requests.queue.rangeToday'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
              { label: t('requests.queue.range7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
              { label: t('requests.queue.range30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
            ]}
            style={{ width: 250 }}
            data-testid="created-range"
          />
          <Select value={f.sort} style={{ width: 120 }} onChange={(sort) => setF({ sort })}
            options={[{ value: 'created_desc', label: t('requests.queue.sortCreated') }, { value: 'due_asc', label: t('requests.queue.sortDue') }]} />
          <Checkbox checked={!!f.overdue} onChange={(e) => setF({ overdue: e.target.checked })}>{t('requests.queue.overdueOnly')}</Checkbox>
        </div>
        {selected.length > 0 && (
          <div className="gz-req-bulkbar">
            <Tag color="red">{t('requests.queue.selected', { count: selected.length })}</Tag>
            <Button type="primary" icon={<SendOutlined />} onClick={() => setBulkOpen(true)} data-testid="bulk-dispatch">{t('requests.queue.bulkDispatch')}</Button>
            <Button type="link" onClick={() => setSelected([])}>{t('requests.queue.reset')}</Button>
          </div>
        )}
        <RequestTable
          page={list.data}
          loading={list.loading}
          now={now}
          highlighted={fresh}
          selectable={(r) => dispatchable.has(r.state)}
          selectedIds={selectedIds}
          onSelect={(_, rows) => setSelected(rows)}
          onOpen={(r) => setOpenId(r.id)}
          onPage={(page, pageSize) => setF({ page, pageSize })}
          columnsShown={{ reporter: true }}
        />
      </Card>
      <DispatchModal requests={selected} open={bulkOpen} onClose={() => setBulkOpen(false)} onDone={() => { setSelected([]); reload(); }} />
      <RequestDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />
    </div>
  );
}
