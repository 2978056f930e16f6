import { runningDeadline } from '../../../../shared/request-states';
import type { RequestSummary, SlaStatus } from '../api/types';

export interface SlaView {
  status: SlaStatus;
  /** Which deadline is running; null once the request is finished. */
  clock: 'respond' | 'resolve' | null;
  dueAt: Date | null;
  /** Minutes to the deadline (negative: overdue). */
  minutesLeft: number | null;
}

/** What a countdown needs of a request. */
export type SlaFacts = Pick<RequestSummary, 'state' | 'createdAt' | 'acceptedAt' | 'respondDueAt' | 'resolveDueAt' | 'slaStatus'>;

/**
 * The SLA as of `now`, so a countdown can tick between server loads. The server's `slaStatus`
 * is a floor (it knows breaches the list does not show); the client only ever makes it worse
 * as time passes: ok → warning at 25 % of the window left, → breached at the deadline.
 */
export function slaView(r: SlaFacts, now: number): SlaView {
  // Which deadline runs follows the server's rule: respond until accepted (and again after a
  // reopen), then resolve — a request accepted, then returned or escalated, runs its resolve one.
  const clock = runningDeadline(r.state, r.acceptedAt);
  if (!clock) return { status: r.slaStatus, clock: null, dueAt: null, minutesLeft: null };
  const due = new Date(clock === 'respond' ? r.respondDueAt : r.resolveDueAt);
  const created = new Date(r.createdAt).getTime();
  const left = due.getTime() - now;
  const window = due.getTime() - created;
  let status: SlaStatus = left <= 0 ? 'breached' : window > 0 && left < window * 0.25 ? 'warning' : 'ok';
  const rank: Record<SlaStatus, number> = { met: 0, ok: 0, warning: 1, breached: 2 };
  if (rank[r.slaStatus] > rank[status]) status = r.slaStatus;
  return { status, clock, dueAt: due, minutesLeft: Math.round(left / 60_000) };
}

export const slaColors: Record<SlaStatus, string> = { ok: '#389e0d', warning: '#d46b08', breached: '#cf1322', met: '#8c8c8c' };
export const slaTagColors: Record<SlaStatus, string> = { ok: 'success', warning: 'warning', breached: 'error', met: 'default' };

/** "45 分钟", "3 小时 20 分", "2 天 4 小时". */
export function formatDuration(minutes: number, t: (key: string, vars?: Record<string, string | number>) => string): string {
  const m = Math.max(0, Math.round(Math.abs(minutes)));
  if (m < 60) return t('requests.duration.min', { m });
  if (m < 24 * 60) return m % 60 === 0 ? t('requests.duration.hour', { h: m / 60 }) : t('requests.duration.hourMin', { h: Math.floor(m / 60), m: m % 60 });
  return t('requests.duration.dayHour', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}
