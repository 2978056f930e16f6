import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.js';
import { AppError, CommonErrors } from '../server/errors.js';

/*
 * Write rate limits, kept in PostgreSQL so they hold across every app process: fixed one-minute
 * windows, one counter row per key and window, incremented by an upsert whose returned count
 * decides. Keys: the account, the client IP, an Open311 api key. An IP's counter is split over
 * eight rows (by account, or at random for anonymous callers), so a whole office behind one NAT
 * address does not queue on one row; each part allows an eighth of the IP's limit.
 */
export interface WriteLimits {
  perAccount: number;
  perIp: number;
  perApiKey: number;
}

const WINDOW_SECONDS = 60;
const IP_SHARDS = 8;

export interface QuotaKey {
  key: string;
  limit: number;
}

/** The window a moment falls in (wall-clock time: limits are about real seconds, never a test's fake clock). */
function windowOf(nowMs: number): { start: string; endsInSeconds: number } {
  const start = Math.floor(nowMs / (WINDOW_SECONDS * 1000)) * WINDOW_SECONDS * 1000;
  return { start: new Date(start).toISOString(), endsInSeconds: Math.max(1, Math.ceil((start + WINDOW_SECONDS * 1000 - nowMs) / 1000)) };
}

/** The quota keys of one write. */
export function writeKeys(limits: WriteLimits, who: { accountId?: number | null; ip: string; apiKeyId?: number | null }): QuotaKey[] {
  const keys: QuotaKey[] = [];
  if (who.accountId) keys.push({ key: `account:${who.accountId}`, limit: limits.perAccount });
  if (who.apiKeyId) keys.push({ key: `apikey:${who.apiKeyId}`, limit: limits.perApiKey });
  const shard = who.accountId ? who.accountId % IP_SHARDS : Math.floor(Math.random() * IP_SHARDS);
  keys.push({ key: `ip:${who.ip}:${shard}`, limit: Math.max(1, Math.ceil(limits.perIp / IP_SHARDS)) });
  return keys;
}

/**
 * Counts one write against every key in one statement; over any key's limit → 429 with
 * Retry-After (the rest of the window). The count is taken even for a refused write, so a
 * client hammering a limit stays over it until the window ends.
 */
export async function consumeWriteQuota(db: DbOrTx, keys: readonly QuotaKey[], nowMs = Date.now()): Promise<void> {
  if (keys.length === 0) return;
  const { start, endsInSeconds } = windowOf(nowMs);
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  const rows = await queryRows<{ key: string; count: number }>(db, sql`
    insert into rate_limit_counters as c (key, window_start, count)
    select k, ${start}::timestamptz, 1 from unnest(${`{${sorted.map((k) => `"${k.key.replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(',')}}`}::text[]) with ordinality as u(k, n)
    order by n
    on conflict (key, window_start) do update set count = c.count + 1
    returning c.key, c.count`);
  const over = rows.filter((r) => Number(r.count) > sorted.find((k) => k.key === r.key)!.limit);
  if (over.length) {
    throw new AppError(CommonErrors.RATE_LIMITED, 'Too many writes in a short time; please wait a moment', { retryAfterSeconds: endsInSeconds, limit: over[0]!.key.split(':')[0] });
  }
}

/** Drops windows older than an hour (the kernel's cleanup job). */
export async function dropOldQuotaWindows(db: DbOrTx): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, sql`with d as (delete from rate_limit_counters where window_start < now() - interval '1 hour' returning 1) select count(*)::int as n from d`);
  return rows[0]?.n ?? 0;
}
