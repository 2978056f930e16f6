import { and, count, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { moveState } from '../../kernel/workflow.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import type { Actor } from '../access/access.policy.js';
import { loadCycle, cycleOpen, type CycleRow, type RubricRow } from './ratings.cycles.js';
import type { LowerBody } from './ratings.dto.js';
import { RatingErrors } from './ratings.errors.js';
import { ratingMachine, type RatingAction, type RatingActorKind } from './ratings.machine.js';
import { readMeasured } from './ratings.measures.js';
import { companyPlace, ratingPlace, type CompanyPlace } from './ratings.places.js';
import { actorKinds, assessableCommunities, canReadRating, isCompanyOf, isDepartmentOf } from './ratings.policy.js';
import { meetsFloor, sheetProblems, totalsOf, type EvidenceItem, type MeasuredSnapshot, type MeasuredValue, type RubricContent, type ScoreSheet, type StarLevel } from './ratings.rubric.js';
import { shanghaiMonth } from '../../shared/shanghai-time.js';
import { ratingAssessments, ratingCycles, ratingEvents, ratingLowerings, ratingRubrics, ratings, type RatingState } from './ratings.schema.js';

export type RatingRow = typeof ratings.$inferSelect;

export interface LoadedRating {
  rating: RatingRow;
  cycle: CycleRow;
  rubric: RubricRow;
  place: CompanyPlace;
  kinds: RatingActorKind[];
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505' || (err as { cause?: { code?: string } })?.cause?.code === '23505';

/** A rating the actor may see, with its cycle, rubric version and place; 404 otherwise. `forUpdate` locks its row. */
export async function loadRating(db: DbOrTx, actor: Actor, ratingId: number, opts: { forUpdate?: boolean } = {}): Promise<LoadedRating> {
  const q = db.select({ rating: ratings, cycle: ratingCycles, rubric: ratingRubrics }).from(ratings)
    .innerJoin(ratingCycles, eq(ratingCycles.id, ratings.cycleId)).innerJoin(ratingRubrics, eq(ratingRubrics.id, ratingCycles.rubricId))
    .where(eq(ratings.id, ratingId));
  const [row] = opts.forUpdate ? await q.for('update', { of: ratings }) : await q;
  const place = row && await ratingPlace(db, row.rating.companyId, row.rating.communityIds);
  if (!row || !place || !canReadRating(actor, place)) throw notFound('Rating', ratingId);
  return { ...row, place, kinds: actorKinds(actor, place) };
}

async function logEvent(tx: DbOrTx, r: RatingRow, e: { at: Date; actor: Actor | null; action: string; from?: RatingState; to?: RatingState; note?: string | null; data?: Record<string, unknown> }) {
  await tx.insert(ratingEvents).values({
    companyId: r.companyId, ratingId: r.id, at: e.at, actorAccountId: e.actor?.accountId ?? null, actorName: e.actor?.name ?? null,
    action: e.action, fromState: e.from ?? null, toState: e.to ?? null, note: e.note ?? null, data: e.data ?? {},
  });
}

/** One machine step on a locked or freshly read row: the machine decides, the conditional UPDATE settles races, the history records it. */
async function step(tx: DbOrTx, l: { rating: RatingRow; kinds: readonly RatingActorKind[] }, action: RatingAction, actor: Actor | null, now: Date, patch: Record<string, unknown>, note?: string | null, data?: Record<string, unknown>) {
  const to = ratingMachine.nextState(l.rating.state, action, l.kinds as RatingActorKind[]);
  const after = await moveState(tx, ratings, l.rating, to, { now, patch, staleCode: ratingMachine.staleCode, what: 'rating' }) as RatingRow;
  await logEvent(tx, l.rating, { at: now, actor, action, from: l.rating.state, to, note, data });
  return after;
}

function checkSheet(rubric: RubricRow, sheet: ScoreSheet): number {
  const problems = sheetProblems(rubric.content, sheet);
  if (problems.length) throw new AppError(RatingErrors.RATING_SHEET_INVALID, `The score sheet does not fit rubric v${rubric.version}`, { problems });
  return totalsOf(rubric.content, sheet).total;
}

/** 自评申报 opens: a rating of one company in one cycle, by the company or the department. */
export async function createRating({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: { cycleId: number; companyId: number; appliedLevel: number } }): Promise<number> {
  const { cycle } = await loadCycle(ctx.db, actor, input.cycleId);
  const place = await companyPlace(ctx.db, input.companyId);
  if (!place || place.cityId !== cycle.cityId || !(isCompanyOf(actor, place) || isDepartmentOf(actor, place))) throw notFound('Property company', input.companyId);
  if (!cycleOpen(cycle, ctx.clock.now())) throw new AppError(RatingErrors.RATING_CYCLE_CLOSED, `Applications closed on ${cycle.applyBy}`);
  if (!place.communities.length) throw new AppError(RatingErrors.RATING_NO_COMMUNITIES, 'The company serves no compound: no community committee could assess it');
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(ratings).values({
        companyId: place.companyId, cityId: place.cityId, cycleId: cycle.id, appliedLevel: input.appliedLevel,
        communityIds: place.communities.map((c) => c.communityId), createdByAccountId: actor.accountId, createdAt: now, updatedAt: now,
      }).returning();
      await logEvent(tx, row!, { at: now, actor, action: 'apply', to: 'draft', note: `申报${input.appliedLevel}星`, data: { appliedLevel: input.appliedLevel } });
      return row!.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(RatingErrors.RATING_EXISTS, 'The company already has a rating in this cycle');
    throw err;
  }
}

function checkEvidence(rubric: RubricRow, evidence: readonly EvidenceItem[]): void {
  const keys = new Set(rubric.content.dimensions.flatMap((d) => d.criteria.map((c) => c.key)));
  for (const e of evidence) {
    const ok = e.kind === 'link' ? /^https:\/\/[^\s]+$/.test(e.url) : /^\/[a-z0-9-]+(\/[A-Za-z0-9_-]+)*$/.test(e.url);
    if (!ok || !keys.has(e.criterionKey)) {
      throw new AppError(RatingErrors.RATING_EVIDENCE_INVALID, `Evidence "${e.title}": ${keys.has(e.criterionKey) ? (e.kind === 'link' ? 'an https link is expected' : 'a platform path like /requests/12 is expected') : `unknown criterion ${e.criterionKey}`}`);
    }
  }
}

/** 自评: the company scores itself on every criterion, with its evidence. */
export async function submitSelfEvaluation({ ctx, actor, ratingId, input }: { ctx: AppContext; actor: Actor; ratingId: number; input: { scores: ScoreSheet; evidence: EvidenceItem[]; note?: string; appliedLevel?: number } }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const l = await loadRating(tx, actor, ratingId, { forUpdate: true });
    ratingMachine.nextState(l.rating.state, 'self_evaluate', l.kinds);
    if (!cycleOpen(l.cycle, now)) throw new AppError(RatingErrors.RATING_CYCLE_CLOSED, `Self-evaluations closed on ${l.cycle.applyBy}`);
    const total = checkSheet(l.rubric, input.scores);
    checkEvidence(l.rubric, input.evidence);
    await step(tx, l, 'self_evaluate', actor, now, {
      selfScores: input.scores, selfTotal: total, evidence: input.evidence, selfNote: input.note ?? null, selfEvaluatedAt: now,
      ...(input.appliedLevel && { appliedLevel: input.appliedLevel }),
    }, input.note ?? null, { total });
  });
}

/**
 * 社区党委把关测评: one served community's committee scores the rating, once (a unique index
 * decides two submissions at once). The rating's row is locked, so the last committee's
 * assessment — whoever commits last — is the one that completes the round.
 */
export async function submitAssessment({ ctx, actor, ratingId, input }: { ctx: AppContext; actor: Actor; ratingId: number; input: { communityId?: number; scores: ScoreSheet; opinion: string } }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const l = await loadRating(tx, actor, ratingId, { forUpdate: true });
    if (isCompanyOf(actor, l.place)) throw new AppError(RatingErrors.RATING_ASSESSOR_INVALID, 'A company does not assess its own rating');
    const mine = assessableCommunities(actor, l.place);
    const communityId = input.communityId ?? (mine.length === 1 ? mine[0] : undefined);
    if (communityId === undefined || !mine.includes(communityId)) {
      throw new AppError(RatingErrors.RATING_ASSESSOR_INVALID, mine.length ? 'Name the community whose committee assesses (communityId)' : 'Only the party committee of a community the company serves assesses it');
    }
    ratingMachine.nextState(l.rating.state, 'assess', l.kinds);
    const total = checkSheet(l.rubric, input.scores);
    try {
      await tx.insert(ratingAssessments).values({ communityId, ratingId, scores: input.scores, total, opinion: input.opinion, assessedByAccountId: actor.accountId, assessedAt: now });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(RatingErrors.RATING_ALREADY_ASSESSED, 'This community\'s committee already assessed the rating');
      throw err;
    }
    const after = await step(tx, l, 'assess', actor, now, {}, input.opinion, { communityId, total });
    const [{ n }] = (await tx.select({ n: count() }).from(ratingAssessments).where(eq(ratingAssessments.ratingId, ratingId))) as [{ n: number }];
    if (n >= l.rating.communityIds.length) {
      await step(tx, { rating: after, kinds: ['system'] }, 'complete_assessment', null, now, {}, `${n} 个社区党委测评完成`);
    }
  });
}

/** The measured criteria of a rating's company over its cycle's months. */
export async function measureRating(db: DbOrTx, l: Pick<LoadedRating, 'rating' | 'cycle'>, now: Date): Promise<MeasuredSnapshot> {
  return { from: l.cycle.periodFrom, to: l.cycle.periodTo, at: now.toISOString(), values: await readMeasured(db, { companyId: l.rating.companyId, from: l.cycle.periodFrom, to: l.cycle.periodTo }) };
}

/** The last three calendar months up to now (Shanghai): the quarter a lowering on figures looks at. */
export function quarterWindow(now: Date): { from: string; to: string } {
  const to = shanghaiMonth(now);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) - 2;
  return { from: `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`, to };
}

async function measureQuarter(db: DbOrTx, companyId: number, now: Date): Promise<MeasuredSnapshot> {
  const w = quarterWindow(now);
  return { ...w, at: now.toISOString(), values: await readMeasured(db, { companyId, ...w }) };
}

/** The measured keys whose floor of `level` the values miss (no data misses nothing). */
export function floorsMissed(rubric: RubricContent, level: number, values: readonly MeasuredValue[]): string[] {
  const l = level as StarLevel;
  return values.filter((v) => rubric.floors[v.key] && !meetsFloor(rubric.floors[v.key]!, l, v.value)).map((v) => v.key);
}

/** 复核认定: the department decides the level (or refuses) with a written reason; the measured criteria are kept as it saw them. */
export async function certifyRating({ ctx, actor, ratingId, input }: { ctx: AppContext; actor: Actor; ratingId: number; input: { level: number; score: number; reason: string } }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const l = await loadRating(tx, actor, ratingId, { forUpdate: true });
    const action = input.level === 0 ? 'refuse' : 'certify';
    ratingMachine.nextState(l.rating.state, action, l.kinds);
    const measured = await measureRating(tx, l, now);
    const level = input.level === 0 ? null : input.level;
    await step(tx, l, action, actor, now, {
      level, certifiedLevel: level, certifiedScore: input.score, certifiedReason: input.reason, certifiedAt: now, certifiedByAccountId: actor.accountId, measured,
      certificateNo: level ? `${l.place.cityCode.toUpperCase().slice(0, 3)}-${l.cycle.year}-${String(l.rating.id).padStart(4, '0')}` : null,
    }, input.reason, { level, score: input.score });
  });
}

/**
 * 动态审核: a mid-year lowering in three steps — the department proposes it with its grounds (the
 * company is told, and has until answerDueAt), the company answers, the department decides
 * (after the answer, or once the time to answer has passed).
 */
export async function lowerRating({ ctx, actor, ratingId, input }: { ctx: AppContext; actor: Actor; ratingId: number; input: LowerBody }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const l = await loadRating(tx, actor, ratingId, { forUpdate: true });
    const [open] = await tx.select().from(ratingLowerings).where(and(eq(ratingLowerings.ratingId, ratingId), isNull(ratingLowerings.decision)));
    if (input.step === 'propose') {
      ratingMachine.nextState(l.rating.state, 'propose_lowering', l.kinds);
      const from = l.rating.level!;
      if (!(input.toLevel < from)) throw new AppError(RatingErrors.RATING_LOWERING_INVALID, `The rating is ${from} stars: propose a lower level (or 0 to revoke)`);
      const answerDueAt = new Date(now.getTime() + input.answerDays * 86_400_000);
      const quarter = await measureQuarter(tx, l.rating.companyId, now);
      if (input.grounds === 'figures') {
        const missed = floorsMissed(l.rubric.content, from, quarter.values);
        if (!missed.length) {
          throw new AppError(RatingErrors.RATING_LOWERING_INVALID, `Over ${quarter.from}–${quarter.to} the measured figures meet every ${from}-star floor: lower on figures only when they fall under it`, { from: quarter.from, to: quarter.to });
        }
      }
      await tx.insert(ratingLowerings).values({
        companyId: l.rating.companyId, ratingId, grounds: input.grounds, fromLevel: from, toLevel: input.toLevel, reason: input.reason,
        measured: quarter, answerDueAt, proposedByAccountId: actor.accountId, proposedAt: now,
      });
      await step(tx, l, 'propose_lowering', actor, now, {}, input.reason, { toLevel: input.toLevel, grounds: input.grounds, answerDueAt: answerDueAt.toISOString() });
      return;
    }
    if (!open) throw new AppError(RatingErrors.RATING_STEP_ILLEGAL, 'No lowering is under way');
    if (input.step === 'answer') {
      ratingMachine.nextState(l.rating.state, 'answer', l.kinds);
      const done = await tx.update(ratingLowerings).set({ answer: input.answer, answeredAt: now, answeredByAccountId: actor.accountId })
        .where(and(eq(ratingLowerings.id, open.id), isNull(ratingLowerings.answer))).returning({ id: ratingLowerings.id });
      if (!done.length) throw new AppError(RatingErrors.RATING_STEP_ILLEGAL, 'The company already answered');
      await step(tx, l, 'answer', actor, now, {}, input.answer);
      return;
    }
    if (!open.answeredAt && now < open.answerDueAt) {
      throw new AppError(RatingErrors.RATING_ANSWER_PENDING, `The company may answer until ${open.answerDueAt.toISOString()}`);
    }
    const action = input.decision === 'withdraw' ? 'withdraw_lowering' : open.toLevel === 0 ? 'revoke' : 'lower';
    ratingMachine.nextState(l.rating.state, action, l.kinds);
    await tx.update(ratingLowerings).set({ decision: action === 'withdraw_lowering' ? 'withdrawn' : action === 'revoke' ? 'revoked' : 'lowered', decisionReason: input.reason, decidedAt: now })
      .where(eq(ratingLowerings.id, open.id));
    const patch = action === 'lower' ? { level: open.toLevel } : action === 'revoke' ? { level: null } : {};
    await step(tx, l, action, actor, now, patch, input.reason, { fromLevel: open.fromLevel, toLevel: action === 'withdraw_lowering' ? open.fromLevel : open.toLevel });
  });
}
