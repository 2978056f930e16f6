import { bigint, bigserial, date, index, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { ref } from '../../db/columns.js';

/*
 * Roll-ups of service_requests, kept exact by statement-level triggers (see figures.sql.ts and
 * docs/FIGURES.md). category_id 0 holds the sum over all categories, so a figure for "all
 * categories" reads one row per month instead of one per category. Months are calendar months
 * in China Standard Time. Rows are never deleted by the triggers: a count that returns to zero
 * stays as a zero row.
 */

/** One counter column per figure ingredient; names match figures.sql.ts `counterDefs`. */
function counterColumns() {
  const c = (name: string) => integer(name).notNull().default(0);
  return {
    total: c('total'),
    stateSubmitted: c('state_submitted'),
    stateDispatched: c('state_dispatched'),
    stateAccepted: c('state_accepted'),
    stateInProgress: c('state_in_progress'),
    stateResolved: c('state_resolved'),
    stateClosed: c('state_closed'),
    stateReturned: c('state_returned'),
    stateReopened: c('state_reopened'),
    stateEscalated: c('state_escalated'),
    stateMerged: c('state_merged'),
    stateCancelled: c('state_cancelled'),
    filed: c('filed'),
    breached: c('breached'),
    respondBreached: c('respond_breached'),
    resolveBreached: c('resolve_breached'),
    respondDue: c('respond_due'),
    respondOnTime: c('respond_on_time'),
    solved: c('solved'),
    rated1: c('rated_1'),
    rated2: c('rated_2'),
    rated3: c('rated_3'),
    rated4: c('rated_4'),
    rated5: c('rated_5'),
    closedRated1: c('closed_rated_1'),
    closedRated2: c('closed_rated_2'),
    closedRated3: c('closed_rated_3'),
    closedRated4: c('closed_rated_4'),
    closedRated5: c('closed_rated_5'),
  };
}

/** Per community, category (0 = all) and month: the tenant's own counters. */
export const figuresCommunityCounts = pgTable('figures_community_counts', {
  communityId: ref('community_id').notNull(),
  categoryId: ref('category_id').notNull(),
  month: date('month').notNull(),
  cityId: ref('city_id').notNull(),
  districtId: ref('district_id').notNull(),
  streetId: ref('street_id').notNull(),
  ...counterColumns(),
}, (t) => [
  primaryKey({ columns: [t.communityId, t.categoryId, t.month] }),
  index('figures_community_counts_city_idx').on(t.cityId, t.categoryId, t.month),
  index('figures_community_counts_street_idx').on(t.streetId, t.categoryId, t.month),
]);

/** Per community, category (0 = all), month, metric and duration bucket: how many requests took that long. */
export const figuresCommunityDurations = pgTable('figures_community_durations', {
  communityId: ref('community_id').notNull(),
  categoryId: ref('category_id').notNull(),
  month: date('month').notNull(),
  /** 'response' (accepted − created) or 'resolution' (resolved − created). */
  metric: text('metric', { enum: ['response', 'resolution'] }).notNull(),
  /** Lower bound of the bucket in minutes (figures.math `bucketOf`). */
  bucket: integer('bucket').notNull(),
  streetId: ref('street_id').notNull(),
  n: integer('n').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.communityId, t.categoryId, t.month, t.metric, t.bucket] }),
  index('figures_community_durations_street_idx').on(t.streetId, t.categoryId, t.metric, t.month),
]);

export const areaLevels = ['city', 'district', 'company'] as const;
export type AreaLevel = (typeof areaLevels)[number];

/**
 * Cross-tenant sums for a city, a district or a property company (the assignee), so city-wide
 * figures read a few thousand rows whatever the number of communities. No community_id: like
 * cities and districts, these rows belong to no single tenant. Each (area, category, month) is
 * split over 8 shards by request id, so concurrent writes in one city rarely meet on one row.
 */
export const figuresAreaCounts = pgTable('figures_area_counts', {
  level: text('level', { enum: areaLevels }).notNull(),
  areaId: bigint('area_id', { mode: 'number' }).notNull(),
  categoryId: ref('category_id').notNull(),
  month: date('month').notNull(),
  shard: smallint('shard').notNull(),
  ...counterColumns(),
}, (t) => [primaryKey({ columns: [t.level, t.areaId, t.categoryId, t.month, t.shard] })]);

/** Duration histograms per area; writes spread over buckets, so no shard is needed. */
export const figuresAreaDurations = pgTable('figures_area_durations', {
  level: text('level', { enum: areaLevels }).notNull(),
  areaId: bigint('area_id', { mode: 'number' }).notNull(),
  categoryId: ref('category_id').notNull(),
  month: date('month').notNull(),
  metric: text('metric', { enum: ['response', 'resolution'] }).notNull(),
  bucket: integer('bucket').notNull(),
  n: integer('n').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.level, t.areaId, t.categoryId, t.metric, t.month, t.bucket] })]);

/**
 * Signed rows of request changes not yet folded into the roll-ups (figures.sql.ts, "The write
 * path"): the statement triggers only INSERT here; the fold job deletes what it has added.
 */
export const figuresRequestDeltas = pgTable('figures_request_deltas', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  sign: smallint('sign').notNull(),
  requestId: bigint('request_id', { mode: 'number' }).notNull(),
  communityId: ref('community_id').notNull(),
  cityId: ref('city_id').notNull(),
  districtId: ref('district_id').notNull(),
  streetId: ref('street_id').notNull(),
  categoryId: ref('category_id').notNull(),
  assigneeCompanyId: ref('assignee_company_id'),
  state: text('state').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  respondDueAt: timestamp('respond_due_at', { withTimezone: true }).notNull(),
  respondBreachedAt: timestamp('respond_breached_at', { withTimezone: true }),
  resolveBreachedAt: timestamp('resolve_breached_at', { withTimezone: true }),
  rating: smallint('rating'),
});
