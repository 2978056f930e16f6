import { z } from 'zod';
import { calendarMonth, queryId } from '../../kernel/dto.js';
import { requestStates } from '../../shared/request-states.js';
import { defaultQualificationThreshold } from './figures.math.js';

const id = (what: string) => queryId.describe(what);
const month = calendarMonth
  .describe('Calendar month YYYY-MM (China Standard Time), inclusive. Figures are kept per month: finer windows are not offered');
const rate = z.number().nullable().describe('0–1; null when there is nothing to divide by');

export const figuresQuery = z.object({
  communityId: id('Figures of one community (社区)').optional(),
  companyId: id('Figures of one property company: the requests assigned to it').optional(),
  streetId: id('Figures of one street (街道)').optional(),
  districtId: id('Figures of one district').optional(),
  cityId: id('Figures of the whole city').optional(),
  from: month.optional(),
  to: month.optional(),
  categoryId: id('Only this request category').optional(),
  qualificationThreshold: z.coerce.number().int().min(1).max(5).default(defaultQualificationThreshold)
    .describe('处置合格率 counts a closed request rated at least this as qualified'),
});
export type FiguresQuery = z.infer<typeof figuresQuery>;

export const scopeKinds = ['community', 'company', 'street', 'district', 'city'] as const;
export type ScopeKind = (typeof scopeKinds)[number];

const durations = z.object({
  median: z.number().int().nullable().describe('Minutes: lower bound of the bucket holding the median'),
  p90: z.number().int().nullable().describe('Minutes: lower bound of the bucket holding the 90th percentile'),
  count: z.number().int().describe('Requests measured'),
});

export const requestFiguresDto = z.object({
  scope: z.object({ kind: z.enum(scopeKinds), id: z.number().int(), name: z.string() }),
  from: z.string().nullable().describe('First month counted (YYYY-MM); null = from the beginning'),
  to: z.string().nullable().describe('Last month counted (YYYY-MM); null = up to now'),
  categoryId: z.number().int().nullable(),
  total: z.number().int().describe('All requests filed in the window, in any state'),
  byState: z.object(Object.fromEntries(requestStates.map((s) => [s, z.number().int()])) as Record<(typeof requestStates)[number], z.ZodNumber>),
  byCategory: z.array(z.object({ categoryId: z.number().int(), name: z.string(), count: z.number().int() })),
  responseMinutes: durations.describe('accepted − created, over filed requests that were accepted'),
  resolutionMinutes: durations.describe('resolved − created, over filed requests standing resolved or closed'),
  percentileResolutionMinutes: z.number().int().describe('Bucket width behind the reported percentiles: 1 below 24 h, then 15, 60, 1440'),
  slaBreachRate: rate.describe('Filed requests with a respond or resolve breach ÷ filed requests (merged and cancelled excluded)'),
  qualificationRate: rate.describe('处置合格率: closed with rating ≥ threshold ÷ closed with a rating'),
  qualificationThreshold: z.number().int(),
  satisfaction: z.object({ mean: z.number().nullable(), satisfiedShare: rate.describe('Rated 4–5 ÷ rated'), rated: z.number().int() }),
  rates: z.object({
    response: rate.describe('响应率: accepted in time ÷ response due (accepted or marked breached)'),
    resolution: rate.describe('解决率: resolved or closed ÷ filed'),
    satisfaction: rate.describe('满意率: rated 4–5 ÷ rated'),
  }),
  monthly: z.array(z.object({
    month: z.string(), total: z.number().int(), closed: z.number().int(), breached: z.number().int(), qualificationRate: rate,
  })),
});
export type RequestFigures = z.infer<typeof requestFiguresDto>;

export const rankingLevels = ['community', 'street', 'district'] as const;
export const rankingSorts = ['response', 'resolution', 'satisfaction'] as const;

export const rankingQuery = z.object({
  cityId: id('The city whose units are ranked'),
  level: z.enum(rankingLevels).default('community').describe('Rank communities, streets or districts'),
  from: month.optional(),
  to: month.optional(),
  sort: z.enum(rankingSorts).default('response').describe('Which rate orders the list'),
});
export type RankingQuery = z.infer<typeof rankingQuery>;

const rates = z.object({ response: rate, resolution: rate, satisfaction: rate });
export const rankingDto = z.object({
  city: z.object({ id: z.number().int(), name: z.string() }),
  level: z.enum(rankingLevels),
  from: z.string().nullable(),
  to: z.string().nullable(),
  sort: z.enum(rankingSorts),
  items: z.array(z.object({
    id: z.number().int(),
    name: z.string(),
    total: z.number().int(),
    filed: z.number().int(),
    rates,
    ranks: z.object({ response: z.number().int().nullable(), resolution: z.number().int().nullable(), satisfaction: z.number().int().nullable() })
      .describe('1 = best; ties share a rank; null when the rate is null'),
  })),
});
export type Ranking = z.infer<typeof rankingDto>;
