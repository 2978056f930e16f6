import type { Page } from './api';
import { useApi, type ApiState } from './useApi';
import { useListParams, type ListParams } from './useListParams';

/** One page of a list, with the search text and paging it was loaded for (kept in the URL). */
export interface PagedList<T> extends ApiState<Page<T>> {
  params: ListParams;
  setParams: (next: Partial<ListParams>) => void;
}

/**
 * Loads the page of a list that the URL asks for (`?q=…&page=2&pageSize=50`, see useListParams)
 * and loads again when the URL or `deps` change. Hand the result to `<PagedTable list={…}>`.
 * `deps` are what `load` depends on besides the list params (e.g. the parent's id); pass
 * `enabled: false` to wait for them, and `prefix` to keep two lists on one page apart.
 */
export function usePagedList<T>(
  load: (params: ListParams, signal: AbortSignal) => Promise<Page<T>>,
  deps: readonly unknown[],
  { enabled = true, prefix = '' }: { enabled?: boolean; prefix?: string } = {},
): PagedList<T> {
  const [params, setParams] = useListParams(prefix);
  const state = useApi((signal) => load(params, signal), [...deps, params.q, params.page, params.pageSize], enabled);
  return { ...state, params, setParams };
}
