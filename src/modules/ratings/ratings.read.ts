import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { grantsWith, scopeFilter, type Actor } from '../access/access.policy.js';
import { accounts, people } from '../accounts/accounts.schema.js';
import { propertyCompanies } from '../places/places.schema.js';
import { presentRubric } from './ratings.cycles.js';
import type { RatingDetail } from './ratings.dto.js';
import { ratingMachine } from './ratings.machine.js';
import { measuredByKey } from './ratings.measures.js';
import { communityNames, companyPlace } from './ratings.places.js';
import { assessableCommunities, canReadRating } from './ratings.policy.js';
import { levelFor, meanTotal, meetsFloor, starLevels, totalsOf, type MeasuredValue, type RubricContent } from './ratings.rubric.js';
import { loadRating, measureRating, type RatingRow } from './ratings.service.js';
import { ratingAssessments, ratingCycles, ratingEvents, ratingLowerings, ratings, type RatingState } from './ratings.schema.js';
import { compareZh } from '../../shared/collation.js';

type Status = 'in_progress' | 'certified' | 'lowering' | 'not_certified' | 'revoked' | 'expired';

/** What a rating is today: a certified one past its cycle's valid-until day has expired (年度动态审核). */
export function statusOf(state: RatingState, validUntil: string, today: string): Status {
  if (state === 'certified' || state === 'lowering') return validUntil < today ? 'expired' : state;
  if (state === 'not_certified' || state === 'revoked') return state;
  return 'in_progress';
}

interface SummaryRow { rating: RatingRow; companyName: string; cycleYear: number; cycleTitle: string; validUntil: string; assessed: number; mean: number | null }

function presentSummary(r: SummaryRow, today: string) {
  const x = r.rating;
  return {
    id: x.id, state: x.state, status: statusOf(x.state, r.validUntil, today), company: { id: x.companyId, name: r.companyName },
    cycle: { id: x.cycleId, year: r.cycleYear, title: r.cycleTitle, validUntil: r.validUntil },
    appliedLevel: x.appliedLevel, level: x.level, selfTotal: x.selfTotal, committeeMean: r.mean, certifiedScore: x.certifiedScore,
    assessed: r.assessed, communities: x.communityIds.length, updatedAt: x.updatedAt.toISOString(),
  };
}

/** The SQL form of canReadRating: the department's city, the company, or a served community (street, district) of a grant. */
function visibleCondition(actor: Actor): SQL {
  const f = scopeFilter(actor, 'ratings:read');
  if (f.all) return sql`true`;
  const arr = (ids: number[]) => `{${ids.join(',')}}`;
  const parts: SQL[] = [];
  if (f.ids.city?.length) parts.push(sql`${ratings.cityId} = any(${arr(f.ids.city)}::bigint[])`);
  if (f.ids.company?.length) parts.push(sql`${ratings.companyId} = any(${arr(f.ids.company)}::bigint[])`);
  const areas: SQL[] = [];
  if (f.ids.community?.length) areas.push(sql`c.id = any(${arr(f.ids.community)}::bigint[])`);
  if (f.ids.street?.length) areas.push(sql`c.street_id = any(${arr(f.ids.street)}::bigint[])`);
  if (f.ids.district?.length) areas.push(sql`c.district_id = any(${arr(f.ids.district)}::bigint[])`);
  if (areas.length) {
    parts.push(sql`exists (select 1 from jsonb_array_elements_text(${ratings.communityIds}) x join communities c on c.id = x::bigint where ${sql.join(areas, sql` or `)})`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** Ratings waiting for a step of this actor: the company's drafts and lowerings to answer, committees' assessments not given, the department's reviews. */
function awaitingCondition(actor: Actor): SQL {
  const parts: SQL[] = [];
  const companies = grantsWith(actor, 'ratings:apply').filter((g) => g.scopeType === 'company').map((g) => g.scopeId);
  if (companies.length) {
    parts.push(sql`(${ratings.companyId} = any(${`{${companies.join(',')}}`}::bigint[]) and (${ratings.state} = 'draft'
      or (${ratings.state} = 'lowering' and exists (select 1 from rating_lowerings o where o.rating_id = ${ratings.id} and o.decision is null and o.answer is null))))`);
  }
  const committees = grantsWith(actor, 'ratings:assess').filter((g) => g.scopeType === 'community').map((g) => g.scopeId);
  if (committees.length) {
    parts.push(sql`(${ratings.state} in ('self_evaluated', 'assessing') and exists (
      select 1 from jsonb_array_elements_text(${ratings.communityIds}) x where x::bigint = any(${`{${committees.join(',')}}`}::bigint[])
        and not exists (select 1 from rating_assessments a where a.rating_id = ${ratings.id} and a.community_id = x::bigint)))`);
  }
  if (grantsWith(actor, 'ratings:certify').length) parts.push(sql`${ratings.state} in ('assessed', 'lowering')`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

const summaryColumns = {
  rating: ratings, companyName: propertyCompanies.shortName, cycleYear: ratingCycles.year, cycleTitle: ratingCycles.title, validUntil: ratingCycles.validUntil,
  assessed: sql<number>`(select count(*)::int from rating_assessments a where a.rating_id = ${ratings.id})`.mapWith(Number),
  mean: sql<number | null>`(select round(avg(a.total))::int from rating_assessments a where a.rating_id = ${ratings.id})`,
};

export async function listRatings({ ctx, actor, query }: { ctx: AppContext; actor: Actor; query: { cycleId?: number; companyId?: number; state?: RatingState; awaitingMe?: 'true' | 'false'; page: number; pageSize: number } }) {
  const where = and(
    visibleCondition(actor),
    query.cycleId ? eq(ratings.cycleId, query.cycleId) : undefined,
    query.companyId ? eq(ratings.companyId, query.companyId) : undefined,
    query.state ? eq(ratings.state, query.state) : undefined,
    query.awaitingMe === 'true' ? awaitingCondition(actor) : undefined,
  );
  const rows = await ctx.db.select(summaryColumns).from(ratings)
    .innerJoin(propertyCompanies, eq(propertyCompanies.id, ratings.companyId)).innerJoin(ratingCycles, eq(ratingCycles.id, ratings.cycleId))
    .where(where).orderBy(desc(ratingCycles.year), asc(propertyCompanies.shortName), asc(ratings.id))
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const [total] = await ctx.db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(ratings).where(where);
  const today = shanghaiDate(ctx.clock.now());
  return { items: rows.map((r) => presentSummary(r as SummaryRow, today)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Each measured value with its definition, and per level its floor and whether it is met. */
export function presentMeasured(rubric: RubricContent, values: readonly MeasuredValue[]) {
  return values.flatMap((v) => {
    const def = measuredByKey.get(v.key);
    if (!def) return [];
    const floor = rubric.floors[v.key];
    const floors: Record<string, number> = {};
    const meets: Record<string, boolean> = {};
    for (const l of starLevels) {
      if (floor?.[l] === undefined) continue;
      floors[l] = floor[l]!;
      meets[l] = meetsFloor(floor, l, v.value);
    }
    return [{ key: v.key, name: def.name, definition: def.definition, source: def.source, unit: def.unit, lowerIsBetter: !!def.lowerIsBetter, value: v.value, numbers: v.numbers, floors, meets }];
  });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** GET /api/ratings/:id — the whole rating: rubric version, self-score, committees' scores, measured criteria, the suggestion, decisions, history, abilities. */
export async function getRatingDetail({ ctx, actor, ratingId }: { ctx: AppContext; actor: Actor; ratingId: number }): Promise<RatingDetail> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const l = await loadRating(db, actor, ratingId);
  const r = l.rating;
  const content = l.rubric.content;
  const assessments = await db.select({ a: ratingAssessments, assessorName: people.name }).from(ratingAssessments)
    .innerJoin(accounts, eq(accounts.id, ratingAssessments.assessedByAccountId)).innerJoin(people, eq(people.id, accounts.personId))
    .where(eq(ratingAssessments.ratingId, r.id)).orderBy(asc(ratingAssessments.assessedAt), asc(ratingAssessments.id));
  const names = await communityNames(db, r.communityIds);
  const done = new Set(assessments.map((a) => a.a.communityId));
  const lowerings = await db.select().from(ratingLowerings).where(eq(ratingLowerings.ratingId, r.id)).orderBy(asc(ratingLowerings.proposedAt));
  const events = await db.select().from(ratingEvents).where(eq(ratingEvents.ratingId, r.id)).orderBy(asc(ratingEvents.at), asc(ratingEvents.id));
  const snapshot = r.measured && r.state !== 'assessed' ? r.measured : await measureRating(db, l, now);
  const mean = meanTotal(assessments.map((a) => a.a.total));
  const suggestion = mean === null ? { level: null, byScore: null, missedFloors: [] } : levelFor(content, mean, snapshot.values);
  const [certifier] = r.certifiedByAccountId
    ? await db.select({ name: people.name }).from(accounts).innerJoin(people, eq(people.id, accounts.personId)).where(eq(accounts.id, r.certifiedByAccountId))
    : [];
  const open = lowerings.find((x) => x.decision === null) ?? null;
  const kinds = l.kinds;
  const today = shanghaiDate(now);
  const status = statusOf(r.state, l.cycle.validUntil, today);
  const presentLowering = (x: typeof lowerings[number]) => ({
    id: x.id, grounds: x.grounds, fromLevel: x.fromLevel, toLevel: x.toLevel, reason: x.reason, answerDueAt: x.answerDueAt.toISOString(),
    answer: x.answer, answeredAt: iso(x.answeredAt), decision: x.decision, decisionReason: x.decisionReason, decidedAt: iso(x.decidedAt), proposedAt: x.proposedAt.toISOString(),
  });
  const assessFor = assessableCommunities(actor, l.place).filter((c) => !done.has(c));
  return {
    ...presentSummary({ rating: r, companyName: l.place.name, cycleYear: l.cycle.year, cycleTitle: l.cycle.title, validUntil: l.cycle.validUntil, assessed: assessments.length, mean }, today),
    rubric: presentRubric(l.rubric),
    cycleDetail: { periodFrom: l.cycle.periodFrom, periodTo: l.cycle.periodTo, applyBy: l.cycle.applyBy },
    self: r.selfScores && r.selfEvaluatedAt
      ? { scores: r.selfScores, total: r.selfTotal ?? 0, byDimension: totalsOf(content, r.selfScores).byDimension, note: r.selfNote, evidence: r.evidence, at: r.selfEvaluatedAt.toISOString() }
      : null,
    assessments: assessments.map(({ a, assessorName }) => ({
      communityId: a.communityId, communityName: names.get(a.communityId) ?? '', scores: a.scores, total: a.total, byDimension: totalsOf(content, a.scores).byDimension,
      opinion: a.opinion, assessorName, at: a.assessedAt.toISOString(),
    })),
    pendingCommunities: r.communityIds.filter((c) => !done.has(c)).map((id) => ({ id, name: names.get(id) ?? '' })),
    measured: presentMeasured(content, snapshot.values),
    measuredAt: snapshot.at,
    suggestion: { score: mean, ...suggestion },
    certification: r.certifiedAt && r.certifiedReason
      ? { level: r.certifiedLevel, score: r.certifiedScore, reason: r.certifiedReason, at: r.certifiedAt.toISOString(), byName: certifier?.name ?? null, certificateNo: r.certificateNo }
      : null,
    lowering: open && presentLowering(open),
    lowerings: lowerings.map(presentLowering),
    events: events.map((e) => ({ at: e.at.toISOString(), action: e.action, actorName: e.actorName, fromState: e.fromState, toState: e.toState, note: e.note })),
    abilities: {
      selfEvaluate: ratingMachine.canMove(r.state, 'self_evaluate', kinds) && l.cycle.applyBy >= today,
      assess: ratingMachine.canMove(r.state, 'assess', kinds) && assessFor.length > 0,
      assessFor,
      certify: ratingMachine.canMove(r.state, 'certify', kinds),
      proposeLowering: ratingMachine.canMove(r.state, 'propose_lowering', kinds) && status === 'certified',
      answer: ratingMachine.canMove(r.state, 'answer', kinds) && !!open && open.answer === null,
      decideLowering: ratingMachine.canMove(r.state, 'lower', kinds) && !!open && (open.answeredAt !== null || now >= open.answerDueAt),
      certificate: (r.state === 'certified' || r.state === 'lowering') && r.level !== null,
    },
  };
}

/** GET /api/companies/:id/ratings — every year's scores, level and reasons. */
export async function companyHistory({ ctx, actor, companyId }: { ctx: AppContext; actor: Actor; companyId: number }) {
  const place = await companyPlace(ctx.db, companyId);
  const rows = place ? await ctx.db.select(summaryColumns).from(ratings)
    .innerJoin(propertyCompanies, eq(propertyCompanies.id, ratings.companyId)).innerJoin(ratingCycles, eq(ratingCycles.id, ratings.cycleId))
    .where(and(eq(ratings.companyId, companyId), visibleCondition(actor))).orderBy(desc(ratingCycles.year)) : [];
  // The company itself is visible to whoever may read one of its ratings, or to a reader of its place.
  if (!place || (!rows.length && !canReadRating(actor, place))) throw notFound('Property company', companyId);
  const ids = rows.map((r) => r.rating.id);
  const events = ids.length ? await ctx.db.select().from(ratingEvents).where(and(inArray(ratingEvents.ratingId, ids), inArray(ratingEvents.action, ['certify', 'refuse', 'propose_lowering', 'answer', 'lower', 'revoke', 'withdraw_lowering'])))
    .orderBy(asc(ratingEvents.at), asc(ratingEvents.id)) : [];
  const today = shanghaiDate(ctx.clock.now());
  return {
    company: { id: companyId, name: place.name },
    items: rows.map((r) => {
      const s = presentSummary(r as SummaryRow, today);
      return {
        ratingId: s.id, year: s.cycle.year, state: s.state, status: s.status, level: s.level, selfTotal: s.selfTotal, committeeMean: s.committeeMean, certifiedScore: s.certifiedScore,
        reasons: events.filter((e) => e.ratingId === s.id).map((e) => ({ at: e.at.toISOString(), action: e.action, note: e.note })),
      };
    }),
  };
}

interface PublishedRow { rating_id: number; company_id: number; name: string; year: number; level: number; certified_at: Date | string; valid_until: string; compounds: number; certificate_no: string | null }

/** Certified ratings in force of companies serving compounds in the district (public), newest year first. */
async function publishedIn(db: DbOrTx, districtId: number, today: string): Promise<PublishedRow[]> {
  return queryRows<PublishedRow>(db, sql`
    select r.id as rating_id, r.company_id, pc.short_name as name, y.year, r.level, r.certified_at, y.valid_until::text as valid_until, k.n as compounds, r.certificate_no
    from ratings r join rating_cycles y on y.id = r.cycle_id join property_companies pc on pc.id = r.company_id
    join lateral (select count(*)::int as n from compounds k join communities c on c.id = k.community_id where k.property_company_id = r.company_id and c.district_id = ${districtId}) k on k.n > 0
    where r.state in ('certified', 'lowering') and r.level is not null and y.valid_until >= ${today}::date
    order by y.year desc, r.level desc, pc.short_name`);
}

const presentPublished = (r: PublishedRow) => ({
  ratingId: Number(r.rating_id), company: { id: Number(r.company_id), name: r.name }, year: Number(r.year), level: Number(r.level),
  certifiedAt: new Date(r.certified_at).toISOString(), validUntil: r.valid_until, compounds: Number(r.compounds), certificateNo: r.certificate_no,
});

async function requireDistrict(db: DbOrTx, districtId: number) {
  const [d] = await queryRows<{ id: number; name: string; city_name: string }>(db, sql`select d.id, d.name, c.name as city_name from districts d join cities c on c.id = d.city_id where d.id = ${districtId}`);
  if (!d) throw notFound('District', districtId);
  return { id: Number(d.id), name: d.name, cityName: d.city_name };
}

/** GET /api/published-ratings — 星级物业企业 of a district, public. */
export async function publishedRatings({ ctx, districtId }: { ctx: AppContext; districtId: number }) {
  const district = await requireDistrict(ctx.db, districtId);
  const today = shanghaiDate(ctx.clock.now());
  // Only the latest certified year of each company is in force.
  const rows = (await publishedIn(ctx.db, districtId, today)).filter((r, i, all) => all.findIndex((x) => x.company_id === r.company_id) === i)
    .sort((x, y) => Number(y.level) - Number(x.level) || compareZh(x.name, y.name));
  return { district, items: rows.map(presentPublished) };
}

/** GET /api/rating-lists — 红榜 (five stars in force) and 警示榜 (lowered, revoked, refused, or a lowering under way) of a district, public. */
export async function honourLists({ ctx, districtId }: { ctx: AppContext; districtId: number }) {
  const { district, items } = await publishedRatings({ ctx, districtId });
  const warnings = await queryRows<{ company_id: number; name: string; year: number; state: string; level: number | null; reason: string | null; at: Date | string }>(ctx.db, sql`
    select r.company_id, pc.short_name as name, y.year, r.state, r.level, e.note as reason, e.at
    from ratings r join rating_cycles y on y.id = r.cycle_id join property_companies pc on pc.id = r.company_id
    join lateral (select note, at, action from rating_events e where e.rating_id = r.id and e.action in ('refuse', 'propose_lowering', 'lower', 'revoke') order by at desc, id desc limit 1) e on true
    where exists (select 1 from compounds k join communities c on c.id = k.community_id where k.property_company_id = r.company_id and c.district_id = ${districtId})
      and y.valid_until >= ${shanghaiDate(ctx.clock.now())}::date
      and (r.state in ('not_certified', 'revoked', 'lowering') or (r.state = 'certified' and e.action = 'lower'))
    order by e.at desc`);
  const label: Record<string, string> = { not_certified: 'not_certified', revoked: 'revoked', lowering: 'lowering', certified: 'lowered' };
  return {
    district,
    honour: items.filter((i) => i.level === 5),
    warning: warnings.map((w) => ({
      company: { id: Number(w.company_id), name: w.name }, year: Number(w.year), status: label[w.state] ?? w.state, level: w.level === null ? null : Number(w.level),
      reason: w.reason ?? '', at: new Date(w.at).toISOString(),
    })),
  };
}

/** GET /api/rating-districts — every district with how many companies serving it hold a rating in force (public, for the district picker). */
export async function ratingDistricts({ ctx }: { ctx: AppContext }) {
  const today = shanghaiDate(ctx.clock.now());
  const rows = await queryRows<{ id: number; name: string; city_id: number; city_name: string; published: number }>(ctx.db, sql`
    select d.id, d.name, c.id as city_id, c.name as city_name, (
      select count(distinct r.company_id)::int from ratings r join rating_cycles y on y.id = r.cycle_id
      where r.state in ('certified', 'lowering') and r.level is not null and y.valid_until >= ${today}::date
        and exists (select 1 from compounds k join communities m on m.id = k.community_id where k.property_company_id = r.company_id and m.district_id = d.id)
    ) as published
    from districts d join cities c on c.id = d.city_id order by c.id, d.id`);
  return { items: rows.map((r) => ({ id: Number(r.id), name: r.name, cityId: Number(r.city_id), cityName: r.city_name, published: Number(r.published) })) };
}
