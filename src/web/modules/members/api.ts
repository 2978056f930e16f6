import { api, type Page } from '../../app/api';

/** Shapes of src/modules/members/members.dto.ts as the web app reads them. */
export type WishState = 'review' | 'open' | 'claimed' | 'fulfilled' | 'confirmed' | 'rejected';
export type MemberKind = 'self_managed' | 'dual_registered' | 'volunteer';
export type MemberState = 'pending' | 'active' | 'rejected' | 'left' | 'transferred';
export const wishStates: WishState[] = ['review', 'open', 'claimed', 'fulfilled', 'confirmed', 'rejected'];

export interface Badge { memberId: number; name: string; kind: MemberKind; label: string; posts: { post: string; label: string; duty: string }[] }
export interface TimelineEntry { at: string; action: string; fromState: string | null; toState: string | null; actorRole: string | null; note: string | null }
export interface Wish {
  id: number; communityId: number; compoundId: number; compoundName: string; title: string; body: string; forWhom: string; dueOn: string;
  estimatedMinutes: number; state: WishState; onBehalf: boolean; postedByMe: boolean; claimant: Badge | null; claimedByMe: boolean;
  claimedAt: string | null; claimDeadline: string | null; fulfilledAt: string | null; fulfilNote: string | null; serviceMinutes: number | null;
  photoUrl: string | null; confirmedAt: string | null; thanks: string | null; declineReason: string | null; reviewNote: string | null;
  nearDue: boolean; createdAt: string; abilities: Record<string, boolean>; timeline?: TimelineEntry[];
}
export interface Member {
  id: number; communityId: number; communityName: string; personId: number; name: string; phone: string | null; kind: MemberKind; kindLabel: string;
  branchName: string | null; workUnit: string | null; joinedPartyOn: string | null; compoundId: number | null; compoundName: string | null;
  skills: string[]; availability: string | null; state: MemberState; approvedAt: string | null; posts: Badge['posts']; teams: { id: number; name: string }[];
  createdAt: string; abilities: Record<string, boolean>;
}
export interface HonourRoll {
  communityId: number | null; streetId: number | null; scopeName: string; communities: number; period: string; frozen: boolean; frozenAt: string | null;
  items: { rank: number; personId: number; name: string; badge: string | null; hours: number; minutes: number; points: number; services: number; communityNames?: string[] }[];
}
/** Which 红榜: a community's or a street's (街道, over its communities). */
export type HonourScope = { communityId: number } | { streetId: number };
export interface PostRecord { id: number; post: 'responsibility' | 'demonstration' | 'vanguard'; label: string; duty: string; startsOn: string; endsOn: string | null }
export interface MemberDetail extends Member {
  closedAt: string | null; transferredFromId: number | null;
  timeline: (TimelineEntry & { detail: string | null })[];
  postsHistory: PostRecord[];
  totals: { minutes: number; points: number; services: number };
}
export interface LedgerPage {
  personId: number; name: string; totals: { minutes: number; points: number; services: number };
  items: { id: number; communityId: number; source: { module: string; kind: string; id: number }; at: string; minutes: number; points: number; note: string | null }[];
  total: number;
}
export interface WishFigures { months: { month: string; posted: number; claimed: number; fulfilled: number; confirmed: number; medianHoursToClaim: number | null; medianHoursToFulfil: number | null }[]; openNearDue: number }
export interface Team { id: number; name: string; kind: string; description: string | null; leader: Badge | null; members: Badge[]; size: number }

export const membersApi = {
  wishes: (query: { communityId?: number; state?: WishState[]; mine?: 'posted' | 'claimed'; pageSize?: number }, signal?: AbortSignal) =>
    api.get<Page<Wish>>('/api/wishes', { ...query, state: query.state }, signal),
  wish: (id: number, signal?: AbortSignal) => api.get<Wish>(`/api/wishes/${id}`, undefined, signal),
  postWish: (body: { compoundId?: number; title: string; body: string; forWhom: string; dueOn: string; estimatedMinutes?: number; onBehalf?: boolean }) => api.post<Wish>('/api/wishes', body),
  step: (id: number, action: 'approve' | 'reject' | 'release' | 'claim', note?: string) => api.post<Wish>(`/api/wishes/${id}/${action}`, action === 'claim' ? {} : note ? { note } : {}),
  fulfil: (id: number, note: string, minutes: number | undefined, photo: File) => {
    const form = new FormData();
    form.append('data', JSON.stringify({ note, ...(minutes ? { minutes } : {}) }));
    form.append('photo', photo, photo.name);
    return api.post<Wish>(`/api/wishes/${id}/fulfil`, form);
  },
  confirm: (id: number, thanks?: string) => api.post<Wish>(`/api/wishes/${id}/confirm`, thanks ? { thanks } : {}),
  decline: (id: number, reason: string) => api.post<Wish>(`/api/wishes/${id}/decline`, { reason }),
  figures: (communityId: number, signal?: AbortSignal) => api.get<WishFigures>('/api/wish-figures', { communityId }, signal),
  members: (query: { communityId?: number; state?: MemberState[]; kind?: MemberKind[]; pageSize?: number; page?: number }, signal?: AbortSignal) => api.get<Page<Member>>('/api/members', query, signal),
  register: (body: { communityId: number; kind: MemberKind; branchName?: string; workUnit?: string; skills?: string[]; availability?: string }) => api.post<Member>('/api/members', body),
  decide: (id: number, decision: 'approve' | 'reject') => api.post<Member>(`/api/members/${id}/approve`, { decision }),
  honourRoll: (scope: HonourScope, period: string, signal?: AbortSignal) => api.get<HonourRoll>('/api/honour-roll', { ...scope, period }, signal),
  honourStreets: (signal?: AbortSignal) => api.get<{ items: { id: number; name: string; districtName: string }[] }>('/api/honour-roll/streets', undefined, signal),
  member: (id: number, signal?: AbortSignal) => api.get<MemberDetail>(`/api/members/${id}`, undefined, signal),
  ledger: (personId: number, communityId: number, signal?: AbortSignal) => api.get<LedgerPage>('/api/service-ledger', { personId, communityId, pageSize: 5 }, signal),
  addPost: (id: number, body: { post: PostRecord['post']; duty: string; startsOn: string; endsOn?: string }) => api.post<MemberDetail>(`/api/members/${id}/posts`, body),
  endPost: (id: number, postId: number, endsOn?: string) => api.post<MemberDetail>(`/api/members/${id}/posts/${postId}/end`, endsOn ? { endsOn } : {}),
  leave: (id: number, note?: string) => api.post<MemberDetail>(`/api/members/${id}/leave`, note ? { note } : {}),
  transfer: (id: number, toCommunityId: number, note?: string) => api.post<MemberDetail>(`/api/members/${id}/transfer`, { toCommunityId, ...(note ? { note } : {}) }),
  transferTargets: (id: number, signal?: AbortSignal) => api.get<{ items: { id: number; name: string; streetName: string }[] }>(`/api/members/${id}/transfer-targets`, undefined, signal),
  createTeam: (body: { communityId: number; name: string; kind: 'vanguard' | 'helpers' | 'volunteer'; description?: string; leaderMemberId?: number; memberIds?: number[] }) => api.post<Team>('/api/teams', body),
  addTeamMember: (teamId: number, memberId: number) => api.post<Team>(`/api/teams/${teamId}/members`, { memberId }),
  removeTeamMember: (teamId: number, memberId: number) => api.post<Team>(`/api/teams/${teamId}/members/${memberId}/remove`, {}),
  setTeamLeader: (teamId: number, memberId: number | null) => api.put<Team>(`/api/teams/${teamId}/leader`, { memberId }),
  serving: (compoundId: number, signal?: AbortSignal) => api.get<{ compoundName: string; items: (Badge & { teams: string[] })[] }>(`/api/compounds/${compoundId}/serving-members`, undefined, signal),
  teams: (communityId: number, signal?: AbortSignal) => api.get<{ items: Team[] }>('/api/teams', { communityId }, signal),
};

/** The community a staff account works in (its first community grant), or the resident's. */
export function communityOf(me: { roles: { scopeType: string; scopeId: number }[]; household: { communityId: number } | null }): number | null {
  return me.roles.find((g) => g.scopeType === 'community')?.scopeId ?? me.household?.communityId ?? null;
}

/** The current year and quarter in Shanghai: '2026', '2026Q4'. */
export function currentPeriods(now = new Date()): { year: string; quarter: string } {
  const d = new Date(now.getTime() + 8 * 3_600_000);
  const y = d.getUTCFullYear();
  return { year: String(y), quarter: `${y}Q${Math.floor(d.getUTCMonth() / 3) + 1}` };
}
