import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { accounts } from '../accounts/accounts.schema.js';
import { cities, communities, propertyCompanies } from '../places/places.schema.js';
import type { RubricContent, ScoreSheet, EvidenceItem, MeasuredSnapshot } from './ratings.rubric.js';

/*
 * 星级物业企业: a city's housing department publishes a rubric (versioned, never edited: a change
 * is a new version), opens a yearly cycle that keeps the version it opened with, and each
 * property company's rating in that cycle moves self-evaluation → assessments by the party
 * committee of every community it serves → certification with a written reason → (perhaps) a
 * mid-year lowering the company was told of and could answer. Rubrics and cycles are per-city
 * reference rows; a rating belongs to its company (company_id), an assessment to the community
 * whose committee wrote it (community_id).
 */

export const ratingStates = ['draft', 'self_evaluated', 'assessing', 'assessed', 'certified', 'not_certified', 'lowering', 'revoked'] as const;
export type RatingState = (typeof ratingStates)[number];

/** One version of a city's rubric: five dimensions, their criteria, the star thresholds and measured floors. */
export const ratingRubrics = pgTable('rating_rubrics', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  content: jsonb('content').$type<RubricContent>().notNull(),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('rating_rubrics_version_uq').on(t.cityId, t.version)]);

/** A yearly cycle (年度): the rubric version it opened with and the months whose figures are measured. */
export const ratingCycles = pgTable('rating_cycles', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  rubricId: ref('rubric_id').notNull().references(() => ratingRubrics.id),
  /** First and last month (YYYY-MM) of the measured figures. */
  periodFrom: text('period_from').notNull(),
  periodTo: text('period_to').notNull(),
  /** Self-evaluations are accepted up to this day. */
  applyBy: date('apply_by', { mode: 'string' }).notNull(),
  /** Certified ratings of this cycle expire after this day. */
  validUntil: date('valid_until', { mode: 'string' }).notNull(),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('rating_cycles_year_uq').on(t.cityId, t.year)]);

/** One company's rating in one cycle. */
export const ratings = pgTable('ratings', {
  id: id(),
  companyId: ref('company_id').notNull().references(() => propertyCompanies.id),
  cityId: ref('city_id').notNull().references(() => cities.id),
  cycleId: ref('cycle_id').notNull().references(() => ratingCycles.id),
  state: text('state', { enum: ratingStates }).$type<RatingState>().notNull().default('draft'),
  /** The level the company applies for (3–5). */
  appliedLevel: smallint('applied_level').notNull(),
  selfScores: jsonb('self_scores').$type<ScoreSheet>(),
  selfTotal: integer('self_total'),
  evidence: jsonb('evidence').$type<EvidenceItem[]>().notNull().default([]),
  selfNote: text('self_note'),
  selfEvaluatedAt: timestamp('self_evaluated_at', { withTimezone: true }),
  /** The communities (ids) whose committees must assess: those the company served when it applied. */
  communityIds: jsonb('community_ids').$type<number[]>().notNull().default([]),
  /** The level in force (3–5) once certified; lowered in place; null before or when refused/revoked. */
  level: smallint('level'),
  certifiedLevel: smallint('certified_level'),
  certifiedScore: integer('certified_score'),
  certifiedReason: text('certified_reason'),
  certifiedAt: timestamp('certified_at', { withTimezone: true }),
  certifiedByAccountId: ref('certified_by_account_id').references(() => accounts.id),
  /** The measured criteria as the department saw them when it certified. */
  measured: jsonb('measured').$type<MeasuredSnapshot>(),
  certificateNo: text('certificate_no'),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
}, (t) => [
  uniqueIndex('ratings_cycle_company_uq').on(t.cycleId, t.companyId),
  index('ratings_company_idx').on(t.companyId, t.cycleId),
  index('ratings_city_state_idx').on(t.cityId, t.state),
  check('ratings_level_ck', sql`${t.level} is null or ${t.level} between 3 and 5`),
  check('ratings_applied_level_ck', sql`${t.appliedLevel} between 3 and 5`),
]);

/** 社区党委把关测评: one community's committee scoring the rating, once. */
export const ratingAssessments = pgTable('rating_assessments', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  ratingId: ref('rating_id').notNull().references(() => ratings.id),
  scores: jsonb('scores').$type<ScoreSheet>().notNull(),
  total: integer('total').notNull(),
  opinion: text('opinion').notNull(),
  assessedByAccountId: ref('assessed_by_account_id').notNull().references(() => accounts.id),
  assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('rating_assessments_uq').on(t.ratingId, t.communityId)]);

/** A proposed mid-year lowering: the grounds, the company's answer, the decision. */
export const ratingLowerings = pgTable('rating_lowerings', {
  id: id(),
  companyId: ref('company_id').notNull().references(() => propertyCompanies.id),
  ratingId: ref('rating_id').notNull().references(() => ratings.id),
  grounds: text('grounds', { enum: ['figures', 'complaints'] }).notNull(),
  fromLevel: smallint('from_level').notNull(),
  /** The proposed level; 0 = revoke the rating. */
  toLevel: smallint('to_level').notNull(),
  reason: text('reason').notNull(),
  measured: jsonb('measured').$type<MeasuredSnapshot>(),
  answerDueAt: timestamp('answer_due_at', { withTimezone: true }).notNull(),
  answer: text('answer'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  answeredByAccountId: ref('answered_by_account_id').references(() => accounts.id),
  decision: text('decision', { enum: ['lowered', 'revoked', 'withdrawn'] }),
  decisionReason: text('decision_reason'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  proposedByAccountId: ref('proposed_by_account_id').notNull().references(() => accounts.id),
  proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
}, (t) => [
  // At most one undecided lowering per rating (the state machine says so too; the database settles races).
  uniqueIndex('rating_lowerings_open_uq').on(t.ratingId).where(sql`${t.decision} is null`),
]);

/** The rating's history: every step, append-only. */
export const ratingEvents = pgTable('rating_events', {
  id: id(),
  companyId: ref('company_id').notNull().references(() => propertyCompanies.id),
  ratingId: ref('rating_id').notNull().references(() => ratings.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorAccountId: ref('actor_account_id').references(() => accounts.id),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  fromState: text('from_state'),
  toState: text('to_state'),
  note: text('note'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('rating_events_rating_idx').on(t.ratingId, t.at, t.id)]);
