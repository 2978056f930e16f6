import { api, apiFetch, withQuery, type Page, type Query } from '../../../app/api';
import type {
  Assignees, BulkDispatchResult, Category, CategoryPatch, ClassificationRule, ClassifyResult, ConsultationInput, DispatchInput, NewRequest,
  RequestCounts, RequestDetail, RequestFilters, RequestSummary, RuleInput,
} from './types';

function filterQuery(f: RequestFilters): Query {
  return {
    state: f.state, categoryId: f.categoryId, compoundId: f.compoundId, communityId: f.communityId, assignee: f.assignee,
    overdue: f.overdue ? 'true' : undefined, q: f.q, mine: f.mine ? 'true' : undefined, sort: f.sort,
    createdFrom: f.createdFrom, createdTo: f.createdTo,
  };
}

/** A multipart body: the JSON as part `data`, then the photos as parts `photos`. */
function multipart(data: unknown, photos: File[]): FormData {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const p of photos) form.append('photos', p, p.name);
  return form;
}

const path = (id: number, step = '') => `/api/requests/${id}${step ? `/${step}` : ''}`;

/** Every call of the 三单服务 API the web pages make (docs/api/requests.md). */
export const requestsApi = {
  categories: (signal?: AbortSignal) => api.get<Category[]>('/api/request-categories', undefined, signal),
  updateCategory: (id: number, patch: CategoryPatch) => api.patch<Category>(`/api/request-categories/${id}`, patch),

  rules: (signal?: AbortSignal) => api.get<ClassificationRule[]>('/api/classification-rules', undefined, signal),
  createRule: (body: RuleInput) => api.post<ClassificationRule>('/api/classification-rules', body),
  updateRule: (id: number, patch: Partial<RuleInput>) => api.patch<ClassificationRule>(`/api/classification-rules/${id}`, patch),
  deleteRule: (id: number) => api.delete<null>(`/api/classification-rules/${id}`),

  classify: (description: string, signal?: AbortSignal) =>
    apiFetch<ClassifyResult>('/api/requests/classify', { method: 'POST', body: { description }, signal }),

  /** Files a request; the same `idempotencyKey` on a retry returns the first result. */
  file: (data: NewRequest, photos: File[], idempotencyKey: string) =>
    apiFetch<RequestDetail>('/api/requests', {
      method: 'POST',
      body: photos.length > 0 ? multipart(data, photos) : data,
      headers: { 'idempotency-key': idempotencyKey },
    }),

  list: (filters: RequestFilters, page: number, pageSize: number, signal?: AbortSignal) =>
    api.get<Page<RequestSummary>>('/api/requests', { ...filterQuery(filters), page, pageSize }, signal),
  /** Per state, overdue and total over the same filters as the list, in one call. */
  counts: (filters: RequestFilters, signal?: AbortSignal) => {
    const { sort: _sort, ...query } = filterQuery(filters);
    return api.get<RequestCounts>('/api/requests/counts', query, signal);
  },
  /** A download link of the filtered list (the browser sends the session cookie). */
  exportUrl: (filters: RequestFilters, format: 'csv' | 'xlsx') => withQuery(`/api/requests/export.${format}`, filterQuery(filters)),
  get: (id: number, signal?: AbortSignal) => api.get<RequestDetail>(path(id), undefined, signal),
  assignees: (id: number, signal?: AbortSignal) => api.get<Assignees>(path(id, 'assignees'), undefined, signal),
  /** Requests this one can be merged into (same compound and category, open, last 48 h). */
  mergeCandidates: (id: number, signal?: AbortSignal) => api.get<{ items: RequestSummary[] }>(path(id, 'merge-candidates'), undefined, signal),

  dispatch: (id: number, body: DispatchInput) => api.post<RequestDetail>(path(id, 'dispatch'), body),
  bulkDispatch: (ids: number[], body: DispatchInput) => api.post<BulkDispatchResult>('/api/requests/bulk-dispatch', { ids, ...body }),
  merge: (id: number, masterId: number, note?: string) => api.post<RequestDetail>(path(id, 'merge'), { masterId, note: note || null }),
  escalate: (id: number, note: string) => api.post<RequestDetail>(path(id, 'escalate'), { note }),
  consult: (id: number, body: ConsultationInput) => api.post<RequestDetail>(path(id, 'consultations'), body),
  cancel: (id: number, reason: string) => api.post<RequestDetail>(path(id, 'cancel'), { reason }),

  accept: (id: number, note?: string) => api.post<RequestDetail>(path(id, 'accept'), { note: note || null }),
  return: (id: number, reason: string) => api.post<RequestDetail>(path(id, 'return'), { reason }),
  start: (id: number, note?: string) => api.post<RequestDetail>(path(id, 'start'), { note: note || null }),
  progress: (id: number, note: string) => api.post<RequestDetail>(path(id, 'progress'), { note }),
  resolve: (id: number, note: string, photos: File[]) =>
    apiFetch<RequestDetail>(path(id, 'resolve'), { method: 'POST', body: photos.length > 0 ? multipart({ note }, photos) : { note } }),

  confirm: (id: number, rating: number, comment?: string) => api.post<RequestDetail>(path(id, 'confirm'), { rating, comment: comment || null }),
  reopen: (id: number, reason: string) => api.post<RequestDetail>(path(id, 'reopen'), { reason }),
};
