import { api, apiFetch, type Page } from '../../app/api';

/** The ledgers API as the pages use it (docs/api/ledgers.md). Money is integer fen. */
export type LedgerKind = 'property_service' | 'maintenance_fund' | 'common_income';
export interface Totals { incomeFen: number; expenseFen: number; correctionFen: number; balanceFen: number; entries: number }
export interface Ledger { id: number; compoundId: number; compoundName: string; kind: LedgerKind; name: string; totals: Totals; head: string; exportUrl: string }
export interface Authority { ref: string; kind: string; title: string; status: string; inForce: boolean }
export interface Entry {
  seq: number; type: 'income' | 'expense' | 'correction'; amountFen: number; effectFen: number; category: string; at: string; memo: string;
  decisionRef: string | null; authority: Authority | null; corrects: number | null; correctedBy: number[]; hash: string;
  evidence: { id: number; sha256: string; mimeType: string; bytes: number; filename: string | null; url: string }[];
}
export interface LedgerDetail extends Ledger { selfGoverned: boolean; entries: Page<Entry>; abilities: { record: boolean } }
export type DecisionState = 'pending_review' | 'approved' | 'returned';
export interface Decision {
  id: number; compoundId: number; compoundName: string; kind: 'project' | 'fee_change' | 'fund_use' | 'other'; title: string; summary: string; basisRef: string | null;
  amountFen: number | null; state: DecisionState; createdAt: string; reviewedAt: string | null; canReview?: boolean;
  timeline: { at: string; action: string; note: string | null; actorName: string | null; actorRole: string | null }[];
}
export interface DecisionDetail extends Decision { basis: Authority | null; abilities: { approve: boolean; return: boolean; resubmit: boolean } }
export interface Disclosure {
  id: number; compoundId: number; compoundName: string; category: string; period: string; title: string; body: string;
  ledger: { ledgerId: number; head: string; balanceFen: number } | null; correctsId: number | null; correctedBy: number | null; seq: number; hash: string;
  publisherName: string; publishedAt: string; exportUrl: string;
}
export interface DisclosureDetail extends Disclosure {
  corrects: { id: number; title: string; publishedAt: string } | null; correction: { id: number; title: string; publishedAt: string } | null;
  chainHead: string | null; abilities: { correct: boolean; inspect: boolean };
}
export interface Project {
  id: number; compoundId: number; compoundName: string; title: string; category: string; description: string; scope: string; budgetFen: number; spentFen: number;
  ledgerId: number; fundingNote: string | null; contractor: string; decisionId: number; state: 'in_progress' | 'awaiting_acceptance' | 'accepted'; startedOn: string;
  acceptedAt: string | null; milestones: number; coverUrl: string | null;
}
export interface ProjectDetail extends Project {
  decision: { id: number; title: string; basisRef: string | null; state: DecisionState }; ledger: { id: number; name: string; kind: LedgerKind }; acceptanceNote: string | null;
  spending: { seq: number; type: string; amountFen: number; category: string; at: string; memo: string }[];
  timeline: { id: number; at: string; action: string; title: string | null; note: string | null; actorName: string | null; photos: { id: number; url: string }[] }[];
  abilities: { complete: boolean; accept: boolean; reject: boolean; milestone: boolean };
}

export const ledgersApi = {
  ledgers: (compoundId: number | undefined, signal?: AbortSignal) => api.get<{ items: Ledger[] }>('/api/ledgers', { compoundId }, signal),
  ledger: (id: number, page: number, pageSize: number, signal?: AbortSignal) => api.get<LedgerDetail>(`/api/ledgers/${id}`, { page, pageSize }, signal),
  record: (id: number, body: object, files: File[]) => {
    if (!files.length) return api.post<{ seq: number; hash: string }>(`/api/ledgers/${id}/entries`, body);
    const form = new FormData();
    form.append('data', JSON.stringify(body));
    for (const f of files) form.append('evidence', f, f.name);
    return apiFetch<{ seq: number; hash: string }>(`/api/ledgers/${id}/entries`, { method: 'POST', body: form });
  },
  decisions: (q: { compoundId?: number; state?: DecisionState[]; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<Decision>>('/api/decisions', { ...q }, signal),
  decision: (id: number, signal?: AbortSignal) => api.get<DecisionDetail>(`/api/decisions/${id}`, undefined, signal),
  propose: (body: object) => api.post<Decision>('/api/decisions', body),
  review: (id: number, action: 'approve' | 'return' | 'resubmit', reason?: string) => api.post<DecisionDetail>(`/api/decisions/${id}/review`, { action, reason: reason || undefined }),
  disclosures: (q: { compoundId?: number; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<Disclosure>>('/api/disclosures', { ...q }, signal),
  disclosure: (id: number, signal?: AbortSignal) => api.get<DisclosureDetail>(`/api/disclosures/${id}`, undefined, signal),
  publish: (body: object) => api.post<Disclosure>('/api/disclosures', body),
  inspect: (id: number, note?: string) => api.post<{ requestId: number; requestUrl: string }>(`/api/disclosures/${id}/inspection-requests`, { note: note || undefined }),
  projects: (q: { compoundId?: number; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<Project>>('/api/projects', { ...q }, signal),
  project: (id: number, signal?: AbortSignal) => api.get<ProjectDetail>(`/api/projects/${id}`, undefined, signal),
  step: (id: number, action: 'complete' | 'accept' | 'reject', note?: string) => api.post<ProjectDetail>(`/api/projects/${id}/steps`, { action, note: note || undefined }),
  milestone: (id: number, body: { title: string; note?: string }, photos: File[]) => {
    const form = new FormData();
    form.append('data', JSON.stringify(body));
    for (const p of photos) form.append('photos', p, p.name);
    return apiFetch<ProjectDetail>(`/api/projects/${id}/milestones`, { method: 'POST', body: form });
  },
};

export { yuan, percent } from '../fees/api';
export const shortHash = (h: string) => `${h.slice(0, 8)}…${h.slice(-6)}`;
