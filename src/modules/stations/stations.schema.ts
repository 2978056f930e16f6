import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { accounts } from '../accounts/accounts.schema.js';
import { cities, communities, compounds, propertyCompanies } from '../places/places.schema.js';

/*
 * 应急服务站: a community's emergency station (Xiangyang's 新华社区 keeps one in its 红色驿站),
 * run with the property company. Every row carries community_id (the tenant) and the station it
 * belongs to. Stock lives on the item row (`quantity`, never below zero: a CHECK backs the
 * conditional UPDATE that decides every check-out); every change of it is a row of the
 * append-only item ledger.
 */

export const coverageKinds = ['compound', 'urban_village', 'shop'] as const;
export type CoverageKind = (typeof coverageKinds)[number];
export const itemSections = ['rescue', 'supplies'] as const;
export type ItemSection = (typeof itemSections)[number];
export const itemEventKinds = ['initial', 'restock', 'checkout', 'return', 'lost', 'stocktake', 'inspection'] as const;
export const checkoutStates = ['out', 'returned', 'consumed'] as const;
export type CheckoutState = (typeof checkoutStates)[number];
export const checkoutPurposes = ['incident', 'drill', 'loan', 'inspection', 'other'] as const;
export type CheckoutPurpose = (typeof checkoutPurposes)[number];
export const holderSides = ['property', 'community'] as const;
export const rollCallAnswers = ['has_key', 'key_missing'] as const;
export type RollCallAnswer = (typeof rollCallAnswers)[number];
export const teamRoles = ['leader', 'deputy', 'member'] as const;
export const teamSides = ['property', 'community', 'volunteer'] as const;
export const drillKinds = ['training', 'drill'] as const;
export const incidentKinds = ['burst_pipe', 'flooding', 'fire', 'power', 'gas', 'blocked_car', 'trapped', 'medical', 'snow_ice', 'other'] as const;
export type IncidentKind = (typeof incidentKinds)[number];
export const incidentStates = ['open', 'closed'] as const;

/** One station: where it is, when it is open, who co-runs it, and how often keys are rolled and drills held. */
export const stations = pgTable('stations', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  cityId: ref('city_id').notNull().references(() => cities.id),
  districtId: ref('district_id').notNull(),
  streetId: ref('street_id').notNull(),
  /** The property company that runs the station with the community (holds keys, manages stock); null = the community alone. */
  companyId: ref('company_id').references(() => propertyCompanies.id),
  name: text('name').notNull(),
  address: text('address').notNull(),
  /** Where in the building (e.g. 红色驿站一楼东侧器材室). */
  locationNote: text('location_note'),
  /** Open to the public around the clock, or between opensAt and closesAt. */
  alwaysOpen: boolean('always_open').notNull().default(true),
  opensAt: text('opens_at'),
  closesAt: text('closes_at'),
  dutyPhone: text('duty_phone'),
  rollCallEveryDays: integer('roll_call_every_days').notNull().default(30),
  rollCallAnswerHours: integer('roll_call_answer_hours').notNull().default(48),
  drillEveryDays: integer('drill_every_days').notNull().default(90),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('stations_community_name_uq').on(t.communityId, t.name),
  index('stations_city_idx').on(t.cityId),
  index('stations_company_idx').on(t.companyId),
  check('stations_roll_call_every_days_range', sql`${t.rollCallEveryDays} between 1 and 366`),
  check('stations_roll_call_answer_hours_range', sql`${t.rollCallAnswerHours} between 1 and 720`),
  check('stations_drill_every_days_range', sql`${t.drillEveryDays} between 1 and 730`),
  check('stations_hours_given', sql`${t.alwaysOpen} or (${t.opensAt} is not null and ${t.closesAt} is not null)`),
]);

/** What the station covers: compounds (linked when they are in the system), urban-village self-built areas and shops with a contact. */
export const stationCoverage = pgTable('station_coverage', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  kind: text('kind', { enum: coverageKinds }).notNull(),
  name: text('name').notNull(),
  compoundId: ref('compound_id').references(() => compounds.id),
  address: text('address'),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  /** Households (compounds, urban-village areas) or staff on site (shops), as last counted. */
  headcount: integer('headcount'),
  note: text('note'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('station_coverage_station_kind_name_uq').on(t.stationId, t.kind, t.name),
  index('station_coverage_community_idx').on(t.communityId),
  check('station_coverage_headcount_nonnegative', sql`${t.headcount} is null or ${t.headcount} >= 0`),
]);

/**
 * A kind of equipment or supply the station keeps, with its stock standard (配置标准: the minimum
 * on hand). `quantity` is what is in the room now: check-outs take from it, returns put back.
 */
export const stationItems = pgTable('station_items', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  section: text('section', { enum: itemSections }).notNull(),
  category: text('category').notNull(),
  name: text('name').notNull(),
  unit: text('unit').notNull(),
  quantity: integer('quantity').notNull().default(0),
  standardQuantity: integer('standard_quantity').notNull().default(0),
  /** Used up when checked out (gloves, sandbags); otherwise equipment that comes back. */
  consumable: boolean('consumable').notNull().default(false),
  location: text('location'),
  /** The nearest expiry of the stock on hand (batteries, first-aid kits, extinguishers). */
  expiresOn: date('expires_on', { mode: 'string' }),
  inspectEveryDays: integer('inspect_every_days'),
  lastInspectedOn: date('last_inspected_on', { mode: 'string' }),
  nextInspectionOn: date('next_inspection_on', { mode: 'string' }),
  note: text('note'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('station_items_station_name_uq').on(t.stationId, t.name),
  index('station_items_community_idx').on(t.communityId),
  check('station_items_quantity_nonnegative', sql`${t.quantity} >= 0`),
  check('station_items_standard_nonnegative', sql`${t.standardQuantity} >= 0`),
  check('station_items_inspect_every_positive', sql`${t.inspectEveryDays} is null or ${t.inspectEveryDays} > 0`),
]);

/** The item ledger (append-only): every stock change with the quantity after it, and every inspection. */
export const stationItemEvents = pgTable('station_item_events', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  itemId: ref('item_id').notNull().references(() => stationItems.id),
  kind: text('kind', { enum: itemEventKinds }).notNull(),
  delta: integer('delta').notNull(),
  quantityAfter: integer('quantity_after').notNull(),
  checkoutId: ref('checkout_id'),
  accountId: ref('account_id').references(() => accounts.id),
  actorName: text('actor_name'),
  note: text('note'),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [
  index('station_item_events_item_idx').on(t.itemId, t.at),
  index('station_item_events_station_idx').on(t.stationId, t.at),
]);

/** A check-out: who took how many of what, why, and when it is due back (equipment) — consumables are used up. */
export const stationCheckouts = pgTable('station_checkouts', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  itemId: ref('item_id').notNull().references(() => stationItems.id),
  quantity: integer('quantity').notNull(),
  returnedQuantity: integer('returned_quantity').notNull().default(0),
  lostQuantity: integer('lost_quantity').notNull().default(0),
  state: text('state', { enum: checkoutStates }).notNull(),
  purpose: text('purpose', { enum: checkoutPurposes }).notNull(),
  reason: text('reason'),
  incidentId: ref('incident_id'),
  drillId: ref('drill_id'),
  /** A resident borrowing (借用): who and how to reach them. */
  borrowerName: text('borrower_name'),
  borrowerPhone: text('borrower_phone'),
  checkedOutByAccountId: ref('checked_out_by_account_id').references(() => accounts.id),
  checkedOutByName: text('checked_out_by_name').notNull(),
  checkedOutAt: timestamp('checked_out_at', { withTimezone: true }).notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }),
  returnedAt: timestamp('returned_at', { withTimezone: true }),
  returnNote: text('return_note'),
  version: integer('version').notNull().default(1),
}, (t) => [
  index('station_checkouts_station_idx').on(t.stationId, t.checkedOutAt),
  index('station_checkouts_open_idx').on(t.stationId, t.dueAt).where(sql`${t.state} = 'out'`),
  index('station_checkouts_incident_idx').on(t.incidentId),
  check('station_checkouts_quantity_positive', sql`${t.quantity} > 0`),
  check('station_checkouts_settled_within', sql`${t.returnedQuantity} >= 0 and ${t.lostQuantity} >= 0 and ${t.returnedQuantity} + ${t.lostQuantity} <= ${t.quantity}`),
  check('station_checkouts_due_for_equipment', sql`${t.state} = 'consumed' or ${t.dueAt} is not null`),
]);

/** Who holds which key of the station: people of the property company and of the community. */
export const stationKeyHolders = pgTable('station_key_holders', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  side: text('side', { enum: holderSides }).notNull(),
  organisation: text('organisation').notNull(),
  keyLabel: text('key_label').notNull(),
  /** The holder's account, so they confirm roll calls from their phone; null = confirmed by a manager's call. */
  accountId: ref('account_id').references(() => accounts.id),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('station_key_holders_uq').on(t.stationId, t.name, t.keyLabel),
  index('station_key_holders_account_idx').on(t.accountId),
  index('station_key_holders_community_idx').on(t.communityId),
]);

/** A key roll call: every active holder is asked to confirm they still have their key before `dueAt`. */
export const stationRollCalls = pgTable('station_roll_calls', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  /** null = opened by the schedule. */
  startedByAccountId: ref('started_by_account_id').references(() => accounts.id),
  startedByName: text('started_by_name'),
  note: text('note'),
}, (t) => [
  index('station_roll_calls_station_idx').on(t.stationId, t.startedAt),
  check('station_roll_calls_due_after_start', sql`${t.dueAt} > ${t.startedAt}`),
]);

/** One holder's answer to one roll call (a row per holder from the start; answered once). */
export const stationRollCallAnswers = pgTable('station_roll_call_answers', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  rollCallId: ref('roll_call_id').notNull().references(() => stationRollCalls.id),
  keyHolderId: ref('key_holder_id').notNull().references(() => stationKeyHolders.id),
  answer: text('answer', { enum: rollCallAnswers }),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  answeredByAccountId: ref('answered_by_account_id').references(() => accounts.id),
  /** Recorded by a manager after a phone call, not by the holder. */
  onBehalf: boolean('on_behalf').notNull().default(false),
  note: text('note'),
}, (t) => [
  uniqueIndex('station_roll_call_answers_uq').on(t.rollCallId, t.keyHolderId),
  index('station_roll_call_answers_holder_idx').on(t.keyHolderId),
  check('station_roll_call_answers_complete', sql`(${t.answer} is null) = (${t.answeredAt} is null)`),
]);

/** The rescue team (应急救援队): roster with skills and phone. */
export const stationTeamMembers = pgTable('station_team_members', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  teamRole: text('team_role', { enum: teamRoles }).notNull().default('member'),
  side: text('side', { enum: teamSides }).notNull(),
  skills: text('skills').array().notNull().default([]),
  accountId: ref('account_id').references(() => accounts.id),
  active: boolean('active').notNull().default(true),
  joinedOn: date('joined_on', { mode: 'string' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('station_team_members_station_name_uq').on(t.stationId, t.name),
  index('station_team_members_community_idx').on(t.communityId),
]);

/** A training or drill of the team: when, what was practised, who came. */
export const stationDrills = pgTable('station_drills', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  kind: text('kind', { enum: drillKinds }).notNull(),
  title: text('title').notNull(),
  heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  location: text('location'),
  trainer: text('trainer'),
  practised: text('practised').array().notNull().default([]),
  notes: text('notes'),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  index('station_drills_station_idx').on(t.stationId, t.heldAt),
  check('station_drills_duration_range', sql`${t.durationMinutes} between 1 and 1440`),
]);

export const stationDrillAttendance = pgTable('station_drill_attendance', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  drillId: ref('drill_id').notNull().references(() => stationDrills.id),
  teamMemberId: ref('team_member_id').notNull().references(() => stationTeamMembers.id),
}, (t) => [uniqueIndex('station_drill_attendance_uq').on(t.drillId, t.teamMemberId)]);

/** What happened, who came, what was used (check-outs carry incident_id), and the service request it began as. */
export const stationIncidents = pgTable('station_incidents', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  kind: text('kind', { enum: incidentKinds }).notNull(),
  title: text('title').notNull(),
  description: text('description'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  locationText: text('location_text'),
  coverageId: ref('coverage_id').references(() => stationCoverage.id),
  /** The 三单服务 request it began as (checked visible to whoever linked it; no FK: another module's table). */
  requestId: ref('request_id'),
  state: text('state', { enum: incidentStates }).notNull().default('open'),
  outcome: text('outcome'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  index('station_incidents_station_idx').on(t.stationId, t.occurredAt),
  index('station_incidents_request_idx').on(t.requestId),
  check('station_incidents_closed_with_time', sql`(${t.state} = 'closed') = (${t.closedAt} is not null)`),
]);

export const stationIncidentResponders = pgTable('station_incident_responders', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  incidentId: ref('incident_id').notNull().references(() => stationIncidents.id),
  teamMemberId: ref('team_member_id').notNull().references(() => stationTeamMembers.id),
}, (t) => [uniqueIndex('station_incident_responders_uq').on(t.incidentId, t.teamMemberId)]);

/**
 * Alerts the sweep has already told the managers about: one open row per alert key, so an alert
 * is notified once while it lasts and again if it comes back after being resolved.
 */
export const stationAlertNotices = pgTable('station_alert_notices', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  stationId: ref('station_id').notNull().references(() => stations.id),
  alertKey: text('alert_key').notNull(),
  kind: text('kind').notNull(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('station_alert_notices_open_uq').on(t.stationId, t.alertKey).where(sql`${t.resolvedAt} is null`),
]);
