import { and, asc, eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.js';
import { AppError, notFound } from '../../server/errors.js';
import { ChainErrors } from './chain.errors.js';
import { canonicalJson, hashCanonical, type Json, type VerifiableEntry } from './chain.hash.js';
import { chainEntries, chainHeads, type ChainHeadRow } from './chain.schema.js';

export { ChainErrors } from './chain.errors.js';
export { assertJson, canonicalJson, chainHash, isChainHash, verifyEntries, ZERO_HASH } from './chain.hash.js';
export type { Json, JsonObject, VerifiableEntry, VerifyResult } from './chain.hash.js';
export { CHAIN_FORMAT, chainEnvelope } from './chain.envelope.js';
export type { ChainEnvelope, ChainEnvelopeInput } from './chain.envelope.js';
export type { ChainHeadRow } from './chain.schema.js';

/** A chain is named by its kind and its subject's id, and belongs to one community. */
export interface ChainKey {
  kind: string;
  subjectId: number;
}

/** One stored entry, in seq order. */
export interface ChainEntry extends VerifiableEntry {
  entryId: number;
  createdAt: Date;
}

export interface AppendResult {
  seq: number;
  prevHash: string;
  hash: string;
  entryId: number;
}

const byKey = ({ kind, subjectId }: ChainKey) => and(eq(chainHeads.kind, kind), eq(chainHeads.subjectId, subjectId));

// A subject's chain lives in its community; asked from another, it does not exist (tenancy: 404).
function inCommunity(row: ChainHeadRow, key: ChainKey, communityId: number): ChainHeadRow {
  if (row.communityId !== communityId) throw notFound('chain', { kind: key.kind, subjectId: key.subjectId });
  return row;
}

/** The chain's head row, or undefined when nothing was opened or appended yet. */
export async function findChain({ db, kind, subjectId }: ChainKey & { db: DbOrTx }): Promise<ChainHeadRow | undefined> {
  const [row] = await db.select().from(chainHeads).where(byKey({ kind, subjectId }));
  return row;
}

/** The chain's head row, created empty when missing (idempotent; safe under concurrency). */
export async function openChain({ db, kind, subjectId, communityId }: ChainKey & { db: DbOrTx; communityId: number }): Promise<ChainHeadRow> {
  const key = { kind, subjectId };
  const existing = await findChain({ db, ...key });
  if (existing) return inCommunity(existing, key, communityId);
  await db.insert(chainHeads).values({ kind, subjectId, communityId }).onConflictDoNothing({ target: [chainHeads.kind, chainHeads.subjectId] });
  const [row] = await db.select().from(chainHeads).where(byKey(key));
  return inCommunity(row!, key, communityId);
}

export interface AppendInput extends ChainKey {
  /** The caller's transaction; a plain database gets a transaction of its own. */
  tx: DbOrTx;
  communityId: number;
  /** The entry's content: a plain JSON object (dates as ISO strings; checked at run time). */
  data: object;
  /** The entry's time (clock seam); the database's now() when absent. */
  at?: Date;
}

/**
 * Appends one entry. The head row is locked (`SELECT … FOR UPDATE`) in the caller's transaction,
 * so concurrent appends to one chain run one after the other: none reuses a seq or forks.
 */
export async function appendToChain(input: AppendInput): Promise<AppendResult> {
  // Data that is not a JSON object is refused before any lock is taken.
  if (input.data === null || typeof input.data !== 'object' || Array.isArray(input.data)) {
    throw new AppError(ChainErrors.CHAIN_DATA_NOT_JSON, 'data must be a JSON object', { path: 'data' });
  }
  const canonical = canonicalJson(input.data);
  if (input.tx instanceof PgTransaction) return appendLocked(input.tx as Tx, input, canonical);
  return input.tx.transaction((tx) => appendLocked(tx, input, canonical));
}

async function lockHead(tx: Tx, key: ChainKey, communityId: number): Promise<ChainHeadRow> {
  const [locked] = await tx.select().from(chainHeads).where(byKey(key)).for('update');
  if (locked) return inCommunity(locked, key, communityId);
  // First append: a racing opener's insert makes ours wait for its commit, then do nothing.
  await tx.insert(chainHeads).values({ ...key, communityId }).onConflictDoNothing({ target: [chainHeads.kind, chainHeads.subjectId] });
  const [created] = await tx.select().from(chainHeads).where(byKey(key)).for('update');
  return inCommunity(created!, key, communityId);
}

async function appendLocked(tx: Tx, input: AppendInput, canonical: string): Promise<AppendResult> {
  const head = await lockHead(tx, { kind: input.kind, subjectId: input.subjectId }, input.communityId);
  const seq = head.length + 1;
  const prevHash = head.headHash;
  const hash = hashCanonical(prevHash, canonical);
  const [entry] = await tx.insert(chainEntries).values({
    chainId: head.id, communityId: head.communityId, seq, prevHash, hash, data: input.data, createdAt: input.at,
  }).returning({ id: chainEntries.id });
  await tx.update(chainHeads).set({ length: seq, headHash: hash, updatedAt: input.at ?? sql`now()` }).where(eq(chainHeads.id, head.id));
  return { seq, prevHash, hash, entryId: entry!.id };
}

/** The chain's entries in seq order (none when the chain does not exist, or not in `communityId`). */
export async function readChain({ db, kind, subjectId, communityId }: ChainKey & { db: DbOrTx; communityId?: number }): Promise<ChainEntry[]> {
  const scope = communityId === undefined ? byKey({ kind, subjectId }) : and(byKey({ kind, subjectId }), eq(chainHeads.communityId, communityId));
  const rows = await db.select({
    entryId: chainEntries.id, seq: chainEntries.seq, prevHash: chainEntries.prevHash, hash: chainEntries.hash,
    data: chainEntries.data, createdAt: chainEntries.createdAt,
  }).from(chainEntries).innerJoin(chainHeads, eq(chainHeads.id, chainEntries.chainId)).where(scope).orderBy(asc(chainEntries.seq));
  return rows.map((r) => ({ ...r, data: r.data as Json }));
}
