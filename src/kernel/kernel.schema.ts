import { integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns.js';

/** One row per background job: who runs it now, when it last ran, how it ended (see jobs.ts). */
export const kernelJobs = pgTable('kernel_jobs', {
  name: text('name').primaryKey(),
  holder: text('holder'),
  runningUntil: timestamp('running_until', { withTimezone: true }),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  lastError: text('last_error'),
  runs: integer('runs').notNull().default(0),
});

/**
 * The first answer of every write sent with an `Idempotency-Key` (see idempotency.ts). A key is
 * private to its caller and its operation; the unique index settles concurrent retries.
 */
export const idempotencyRecords = pgTable('idempotency_records', {
  id: id(),
  /** `account:<id>` or `apikey:<id>`. */
  caller: text('caller').notNull(),
  /** `<module>.<operation>`, e.g. `requests.file`. */
  operation: text('operation').notNull(),
  key: text('key').notNull(),
  /** SHA-256 of what the retry must repeat exactly. */
  requestHash: text('request_hash').notNull(),
  /** What the operation returned the first time (JSON). */
  result: jsonb('result').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('idempotency_records_uq').on(t.caller, t.operation, t.key)]);

/** Write counters per key and one-minute window (rate-limit.ts); old windows are dropped by a job. */
export const rateLimitCounters = pgTable('rate_limit_counters', {
  key: text('key').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
}, (t) => [primaryKey({ columns: [t.key, t.windowStart] })]);
