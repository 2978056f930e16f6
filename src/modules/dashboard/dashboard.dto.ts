import { z } from 'zod';
import { calendarMonth, queryId } from '../../kernel/dto.js';
import { dashboardLevels, metricUnits } from './metrics/types.js';

const level = z.enum(dashboardLevels).describe('city, district, street, community or compound');
const month = calendarMonth.describe('Calendar month YYYY-MM (China Standard Time), inclusive');
const metricId = z.string().min(1).max(80).regex(/^[a-z0-9_.]+$/, 'a metric id such as requests.response_rate').describe('Metric id from GET /api/dashboard/metrics');

export const nodeQuery = z.object({
  level,
  id: queryId.describe('Id of the city, district, street, community or compound'),
  from: month.optional().describe('First month (default: eleven months before `to`)'),
  to: month.optional().describe('Last month (default: the current month)'),
});
export type NodeQuery = z.infer<typeof nodeQuery>;

export const rankingQuery = nodeQuery.extend({ metric: metricId });
export const calendarQuery = z.object({
  level, id: queryId, calendar: metricId.describe('Calendar id from GET /api/dashboard/metrics'),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Calendar year (default: this year)'),
});
export const exportTables = ['metrics', 'children', 'ranking', 'trends'] as const;
export const exportQuery = nodeQuery.extend({
  table: z.enum(exportTables).describe('metrics: the node\'s figures; children: every figure of each child; ranking: children by `metric`; trends: monthly figures'),
  metric: metricId.optional(),
});
export const reportQuery = z.object({ level, id: queryId, month: month.optional().describe('The month reported (default: the last complete month)') });

const nodeRef = z.object({ level, id: z.number().int(), name: z.string() });
const status = z.enum(['ok', 'too_few', 'no_data', 'not_kept']).describe('too_few: fewer than 5 households (or facts) behind a percentage; not_kept: the source keeps no figures at this level');
const metricValue = z.object({ value: z.number().nullable(), base: z.number().nullable().describe('Households or facts behind a percentage'), status });
const windowDto = z.object({ from: z.string(), to: z.string() });
const names = z.object({ zh: z.string(), en: z.string() });

export const registryDto = z.object({
  minimumBase: z.number().int(),
  metrics: z.array(z.object({
    id: z.string(), module: z.string(), source: z.string(), name: names,
    definition: z.object({ zh: z.string(), en: z.string(), sql: z.string() }),
    unit: z.enum(metricUnits), higherIsBetter: z.boolean(), freshness: z.string(), levels: z.array(level), windowed: z.boolean(), percentage: z.boolean(),
  })),
  breakdowns: z.array(z.object({ id: z.string(), module: z.string(), name: names, unit: z.enum(metricUnits) })),
  calendars: z.array(z.object({ id: z.string(), module: z.string(), name: names, levels: z.array(level) })),
});

export const homeDto = z.object({ nodes: z.array(nodeRef) });

export const overviewDto = z.object({
  node: nodeRef,
  breadcrumb: z.array(nodeRef).describe('From the highest level the actor may open down to the node'),
  childLevel: level.nullable(),
  children: z.array(nodeRef.extend({ lat: z.number().nullable(), lng: z.number().nullable() })),
  window: windowDto,
  generatedAt: z.string(),
  metrics: z.array(metricValue.extend({ id: z.string() })),
  childValues: z.array(z.object({ id: z.number().int(), values: z.record(z.string(), metricValue) })),
  trends: z.object({
    months: z.array(z.string()),
    /** The month `now` falls in, when the window reaches it: its figures are still growing (a rate at the right edge dives). */
    partialMonth: z.string().nullable().describe('The current, unfinished month if the window includes it (its values are partial), else null'),
    series: z.record(z.string(), z.array(z.number().nullable())),
  }),
  breakdowns: z.array(z.object({
    id: z.string(), name: names, unit: z.string(),
    dims: z.array(z.object({ key: z.string(), label: z.string(), total: z.number() })),
    byChild: z.array(z.object({ id: z.number().int(), values: z.array(z.number()) })),
    byQuarter: z.array(z.object({ quarter: z.string(), values: z.array(z.number()) })),
  })),
});

export const rankingDto = z.object({
  node: nodeRef, metric: z.string(), window: windowDto,
  items: z.array(nodeRef.merge(metricValue).extend({ rank: z.number().int().nullable().describe('1 = best; ties share; null = unranked') })),
});

export const calendarDto = z.object({
  node: nodeRef, calendar: z.string(), year: z.number().int(), kept: z.boolean(),
  days: z.array(z.object({ day: z.string(), n: z.number() })),
});

export type RegistryDto = z.infer<typeof registryDto>;
export type OverviewDto = z.infer<typeof overviewDto>;
export type RankingDto = z.infer<typeof rankingDto>;
export type CalendarDto = z.infer<typeof calendarDto>;
export type HomeDto = z.infer<typeof homeDto>;

export const storedReportsQuery = z.object({ level, id: queryId });
export const storedReportsDto = z.object({ items: z.array(z.object({ id: z.number().int(), month: z.string(), bytes: z.number().int(), generatedAt: z.string() })) });
export const reportIdParam = z.object({ reportId: queryId.describe('Stored report id') });
