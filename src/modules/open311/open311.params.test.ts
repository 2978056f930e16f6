import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { commaList, parseRequestsQuery } from './open311.params.js';

const now = new Date('2026-01-13T01:00:00Z');
const days = (n: number) => n * 86_400_000;

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    return (err as AppError).message;
  }
  throw new Error('expected a 400');
}

describe('parseRequestsQuery', () => {
  it('defaults to the last 90 days, first page of 1000', () => {
    const q = parseRequestsQuery({}, now);
    expect(q).toEqual({ kind: 'search', from: new Date(now.getTime() - days(90)), to: now, page: 1, pageSize: 1000 });
  });

  it('reads comma lists of codes and statuses', () => {
    expect(parseRequestsQuery({ service_code: 'heating,leak', status: 'open, closed' }, now)).toMatchObject({ serviceCodes: ['heating', 'leak'], statuses: ['open', 'closed'] });
    expect(commaList(' a,,b ')).toEqual(['a', 'b']);
  });

  it('lets service_request_id override everything else', () => {
    expect(parseRequestsQuery({ service_request_id: '3,1,3', status: 'bogus', start_date: 'never' }, now)).toEqual({ kind: 'ids', ids: [3, 1] });
  });

  it('opens a 90-day window from start_date or up to end_date', () => {
    const start = parseRequestsQuery({ start_date: '2025-11-01T00:00:00+08:00' }, now);
    expect(start).toMatchObject({ from: new Date('2025-10-31T16:00:00Z'), to: new Date(new Date('2025-10-31T16:00:00Z').getTime() + days(90)) });
    const end = parseRequestsQuery({ end_date: '2025-12-01T00:00:00Z' }, now);
    expect(end).toMatchObject({ to: new Date('2025-12-01T00:00:00Z'), from: new Date(new Date('2025-12-01T00:00:00Z').getTime() - days(90)) });
  });

  it('refuses bad values with a description that names them', () => {
    expect(refusal(() => parseRequestsQuery({ status: 'pending' }, now))).toContain('"pending"');
    expect(refusal(() => parseRequestsQuery({ start_date: '13/01/2026' }, now))).toContain('start_date');
    expect(refusal(() => parseRequestsQuery({ start_date: '2025-01-01T00:00:00Z', end_date: '2025-06-01T00:00:00Z' }, now))).toContain('90 days');
    expect(refusal(() => parseRequestsQuery({ start_date: '2025-06-01T00:00:00Z', end_date: '2025-05-01T00:00:00Z' }, now))).toContain('before');
    expect(refusal(() => parseRequestsQuery({ page_size: '1001' }, now))).toContain('page_size');
    expect(refusal(() => parseRequestsQuery({ page: '0' }, now))).toContain('page');
    expect(refusal(() => parseRequestsQuery({ service_request_id: '12,abc' }, now))).toContain('"abc"');
  });
});
