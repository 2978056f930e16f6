import { randomBytes, randomInt } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { appendToChain } from '../../kernel/chain/chain.js';
import { recordFigures } from '../../kernel/figures.js';
import { publishLive } from '../../kernel/live.js';
import { storeUploads, type UploadInput } from '../../kernel/uploads.js';
import { moveState } from '../../kernel/workflow.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { can, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { compoundScope } from '../places/places.scope.js';
import { castersOf, electorateEntry, groupElectorate, readRegister } from './votes.electorate.js';
import { VoteErrors } from './votes.errors.js';
import { votesFigures } from './votes.figures.js';
import { placeScopeFor } from './votes.homes.js';
import { voteMachine } from './votes.machine.js';
import { voteBallots, voteMatters, voteResults, votes, voteVoterPeople, voteVoters, voteVoterUnits } from './votes.schema.js';
import { tallyVote, type Answer } from './votes.tally.js';

export { getMatterOutcome, listPassedMatters, type MatterOutcome } from './votes.outcome.js';

/** The kind of the votes' hash chains (docs/VERIFY.md, `vote`). */
export const VOTE_CHAIN = 'vote';

export type VoteRow = typeof votes.$inferSelect;

export interface CreateVoteInput {
  compoundId: number;
  title: string;
  description?: string;
  endsAt: Date;
  countParking?: boolean;
  matters: { title: string; description?: string; class: 'ordinary' | 'special' }[];
}

/** Drafts a vote of a compound with its matters (業委会 or the community office). */
export async function createVote({ db, actor, input, now }: { db: Db; actor: Actor; input: CreateVoteInput; now: Date }): Promise<number> {
  const place = await compoundScope(db, input.compoundId);
  requireAccess(actor, 'votes:manage', place, 'Compound');
  if (input.endsAt.getTime() <= now.getTime()) throw new AppError(VoteErrors.VOTE_ENDS_INVALID, 'Voting must end in the future', { field: 'endsAt' });
  return db.transaction(async (tx) => {
    const [vote] = await tx.insert(votes).values({
      communityId: place.communityId, cityId: place.cityId, compoundId: input.compoundId, title: input.title, description: input.description ?? '',
      countParking: input.countParking ?? false, endsAt: input.endsAt, voterKeySecret: randomBytes(32).toString('base64url'),
      createdByAccountId: actor.accountId, createdAt: now, updatedAt: now,
    }).returning({ id: votes.id });
    await tx.insert(voteMatters).values(input.matters.map((m, i) => ({
      voteId: vote!.id, communityId: place.communityId, position: i + 1, title: m.title, description: m.description ?? '', class: m.class,
    })));
    return vote!.id;
  });
}

/** The vote row locked for the step, checked against the actor's scope (404 outside it). */
async function lockVote(tx: Tx, actor: Actor, permission: string, voteId: number): Promise<VoteRow> {
  const [vote] = await tx.select().from(votes).where(eq(votes.id, voteId)).for('update');
  requireAccess(actor, permission, vote ? await placeScopeFor(tx, actor, vote) : undefined, 'Vote');
  return vote!;
}

export async function mattersOf(db: DbOrTx, voteId: number) {
  return db.select().from(voteMatters).where(eq(voteMatters.voteId, voteId)).orderBy(asc(voteMatters.position));
}

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Opens the vote: the electorate is fixed from the register (one head per owner, the developer's
 * units one head) and written, with the matters, as the first entries of the vote's chain.
 */
export async function openVote({ db, actor, voteId, now }: { db: Db; actor: Actor; voteId: number; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const vote = await lockVote(tx, actor, 'votes:manage', voteId);
    const to = voteMachine.nextState(vote.state, 'open', ['manager']);
    const voters = groupElectorate(await readRegister(tx, vote.compoundId, vote.countParking), vote.voterKeySecret);
    if (voters.length === 0) throw new AppError(VoteErrors.VOTE_EMPTY_ELECTORATE, 'The compound has no exclusive units in the register', { compoundId: vote.compoundId });
    const ids = new Map<string, number>();
    await insertChunks(voters, 500, async (chunk) => {
      const rows = await tx.insert(voteVoters).values(chunk.map((v) => ({
        voteId, communityId: vote.communityId, voterKey: v.voterKey, holder: v.holder, personId: v.personId, heads: v.heads, areaHundredths: v.areaHundredths,
      }))).returning({ id: voteVoters.id, voterKey: voteVoters.voterKey });
      for (const r of rows) ids.set(r.voterKey, r.id);
    });
    const units = voters.flatMap((v) => v.units.map((u) => ({
      voteId, communityId: vote.communityId, voterId: ids.get(v.voterKey)!, householdId: u.householdId, parkingSpaceId: u.parkingSpaceId,
      buildingId: u.buildingId, label: u.label, buildingName: u.buildingName, areaHundredths: u.areaHundredths, areaSource: u.areaSource,
    })));
    await insertChunks(units, 500, (chunk) => tx.insert(voteVoterUnits).values(chunk));
    const casters = [...castersOf(voters)].map(([personId, key]) => ({ voteId, communityId: vote.communityId, personId, voterId: ids.get(key)! }));
    await insertChunks(casters, 500, (chunk) => tx.insert(voteVoterPeople).values(chunk));
    const electorate = electorateEntry(voters, vote.countParking, vote.voterKeySecret);
    const { totalAreaHundredths, totalHeads } = electorate;
    const chain = { tx, kind: VOTE_CHAIN, subjectId: voteId, communityId: vote.communityId, at: now };
    await appendToChain({ ...chain, data: electorate });
    for (const m of await mattersOf(tx, voteId)) {
      await appendToChain({ ...chain, data: { type: 'matter', matterId: m.id, title: m.title, class: m.class } });
    }
    await moveState(tx, votes, vote, to, { now, staleCode: voteMachine.staleCode, what: 'vote', patch: { openedAt: now, totalAreaHundredths, totalHeads } });
    await recordFigures(tx, votesFigures, [{ communityId: vote.communityId, compoundId: vote.compoundId, day: now, counter: 'opened', delta: 1 }]);
  });
}

const RECEIPT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A receipt code the owner keeps: 12 characters in three groups, no 0/O or 1/I/L to misread. */
export function newReceipt(): string {
  const chars = Array.from({ length: 12 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export interface CastInput {
  voteId: number;
  answers: Record<string, Answer>;
  /** A paper ballot entered by the committee: any unit of the voter, and the photo of the paper. */
  paper?: { householdId: number; photo: UploadInput | null };
}

export interface CastResult {
  ballotId: number;
  receipt: string;
  castAt: Date;
  seq: number;
  hash: string;
}

function checkAnswers(answers: Record<string, Answer>, matterIds: number[]): Record<string, Answer> {
  const want = matterIds.map(String);
  const got = Object.keys(answers);
  const missing = want.filter((k) => !(k in answers));
  const extra = got.filter((k) => !want.includes(k));
  if (missing.length || extra.length) {
    throw new AppError(VoteErrors.VOTE_ANSWERS_INVALID, 'A ballot answers every matter of the vote, and only those', { missing, extra });
  }
  return Object.fromEntries(want.map((k) => [k, answers[k]!]));
}

/**
 * Casts one ballot: online by an owner (their voter found from who they are), or from paper by
 * the owners' committee (with the photo). The ballot and its chain entry commit together; a
 * second ballot of the same voter — even at the same instant — meets the unique index and is refused.
 */
export async function castBallot({ ctx, actor, input }: { ctx: Pick<AppContext, 'db' | 'clock'> & Partial<Pick<AppContext, 'storage' | 'events'>>; actor: Actor; input: CastInput }): Promise<CastResult> {
  const [pre] = await ctx.db.select({ communityId: votes.communityId, compoundId: votes.compoundId }).from(votes).where(eq(votes.id, input.voteId));
  const permission = input.paper ? 'votes:manage' : 'votes:cast';
  const scope = pre ? await placeScopeFor(ctx.db, actor, pre) : undefined;
  requireAccess(actor, permission, scope, 'Vote');
  let photo: { storageKey: string; sha256: string; mimeType: string } | null = null;
  if (input.paper) {
    if (!input.paper.photo) throw new AppError(VoteErrors.VOTE_PHOTO_REQUIRED, 'A paper ballot is entered with a photo of the signed paper', { field: 'photo' });
    if (!ctx.storage) throw new Error('castBallot: a paper ballot needs the storage seam');
    const stored = await storeUploads({ storage: ctx.storage, module: 'votes', communityId: pre!.communityId, files: [input.paper.photo],
      policy: { maxFiles: 1, maxBytes: 5 * 1024 * 1024, accept: ['image', 'pdf'], label: 'Photo', codes: { invalidType: VoteErrors.VOTE_PHOTO_INVALID } } });
    photo = stored[0] ?? null;
  }
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    // The access check above stands: a vote never changes compound. The share lock makes a close wait for ballots in flight.
    const [vote] = await tx.select().from(votes).where(eq(votes.id, input.voteId)).for('share');
    if (!vote) throw notFound('Vote');
    if (vote.state !== 'open') throw new AppError(VoteErrors.VOTE_NOT_OPEN, vote.state === 'draft' ? 'The vote has not opened yet' : 'The vote has closed', { state: vote.state });
    const voter = await findVoter(tx, vote.id, actor, input);
    const answers = checkAnswers(input.answers, (await mattersOf(tx, vote.id)).map((m) => m.id));
    const [already] = await tx.select({ id: voteBallots.id }).from(voteBallots).where(and(eq(voteBallots.voteId, vote.id), eq(voteBallots.voterId, voter.id)));
    if (already) throw new AppError(VoteErrors.VOTE_ALREADY_CAST, 'This owner has already voted; a ballot is never changed', { voteId: vote.id });
    const receipt = newReceipt();
    const enteredBy = input.paper ? 'committee' as const : 'owner' as const;
    const link = await appendToChain({ tx, kind: VOTE_CHAIN, subjectId: vote.id, communityId: vote.communityId, at: now,
      data: { type: 'ballot', voterKey: voter.voterKey, receipt, castAt: now.toISOString(), enteredBy, answers } });
    // The unique index decides a race the check above could not see: the loser inserts nothing.
    const [ballot] = await tx.insert(voteBallots).values({
      voteId: vote.id, communityId: vote.communityId, voterId: voter.id, receipt, answers, enteredBy,
      castByPersonId: input.paper ? null : actor.personId, enteredByAccountId: input.paper ? actor.accountId : null,
      photoKey: photo?.storageKey ?? null, photoSha256: photo?.sha256 ?? null, photoMimeType: photo?.mimeType ?? null,
      chainSeq: link.seq, chainHash: link.hash, castAt: now,
    }).onConflictDoNothing({ target: [voteBallots.voteId, voteBallots.voterId] }).returning({ id: voteBallots.id });
    if (!ballot) throw new AppError(VoteErrors.VOTE_ALREADY_CAST, 'This owner has already voted; a ballot is never changed', { voteId: vote.id });
    await recordFigures(tx, votesFigures, [{ communityId: vote.communityId, compoundId: vote.compoundId, day: now, counter: 'ballots', delta: 1 }]);
    return { ballotId: ballot.id, receipt, castAt: now, seq: link.seq, hash: link.hash };
  });
  // The committee's canvassing view follows the evening live (no answer in the event: participation only).
  if (ctx.events) await publishLive({ events: ctx.events }, { topic: 'vote.ballot', scope: { ...scope, householdId: undefined }, payload: { voteId: input.voteId, seq: result.seq } });
  return result;
}

async function findVoter(tx: Tx, voteId: number, actor: Actor, input: CastInput): Promise<{ id: number; voterKey: string }> {
  if (input.paper) {
    const [row] = await tx.select({ id: voteVoters.id, voterKey: voteVoters.voterKey }).from(voteVoterUnits)
      .innerJoin(voteVoters, eq(voteVoters.id, voteVoterUnits.voterId))
      .where(and(eq(voteVoterUnits.voteId, voteId), eq(voteVoterUnits.householdId, input.paper.householdId)));
    if (!row) throw new AppError(VoteErrors.VOTE_VOTER_UNKNOWN, 'That household is not a unit of this vote\'s electorate', { householdId: input.paper.householdId });
    return row;
  }
  const [row] = await tx.select({ id: voteVoters.id, voterKey: voteVoters.voterKey }).from(voteVoterPeople)
    .innerJoin(voteVoters, eq(voteVoters.id, voteVoterPeople.voterId))
    .where(and(eq(voteVoterPeople.voteId, voteId), eq(voteVoterPeople.personId, actor.personId)));
  if (!row) throw new AppError(VoteErrors.VOTE_NOT_A_VOTER, 'Only the registered owners of this compound\'s units vote (a tenant or family member does not)', { voteId });
  return row;
}

/** Closes the vote: the tally of the fixed electorate and the ballots, stored and appended as the chain's last entry. */
export async function closeVote({ db, actor, voteId, now }: { db: Db; actor: Actor; voteId: number; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const vote = await lockVote(tx, actor, 'votes:manage', voteId);
    const to = voteMachine.nextState(vote.state, 'close', ['manager']);
    const matters = await mattersOf(tx, voteId);
    const voters = await tx.select({ id: voteVoters.id, voterKey: voteVoters.voterKey, heads: voteVoters.heads, areaHundredths: voteVoters.areaHundredths }).from(voteVoters).where(eq(voteVoters.voteId, voteId));
    const keyOf = new Map(voters.map((v) => [v.id, v.voterKey]));
    const ballots = await tx.select({ voterId: voteBallots.voterId, answers: voteBallots.answers }).from(voteBallots).where(eq(voteBallots.voteId, voteId));
    const tally = tallyVote({
      voters, matters: matters.map((m) => ({ matterId: String(m.id), class: m.class })),
      ballots: ballots.map((b) => ({ voterKey: keyOf.get(b.voterId)!, answers: b.answers as Record<string, Answer> })),
    });
    await tx.insert(voteResults).values(matters.map((m) => ({ voteId, communityId: vote.communityId, matterId: m.id, ...tally.matters[String(m.id)]!, decidedAt: now })));
    const link = await appendToChain({ tx, kind: VOTE_CHAIN, subjectId: voteId, communityId: vote.communityId, at: now, data: { type: 'result', matters: tally.matters } });
    const retain = new Date(now.getTime());
    retain.setUTCFullYear(retain.getUTCFullYear() + 1);
    await moveState(tx, votes, vote, to, { now, staleCode: voteMachine.staleCode, what: 'vote', patch: { closedAt: now, retainUntil: shanghaiDate(retain), resultHead: link.hash } });
    const passed = matters.filter((m) => tally.matters[String(m.id)]!.passed).length;
    await recordFigures(tx, votesFigures, [
      { communityId: vote.communityId, compoundId: vote.compoundId, day: now, counter: 'closed', delta: 1 },
      { communityId: vote.communityId, compoundId: vote.compoundId, day: now, counter: 'matters_passed', delta: passed },
      { communityId: vote.communityId, compoundId: vote.compoundId, day: now, counter: 'matters_failed', delta: matters.length - passed },
    ]);
  });
}

/** Is the actor a manager of this vote (owners' committee or community office)? For abilities. */
export function managesVote(actor: Actor, scope: Parameters<typeof can>[2]): boolean {
  return can(actor, 'votes:manage', scope);
}

