import { Card, Empty, Table, type TableColumnsType } from 'antd';
import type { Key, ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { PagedList } from '../usePagedList';
import { ListSearch } from './ListSearch';
import { ApiErrorResult } from './Results';

type RowKey<T> = (keyof T & string) | ((row: T) => Key);

interface PagedTableBase<T> {
  /** The rows, their total and the URL-bound search and paging: `usePagedList(…)`. */
  list: PagedList<T>;
  columns: TableColumnsType<T>;
  /** The card's title. */
  title: ReactNode;
  /** A search box in the card's header; what is typed becomes `?q=` and starts again at page 1. */
  search?: { placeholder: string; width?: number };
  /** Shown above the table, inside the card (e.g. a note on what the rows show). */
  children?: ReactNode;
}

/** Rows with an `id` are keyed by it; others must say which field (or function) keys them. */
export type PagedTableProps<T> = PagedTableBase<T> & (T extends { id: Key } ? { rowKey?: RowKey<T> } : { rowKey: RowKey<T> });

/**
 * A server-paged list in a card: the page and page size follow the URL, rows stay while the next
 * page loads, "共 N 条" under the table, an empty state, an optional search box, and a failed load
 * shown in place of the table with a retry. Columns are plain antd columns.
 */
export function PagedTable<T extends object>(props: PagedTableProps<T>) {
  const { list, columns, title, search, children } = props;
  const rowKey: RowKey<T> = (props as { rowKey?: RowKey<T> }).rowKey ?? ('id' as keyof T & string);
  const { t } = useI18n();
  const { params, setParams } = list;
  return (
    <Card
      variant="borderless"
      title={title}
      extra={search && <ListSearch value={params.q} onSearch={(q) => setParams({ q })} placeholder={search.placeholder} width={search.width} />}
    >
      {children}
      {list.error ? <ApiErrorResult error={list.error} onRetry={list.reload} /> : (
        <Table<T>
          rowKey={rowKey}
          loading={list.loading}
          dataSource={list.data?.items}
          columns={columns}
          locale={{ emptyText: <Empty description={t('common.empty')} /> }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setParams({ page, pageSize }),
          }}
        />
      )}
    </Card>
  );
}
