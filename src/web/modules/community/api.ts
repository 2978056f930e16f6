import { api, type Page } from '../../app/api';

/** Shapes of src/modules/community/community.dto.ts as the web app reads them. */
export type ActivityType = 'culture' | 'party' | 'festival' | 'other';
export interface Signup { id: number; activityId: number; state: 'seated' | 'waiting' | 'offered' | 'cancelled' | 'expired' | 'no_show'; role: string; position: number | null; offerExpiresAt: string | null }
export interface Checkin { id: number; activityId: number; personId: number | null; name: string; method: string; volunteer: boolean; checkedInAt: string; checkedOutAt: string | null; minutes: number | null; credited: boolean }
export interface Activity {
  id: number; communityId: number; communityName: string; title: string; type: ActivityType; organiserName: string; startsAt: string; endsAt: string;
  place: string; capacity: number | null; seatsTaken: number; waiting: number; checkedIn: number; audience: string; state: string;
  mySignup: Signup | null; myCheckin: Checkin | null;
}
export interface ActivityDetail extends Activity {
  description: string; report: string | null;
  counts: { seated: number; offered: number; waiting: number; checkedIn: number; checkedOut: number; noShows: number };
  signups: (Signup & { name: string; seq: number })[]; checkins: Checkin[]; abilities: { manage: boolean; signup: boolean };
}
export interface Code { step: 'checkin' | 'checkout'; token: string; url: string; svg: string; refreshAt: string; expiresAt: string }
export interface Venue { id: number; communityId: number; communityName: string; compoundName: string | null; name: string; kind: string; capacity: number; opensAt: string; closesAt: string; requiresApproval: boolean; abilities: { manage: boolean; book: boolean } }
export interface Booking { id: number; venueId: number; venueName: string; holderName: string; purpose: string; startsAt: string; endsAt: string; state: string; mine: boolean; abilities: { cancel: boolean; approve: boolean; checkIn: boolean } }
export interface Announcement { id: number; level: 'normal' | 'urgent'; title: string; body: string; publishAt: string; expiresAt: string | null; published: boolean; read: boolean; readCount: number | null; audienceSize: number | null; readRate: number | null }
export interface ReceptionDay { id: number; compoundName: string; managerName: string; location: string; startsAt: string; endsAt: string; slots: { at: string; free: boolean }[]; matters: { id: number; residentName: string; matter: string; answer: string | null; requestId: number | null; kind: string }[]; abilities: { manage: boolean; book: boolean } }

export const communityApi = {
  activities: (q: { upcoming?: boolean; communityId?: number; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<Page<Activity>>('/api/activities', { upcoming: q.upcoming ? 'true' : undefined, communityId: q.communityId, page: q.page ?? 1, pageSize: q.pageSize ?? 50 }, signal),
  activity: (id: number, signal?: AbortSignal) => api.get<ActivityDetail>(`/api/activities/${id}`, undefined, signal),
  signUp: (id: number, role: 'participant' | 'volunteer' = 'participant') => api.post<Signup>(`/api/activities/${id}/signups`, { role }),
  cancelSignup: (id: number) => api.post<Signup>(`/api/signups/${id}/cancel`),
  checkIn: (id: number, body: { code: string } | { name: string } | { personId: number }) => api.post<Checkin>(`/api/activities/${id}/check-ins`, body),
  checkOut: (id: number, body: { code: string } | { checkinId: number }) => api.post<Checkin>(`/api/activities/${id}/check-outs`, body),
  code: (id: number, step: 'checkin' | 'checkout', signal?: AbortSignal) => api.get<Code>(`/api/activities/${id}/code`, { step }, signal),
  venues: (signal?: AbortSignal) => api.get<{ items: Venue[] }>('/api/venues', undefined, signal),
  bookings: (venueId: number, from: string, to: string, signal?: AbortSignal) => api.get<{ items: Booking[] }>(`/api/venues/${venueId}/bookings`, { from, to }, signal),
  approve: (id: number, approve: boolean) => api.post<Booking>(`/api/bookings/${id}/approve`, { approve }),
  announcements: (signal?: AbortSignal) => api.get<Page<Announcement>>('/api/announcements', { page: 1, pageSize: 50 }, signal),
  read: (id: number) => api.post<{ firstRead: boolean }>(`/api/announcements/${id}/read`),
  receptionDays: (signal?: AbortSignal) => api.get<{ items: ReceptionDay[] }>('/api/reception-days', undefined, signal),
};

/** "1月14日 09:00" in Shanghai time. */
export function fmtTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
