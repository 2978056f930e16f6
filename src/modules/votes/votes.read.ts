import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { chainEnvelope, readChain, type ChainEnvelope } from '../../kernel/chain/chain.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { can, scopeFilter, type Actor, type ResourceScope } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { scopeCondition } from '../access/access.sql.js';
import { actorHomes, placeScopeFor } from './votes.homes.js';
import { voteMachine } from './votes.machine.js';
import { unitKeyOf } from './votes.electorate.js';
import { voteBallots, voteMatters, voteResults, votes, voteVoterPeople, voteVoters, voteVoterUnits } from './votes.schema.js';
import { mattersOf, type VoteRow } from './votes.service.js';
import { ceilShare, explainMatter, type Answer, type MatterTally } from './votes.tally.js';

async function visibleVote(db: DbOrTx, actor: Actor, voteId: number): Promise<{ vote: VoteRow; scope: ResourceScope }> {
  const [vote] = await db.select().from(votes).where(eq(votes.id, voteId));
  const scope = vote ? await placeScopeFor(db, actor, vote) : undefined;
  requireAccess(actor, 'votes:read', scope, 'Vote');
  return { vote: vote!, scope };
}

export interface ListVotesInput {
  compoundId?: number;
  state?: ('draft' | 'open' | 'closed')[];
  page: number;
  pageSize: number;
}

/** Votes in the actor's scope (a resident: their compounds'), newest first. */
export async function listVotes(db: DbOrTx, actor: Actor, q: ListVotesInput) {
  const filter = scopeFilter(actor, 'votes:read');
  const homes = await actorHomes(db, actor);
  const staff = scopeCondition(filter, { community: votes.communityId, compound: votes.compoundId, city: votes.cityId, company: sql`(select property_company_id from compounds c where c.id = ${votes.compoundId})` });
  const residentGrants = filter.ids.household ?? [];
  const ownCompounds = homes.filter((h) => residentGrants.includes(h.householdId)).map((h) => h.compoundId);
  const parts: SQL[] = [staff];
  if (ownCompounds.length) parts.push(and(inArray(votes.compoundId, ownCompounds), sql`${votes.state} <> 'draft'`)!);
  const where = and(sql`(${sql.join(parts, sql` or `)})`, q.compoundId ? eq(votes.compoundId, q.compoundId) : undefined, q.state?.length ? inArray(votes.state, q.state) : undefined);
  const [total] = await db.select({ n: count() }).from(votes).where(where);
  const rows = await db.select({ vote: votes, compoundName: sql<string>`(select name from compounds c where c.id = "votes"."compound_id")`,
    ballots: sql<number>`(select count(*)::int from vote_ballots b where b.vote_id = "votes"."id")`,
    matters: sql<number>`(select count(*)::int from vote_matters m where m.vote_id = "votes"."id")` })
    .from(votes).where(where).orderBy(desc(votes.createdAt), desc(votes.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({ ...summaryOf(r.vote), compoundName: r.compoundName, ballots: Number(r.ballots), matters: Number(r.matters) })),
    total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize,
  };
}

function summaryOf(v: VoteRow) {
  return {
    id: v.id, compoundId: v.compoundId, communityId: v.communityId, title: v.title, state: v.state, countParking: v.countParking,
    endsAt: v.endsAt.toISOString(), openedAt: v.openedAt?.toISOString() ?? null, closedAt: v.closedAt?.toISOString() ?? null,
    totalAreaHundredths: v.totalAreaHundredths, totalHeads: v.totalHeads,
  };
}

async function participation(db: DbOrTx, voteId: number) {
  const [row] = await queryRows<{ area: number | null; heads: number | null; ballots: number }>(db, sql`
    select coalesce(sum(v.area_hundredths), 0)::bigint as area, coalesce(sum(v.heads), 0)::int as heads, count(*)::int as ballots
    from vote_ballots b join vote_voters v on v.id = b.voter_id where b.vote_id = ${voteId}`);
  return { areaHundredths: Number(row?.area ?? 0), heads: Number(row?.heads ?? 0), ballots: Number(row?.ballots ?? 0) };
}

/** One vote: matters, live participation, the actor's own ballot, abilities; once closed, the published result. */
export async function getVote(ctx: AppContext, actor: Actor, voteId: number) {
  const { vote, scope } = await visibleVote(ctx.db, actor, voteId);
  if (vote.state === 'draft' && !can(actor, 'votes:manage', scope)) throw notFound('Vote');
  const [matters, part, compound] = await Promise.all([mattersOf(ctx.db, voteId), participation(ctx.db, voteId),
    queryRows<{ name: string }>(ctx.db, sql`select name from compounds where id = ${vote.compoundId}`)]);
  const manager = can(actor, 'votes:manage', scope);
  const mine = await myBallot(ctx.db, vote, actor);
  return {
    ...summaryOf(vote), compoundName: compound[0]?.name ?? '', description: vote.description,
    matters: matters.map((m) => ({ id: m.id, position: m.position, title: m.title, description: m.description, class: m.class })),
    participation: { ...part, totalAreaHundredths: vote.totalAreaHundredths ?? 0, totalHeads: vote.totalHeads ?? 0 },
    myBallot: mine,
    result: vote.state === 'closed' ? await publishedResult(ctx.db, vote) : null,
    abilities: {
      open: manager && voteMachine.canMove(vote.state, 'open', ['manager']),
      close: manager && voteMachine.canMove(vote.state, 'close', ['manager']),
      enterPaper: manager && vote.state === 'open',
      cast: vote.state === 'open' && can(actor, 'votes:cast', scope) && mine.eligible && !mine.cast,
      canvass: manager && vote.state === 'open',
    },
  };
}

async function myBallot(db: DbOrTx, vote: VoteRow, actor: Actor) {
  const none = { eligible: false, cast: false, receipt: null as string | null, castAt: null as string | null, voterKey: null as string | null, units: [] as { label: string; unitKey: string }[] };
  if (vote.state === 'draft') return none;
  const [row] = await db.select({ voterId: voteVoterPeople.voterId, voterKey: voteVoters.voterKey }).from(voteVoterPeople)
    .innerJoin(voteVoters, eq(voteVoters.id, voteVoterPeople.voterId))
    .where(and(eq(voteVoterPeople.voteId, vote.id), eq(voteVoterPeople.personId, actor.personId)));
  if (!row) return none;
  const [b] = await db.select({ receipt: voteBallots.receipt, castAt: voteBallots.castAt, enteredBy: voteBallots.enteredBy }).from(voteBallots).where(and(eq(voteBallots.voteId, vote.id), eq(voteBallots.voterId, row.voterId)));
  const units = await db.select({ label: voteVoterUnits.label, householdId: voteVoterUnits.householdId, parkingSpaceId: voteVoterUnits.parkingSpaceId }).from(voteVoterUnits).where(eq(voteVoterUnits.voterId, row.voterId));
  // A paper ballot's receipt is handed over on paper by the committee; online, the owner sees theirs again.
  return {
    eligible: true, cast: !!b, receipt: b && b.enteredBy === 'owner' ? b.receipt : null, castAt: b ? b.castAt.toISOString() : null,
    // The owner's own pseudonyms, to find themselves in the export.
    voterKey: row.voterKey, units: units.map((u) => ({ label: u.label, unitKey: unitKeyOf(vote.voterKeySecret, u) })),
  };
}

/** The published result: each matter's four numbers, verdict and reasons, the units that took part (never how), the chain head. */
async function publishedResult(db: DbOrTx, vote: VoteRow) {
  const rows = await db.select({ matter: voteMatters, result: voteResults }).from(voteResults).innerJoin(voteMatters, eq(voteMatters.id, voteResults.matterId))
    .where(eq(voteResults.voteId, vote.id)).orderBy(asc(voteMatters.position));
  const units = await queryRows<{ label: string }>(db, sql`
    select u.label from vote_voter_units u where u.vote_id = ${vote.id} and u.voter_id in (select voter_id from vote_ballots where vote_id = ${vote.id})
    order by u.building_id nulls last, u.label`);
  return {
    chainHead: vote.resultHead!, closedAt: vote.closedAt!.toISOString(), retainUntil: vote.retainUntil!,
    matters: rows.map((r) => {
      const t: MatterTally = r.result;
      return { matterId: r.matter.id, title: r.matter.title, class: r.matter.class, ...pick(t), reason: explainMatter(r.matter.class, t, vote.totalAreaHundredths ?? 0, vote.totalHeads ?? 0) };
    }),
    participatingUnits: units.map((u) => u.label),
  };
}

function pick(t: MatterTally): MatterTally {
  return { participationAreaHundredths: Number(t.participationAreaHundredths), participationHeads: t.participationHeads, agreeAreaHundredths: Number(t.agreeAreaHundredths), agreeHeads: t.agreeHeads, quorum: t.quorum, passed: t.passed };
}

/**
 * The tally: participation against the 2/3 thresholds and what is still needed; for the committee
 * while open, the canvassing view (扫楼) by building; once closed, the result of each matter.
 */
export async function getTally(ctx: AppContext, actor: Actor, voteId: number) {
  const { vote, scope } = await visibleVote(ctx.db, actor, voteId);
  if (vote.state === 'draft') throw notFound('Vote');
  const part = await participation(ctx.db, voteId);
  const totalArea = vote.totalAreaHundredths ?? 0;
  const totalHeads = vote.totalHeads ?? 0;
  const needArea = ceilShare(totalArea, 2, 3);
  const needHeads = ceilShare(totalHeads, 2, 3);
  const manager = can(actor, 'votes:manage', scope);
  return {
    voteId, state: vote.state, totalAreaHundredths: totalArea, totalHeads, ballots: part.ballots,
    participationAreaHundredths: part.areaHundredths, participationHeads: part.heads,
    requiredAreaHundredths: needArea, requiredHeads: needHeads,
    stillNeededAreaHundredths: Math.max(0, needArea - part.areaHundredths), stillNeededHeads: Math.max(0, needHeads - part.heads),
    byBuilding: manager && vote.state === 'open' ? await canvass(ctx.db, voteId) : null,
    result: vote.state === 'closed' ? await publishedResult(ctx.db, vote) : null,
  };
}

/** Per building: units and area not yet voted, and the heads of the voters living there who have not voted. */
async function canvass(db: DbOrTx, voteId: number) {
  const rows = await queryRows<{ building_id: number | null; building_name: string; units: number; area: number; voted_units: number; voted_area: number; pending_heads: number; pending_units: number; pending: { householdId: number | null; label: string }[] | string | null }>(db, sql`
    select u.building_id, min(u.building_name) as building_name, count(*)::int as units, sum(u.area_hundredths)::bigint as area,
      count(b.voter_id)::int as voted_units, coalesce(sum(u.area_hundredths) filter (where b.voter_id is not null), 0)::bigint as voted_area,
      count(distinct u.voter_id) filter (where b.voter_id is null)::int as pending_heads,
      count(*) filter (where b.voter_id is null)::int as pending_units,
      to_json((array_agg(json_build_object('householdId', u.household_id, 'label', u.label) order by u.label) filter (where b.voter_id is null))[1:60]) as pending
    from vote_voter_units u left join vote_ballots b on b.vote_id = u.vote_id and b.voter_id = u.voter_id
    where u.vote_id = ${voteId}
    group by u.building_id order by u.building_id nulls last`);
  return rows.map((r) => {
    const pending = (typeof r.pending === 'string' ? JSON.parse(r.pending) : r.pending ?? []) as { householdId: number | null; label: string }[];
    return {
      buildingId: r.building_id === null ? null : Number(r.building_id), buildingName: r.building_name, units: r.units, areaHundredths: Number(r.area),
      votedUnits: r.voted_units, votedAreaHundredths: Number(r.voted_area), pendingAreaHundredths: Number(r.area) - Number(r.voted_area),
      pendingHeads: r.pending_heads, pendingUnits: pending, pendingUnitsMore: Math.max(0, r.pending_units - pending.length),
    };
  });
}

/** The vote's chain as the kernel envelope (kind "vote"), its summary repeating the result. */
export async function exportVote(ctx: AppContext, actor: Actor, voteId: number): Promise<ChainEnvelope> {
  const { vote } = await visibleVote(ctx.db, actor, voteId);
  const entries = await readChain({ db: ctx.db, kind: 'vote', subjectId: voteId, communityId: vote.communityId });
  const results = vote.state === 'closed' ? await ctx.db.select().from(voteResults).where(eq(voteResults.voteId, voteId)) : [];
  const ballots = entries.filter((e) => (e.data as { type?: string }).type === 'ballot').length;
  const matters: Record<string, MatterTally> = {};
  for (const r of results) matters[String(r.matterId)] = pick(r);
  return chainEnvelope({
    kind: 'vote', id: vote.id, title: vote.title, generatedAt: ctx.clock.now(), entries,
    summary: { state: vote.state, ballots, totalAreaHundredths: vote.totalAreaHundredths ?? 0, totalHeads: vote.totalHeads ?? 0, matters: vote.state === 'closed' ? matters : null } as never,
  });
}

/** A receipt checked by its owner: the ballot as recorded, its place in the chain, whether the chain holds it unchanged. */
export async function getReceipt(ctx: AppContext, actor: Actor, receipt: string) {
  const [b] = await ctx.db.select().from(voteBallots).where(eq(voteBallots.receipt, receipt));
  const { vote } = b ? await visibleVote(ctx.db, actor, b.voteId) : { vote: null };
  if (!b || !vote) throw notFound('Receipt');
  const matters = await mattersOf(ctx.db, vote.id);
  const answers = b.answers as Record<string, Answer>;
  const entries = await readChain({ db: ctx.db, kind: 'vote', subjectId: vote.id, communityId: vote.communityId });
  const entry = entries.find((e) => e.seq === b.chainSeq);
  const data = entry?.data as { receipt?: string; answers?: Record<string, string> } | undefined;
  const intact = !!entry && entry.hash === b.chainHash && data?.receipt === b.receipt && matters.every((m) => data?.answers?.[String(m.id)] === answers[String(m.id)]);
  return {
    receipt: b.receipt, voteId: vote.id, voteTitle: vote.title, voteState: vote.state, castAt: b.castAt.toISOString(), enteredBy: b.enteredBy,
    answers: matters.map((m) => ({ matterId: m.id, title: m.title, answer: answers[String(m.id)]! })),
    chainSeq: b.chainSeq, chainHash: b.chainHash, inChain: intact, chainHead: entries.at(-1)?.hash ?? b.chainHash,
  };
}

/** The paper ballots of a vote, for the committee's own check: which unit, who entered it, when, and the photo (not the answers). */
export async function listPaperBallots(ctx: AppContext, actor: Actor, voteId: number) {
  const { vote, scope } = await visibleVote(ctx.db, actor, voteId);
  requireAccess(actor, 'votes:manage', scope, 'Vote');
  const rows = await queryRows<{ id: number; receipt: string; cast_at: Date | string; entered_by: string | null; units: string }>(ctx.db, sql`
    select b.id, b.receipt, b.cast_at, (select p.name from accounts a join people p on p.id = a.person_id where a.id = b.entered_by_account_id) as entered_by,
      (select string_agg(u.label, '、' order by u.label) from vote_voter_units u where u.voter_id = b.voter_id) as units
    from vote_ballots b where b.vote_id = ${vote.id} and b.entered_by = 'committee' order by b.cast_at desc, b.id desc limit 500`);
  return rows.map((r) => ({ ballotId: Number(r.id), receipt: r.receipt, castAt: new Date(r.cast_at).toISOString(), enteredBy: r.entered_by ?? '', units: r.units ?? '', photoUrl: `/api/votes/${vote.id}/paper-ballots/${Number(r.id)}/photo` }));
}

/** The photo of a paper ballot (the committee's). */
export async function getPaperBallotPhoto(ctx: AppContext, actor: Actor, voteId: number, ballotId: number): Promise<{ bytes: Buffer; mimeType: string }> {
  const { vote, scope } = await visibleVote(ctx.db, actor, voteId);
  requireAccess(actor, 'votes:manage', scope, 'Vote');
  const [b] = await ctx.db.select({ key: voteBallots.photoKey, mimeType: voteBallots.photoMimeType }).from(voteBallots).where(and(eq(voteBallots.id, ballotId), eq(voteBallots.voteId, vote.id)));
  const bytes = b?.key ? await ctx.storage.get(b.key) : undefined;
  if (!b || !bytes || !b.mimeType) throw notFound('Photo');
  return { bytes, mimeType: b.mimeType };
}
