import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { can, hasPermission, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import type { CreateCycleBody } from './ratings.dto.js';
import { RatingErrors } from './ratings.errors.js';
import { measuredCriteria } from './ratings.measures.js';
import { defaultRubric, maxPointsOf, type RubricContent } from './ratings.rubric.js';
import { ratingCycles, ratingRubrics } from './ratings.schema.js';

export type CycleRow = typeof ratingCycles.$inferSelect;
export type RubricRow = typeof ratingRubrics.$inferSelect;

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505' || (err as { cause?: { code?: string } })?.cause?.code === '23505';

/** The rubric as the API shows it. */
export function presentRubric(r: RubricRow) {
  return { id: r.id, version: r.version, title: r.title, content: r.content, maxPoints: maxPointsOf(r.content) };
}

/** Is the cycle still taking self-evaluations (its apply-by day not past, Shanghai time)? */
export function cycleOpen(c: Pick<CycleRow, 'applyBy'>, now: Date): boolean {
  return shanghaiDate(now) <= c.applyBy;
}

/** Same content, key for key (a republished identical rubric is not a new version). */
const sameRubric = (a: RubricContent, b: RubricContent) => canonical(a) === canonical(b);

/** JSON with keys sorted at every level (jsonb keeps its own key order, not the one written). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/**
 * The rubric version a new cycle opens with: the given content as a new version (unless it equals
 * the latest), else the latest, else the standard rubric as version 1. Versions are numbered per
 * city; a unique index settles two departments publishing at once.
 */
async function rubricForCycle(tx: DbOrTx, actor: Actor, cityId: number, given: RubricContent | undefined, title: string | undefined): Promise<RubricRow> {
  const [latest] = await tx.select().from(ratingRubrics).where(eq(ratingRubrics.cityId, cityId)).orderBy(desc(ratingRubrics.version)).limit(1);
  const content = given ?? latest?.content ?? defaultRubric;
  if (latest && sameRubric(latest.content, content)) return latest;
  const [row] = await tx.insert(ratingRubrics).values({
    cityId, version: (latest?.version ?? 0) + 1, title: title ?? '星级物业服务企业评定细则', content, createdByAccountId: actor.accountId,
  }).returning();
  return row!;
}

const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

/** 开启年度评定: a cycle of the actor's city with its rubric version. */
export async function createCycle({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateCycleBody }): Promise<number> {
  const cityId = actor.cityId;
  requireAccess(actor, 'ratings:certify', { cityId }, 'City');
  const validUntil = input.validUntil ?? `${input.year + 1}-12-31`;
  if (input.periodFrom > input.periodTo) throw new AppError(RatingErrors.RATING_CYCLE_INVALID, 'periodFrom is after periodTo');
  if (input.applyBy > validUntil) throw new AppError(RatingErrors.RATING_CYCLE_INVALID, 'applyBy is after validUntil');
  if (validUntil > addYears(input.applyBy, 3)) throw new AppError(RatingErrors.RATING_CYCLE_INVALID, 'A rating is reviewed every year: validUntil is too far out');
  try {
    return await ctx.db.transaction(async (tx) => {
      const rubric = await rubricForCycle(tx, actor, cityId, input.rubric, input.rubricTitle);
      const [row] = await tx.insert(ratingCycles).values({
        cityId, year: input.year, title: input.title ?? `${input.year}年度星级物业服务企业评定`, rubricId: rubric.id,
        periodFrom: input.periodFrom, periodTo: input.periodTo, applyBy: input.applyBy, validUntil, createdByAccountId: actor.accountId,
      }).returning({ id: ratingCycles.id });
      return row!.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(RatingErrors.RATING_CYCLE_EXISTS, `The city already has a cycle for ${input.year} (or its rubric was published just now)`);
    throw err;
  }
}

/** A cycle the actor may see (its city's ratings readers), with its rubric; 404 otherwise. */
export async function loadCycle(db: DbOrTx, actor: Actor, cycleId: number): Promise<{ cycle: CycleRow; rubric: RubricRow }> {
  const [row] = await db.select({ cycle: ratingCycles, rubric: ratingRubrics }).from(ratingCycles)
    .innerJoin(ratingRubrics, eq(ratingRubrics.id, ratingCycles.rubricId)).where(eq(ratingCycles.id, cycleId));
  if (!row || !canSeeCity(actor, row.cycle.cityId)) throw notFound('Rating cycle', cycleId);
  return row;
}

/** Cycles are the city's published programme: every ratings reader of the city sees them (404 elsewhere). */
export function canSeeCity(actor: Actor, cityId: number): boolean {
  if (can(actor, 'ratings:read', { cityId })) return true;
  return actor.cityId === cityId && hasPermission(actor, 'ratings:read');
}

export async function cycleCounts(db: DbOrTx, cycleIds: readonly number[]): Promise<Map<number, Record<string, number>>> {
  if (!cycleIds.length) return new Map();
  const rows = await queryRows<{ cycle_id: number; state: string; n: number }>(db, sql`
    select cycle_id, state, count(*)::int as n from ratings where cycle_id = any(${`{${cycleIds.join(',')}}`}::bigint[]) group by 1, 2`);
  const out = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(Number(r.cycle_id)) ?? {};
    m[r.state] = Number(r.n);
    out.set(Number(r.cycle_id), m);
  }
  return out;
}

export function presentCycle(c: CycleRow, now: Date) {
  return {
    id: c.id, cityId: c.cityId, year: c.year, title: c.title, periodFrom: c.periodFrom, periodTo: c.periodTo, applyBy: c.applyBy, validUntil: c.validUntil,
    open: cycleOpen(c, now), createdAt: c.createdAt.toISOString(),
  };
}

export async function getCycle({ ctx, actor, cycleId }: { ctx: AppContext; actor: Actor; cycleId: number }) {
  const { cycle, rubric } = await loadCycle(ctx.db, actor, cycleId);
  const counts = await cycleCounts(ctx.db, [cycle.id]);
  const measures = measuredCriteria.map(({ key, name, unit, definition }) => ({ key, name, unit, definition }));
  return { ...presentCycle(cycle, ctx.clock.now()), rubric: presentRubric(rubric), counts: counts.get(cycle.id) ?? {}, measures };
}

export async function listCycles({ ctx, actor, cityId }: { ctx: AppContext; actor: Actor; cityId?: number }) {
  const city = cityId ?? actor.cityId;
  if (!canSeeCity(actor, city)) return { items: [] };
  const rows = await ctx.db.select({ cycle: ratingCycles, version: ratingRubrics.version }).from(ratingCycles)
    .innerJoin(ratingRubrics, eq(ratingRubrics.id, ratingCycles.rubricId))
    .where(and(eq(ratingCycles.cityId, city))).orderBy(desc(ratingCycles.year));
  const counts = await cycleCounts(ctx.db, rows.map((r) => r.cycle.id));
  const now = ctx.clock.now();
  return { items: rows.map((r) => ({ ...presentCycle(r.cycle, now), rubricVersion: r.version, counts: counts.get(r.cycle.id) ?? {} })) };
}
