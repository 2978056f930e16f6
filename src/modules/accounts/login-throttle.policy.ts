/**
 * Login attempts allowed per key ("account:NAME", "ip:ADDR") in a window, and the lock that
 * follows. Pure, unit-tested; the counting itself happens in the database (accounts.throttle.ts),
 * before any password is checked, so parallel guesses are cut at the limit.
 */
export interface ThrottleRule {
  /** Attempts that may be in flight or have failed within one window. */
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export const accountRule: ThrottleRule = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
export const ipRule: ThrottleRule = { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 };

export interface ThrottleState {
  /** Attempts counted in the current window (failed, or not yet known to have succeeded). */
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export function isLocked(state: ThrottleState | undefined, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil > now;
}

/** The state after counting one more attempt (what the database's upsert computes). */
export function afterAttempt(state: ThrottleState | undefined, rule: ThrottleRule, now: Date): ThrottleState {
  if (state && isLocked(state, now)) return state;
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < rule.windowMinutes * 60_000;
  const failures = windowOpen ? state.failures + 1 : 1;
  return { failures, windowStartedAt: windowOpen ? state.windowStartedAt : now, lockedUntil: null };
}

/** May this counted attempt go on to the password check? No when the key is locked or over its limit. */
export function attemptAllowed(state: ThrottleState, rule: ThrottleRule, now: Date): boolean {
  return !isLocked(state, now) && state.failures <= rule.maxFailures;
}

/** When an attempt over the limit locks the key. */
export function lockUntil(rule: ThrottleRule, now: Date): Date {
  return new Date(now.getTime() + rule.lockMinutes * 60_000);
}
