import { Badge, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { HTMLAttributes, MouseEvent } from 'react';
import { useI18n } from '../../../app/i18n';
import type { Page } from '../../../app/api';
import type { RequestSummary } from '../api/types';
import { SlaBadge } from './SlaBadge';
import { StateTag } from './StateTag';
import { useCategoryName } from '../hooks/useCategoryName';

dayjs.extend(relativeTime);

/** The request list of both workbenches: number, what, where, state, SLA countdown, who, when. */
export function RequestTable({ page, loading, now, highlighted, selectable, selectedIds, onSelect, onOpen, onPage, extraColumns = [], columnsShown }: {
  page: Page<RequestSummary> | undefined;
  loading: boolean;
  now: number;
  /** Ids that just arrived live: shown with a highlight. */
  highlighted?: Set<number>;
  selectable?: (r: RequestSummary) => boolean;
  selectedIds?: number[];
  onSelect?: (ids: number[], rows: RequestSummary[]) => void;
  onOpen: (r: RequestSummary) => void;
  onPage: (page: number, pageSize: number) => void;
  extraColumns?: NonNullable<TableProps<RequestSummary>['columns']>;
  columnsShown?: { reporter?: boolean; assignee?: boolean };
}) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const columns: NonNullable<TableProps<RequestSummary>['columns']> = [
    {
      title: t('requests.table.no'), dataIndex: 'id', width: 76,
      render: (id: number) => (
        <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>
          {highlighted?.has(id) && <Badge status="processing" color="#c8161d" style={{ marginInlineEnd: 4 }} />}#{id}
        </span>
      ),
    },
    {
      title: t('requests.table.category'), key: 'category', width: 150,
      render: (_, r) => (
        <span>
          <Typography.Text strong>{categoryName(r.category)}</Typography.Text>
          {r.priority === 'urgent' && <Tag color="red" style={{ marginInlineStart: 6 }}>{t('requests.common.urgent')}</Tag>}
        </span>
      ),
    },
    {
      title: t('requests.table.description'), dataIndex: 'description',
      render: (text: string, r) => (
        <div style={{ minWidth: 0 }}>
          <Tooltip title={text} placement="topLeft">
            <Typography.Text ellipsis style={{ display: 'block' }}>
              {r.followerCount > 0 && <Tag color="purple" style={{ marginInlineEnd: 6 }}>+{r.followerCount}</Tag>}
              {text}
            </Typography.Text>
          </Tooltip>
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>{r.locationLabel}</Typography.Text>
        </div>
      ),
    },
    { title: t('requests.table.state'), dataIndex: 'state', width: 88, render: (s: RequestSummary['state']) => <StateTag state={s} /> },
    { title: t('requests.table.sla'), key: 'sla', width: 160, render: (_, r) => <SlaBadge request={r} now={now} /> },
    ...(columnsShown?.assignee === false ? [] : [{
      title: t('requests.table.assignee'), key: 'assignee', width: 150, ellipsis: true,
      render: (_: unknown, r: RequestSummary) => r.assignee ? r.assignee.name : <Typography.Text type="secondary">{t('requests.detail.notAssigned')}</Typography.Text>,
    }]),
    ...(columnsShown?.reporter ? [{ title: t('requests.table.reporter'), key: 'reporter', width: 88, ellipsis: true, render: (_: unknown, r: RequestSummary) => r.reporter.name ?? '—' }] : []),
    {
      title: t('requests.table.created'), dataIndex: 'createdAt', width: 112, ellipsis: true,
      render: (at: string) => <Tooltip title={dayjs(at).format('YYYY-MM-DD HH:mm')}><span style={{ whiteSpace: 'nowrap' }}>{dayjs(at).from(now)}</span></Tooltip>,
    },
    ...extraColumns,
  ];

  return (
    <Table<RequestSummary>
      rowKey="id"
      size="middle"
      loading={loading && !page}
      dataSource={page?.items}
      columns={columns}
      tableLayout="fixed"
      rowClassName={(r) => (highlighted?.has(r.id) ? 'gz-row-new' : '')}
      onRow={(r) => ({
        // A click on the checkbox selects; anywhere else on the row opens the request.
        onClick: (e: MouseEvent<HTMLElement>) => {
          if (!(e.target as HTMLElement).closest('.ant-table-selection-column, button, a')) onOpen(r);
        },
        style: { cursor: 'pointer' },
        'data-request-id': r.id,
      } as HTMLAttributes<HTMLElement>)}
      locale={{ emptyText: <Empty description={t('common.empty')} /> }}
      rowSelection={selectable && onSelect ? {
        selectedRowKeys: selectedIds,
        preserveSelectedRowKeys: false,
        getCheckboxProps: (r) => ({ disabled: !selectable(r) }),
        onChange: (keys, rows) => onSelect(keys as number[], rows),
        columnWidth: 40,
      } : undefined}
      pagination={{
        current: page?.page ?? 1,
        pageSize: page?.pageSize,
        total: page?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: onPage,
      }}
    />
  );
}
