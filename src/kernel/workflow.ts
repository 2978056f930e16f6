import { and, eq, sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';
import { id, ref } from '../db/columns.js';
import { accounts } from '../modules/accounts/accounts.schema.js';
import { communities } from '../modules/places/places.schema.js';
import { AppError, type ErrorCode } from '../server/errors.js';
import type { Actor } from '../modules/access/access.policy.js';
import { KernelErrors } from './kernel.errors.js';

/*
 * The workflow kernel: a state machine as data (which action leads from which state to which,
 * and who may take it), a conditional UPDATE that lets the database settle races, and an
 * append-only timeline table per module. A step is `nextState` (pure) → `moveState` (the
 * UPDATE … WHERE state = $expected AND version = $v) → `appendTimeline`, all in the caller's
 * transaction so other writes of the same step (a ledger entry, a notification) commit with it.
 */

export interface Move<S extends string, K extends string> {
  to: S;
  /** Kinds of actor (reporter, dispatcher, claimant, system…) who may take it. */
  by: readonly K[];
}

export interface MachineDefinition<S extends string, A extends string, K extends string> {
  /** What moves ("request", "wish"): used in error messages. */
  name: string;
  states: readonly S[];
  actions: readonly A[];
  actorKinds: readonly K[];
  /** For each action, the states it may start from and where it leads. */
  transitions: Record<A, Partial<Record<S, Move<S, K>>>>;
  /** The codes its errors carry; the kernel's STALE, ILLEGAL_TRANSITION, ACTOR_NOT_ALLOWED by default. */
  errors?: { illegal?: ErrorCode; notAllowed?: ErrorCode; stale?: ErrorCode };
}

export interface StateMachine<S extends string, A extends string, K extends string> {
  definition: MachineDefinition<S, A, K>;
  moveOf(state: S, action: A): Move<S, K> | undefined;
  /** Is the move legal for one of these actor kinds? */
  canMove(state: S, action: A, kinds: readonly K[]): boolean;
  /** The next state; 409 when the action does not exist from this state, 403 when it does but not for these kinds. */
  nextState(state: S, action: A, kinds: readonly K[]): S;
  /** Every action → whether these kinds may take it now (the API's `abilities`). */
  abilities(state: S, kinds: readonly K[]): Record<A, boolean>;
  /** States from which no action leads anywhere. */
  terminalStates: readonly S[];
  /** The code a lost race answers with. */
  staleCode: ErrorCode;
}

/** Builds a state machine from its table; checks the table only names declared states, actions and kinds. */
export function defineStateMachine<const S extends string, const A extends string, const K extends string>(def: MachineDefinition<S, A, K>): StateMachine<S, A, K> {
  for (const action of Object.keys(def.transitions) as A[]) {
    if (!def.actions.includes(action)) throw new Error(`${def.name}: transition for undeclared action ${action}`);
    for (const [from, move] of Object.entries(def.transitions[action]) as [S, Move<S, K>][]) {
      if (!def.states.includes(from) || !def.states.includes(move.to)) throw new Error(`${def.name}: ${action} names an undeclared state`);
      for (const k of move.by) if (!def.actorKinds.includes(k)) throw new Error(`${def.name}: ${action} names undeclared actor kind ${k}`);
    }
  }
  const illegal = def.errors?.illegal ?? KernelErrors.ILLEGAL_TRANSITION;
  const notAllowed = def.errors?.notAllowed ?? KernelErrors.ACTOR_NOT_ALLOWED;
  const moveOf = (state: S, action: A) => def.transitions[action]?.[state];
  const canMove = (state: S, action: A, kinds: readonly K[]) => {
    const move = moveOf(state, action);
    return !!move && move.by.some((k) => kinds.includes(k));
  };
  return {
    definition: def,
    moveOf,
    canMove,
    nextState(state, action, kinds) {
      const move = moveOf(state, action);
      if (!move) throw new AppError(illegal, `Cannot ${action} a ${def.name} that is ${state}`, { state, action });
      if (!move.by.some((k) => kinds.includes(k))) {
        throw new AppError(notAllowed, `Only the ${move.by.join(' or ')} may ${action} this ${def.name}`, { state, action });
      }
      return move.to;
    },
    abilities(state, kinds) {
      return Object.fromEntries(def.actions.map((a) => [a, canMove(state, a, kinds)])) as Record<A, boolean>;
    },
    terminalStates: def.states.filter((s) => def.actions.every((a) => !moveOf(s, a))),
    staleCode: def.errors?.stale ?? KernelErrors.STALE,
  };
}

/** A table a state machine moves: an id, a state and a version column (and usually updated_at). */
export type VersionedTable = PgTable & { id: PgColumn; state: PgColumn; version: PgColumn; updatedAt?: PgColumn };

/**
 * The conditional UPDATE every transition goes through: it changes the row only if it still
 * has the state and version it was read with. Zero rows means someone else moved it first: the
 * machine's STALE error (409), and the caller's transaction rolls back with nothing half-written.
 */
export async function moveState<T extends VersionedTable>(
  tx: DbOrTx,
  table: T,
  row: { id: number; state: string; version: number },
  to: string,
  opts: { now: Date; patch?: Record<string, unknown>; staleCode?: ErrorCode; what?: string },
): Promise<T['$inferSelect']> {
  const set: Record<string, unknown> = { ...opts.patch, state: to, version: sql`${table.version} + 1` };
  if (table.updatedAt) set.updatedAt = opts.now;
  const rows = await (tx.update(table as PgTable) as unknown as { set(v: Record<string, unknown>): { where(w: unknown): { returning(): Promise<unknown[]> } } })
    .set(set)
    .where(and(eq(table.id, row.id), eq(table.state, row.state), eq(table.version, row.version)))
    .returning();
  const after = rows[0];
  if (!after) {
    throw new AppError(opts.staleCode ?? KernelErrors.STALE, `Someone else changed this ${opts.what ?? 'record'} just now; reload and try again`, { id: row.id, state: row.state });
  }
  return after as T['$inferSelect'];
}

/**
 * An append-only timeline table for a module: one row per step or note of a subject (a request,
 * a wish, a booking). Make it refuse UPDATE, DELETE and TRUNCATE by listing it in the manifest's
 * `appendOnly` and adding `appendOnlySql(name)` to a migration (src/kernel/append-only.ts).
 */
export function timelineTable<N extends string>(name: N, subjectColumn: string, subjectId: () => PgColumn, opts: { indexName?: string } = {}) {
  return pgTable(name, {
    id: id(),
    communityId: ref('community_id').notNull().references(() => communities.id),
    subjectId: ref(subjectColumn).notNull().references(subjectId),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: ref('actor_account_id').references(() => accounts.id),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    attachmentIds: jsonb('attachment_ids').$type<number[]>().notNull().default([]),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  }, (t) => [index(opts.indexName ?? `${name}_subject_idx`).on(t.subjectId, t.at, t.id)]);
}

export type TimelineTable = ReturnType<typeof timelineTable>;

/** One immutable timeline entry. */
export interface TimelineEntry {
  communityId: number;
  subjectId: number;
  at: Date;
  actor: Actor | null;
  /** The hat the actor wore; the actor's main role when absent. */
  actorRole?: string | null;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  note?: string | null;
  attachmentIds?: number[];
  data?: Record<string, unknown>;
}

/** The role an actor acts in, for the timeline ("who"): `preferred` when held, else the first grant's role (their main hat). */
export function roleOf(actor: Actor | null, preferred?: string): string | null {
  if (!actor) return null;
  if (preferred && actor.grants.some((g) => g.role === preferred)) return preferred;
  return actor.grants[0]?.role ?? null;
}

export async function appendTimeline(tx: DbOrTx, table: TimelineTable, entries: readonly TimelineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(table).values(entries.map((e) => ({
    communityId: e.communityId, subjectId: e.subjectId, at: e.at, actorAccountId: e.actor?.accountId ?? null,
    actorRole: e.actorRole ?? roleOf(e.actor), action: e.action, fromState: e.fromState ?? null, toState: e.toState ?? null,
    note: e.note ?? null, attachmentIds: e.attachmentIds ?? [], data: e.data ?? {},
  })));
}

/**
 * One whole step for the common case: the machine decides the next state, the row moves
 * conditionally, the timeline records it — in the caller's transaction.
 */
export async function takeStep<S extends string, A extends string, K extends string, T extends VersionedTable>(input: {
  tx: DbOrTx;
  machine: StateMachine<S, A, K>;
  table: T;
  timeline: TimelineTable;
  row: { id: number; state: S; version: number; communityId: number };
  action: A;
  kinds: readonly K[];
  actor: Actor | null;
  now: Date;
  patch?: Record<string, unknown>;
  note?: string | null;
  data?: Record<string, unknown>;
  attachmentIds?: number[];
  actorRole?: string | null;
}): Promise<T['$inferSelect']> {
  const to = input.machine.nextState(input.row.state, input.action, input.kinds);
  const after = await moveState(input.tx, input.table, input.row, to, { now: input.now, patch: input.patch, staleCode: input.machine.staleCode, what: input.machine.definition.name });
  await appendTimeline(input.tx, input.timeline, [{
    communityId: input.row.communityId, subjectId: input.row.id, at: input.now, actor: input.actor, actorRole: input.actorRole,
    action: input.action, fromState: input.row.state, toState: to, note: input.note, attachmentIds: input.attachmentIds, data: input.data,
  }]);
  return after;
}
