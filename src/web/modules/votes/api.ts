import { api, apiFetch, type Page } from '../../app/api';

export type VoteState = 'draft' | 'open' | 'closed';
export type MatterClass = 'ordinary' | 'special';
export type Answer = 'agree' | 'oppose' | 'abstain';

export interface VoteSummary {
  id: number; compoundId: number; communityId: number; title: string; state: VoteState; countParking: boolean;
  endsAt: string; openedAt: string | null; closedAt: string | null; totalAreaHundredths: number | null; totalHeads: number | null;
  compoundName: string; ballots: number; matters: number;
}
export interface MatterResult {
  matterId: number; title: string; class: MatterClass;
  participationAreaHundredths: number; participationHeads: number; agreeAreaHundredths: number; agreeHeads: number; quorum: boolean; passed: boolean;
  reason: { passed: boolean; summary: string; lines: { met: boolean; text: string }[] };
}
export interface PublishedResult { chainHead: string; closedAt: string; retainUntil: string; matters: MatterResult[]; participatingUnits: string[] }
export interface VoteDetail extends Omit<VoteSummary, 'ballots' | 'matters'> {
  description: string;
  matters: { id: number; position: number; title: string; description: string; class: MatterClass }[];
  participation: { areaHundredths: number; heads: number; ballots: number; totalAreaHundredths: number; totalHeads: number };
  myBallot: { eligible: boolean; cast: boolean; receipt: string | null; castAt: string | null; voterKey: string | null; units: { label: string; unitKey: string }[] };
  result: PublishedResult | null;
  abilities: { open: boolean; close: boolean; enterPaper: boolean; cast: boolean; canvass: boolean };
}
export interface BuildingCanvass {
  buildingId: number | null; buildingName: string; units: number; areaHundredths: number; votedUnits: number; votedAreaHundredths: number;
  pendingAreaHundredths: number; pendingHeads: number; pendingUnits: { householdId: number | null; label: string }[]; pendingUnitsMore: number;
}
export interface Tally {
  voteId: number; state: VoteState; totalAreaHundredths: number; totalHeads: number; ballots: number;
  participationAreaHundredths: number; participationHeads: number; requiredAreaHundredths: number; requiredHeads: number;
  stillNeededAreaHundredths: number; stillNeededHeads: number; byBuilding: BuildingCanvass[] | null; result: PublishedResult | null;
}
export interface PaperBallot { ballotId: number; receipt: string; castAt: string; enteredBy: string; units: string; photoUrl: string }
export interface CastResult { ballotId: number; receipt: string; castAt: string; seq: number; hash: string }
export interface Receipt {
  receipt: string; voteId: number; voteTitle: string; voteState: VoteState; castAt: string; enteredBy: 'owner' | 'committee';
  answers: { matterId: number; title: string; answer: Answer }[]; chainSeq: number; chainHash: string; inChain: boolean; chainHead: string;
}
export interface NewVote { compoundId: number; title: string; description?: string; endsAt: string; countParking: boolean; matters: { title: string; class: MatterClass }[] }

/** Every call of the owners' votes API the pages make (docs/api/votes.md). */
export const votesApi = {
  list: (query: { page: number; pageSize: number; state?: string }, signal?: AbortSignal) => api.get<Page<VoteSummary>>('/api/votes', query, signal),
  get: (id: number, signal?: AbortSignal) => api.get<VoteDetail>(`/api/votes/${id}`, undefined, signal),
  create: (body: NewVote) => api.post<VoteDetail>('/api/votes', body),
  open: (id: number) => api.post<VoteDetail>(`/api/votes/${id}/open`),
  close: (id: number) => api.post<VoteDetail>(`/api/votes/${id}/close`),
  cast: (id: number, answers: Record<string, Answer>) => api.post<CastResult>(`/api/votes/${id}/ballots`, { answers }),
  paper: (id: number, householdId: number, answers: Record<string, Answer>, photo: File) => {
    const form = new FormData();
    form.append('data', JSON.stringify({ householdId, answers }));
    form.append('photo', photo, photo.name);
    return apiFetch<CastResult>(`/api/votes/${id}/paper-ballots`, { method: 'POST', body: form });
  },
  paperBallots: (id: number, signal?: AbortSignal) => api.get<{ items: PaperBallot[] }>(`/api/votes/${id}/paper-ballots`, undefined, signal),
  tally: (id: number, signal?: AbortSignal) => api.get<Tally>(`/api/votes/${id}/tally`, undefined, signal),
  receipt: (code: string, signal?: AbortSignal) => api.get<Receipt>(`/api/ballot-receipts/${encodeURIComponent(code)}`, undefined, signal),
  exportUrl: (id: number) => `/api/votes/${id}/export`,
  communities: (signal?: AbortSignal) => api.get<Page<{ id: number; name: string }>>('/api/communities', { pageSize: 100 }, signal),
  compounds: (communityId: number, signal?: AbortSignal) => api.get<Page<{ id: number; name: string }>>(`/api/communities/${communityId}/compounds`, { pageSize: 100 }, signal),
};

/** Hundredths of m² as "1,234.56". */
export function m2(hundredths: number): string {
  const whole = Math.floor(Math.abs(hundredths) / 100).toLocaleString('en-US');
  return `${hundredths < 0 ? '-' : ''}${whole}.${String(Math.abs(hundredths) % 100).padStart(2, '0')}`;
}
