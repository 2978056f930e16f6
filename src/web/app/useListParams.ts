import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { limits } from '../../shared/limits';

export interface ListParams {
  q: string;
  page: number;
  pageSize: number;
}

/**
 * Search text and paging of a list kept in the URL (`?q=…&page=2`), so a reload or a shared
 * link shows the same rows. `prefix` keeps two lists on one page apart.
 */
export function useListParams(prefix = ''): [ListParams, (next: Partial<ListParams>) => void] {
  const [params, setParams] = useSearchParams();
  const key = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const positive = (value: string | null, fallback: number) => {
    const n = Number(value);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const current: ListParams = {
    q: params.get(key('q')) ?? '',
    page: positive(params.get(key('page')), 1),
    pageSize: Math.min(positive(params.get(key('pageSize')), limits.pageSizeDefault), limits.pageSizeMax),
  };
  const update = useCallback(
    (next: Partial<ListParams>) => {
      setParams((prev) => {
        const out = new URLSearchParams(prev);
        const set = (name: string, value: string | number | undefined, empty: string | number) => {
          if (value === undefined) return;
          if (value === empty || value === '') out.delete(key(name));
          else out.set(key(name), String(value));
        };
        set('q', next.q, '');
        // A new search starts at page 1.
        set('page', next.q !== undefined && next.page === undefined ? 1 : next.page, 1);
        set('pageSize', next.pageSize, limits.pageSizeDefault);
        return out;
      }, { replace: true });
    },
    [setParams, prefix],
  );
  return [current, update];
}
