import { api, type Page } from '../../app/api';

export const meetingTypes = ['small_bench', 'public_sentiment', 'affairs_coordination', 'public_hearing', 'alliance_joint', 'tripartite', 'manager_reception'] as const;
export type MeetingType = (typeof meetingTypes)[number];
export const parties = ['party_organisation', 'residents_committee', 'owners_committee', 'property_company'] as const;
export const sides = [...parties, 'resident', 'local_unit', 'other'] as const;
export type Side = (typeof sides)[number];
export type Stance = 'support' | 'oppose' | 'suggestion';

export interface TopicSummary { id: number; communityId: number; compoundId: number | null; title: string; body: string; raisedBy: string; opinionsUntil: string; createdAt: string; placeName: string; opinions: number; support: number; oppose: number }
export interface Opinion { id: number; author: string; stance: Stance; body: string | null; hidden: boolean; moderationReason: string | null; edited: boolean; updatedAt: string; mine: boolean; history?: { version: number; action: string; stance: Stance; body: string; reason: string | null; at: string }[] }
export interface TopicDetail extends Omit<TopicSummary, 'placeName' | 'opinions' | 'support' | 'oppose'> {
  open: boolean; counts: Record<Stance, number>; opinions: Opinion[]; myOpinion: { stance: Stance; body: string } | null; abilities: { opine: boolean; moderate: boolean };
}
export interface MeetingSummary { id: number; communityId: number; compoundId: number | null; type: MeetingType; typeName: string; title: string; location: string; scheduledAt: string; state: 'scheduled' | 'held'; heldAt: string | null; attendance: number; invitedParties: string[]; invitedOthers: string; placeName: string; decisions: number; decisionsDone: number }
export interface Decision { id: number; title: string; detail: string; ownerName: string; ownerParty: Side; dueDate: string; state: 'open' | 'in_progress' | 'done'; doneAt: string | null; requests: { requestId: number; state: string }[]; progress: { at: string; action: string; toState: string | null; note: string | null }[] }
export interface MeetingDetail extends Omit<MeetingSummary, 'placeName' | 'decisions' | 'decisionsDone'> {
  minutes: string | null; agenda: { topicId: number; title: string; position: number; opinions: number }[]; attendees: { name: string; side: Side }[]; attendanceBySide: Record<string, number>;
  decisions: Decision[]; abilities: { recordMinutes: boolean; decide: boolean; follow: boolean; spawnRequest: boolean };
}
export interface MonthCounts { month: string; meetings: number; opinions: number; personTimes: number; decisions: number; decisionsDone: number }
export interface CommunityCounts { communityId: number; communityName: string; meetings: number; meetingsByType: Record<string, number>; opinions: number; personTimes: number; decisions: number; decisionsDone: number; sentence: string }

/** Every call of the deliberation API the pages make (docs/api/deliberation.md). */
export const deliberationApi = {
  topics: (q: { page: number; pageSize: number; compoundId?: number }, signal?: AbortSignal) => api.get<Page<TopicSummary>>('/api/topics', q, signal),
  topic: (id: number, signal?: AbortSignal) => api.get<TopicDetail>(`/api/topics/${id}`, undefined, signal),
  raise: (body: { communityId?: number; compoundId?: number; title: string; body: string; opinionsUntil: string }) => api.post<TopicDetail>('/api/topics', body),
  opine: (id: number, stance: Stance, body: string) => api.post<TopicDetail>(`/api/topics/${id}/opinions`, { stance, body }),
  moderate: (id: number, opinionId: number, action: 'hide' | 'restore', reason: string) => api.post<TopicDetail>(`/api/topics/${id}/opinions/${opinionId}/moderation`, { action, reason }),
  meetings: (q: { page: number; pageSize: number; type?: string }, signal?: AbortSignal) => api.get<Page<MeetingSummary>>('/api/meetings', q, signal),
  meeting: (id: number, signal?: AbortSignal) => api.get<MeetingDetail>(`/api/meetings/${id}`, undefined, signal),
  schedule: (body: { communityId?: number; compoundId?: number; type: MeetingType; title: string; location: string; scheduledAt: string; invitedParties: string[]; agendaTopicIds: number[] }) => api.post<MeetingDetail>('/api/meetings', body),
  minutes: (id: number, body: { minutes: string; heldAt: string; attendees: { name: string; side: Side }[]; otherAttendance: number }) => api.post<MeetingDetail>(`/api/meetings/${id}/minutes`, body),
  decide: (id: number, body: { title: string; ownerName: string; ownerParty: Side; dueDate: string; detail?: string }) => api.post<MeetingDetail>(`/api/meetings/${id}/decisions`, body),
  follow: (decisionId: number, note: string, done: boolean) => api.post<MeetingDetail>(`/api/decisions/${decisionId}/progress`, { note, done }),
  spawn: (decisionId: number, body: { description: string; locationKind: string; compoundId?: number }) => api.post<{ requestId: number }>(`/api/decisions/${decisionId}/requests`, body),
  counts: (signal?: AbortSignal) => api.get<{ items: CommunityCounts[]; months: MonthCounts[] }>('/api/deliberation/counts', undefined, signal),
  exportUrl: (format: 'csv' | 'xlsx') => `/api/deliberation/counts/export?format=${format}`,
  communities: (signal?: AbortSignal) => api.get<Page<{ id: number; name: string }>>('/api/communities', { pageSize: 100 }, signal),
  compounds: (communityId: number, signal?: AbortSignal) => api.get<Page<{ id: number; name: string }>>(`/api/communities/${communityId}/compounds`, { pageSize: 100 }, signal),
};
