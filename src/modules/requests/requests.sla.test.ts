import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, dueTimes, parseBusinessHours, slaStatus, workingMinutesBetween, type SlaFacts } from './requests.sla.js';

const category = { respondMinutes: 60, resolveMinutes: 1440, urgentRespondMinutes: 15, urgentResolveMinutes: 240, businessHours: null };
const at = (s: string) => new Date(s);

describe('due times', () => {
  it('runs 24/7 by default: 1 h / 24 h, urgent 15 min / 4 h', () => {
    const created = at('2026-01-13T23:30:00+08:00');
    expect(dueTimes(category, 'normal', created)).toEqual({ respondDueAt: at('2026-01-14T00:30:00+08:00'), resolveDueAt: at('2026-01-14T23:30:00+08:00') });
    expect(dueTimes(category, 'urgent', created)).toEqual({ respondDueAt: at('2026-01-13T23:45:00+08:00'), resolveDueAt: at('2026-01-14T03:30:00+08:00') });
  });

  it('with business hours the clock only runs inside them (Asia/Shanghai)', () => {
    const office = { ...category, businessHours: '08:00-18:00' };
    // Filed at 17:30: 30 minutes today, 30 tomorrow from 08:00.
    expect(dueTimes(office, 'normal', at('2026-01-13T17:30:00+08:00')).respondDueAt).toEqual(at('2026-01-14T08:30:00+08:00'));
    // Filed at night: the clock starts at 08:00.
    expect(dueTimes(office, 'normal', at('2026-01-13T22:00:00+08:00')).respondDueAt).toEqual(at('2026-01-14T09:00:00+08:00'));
    // 24 h of business time = 2.4 business days.
    expect(dueTimes(office, 'normal', at('2026-01-13T08:00:00+08:00')).resolveDueAt).toEqual(at('2026-01-15T12:00:00+08:00'));
    // Exactly at closing time the deadline stays that day.
    expect(addWorkingMinutes(at('2026-01-13T17:00:00+08:00'), 60, parseBusinessHours('08:00-18:00'))).toEqual(at('2026-01-13T18:00:00+08:00'));
  });

  it('reads business hours strictly and falls back to 24/7', () => {
    expect(parseBusinessHours('08:00-18:00')).toEqual({ startMin: 480, endMin: 1080 });
    expect(parseBusinessHours('18:00-08:00')).toBeNull();
    expect(parseBusinessHours('')).toBeNull();
    expect(parseBusinessHours('garbage')).toBeNull();
  });

  it('counts working minutes between instants', () => {
    const h = parseBusinessHours('08:00-18:00');
    expect(workingMinutesBetween(at('2026-01-13T17:00:00+08:00'), at('2026-01-14T09:00:00+08:00'), h)).toBe(120);
    expect(workingMinutesBetween(at('2026-01-14T09:00:00+08:00'), at('2026-01-13T17:00:00+08:00'), h)).toBe(-120);
    expect(workingMinutesBetween(at('2026-01-13T17:00:00+08:00'), at('2026-01-14T09:00:00+08:00'), null)).toBe(960);
  });
});

describe('slaStatus', () => {
  const created = at('2026-01-13T09:00:00+08:00');
  const base: SlaFacts = {
    state: 'submitted', createdAt: created, respondDueAt: at('2026-01-13T10:00:00+08:00'), resolveDueAt: at('2026-01-14T09:00:00+08:00'),
    acceptedAt: null, resolvedAt: null, respondBreachedAt: null, resolveBreachedAt: null,
  };

  it('is ok, then warning under 25 % left, then breached', () => {
    expect(slaStatus(base, at('2026-01-13T09:40:00+08:00'))).toBe('ok');
    expect(slaStatus(base, at('2026-01-13T09:46:00+08:00'))).toBe('warning');
    expect(slaStatus(base, at('2026-01-13T10:01:00+08:00'))).toBe('breached');
  });

  it('after acceptance the resolve window counts', () => {
    const accepted = { ...base, state: 'accepted' as const, acceptedAt: at('2026-01-13T09:30:00+08:00') };
    expect(slaStatus(accepted, at('2026-01-13T12:00:00+08:00'))).toBe('ok');
    expect(slaStatus(accepted, at('2026-01-14T04:00:00+08:00'))).toBe('warning');
    expect(slaStatus(accepted, at('2026-01-14T09:01:00+08:00'))).toBe('breached');
  });

  it('a reopened request runs its restarted respond window again, though acceptedAt keeps the first acceptance', () => {
    const reopened: SlaFacts = {
      ...base, state: 'reopened', acceptedAt: at('2026-01-13T09:10:00+08:00'),
      respondDueAt: at('2026-01-13T11:00:00+08:00'), resolveDueAt: at('2026-01-14T10:00:00+08:00'),
    };
    expect(slaStatus(reopened, at('2026-01-13T10:30:00+08:00'))).toBe('ok');
    expect(slaStatus(reopened, at('2026-01-13T11:30:00+08:00'))).toBe('breached');
    // Accepted again: the resolve window counts.
    expect(slaStatus({ ...reopened, state: 'accepted' }, at('2026-01-13T11:30:00+08:00'))).toBe('ok');
  });

  it('a marked breach stays breached', () => {
    expect(slaStatus({ ...base, respondBreachedAt: at('2026-01-13T10:00:00+08:00'), acceptedAt: at('2026-01-13T10:30:00+08:00'), state: 'accepted' }, at('2026-01-13T11:00:00+08:00'))).toBe('breached');
  });

  it('finished requests are met or breached', () => {
    const done = { ...base, state: 'closed' as const, acceptedAt: at('2026-01-13T09:20:00+08:00'), resolvedAt: at('2026-01-13T15:00:00+08:00') };
    expect(slaStatus(done, at('2026-02-01T00:00:00+08:00'))).toBe('met');
    expect(slaStatus({ ...done, resolvedAt: at('2026-01-14T10:00:00+08:00') }, at('2026-02-01T00:00:00+08:00'))).toBe('breached');
    expect(slaStatus({ ...done, acceptedAt: at('2026-01-13T10:20:00+08:00') }, at('2026-02-01T00:00:00+08:00'))).toBe('breached');
    expect(slaStatus({ ...base, state: 'cancelled' }, at('2026-02-01T00:00:00+08:00'))).toBe('met');
  });

  it('warning is measured in business time for office-hours categories', () => {
    const office: SlaFacts = { ...base, createdAt: at('2026-01-13T17:30:00+08:00'), respondDueAt: at('2026-01-14T08:30:00+08:00'), businessHours: '08:00-18:00' };
    expect(slaStatus(office, at('2026-01-13T23:00:00+08:00'))).toBe('ok');
    expect(slaStatus(office, at('2026-01-14T08:20:00+08:00'))).toBe('warning');
  });
});
