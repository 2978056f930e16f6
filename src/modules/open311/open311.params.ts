import { AppError } from '../../server/errors.js';
import { Open311Errors } from './open311.errors.js';
import { open311Statuses, type Open311Status } from './open311.status.js';
import { parseW3cDateTime } from './open311.time.js';

/** The spec's default and largest answer: "a span of 90 days or first 1000 requests". */
export const MAX_REQUESTS = 1000;
export const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

export interface RawRequestsQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  page?: string;
  page_size?: string;
}

export type RequestsQuery =
  | { kind: 'ids'; ids: number[] }
  | { kind: 'search'; serviceCodes?: string[]; statuses?: Open311Status[]; from: Date; to: Date; page: number; pageSize: number };

const bad = (description: string) => new AppError(Open311Errors.OPEN311_BAD_PARAMETER, description);

/** "a, b,,c" → ['a','b','c'] */
export function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

function parseIds(value: string): number[] {
  const ids = commaList(value);
  for (const id of ids) if (!/^\d{1,15}$/.test(id)) throw bad(`service_request_id "${id}" is not a service request id`);
  if (ids.length > MAX_REQUESTS) throw bad(`At most ${MAX_REQUESTS} service_request_id values at once`);
  return [...new Set(ids.map(Number))];
}

function parseDate(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = parseW3cDateTime(value);
  if (!at) throw bad(`${name} "${value}" is not a W3C date-time, e.g. 2026-01-01T00:00:00+08:00`);
  return at;
}

function parsePositive(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) throw bad(`${name} must be a whole number from 1 to ${max}`);
  return Number(value);
}

/**
 * The window of requested_datetime to search: the most recent 90 days by default, 90 days
 * from start_date or up to end_date when only one is given, never more than 90 days.
 */
export function searchWindow(start: Date | undefined, end: Date | undefined, now: Date): { from: Date; to: Date } {
  const span = WINDOW_DAYS * DAY_MS;
  if (start && end) {
    if (end < start) throw bad('end_date is before start_date');
    if (end.getTime() - start.getTime() > span) throw bad(`start_date and end_date may not span more than ${WINDOW_DAYS} days`);
    return { from: start, to: end };
  }
  if (start) return { from: start, to: new Date(start.getTime() + span) };
  const to = end ?? now;
  return { from: new Date(to.getTime() - span), to };
}

/** GET requests: service_request_id overrides every other argument, as the spec says. */
export function parseRequestsQuery(q: RawRequestsQuery, now: Date): RequestsQuery {
  if (q.service_request_id !== undefined) return { kind: 'ids', ids: parseIds(q.service_request_id) };
  const statuses = q.status === undefined ? undefined : commaList(q.status);
  for (const s of statuses ?? []) if (!(open311Statuses as readonly string[]).includes(s)) throw bad(`status "${s}" is neither open nor closed`);
  const serviceCodes = q.service_code === undefined ? undefined : commaList(q.service_code);
  const window = searchWindow(parseDate('start_date', q.start_date), parseDate('end_date', q.end_date), now);
  return {
    kind: 'search', ...window,
    ...(serviceCodes?.length ? { serviceCodes } : {}),
    ...(statuses?.length ? { statuses: statuses as Open311Status[] } : {}),
    page: parsePositive('page', q.page, 1, 100_000),
    pageSize: parsePositive('page_size', q.page_size, MAX_REQUESTS, MAX_REQUESTS),
  };
}
