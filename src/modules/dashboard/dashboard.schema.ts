import { bigint, date, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { cities } from '../places/places.schema.js';

/**
 * Monthly report PDFs the job has generated, one per area and month (the unique key decides
 * when two processes race). Areas above the tenant (city, district, street) have no community,
 * so the row carries the area's level and id and its city; reads are scoped by the area.
 */
export const dashboardReports = pgTable('dashboard_reports', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  level: text('level', { enum: ['city', 'district', 'street', 'community', 'compound'] }).notNull(),
  areaId: bigint('area_id', { mode: 'number' }).notNull(),
  /** The month reported: its first day. */
  month: date('month').notNull(),
  storageKey: text('storage_key').notNull(),
  sha256: text('sha256').notNull(),
  bytes: integer('bytes').notNull(),
  generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('dashboard_reports_area_month_uq').on(t.level, t.areaId, t.month)]);
