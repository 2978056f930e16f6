import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { findChain } from '../../kernel/chain/chain.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { compoundScope } from '../places/places.scope.js';
import { placeScopeFor } from './votes.homes.js';
import { voteMatters, voteResults, votes } from './votes.schema.js';

/*
 * The contract other modules use (fees: maintenance-fund spending is linked to a passed matter).
 * Both functions check the actor's scope like every route: a matter outside it is 404.
 */

export interface MatterOutcome {
  matterId: number;
  voteId: number;
  compoundId: number;
  communityId: number;
  title: string;
  class: 'ordinary' | 'special';
  /** pending: the vote is a draft; open: voting; passed / failed: the tally at close. */
  status: 'open' | 'passed' | 'failed' | 'pending';
  /** ISO 8601, null until the vote closes. */
  closedAt: string | null;
  /** The vote's chain head: at close, the head published with the result; before, the current head (null when empty). */
  chainHead: string | null;
}

type Row = { matter: typeof voteMatters.$inferSelect; vote: typeof votes.$inferSelect; result: typeof voteResults.$inferSelect | null };

async function outcomeOf(db: DbOrTx, r: Row): Promise<MatterOutcome> {
  const status = r.vote.state === 'draft' ? 'pending' : r.vote.state === 'open' || !r.result ? 'open' : r.result.passed ? 'passed' : 'failed';
  const head = r.vote.resultHead ?? (await findChain({ db, kind: 'vote', subjectId: r.vote.id }))?.headHash ?? null;
  return {
    matterId: r.matter.id, voteId: r.vote.id, compoundId: r.vote.compoundId, communityId: r.vote.communityId, title: r.matter.title, class: r.matter.class,
    status, closedAt: r.vote.closedAt ? r.vote.closedAt.toISOString() : null, chainHead: head,
  };
}

/** One matter's outcome (404 outside the actor's scope). */
export async function getMatterOutcome({ db, actor, matterId }: { db: DbOrTx; actor: Actor; matterId: number }): Promise<MatterOutcome> {
  const [row] = await db.select({ matter: voteMatters, vote: votes, result: voteResults }).from(voteMatters)
    .innerJoin(votes, eq(votes.id, voteMatters.voteId))
    .leftJoin(voteResults, eq(voteResults.matterId, voteMatters.id))
    .where(eq(voteMatters.id, matterId));
  requireAccess(actor, 'votes:read', row ? await placeScopeFor(db, actor, row.vote) : undefined, 'Matter');
  return outcomeOf(db, row!);
}

/** The matters of a compound that passed, newest vote first (404 when the compound is outside the actor's scope). */
export async function listPassedMatters({ db, actor, compoundId }: { db: DbOrTx; actor: Actor; compoundId: number }): Promise<MatterOutcome[]> {
  const place = await compoundScope(db, compoundId);
  requireAccess(actor, 'votes:read', place ? await placeScopeFor(db, actor, { communityId: place.communityId, compoundId }) : undefined, 'Compound');
  const rows = await db.select({ matter: voteMatters, vote: votes, result: voteResults }).from(voteResults)
    .innerJoin(voteMatters, eq(voteMatters.id, voteResults.matterId))
    .innerJoin(votes, eq(votes.id, voteResults.voteId))
    .where(and(eq(votes.compoundId, compoundId), eq(voteResults.passed, true)))
    .orderBy(asc(votes.closedAt), asc(voteMatters.position));
  const out: MatterOutcome[] = [];
  for (const r of rows.reverse()) out.push(await outcomeOf(db, r));
  return out;
}
