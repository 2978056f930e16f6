import { z } from 'zod';
import { bodyId, calendarDate, calendarMonth, idParam, line, pageOf, pageQuery, queryId, text } from '../../kernel/dto.js';
import { ratingStates } from './ratings.schema.js';
import { dimensionKeys, rubricContent } from './ratings.rubric.js';

export { idParam };

const level = z.number().int().min(3).max(5);
const sheet = z.record(z.string().max(40), z.number().int().min(0).max(100)).describe('Criterion key → points given (every criterion of the rubric)');
const reason = text({ min: 2, max: 2000 });

// ---- cycles ----

export const createCycleBody = z.object({
  year: z.number().int().min(2000).max(2100).describe('The rating year (年度)'),
  title: line({ min: 2, max: 80 }).optional().describe('Default: <year>年度星级物业服务企业评定'),
  rubric: rubricContent.optional().describe('Publish this rubric as a new version; default: the latest version (or the standard rubric)'),
  rubricTitle: line({ min: 2, max: 80 }).optional(),
  periodFrom: calendarMonth.describe('First month of the measured figures'),
  periodTo: calendarMonth.describe('Last month of the measured figures'),
  applyBy: calendarDate.describe('Last day for self-evaluations'),
  validUntil: calendarDate.optional().describe('Certified ratings expire after this day (default: 31 December of the following year)'),
});
export type CreateCycleBody = z.infer<typeof createCycleBody>;

export const cycleListQuery = z.object({ cityId: queryId.optional().describe('Only this city (a platform admin); default: the actor\'s') });

const rubricDto = z.object({ id: z.number().int(), version: z.number().int(), title: z.string(), content: z.any().describe('Dimensions, criteria, thresholds and floors (see POST body)'), maxPoints: z.number().int() });

export const cycleDto = z.object({
  id: z.number().int(),
  cityId: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  applyBy: z.string(),
  validUntil: z.string(),
  open: z.boolean().describe('Still accepting self-evaluations'),
  rubric: rubricDto,
  counts: z.record(z.string(), z.number().int()).describe('Ratings per state'),
  measures: z.array(z.object({ key: z.string(), name: z.string(), unit: z.enum(['rate', 'count']), definition: z.string() })).describe('The measured criteria the platform fills in (keys used by criteria and floors)'),
  createdAt: z.string(),
});
export const cycleListDto = z.object({ items: z.array(cycleDto.omit({ rubric: true, measures: true }).extend({ rubricVersion: z.number().int() })) });

// ---- ratings ----

export const createRatingBody = z.object({
  cycleId: bodyId,
  companyId: bodyId,
  appliedLevel: level.default(3).describe('The level applied for (申报星级)'),
});

export const ratingListQuery = z.object({
  cycleId: queryId.optional(),
  companyId: queryId.optional(),
  state: z.enum(ratingStates).optional(),
  awaitingMe: z.enum(['true', 'false']).optional().describe('true: only ratings waiting for a step the actor may take'),
  ...pageQuery,
});

const evidence = z.object({
  criterionKey: z.string().max(40),
  kind: z.enum(['link', 'record']).describe('link: an https address; record: a platform path such as /requests/12'),
  title: line({ min: 1, max: 120 }),
  url: z.string().max(500),
});

export const selfEvaluationBody = z.object({
  scores: sheet,
  evidence: z.array(evidence).max(100).default([]),
  note: text({ max: 2000 }).optional(),
  appliedLevel: level.optional(),
});

export const assessmentBody = z.object({
  communityId: bodyId.optional().describe('The community whose committee assesses (needed when the actor sits on several served ones)'),
  scores: sheet,
  opinion: reason.describe('The committee\'s opinion (测评意见)'),
});

export const certifyBody = z.object({
  level: z.union([level, z.literal(0)]).describe('3–5: certify at that level; 0: refuse (不予认定)'),
  score: z.number().int().min(0).max(1000).describe('The reviewed total'),
  reason: reason.describe('The written reason, shown with the rating and in its history'),
});

export const lowerBody = z.discriminatedUnion('step', [
  z.object({
    step: z.literal('propose'),
    toLevel: z.union([level, z.literal(0)]).describe('Proposed level; 0 = revoke'),
    grounds: z.enum(['figures', 'complaints']).describe('figures: under the level\'s floor for a quarter; complaints: upheld complaints'),
    reason,
    answerDays: z.number().int().min(1).max(60).default(10).describe('Days the company has to answer'),
  }),
  z.object({ step: z.literal('answer'), answer: reason.describe('The company\'s answer (申辩)') }),
  z.object({ step: z.literal('decide'), decision: z.enum(['lower', 'withdraw']), reason }),
]);
export type LowerBody = z.infer<typeof lowerBody>;

const measuredDto = z.object({
  key: z.string(), name: z.string(), definition: z.string(), source: z.string(), unit: z.enum(['rate', 'count']), lowerIsBetter: z.boolean(),
  value: z.number().nullable(), numbers: z.record(z.string(), z.number()),
  floors: z.record(z.string(), z.number()).describe('Level → bound (min, or max when lowerIsBetter)'),
  meets: z.record(z.string(), z.boolean()).describe('Level → whether the value meets its floor'),
});

const byDimension = z.object(Object.fromEntries(dimensionKeys.map((k) => [k, z.number().int()])) as Record<(typeof dimensionKeys)[number], z.ZodNumber>);

const loweringDto = z.object({
  id: z.number().int(), grounds: z.string(), fromLevel: z.number().int(), toLevel: z.number().int(), reason: z.string(),
  answerDueAt: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable(),
  decision: z.string().nullable(), decisionReason: z.string().nullable(), decidedAt: z.string().nullable(), proposedAt: z.string(),
});

export const ratingSummaryDto = z.object({
  id: z.number().int(),
  state: z.enum(ratingStates),
  status: z.enum(['in_progress', 'certified', 'lowering', 'not_certified', 'revoked', 'expired']),
  company: z.object({ id: z.number().int(), name: z.string() }),
  cycle: z.object({ id: z.number().int(), year: z.number().int(), title: z.string(), validUntil: z.string() }),
  appliedLevel: z.number().int(),
  level: z.number().int().nullable(),
  selfTotal: z.number().int().nullable(),
  committeeMean: z.number().int().nullable(),
  certifiedScore: z.number().int().nullable(),
  assessed: z.number().int().describe('Committees that assessed'),
  communities: z.number().int().describe('Committees that must assess'),
  updatedAt: z.string(),
});

export const ratingDetailDto = ratingSummaryDto.extend({
  rubric: rubricDto,
  cycleDetail: z.object({ periodFrom: z.string(), periodTo: z.string(), applyBy: z.string() }),
  self: z.object({ scores: z.record(z.string(), z.number()), total: z.number().int(), byDimension, note: z.string().nullable(), evidence: z.array(evidence), at: z.string() }).nullable(),
  assessments: z.array(z.object({
    communityId: z.number().int(), communityName: z.string(), scores: z.record(z.string(), z.number()), total: z.number().int(), byDimension,
    opinion: z.string(), assessorName: z.string(), at: z.string(),
  })),
  pendingCommunities: z.array(z.object({ id: z.number().int(), name: z.string() })),
  measured: z.array(measuredDto),
  measuredAt: z.string().describe('When the measured criteria were read: now, or the certification\'s snapshot'),
  suggestion: z.object({
    score: z.number().int().nullable().describe('The committees\' mean total'),
    level: z.number().int().nullable(), byScore: z.number().int().nullable(),
    missedFloors: z.array(z.object({ level: z.number().int(), key: z.string(), value: z.number(), bound: z.number() })),
  }),
  certification: z.object({ level: z.number().int().nullable(), score: z.number().int().nullable(), reason: z.string(), at: z.string(), byName: z.string().nullable(), certificateNo: z.string().nullable() }).nullable(),
  lowering: loweringDto.nullable().describe('The lowering under way'),
  lowerings: z.array(loweringDto),
  events: z.array(z.object({ at: z.string(), action: z.string(), actorName: z.string().nullable(), fromState: z.string().nullable(), toState: z.string().nullable(), note: z.string().nullable() })),
  abilities: z.object({
    selfEvaluate: z.boolean(), assess: z.boolean(), assessFor: z.array(z.number().int()), certify: z.boolean(), proposeLowering: z.boolean(),
    answer: z.boolean(), decideLowering: z.boolean(), certificate: z.boolean(),
  }),
});
export type RatingDetail = z.infer<typeof ratingDetailDto>;

export const ratingPage = pageOf(ratingSummaryDto);

export const companyHistoryDto = z.object({
  company: z.object({ id: z.number().int(), name: z.string() }),
  items: z.array(z.object({
    ratingId: z.number().int(), year: z.number().int(), state: z.enum(ratingStates), status: ratingSummaryDto.shape.status,
    level: z.number().int().nullable(), selfTotal: z.number().int().nullable(), committeeMean: z.number().int().nullable(), certifiedScore: z.number().int().nullable(),
    reasons: z.array(z.object({ at: z.string(), action: z.string(), note: z.string().nullable() })),
  })),
});

// ---- publication ----

export const districtQuery = z.object({ districtId: queryId.describe('The district whose companies are listed (a company serving any compound in it)') });

const publishedItem = z.object({
  ratingId: z.number().int(), company: z.object({ id: z.number().int(), name: z.string() }), year: z.number().int(), level: z.number().int(),
  certifiedAt: z.string(), validUntil: z.string(), compounds: z.number().int().describe('Compounds it serves in the district'), certificateNo: z.string().nullable(),
});
export const publishedDto = z.object({ district: z.object({ id: z.number().int(), name: z.string(), cityName: z.string() }), items: z.array(publishedItem) });
export const honourListsDto = z.object({
  district: z.object({ id: z.number().int(), name: z.string(), cityName: z.string() }),
  honour: z.array(publishedItem).describe('红榜: five-star ratings in force'),
  warning: z.array(z.object({
    company: z.object({ id: z.number().int(), name: z.string() }), year: z.number().int(), status: z.string(),
    level: z.number().int().nullable(), reason: z.string(), at: z.string(),
  })).describe('警示榜: ratings lowered, revoked or refused this year, and lowerings under way'),
});


export const ratingDistrictsDto = z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), cityId: z.number().int(), cityName: z.string(), published: z.number().int() })) });
