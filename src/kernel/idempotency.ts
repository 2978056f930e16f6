import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { and, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { AppError } from '../server/errors.js';
import { KernelErrors } from './kernel.errors.js';
import { idempotencyRecords } from './kernel.schema.js';

/** The header every idempotent write accepts (add to a route's `headers` schema). */
export const idempotencyKeyHeader = {
  'idempotency-key': z.string().trim().min(1).max(100).regex(/^[\x21-\x7e]+$/, 'printable ASCII').optional().describe('A retry with the same key returns the first result'),
};

/** The caller a key belongs to: an account, or an Open311 API key. */
export function callerKey(c: { accountId: number } | { apiKeyId: number }): string {
  return 'accountId' in c ? `account:${c.accountId}` : `apikey:${c.apiKeyId}`;
}

/** SHA-256 of the canonical JSON of what a retry must repeat exactly. */
export function requestHashOf(input: unknown): string {
  return createHash('sha256').update(canonicalize(input) ?? 'null').digest('hex');
}

export interface IdempotentInput<T> {
  db: Db;
  caller: string;
  operation: string;
  /** The Idempotency-Key; without one the operation just runs. */
  key: string | null | undefined;
  requestHash: string;
  /** The write, in the transaction the record joins. Its result must be JSON. */
  run: (tx: Tx) => Promise<T>;
  /** A record already looked up by the caller in a statement of its own (null: none), saving a round trip. */
  prior?: { requestHash: string; result: unknown } | null;
}

/**
 * The key's record as a data-modifying CTE body, for a write done in ONE statement (no BEGIN,
 * no COMMIT: three round trips fewer). It returns one row — the columns of `result` as SQL — when
 * this statement stored the key, none when a concurrent retry stored it first; the write's other
 * CTEs select from it, so a lost race writes nothing and the caller replays the winner's record.
 */
export function claimIdempotencyKeySql(input: { caller: string | Placeholder; operation: string | Placeholder; key: string | Placeholder; requestHash: string | Placeholder; result: SQL; from: SQL; returning: SQL }): SQL {
  return sql`insert into idempotency_records (caller, operation, key, request_hash, result)
    select ${input.caller}, ${input.operation}, ${input.key}, ${input.requestHash}, ${input.result} from ${input.from}
    on conflict (caller, operation, key) do nothing
    returning ${input.returning}`;
}

/** Thrown inside the transaction when a concurrent retry stored the same key first. */
class IdempotencyRace extends Error {}

/** The record a key already has, if any (callers that answer a replay before any other work). */
export async function findIdempotencyRecord(db: DbOrTx, caller: string, operation: string, key: string) {
  const [row] = await db.select({ requestHash: idempotencyRecords.requestHash, result: idempotencyRecords.result }).from(idempotencyRecords)
    .where(and(eq(idempotencyRecords.caller, caller), eq(idempotencyRecords.operation, operation), eq(idempotencyRecords.key, key)));
  return row;
}

/** The first result again, or 422 when the retry's input differs from the first request's. */
export function replayIdempotent<T>(prior: { requestHash: string; result: unknown }, hash: string): { result: T; replayed: true } {
  if (prior.requestHash !== hash) throw new AppError(KernelErrors.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for a different request');
  return { result: prior.result as T, replayed: true };
}

/**
 * Runs a write at most once per (caller, operation, key): a retry with the same key and the
 * same input gets the first result back (`replayed`), a retry with other input is refused (422).
 * The record is written in the write's own transaction, and its unique index decides a race
 * between two retries arriving together: the loser's transaction rolls back and it replays.
 */
export async function idempotent<T>(input: IdempotentInput<T>): Promise<{ result: T; replayed: boolean }> {
  const { db, caller, operation, key, requestHash } = input;
  if (!key) return { result: await db.transaction((tx) => input.run(tx)), replayed: false };
  const prior = input.prior !== undefined ? input.prior : await findIdempotencyRecord(db, caller, operation, key);
  if (prior) return replayIdempotent<T>(prior, requestHash);
  try {
    const result = await db.transaction(async (tx) => {
      const result = await input.run(tx);
      const [won] = await tx.insert(idempotencyRecords).values({ caller, operation, key, requestHash, result: result as object })
        .onConflictDoNothing().returning({ id: idempotencyRecords.id });
      if (!won) throw new IdempotencyRace();
      return result;
    });
    return { result, replayed: false };
  } catch (err) {
    if (!(err instanceof IdempotencyRace)) throw err;
    return replayWinner<T>(db, caller, operation, key, requestHash);
  }
}

/** After losing the race for a key (the write wrote nothing): the winner's result, or 422 when the inputs differ. */
export async function replayWinner<T>(db: DbOrTx, caller: string, operation: string, key: string, hash: string): Promise<{ result: T; replayed: true }> {
  const winner = await findIdempotencyRecord(db, caller, operation, key);
  if (!winner) throw new Error(`the write lost the race for its Idempotency-Key, whose record is missing (${operation})`);
  return replayIdempotent<T>(winner, hash);
}
