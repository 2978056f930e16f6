import { describe, expect, it } from 'vitest';
import { runningDeadline } from './request-states.js';

describe('runningDeadline', () => {
  const accepted = '2026-01-13T09:10:00+08:00';

  it('is respond until someone accepts, then resolve', () => {
    expect(runningDeadline('submitted', null)).toBe('respond');
    expect(runningDeadline('dispatched', null)).toBe('respond');
    expect(runningDeadline('accepted', accepted)).toBe('resolve');
    expect(runningDeadline('in_progress', new Date(accepted))).toBe('resolve');
  });

  it('stays resolve when an accepted request is returned or escalated, and is respond again once reopened', () => {
    expect(runningDeadline('returned', accepted)).toBe('resolve');
    expect(runningDeadline('escalated', accepted)).toBe('resolve');
    expect(runningDeadline('escalated', null)).toBe('respond');
    expect(runningDeadline('reopened', accepted)).toBe('respond');
  });

  it('is none once finished', () => {
    for (const s of ['resolved', 'closed', 'merged', 'cancelled'] as const) expect(runningDeadline(s, accepted)).toBeNull();
  });
});
