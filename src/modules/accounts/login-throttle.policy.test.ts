import { describe, expect, it } from 'vitest';
import { afterAttempt, attemptAllowed, isLocked, lockUntil, type ThrottleRule } from './login-throttle.policy.js';

const rule: ThrottleRule = { maxFailures: 3, windowMinutes: 10, lockMinutes: 5 };
const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min));

describe('login throttle', () => {
  it('allows maxFailures attempts in a window and refuses the next', () => {
    let s = afterAttempt(undefined, rule, t(0));
    expect(attemptAllowed(s, rule, t(0))).toBe(true);
    s = afterAttempt(s, rule, t(1));
    s = afterAttempt(s, rule, t(2));
    expect(attemptAllowed(s, rule, t(2))).toBe(true);
    s = afterAttempt(s, rule, t(3));
    expect(attemptAllowed(s, rule, t(3))).toBe(false);
  });

  it('keeps a locked key locked until the lock ends, without counting', () => {
    const locked = { failures: 4, windowStartedAt: t(0), lockedUntil: lockUntil(rule, t(3)) };
    expect(isLocked(locked, t(7))).toBe(true);
    expect(afterAttempt(locked, rule, t(7))).toBe(locked);
    expect(isLocked(locked, t(8))).toBe(false);
  });

  it('starts a new window after the old one expires', () => {
    let s = afterAttempt(undefined, rule, t(0));
    s = afterAttempt(s, rule, t(1));
    s = afterAttempt(s, rule, t(30));
    expect(s.failures).toBe(1);
    expect(attemptAllowed(s, rule, t(30))).toBe(true);
  });
});
