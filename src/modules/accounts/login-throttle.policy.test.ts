import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, type ThrottleRule } from './login-throttle.policy.js';

const rule: ThrottleRule = { maxFailures: 3, windowMinutes: 10, lockMinutes: 5 };
const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min));

describe('login throttle', () => {
  it('locks after maxFailures inside the window', () => {
    let s = afterFailure(undefined, rule, t(0));
    s = afterFailure(s, rule, t(1));
    expect(isLocked(s, t(1))).toBe(false);
    s = afterFailure(s, rule, t(2));
    expect(isLocked(s, t(2))).toBe(true);
    expect(isLocked(s, t(8))).toBe(false);
  });

  it('starts a new window after the old one expires', () => {
    let s = afterFailure(undefined, rule, t(0));
    s = afterFailure(s, rule, t(1));
    s = afterFailure(s, rule, t(30));
    expect(s.failures).toBe(1);
    expect(isLocked(s, t(30))).toBe(false);
  });
});
