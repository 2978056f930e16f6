import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { attemptAllowed, lockUntil, type ThrottleRule, type ThrottleState } from './login-throttle.policy.js';

/*
 * The login throttle in the database. An attempt is counted — one upsert for the account and
 * the IP key at once, the row lock ordering concurrent attempts — before the password is
 * checked; only attempts within the limit go on. A success takes its attempt back (the IP's) and
 * clears the account's count, so only failures and attempts in flight stay counted.
 */

export interface AttemptVerdict {
  allowed: boolean;
  /** When the earliest lock on a refusing key ends. */
  retryAt: Date | null;
}

/** Counts one attempt against every key; refuses when any key is locked or over its limit (and locks it). */
export async function countLoginAttempt(db: DbOrTx, keys: readonly [string, ThrottleRule][], now: Date): Promise<AttemptVerdict> {
  const windows = new Set(keys.map(([, r]) => r.windowMinutes));
  if (windows.size !== 1) throw new Error('login throttle rules must share one window');
  const windowStart = new Date(now.getTime() - keys[0]![1].windowMinutes * 60_000).toISOString();
  const at = now.toISOString();
  const rows = await queryRows<{ key: string; failures: number; window_started_at: Date | string; locked_until: Date | string | null }>(db, sql`
    insert into login_throttle as t (key, failures, window_started_at)
    select k, 1, ${at}::timestamptz from unnest(${`{${keys.map(([k]) => `"${k.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]) as k
    order by k
    on conflict (key) do update set
      failures = case when t.locked_until > ${at}::timestamptz then t.failures
                      when t.window_started_at <= ${windowStart}::timestamptz then 1 else t.failures + 1 end,
      window_started_at = case when t.locked_until > ${at}::timestamptz then t.window_started_at
                               when t.window_started_at <= ${windowStart}::timestamptz then ${at}::timestamptz else t.window_started_at end,
      locked_until = case when t.locked_until > ${at}::timestamptz then t.locked_until else null end
    returning t.key, t.failures, t.window_started_at, t.locked_until`);
  let retryAt: Date | null = null;
  for (const row of rows) {
    const rule = keys.find(([k]) => k === row.key)![1];
    const state: ThrottleState = { failures: Number(row.failures), windowStartedAt: new Date(row.window_started_at), lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
    if (attemptAllowed(state, rule, now)) continue;
    const until = state.lockedUntil ?? lockUntil(rule, now);
    if (!state.lockedUntil) await db.execute(sql`update login_throttle set locked_until = ${until.toISOString()}::timestamptz where key = ${row.key} and locked_until is null`);
    if (!retryAt || until < retryAt) retryAt = until;
  }
  return { allowed: retryAt === null, retryAt };
}

/** A successful login: the account's count starts again, the IP gets its attempt back. */
export async function settleSuccessfulLogin(db: DbOrTx, accountKey: string, ipKey: string): Promise<void> {
  await db.execute(sql`delete from login_throttle where key = ${accountKey}`);
  await db.execute(sql`update login_throttle set failures = greatest(failures - 1, 0) where key = ${ipKey} and locked_until is null`);
}
