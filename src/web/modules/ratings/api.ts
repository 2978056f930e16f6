import { api, type Page } from '../../app/api';

/** The star-rating API as the pages use it (docs/api/ratings.md). */
export type RatingState = 'draft' | 'self_evaluated' | 'assessing' | 'assessed' | 'certified' | 'not_certified' | 'lowering' | 'revoked';
export type RatingStatus = 'in_progress' | 'certified' | 'lowering' | 'not_certified' | 'revoked' | 'expired';
export type DimensionKey = 'organisation' | 'team' | 'management' | 'service' | 'image';
export interface Criterion { key: string; name: string; points: number; evidence: string; measure?: string }
export interface RubricContent {
  dimensions: { key: DimensionKey; criteria: Criterion[] }[];
  thresholds: { 3: number; 4: number; 5: number };
  floors: Record<string, { 3?: number; 4?: number; 5?: number; kind: 'min' | 'max' }>;
}
export interface Rubric { id: number; version: number; title: string; content: RubricContent; maxPoints: number }
export interface Cycle { id: number; cityId: number; year: number; title: string; periodFrom: string; periodTo: string; applyBy: string; validUntil: string; open: boolean; counts: Record<string, number>; createdAt: string }
export interface CycleListItem extends Cycle { rubricVersion: number }
export interface CycleDetail extends Cycle { rubric: Rubric; measures: { key: string; name: string; unit: 'rate' | 'count'; definition: string }[] }
export interface RatingSummary {
  id: number; state: RatingState; status: RatingStatus; company: { id: number; name: string };
  cycle: { id: number; year: number; title: string; validUntil: string }; appliedLevel: number; level: number | null;
  selfTotal: number | null; committeeMean: number | null; certifiedScore: number | null; assessed: number; communities: number; updatedAt: string;
}
export type Sheet = Record<string, number>;
export interface Evidence { criterionKey: string; kind: 'link' | 'record'; title: string; url: string }
export interface Measured { key: string; name: string; definition: string; source: string; unit: 'rate' | 'count'; lowerIsBetter: boolean; value: number | null; numbers: Record<string, number>; floors: Record<string, number>; meets: Record<string, boolean> }
export interface Lowering { id: number; grounds: string; fromLevel: number; toLevel: number; reason: string; answerDueAt: string; answer: string | null; answeredAt: string | null; decision: string | null; decisionReason: string | null; decidedAt: string | null; proposedAt: string }
export interface RatingDetail extends RatingSummary {
  rubric: Rubric;
  cycleDetail: { periodFrom: string; periodTo: string; applyBy: string };
  self: { scores: Sheet; total: number; byDimension: Record<DimensionKey, number>; note: string | null; evidence: Evidence[]; at: string } | null;
  assessments: { communityId: number; communityName: string; scores: Sheet; total: number; byDimension: Record<DimensionKey, number>; opinion: string; assessorName: string; at: string }[];
  pendingCommunities: { id: number; name: string }[];
  measured: Measured[];
  measuredAt: string;
  suggestion: { score: number | null; level: number | null; byScore: number | null; missedFloors: { level: number; key: string; value: number; bound: number }[] };
  certification: { level: number | null; score: number | null; reason: string; at: string; byName: string | null; certificateNo: string | null } | null;
  lowering: Lowering | null;
  lowerings: Lowering[];
  events: { at: string; action: string; actorName: string | null; fromState: string | null; toState: string | null; note: string | null }[];
  abilities: { selfEvaluate: boolean; assess: boolean; assessFor: number[]; certify: boolean; proposeLowering: boolean; answer: boolean; decideLowering: boolean; certificate: boolean };
}
export interface Published { ratingId: number; company: { id: number; name: string }; year: number; level: number; certifiedAt: string; validUntil: string; compounds: number; certificateNo: string | null }
export interface District { id: number; name: string; cityName: string }
export interface HonourLists { district: District; honour: Published[]; warning: { company: { id: number; name: string }; year: number; status: string; level: number | null; reason: string; at: string }[] }

export const ratingsApi = {
  cycles: (signal?: AbortSignal) => api.get<{ items: CycleListItem[] }>('/api/rating-cycles', undefined, signal),
  cycle: (id: number, signal?: AbortSignal) => api.get<CycleDetail>(`/api/rating-cycles/${id}`, undefined, signal),
  createCycle: (body: { year: number; periodFrom: string; periodTo: string; applyBy: string; rubric?: RubricContent }) => api.post<CycleDetail>('/api/rating-cycles', body),
  list: (q: { cycleId?: number; companyId?: number; state?: RatingState; awaitingMe?: 'true'; page?: number; pageSize?: number }, signal?: AbortSignal) => api.get<Page<RatingSummary>>('/api/ratings', { ...q }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<RatingDetail>(`/api/ratings/${id}`, undefined, signal),
  apply: (body: { cycleId: number; companyId: number; appliedLevel: number }) => api.post<RatingDetail>('/api/ratings', body),
  selfEvaluate: (id: number, body: { scores: Sheet; evidence: Evidence[]; note?: string }) => api.post<RatingDetail>(`/api/ratings/${id}/self-evaluation`, body),
  assess: (id: number, body: { communityId?: number; scores: Sheet; opinion: string }) => api.post<RatingDetail>(`/api/ratings/${id}/assessments`, body),
  certify: (id: number, body: { level: number; score: number; reason: string }) => api.post<RatingDetail>(`/api/ratings/${id}/certify`, body),
  lower: (id: number, body: Record<string, unknown>) => api.post<RatingDetail>(`/api/ratings/${id}/lower`, body),
  certificateUrl: (id: number) => `/api/ratings/${id}/certificate.pdf`,
  districts: (signal?: AbortSignal) => api.get<{ items: (District & { cityId: number; published: number })[] }>('/api/rating-districts', undefined, signal),
  published: (districtId: number, signal?: AbortSignal) => api.get<{ district: District; items: Published[] }>('/api/published-ratings', { districtId }, signal),
  lists: (districtId: number, signal?: AbortSignal) => api.get<HonourLists>('/api/rating-lists', { districtId }, signal),
};

export const dimensionNames: Record<DimensionKey, string> = { organisation: '组织建设', team: '队伍建设', management: '日常管理', service: '服务质量', image: '社会形象' };
/** History actions in words. */
export const actionNames: Record<string, string> = {
  apply: '申报', self_evaluate: '企业自评', assess: '社区党委测评', complete_assessment: '测评完成', certify: '复核认定', refuse: '不予认定',
  propose_lowering: '拟降级', answer: '企业申辩', lower: '降级', revoke: '撤销星级', withdraw_lowering: '撤回降级',
};
export const stars = (n: number | null) => (n ? '★'.repeat(n) + '☆'.repeat(5 - n) : '—');
export const formatMeasured = (m: Pick<Measured, 'unit' | 'value'>) => (m.value === null ? '无数据' : m.unit === 'rate' ? `${(m.value * 100).toFixed(1)}%` : String(m.value));
export const formatBound = (unit: 'rate' | 'count', v: number) => (unit === 'rate' ? `${(v * 100).toFixed(0)}%` : String(v));
