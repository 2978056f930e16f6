import { runningDeadline, type RequestState } from '../../shared/request-states.js';
import { SHANGHAI_OFFSET_MINUTES } from '../../shared/shanghai-time.js';

/**
 * SLA arithmetic, pure. The clock runs 24/7 unless a category names business hours
 * ("08:00-18:00", every day, Asia/Shanghai, which has no daylight saving: a fixed UTC+8).
 */
const DAY_MIN = 24 * 60;
const MINUTE = 60_000;

export interface BusinessHours {
  startMin: number;
  endMin: number;
}

/** "08:00-18:00" → minutes after local midnight; null (24/7) for empty or malformed text. */
export function parseBusinessHours(text: string | null | undefined): BusinessHours | null {
  const m = text ? /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(text.trim()) : null;
  if (!m) return null;
  const startMin = Number(m[1]) * 60 + Number(m[2]);
  const endMin = Number(m[3]) * 60 + Number(m[4]);
  if (startMin >= endMin || endMin > DAY_MIN) return null;
  return { startMin, endMin };
}

/** Minutes since the epoch, shifted so that multiples of DAY_MIN are Shanghai midnights. */
const localMinutes = (d: Date) => d.getTime() / MINUTE + SHANGHAI_OFFSET_MINUTES;
const fromLocalMinutes = (m: number) => new Date((m - SHANGHAI_OFFSET_MINUTES) * MINUTE);

/** The instant `minutes` of SLA clock after `start`. */
export function addWorkingMinutes(start: Date, minutes: number, hours: BusinessHours | null): Date {
  if (!hours) return new Date(start.getTime() + minutes * MINUTE);
  let at = localMinutes(start);
  let left = minutes;
  for (;;) {
    const midnight = Math.floor(at / DAY_MIN) * DAY_MIN;
    const open = midnight + hours.startMin;
    const close = midnight + hours.endMin;
    if (at < open) at = open;
    if (at >= close) {
      at = midnight + DAY_MIN + hours.startMin;
      continue;
    }
    if (at + left <= close) return fromLocalMinutes(at + left);
    left -= close - at;
    at = midnight + DAY_MIN + hours.startMin;
  }
}

/** SLA-clock minutes between two instants (negative when `to` is before `from`). */
export function workingMinutesBetween(from: Date, to: Date, hours: BusinessHours | null): number {
  if (to < from) return -workingMinutesBetween(to, from, hours);
  if (!hours) return (to.getTime() - from.getTime()) / MINUTE;
  const a = localMinutes(from);
  const b = localMinutes(to);
  let total = 0;
  for (let midnight = Math.floor(a / DAY_MIN) * DAY_MIN; midnight < b; midnight += DAY_MIN) {
    const open = Math.max(a, midnight + hours.startMin);
    const close = Math.min(b, midnight + hours.endMin);
    if (close > open) total += close - open;
  }
  return total;
}

export interface SlaTargets {
  respondMinutes: number;
  resolveMinutes: number;
  urgentRespondMinutes: number;
  urgentResolveMinutes: number;
  businessHours: string | null;
}

/** Respond (accept) and resolve deadlines of a request filed at `createdAt`. */
export function dueTimes(category: SlaTargets, priority: 'normal' | 'urgent', createdAt: Date): { respondDueAt: Date; resolveDueAt: Date } {
  const hours = parseBusinessHours(category.businessHours);
  const urgent = priority === 'urgent';
  return {
    respondDueAt: addWorkingMinutes(createdAt, urgent ? category.urgentRespondMinutes : category.respondMinutes, hours),
    resolveDueAt: addWorkingMinutes(createdAt, urgent ? category.urgentResolveMinutes : category.resolveMinutes, hours),
  };
}

export type SlaStatus = 'ok' | 'warning' | 'breached' | 'met';

export interface SlaFacts {
  state: RequestState;
  createdAt: Date;
  respondDueAt: Date;
  resolveDueAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  respondBreachedAt: Date | null;
  resolveBreachedAt: Date | null;
  businessHours?: string | null;
}

/**
 * ok / warning (under 25 % of the current window left) / breached / met. The current window is
 * the respond window until someone accepts (or again after a reopen), then the resolve window.
 */
export function slaStatus(f: SlaFacts, now: Date, businessHours: string | null | undefined = f.businessHours): SlaStatus {
  const late = (done: Date | null, due: Date) => !!done && done > due;
  const breachedBefore = !!f.respondBreachedAt || !!f.resolveBreachedAt || late(f.acceptedAt, f.respondDueAt) || late(f.resolvedAt, f.resolveDueAt);
  const clock = runningDeadline(f.state, f.acceptedAt);
  if (!clock) return breachedBefore ? 'breached' : 'met';
  if (breachedBefore || now > f.resolveDueAt || (clock === 'respond' && now > f.respondDueAt)) return 'breached';
  const hours = parseBusinessHours(businessHours);
  const due = clock === 'resolve' ? f.resolveDueAt : f.respondDueAt;
  const window = workingMinutesBetween(f.createdAt, due, hours);
  const left = workingMinutesBetween(now, due, hours);
  return window > 0 && left < window * 0.25 ? 'warning' : 'ok';
}
