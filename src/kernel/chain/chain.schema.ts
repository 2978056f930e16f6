import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { communities } from '../../modules/places/places.schema.js';

/**
 * One row per hash chain (a vote's ballots, a fee ledger, a disclosure series). The head is the
 * row appends lock (`SELECT … FOR UPDATE`), so concurrent appends queue up instead of forking.
 */
export const chainHeads = pgTable('chain_heads', {
  id: id(),
  /** What the chain records: 'vote', 'ledger', 'disclosure', … (the owning module decides). */
  kind: text('kind').notNull(),
  /** The id of the thing the chain belongs to (the vote's, the ledger's), within its kind. */
  subjectId: ref('subject_id').notNull(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  /** Number of entries; the next append gets seq = length + 1. */
  length: integer('length').notNull().default(0),
  /** Hash of the last entry; 64 zeros while the chain is empty. */
  headHash: text('head_hash').notNull().default('0'.repeat(64)),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('chain_heads_kind_subject_uq').on(t.kind, t.subjectId),
  check('chain_heads_length_check', sql`${t.length} >= 0`),
]);

/**
 * The entries, append-only: triggers refuse UPDATE, DELETE and TRUNCATE (migration
 * chain_append_only). hash = sha256_hex(prev_hash || canonical JSON of data), see docs/VERIFY.md.
 */
export const chainEntries = pgTable('chain_entries', {
  id: id(),
  chainId: ref('chain_id').notNull().references(() => chainHeads.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  /** 1-based position in the chain; unique per chain, so two appends can never share one. */
  seq: integer('seq').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  data: jsonb('data').notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('chain_entries_chain_seq_uq').on(t.chainId, t.seq),
  check('chain_entries_seq_check', sql`${t.seq} >= 1`),
  check('chain_entries_hash_check', sql`${t.hash} ~ '^[0-9a-f]{64}$' and ${t.prevHash} ~ '^[0-9a-f]{64}$'`),
]);

export type ChainHeadRow = typeof chainHeads.$inferSelect;
export type ChainEntryRow = typeof chainEntries.$inferSelect;
