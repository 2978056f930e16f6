import { bigint, bigserial, boolean, date, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.js';

/*
 * The figures of every module (docs/FIGURES.md, "Figures contributors"). A write adds signed
 * counter deltas to `figures_deltas` in its own transaction — an INSERT, so concurrent writers
 * never wait on a shared counter row. A kernel job folds the deltas, in id order and in one
 * transaction per batch, into `figures_cells` (per area and month, plus an all-time row) and
 * `figures_days` (daily totals for calendars). A read sums cells and the deltas not yet folded in
 * one statement, so it is exact at its snapshot whatever the job has done.
 */

/** Counter changes not yet folded into the cells. Insert-only for writers; the fold job deletes what it folded. */
export const figuresDeltas = pgTable('figures_deltas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  family: text('family').notNull(),
  communityId: bigint('community_id', { mode: 'number' }).notNull(),
  compoundId: bigint('compound_id', { mode: 'number' }).notNull().default(0),
  companyId: bigint('company_id', { mode: 'number' }).notNull().default(0),
  streetId: bigint('street_id', { mode: 'number' }).notNull(),
  districtId: bigint('district_id', { mode: 'number' }).notNull(),
  cityId: bigint('city_id', { mode: 'number' }).notNull(),
  dim: text('dim').notNull().default(''),
  day: date('day').notNull(),
  counter: text('counter').notNull(),
  delta: bigint('delta', { mode: 'number' }).notNull(),
  /** Also fold into figures_days (the contributor marks the counter `daily`). */
  daily: boolean('daily').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  index('figures_deltas_family_city_idx').on(t.family, t.cityId),
]);

export const figureLevels = ['compound', 'community', 'company', 'street', 'district', 'city'] as const;
export type FigureLevel = (typeof figureLevels)[number];

/** Sums per family, level, area, dimension, month (1900-01-01 = all time) and counter. */
export const figuresCells = pgTable('figures_cells', {
  family: text('family').notNull(),
  level: text('level', { enum: figureLevels }).notNull(),
  areaId: bigint('area_id', { mode: 'number' }).notNull(),
  dim: text('dim').notNull(),
  month: date('month').notNull(),
  counter: text('counter').notNull(),
  cityId: bigint('city_id', { mode: 'number' }).notNull(),
  n: bigint('n', { mode: 'number' }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.family, t.level, t.areaId, t.dim, t.month, t.counter] }),
  index('figures_cells_city_idx').on(t.family, t.level, t.cityId, t.month),
]);

/** Daily totals (all dimensions together) of the counters a contributor marks `daily`. */
export const figuresDays = pgTable('figures_days', {
  family: text('family').notNull(),
  level: text('level', { enum: figureLevels }).notNull(),
  areaId: bigint('area_id', { mode: 'number' }).notNull(),
  day: date('day').notNull(),
  counter: text('counter').notNull(),
  n: bigint('n', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.family, t.level, t.areaId, t.counter, t.day] })]);
