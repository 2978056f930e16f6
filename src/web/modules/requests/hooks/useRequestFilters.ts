import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { limits } from '../../../../shared/limits';
import type { RequestState } from '../../../../shared/request-states';
import type { RequestFilters } from '../api/types';

export interface FilterState extends RequestFilters {
  preset: string;
  page: number;
  pageSize: number;
}

const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

const positive = (v: string | null) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * The filters of a request list live in the URL (`?preset=open&categoryId=3&overdue=1&page=2`),
 * so a reload, the back button or a shared link shows the same rows. `presets` maps a tab to states.
 */
export function useRequestFilters(presets: Record<string, RequestState[] | undefined>, defaultPreset: string): [FilterState, (next: Partial<FilterState>) => void, RequestFilters] {
  const [params, setParams] = useSearchParams();
  const preset = params.get('preset') && params.get('preset')! in presets ? params.get('preset')! : defaultPreset;
  const state: FilterState = {
    preset,
    state: presets[preset],
    categoryId: positive(params.get('categoryId')),
    compoundId: positive(params.get('compoundId')),
    assignee: params.get('assignee') ?? undefined,
    overdue: params.get('overdue') === '1',
    q: params.get('q') ?? undefined,
    createdFrom: day(params.get('createdFrom')),
    createdTo: day(params.get('createdTo')),
    sort: params.get('sort') === 'due_asc' ? 'due_asc' : 'created_desc',
    page: positive(params.get('page')) ?? 1,
    pageSize: Math.min(positive(params.get('pageSize')) ?? limits.pageSizeDefault, limits.pageSizeMax),
  };
  const update = useCallback((next: Partial<FilterState>) => {
    setParams((prev) => {
      const out = new URLSearchParams(prev);
      const set = (k: string, v: string | number | boolean | undefined) => {
        if (v === undefined || v === '' || v === false || (k === 'page' && v === 1) || (k === 'pageSize' && v === limits.pageSizeDefault) || (k === 'sort' && v === 'created_desc')) out.delete(k);
        else out.set(k, v === true ? '1' : String(v));
      };
      for (const [k, v] of Object.entries(next)) if (k !== 'state') set(k, v as string | number | boolean | undefined);
      // Any change of filter starts again at page 1.
      if (!('page' in next)) out.delete('page');
      return out;
    }, { replace: true });
  }, [setParams]);
  const { categoryId, compoundId, assignee, overdue, q, sort, createdFrom, createdTo } = state;
  const filters = useMemo<RequestFilters>(() => ({ state: presets[preset], categoryId, compoundId, assignee, overdue, q, sort, createdFrom, createdTo }),
    // `presets` is a module constant at the call sites.
    [preset, categoryId, compoundId, assignee, overdue, q, sort, createdFrom, createdTo]);
  return [state, update, filters];
}
