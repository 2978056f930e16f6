import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { accounts, people } from '../accounts/accounts.schema.js';
import { cities, communities, compounds } from '../places/places.schema.js';

/*
 * Community life: red venues (红色阵地) and their bookings, activities with sign-ups, a waiting
 * list and QR check-in/check-out, announcements with read receipts, the study library (红色书角)
 * and 物业经理接待日. Every row carries community_id (the tenant).
 *
 * No two live bookings of one room overlap: an exclusion constraint added by the custom migration
 * (`venue_bookings_no_overlap`) over (int8range(venue_id, venue_id, '[]') &&, tstzrange(starts_at, ends_at) &&)
 * for pending/confirmed/checked-in rows. The degenerate int8range is "same venue" for GiST without
 * btree_gist, which PGlite does not load by default.
 */

export const venueKinds = ['activity_room', 'meeting_room', 'sports_room', 'courier_station', 'book_corner', 'other'] as const;
export type VenueKind = (typeof venueKinds)[number];
/** Booking states; `pending` awaits approval; the first three hold the slot. */
export const bookingStates = ['pending', 'confirmed', 'checked_in', 'cancelled', 'rejected', 'released'] as const;
export type BookingState = (typeof bookingStates)[number];
export const liveBookingStates = ['pending', 'confirmed', 'checked_in'] as const;
export const activityTypes = ['culture', 'party', 'festival', 'other'] as const;
export type ActivityType = (typeof activityTypes)[number];
export const organiserKinds = ['community', 'party_branch', 'property', 'team'] as const;
export const audiences = ['community', 'compound', 'members'] as const;
export type Audience = (typeof audiences)[number];
export const activityStates = ['published', 'cancelled'] as const;
/** Sign-up states: seated and offered hold a seat (counted in activities.seats_taken). */
export const signupStates = ['seated', 'waiting', 'offered', 'cancelled', 'expired', 'no_show'] as const;
export type SignupState = (typeof signupStates)[number];
export const signupRoles = ['participant', 'volunteer'] as const;
export const checkinMethods = ['qr', 'staff'] as const;
export const announcementLevels = ['normal', 'urgent'] as const;
export const studyCategories = ['oath', 'history_charter', 'red_property', 'notes'] as const;
export const matterKinds = ['booked', 'walk_in'] as const;

const tenant = () => ref('community_id').notNull().references(() => communities.id);

/** A room of a community or compound that residents, teams and staff book. */
export const venues = pgTable('venues', {
  id: id(),
  communityId: tenant(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  districtId: ref('district_id').notNull(),
  streetId: ref('street_id').notNull(),
  compoundId: ref('compound_id').references(() => compounds.id),
  /** The property company of the compound (its staff manage the room with the community). */
  companyId: ref('company_id'),
  name: text('name').notNull(),
  kind: text('kind', { enum: venueKinds }).notNull(),
  capacity: integer('capacity').notNull(),
  /** Opening hours HH:MM, local time. */
  opensAt: text('opens_at').notNull().default('08:00'),
  closesAt: text('closes_at').notNull().default('21:00'),
  rules: text('rules'),
  photos: jsonb('photos').$type<string[]>().notNull().default([]),
  requiresApproval: boolean('requires_approval').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('venues_community_name_uq').on(t.communityId, t.name),
  index('venues_city_idx').on(t.cityId),
  check('venues_capacity_range', sql`${t.capacity} between 1 and 10000`),
  check('venues_hours_order', sql`${t.opensAt} < ${t.closesAt}`),
]);

/** A slot of a room. The exclusion constraint of the custom migration keeps live slots apart. */
export const venueBookings = pgTable('venue_bookings', {
  id: id(),
  communityId: tenant(),
  venueId: ref('venue_id').notNull().references(() => venues.id),
  bookedByAccountId: ref('booked_by_account_id').notNull().references(() => accounts.id),
  /** Who the booking is for, as shown on the calendar (a team, a resident's name). */
  holderName: text('holder_name').notNull(),
  purpose: text('purpose').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  state: text('state', { enum: bookingStates }).notNull(),
  activityId: ref('activity_id'),
  decidedByAccountId: ref('decided_by_account_id').references(() => accounts.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('venue_bookings_venue_idx').on(t.venueId, t.startsAt),
  index('venue_bookings_release_idx').on(t.startsAt).where(sql`${t.state} = 'confirmed'`),
  check('venue_bookings_order', sql`${t.endsAt} > ${t.startsAt}`),
]);

/** An activity: organiser, type, place, time, capacity and audience. */
export const activities = pgTable('activities', {
  id: id(),
  communityId: tenant(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  districtId: ref('district_id').notNull(),
  streetId: ref('street_id').notNull(),
  /** Audience 'compound': this compound only. */
  compoundId: ref('compound_id').references(() => compounds.id),
  /** The property company of the compound or room (its staff see and run the activity). */
  companyId: ref('company_id'),
  organiserKind: text('organiser_kind', { enum: organiserKinds }).notNull(),
  organiserName: text('organiser_name').notNull(),
  type: text('type', { enum: activityTypes }).notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  venueId: ref('venue_id').references(() => venues.id),
  bookingId: ref('booking_id'),
  /** Where, when not one of our rooms. */
  locationText: text('location_text'),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  /** Seats; null = no limit (no waiting list). */
  capacity: integer('capacity'),
  /** Seated + offered sign-ups: the counter the conditional UPDATE of a sign-up decides on. */
  seatsTaken: integer('seats_taken').notNull().default(0),
  /** Arrival order of sign-ups (taken under the activity's row lock). */
  signupSeq: bigint('signup_seq', { mode: 'number' }).notNull().default(0),
  audience: text('audience', { enum: audiences }).notNull().default('community'),
  /** How long a freed seat is held for the next person on the waiting list. */
  offerMinutes: integer('offer_minutes').notNull().default(30),
  state: text('state', { enum: activityStates }).notNull().default('published'),
  report: text('report'),
  reportPhotos: jsonb('report_photos').$type<string[]>().notNull().default([]),
  noShowsRecordedAt: timestamp('no_shows_recorded_at', { withTimezone: true }),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  index('activities_community_idx').on(t.communityId, t.startsAt),
  index('activities_city_idx').on(t.cityId, t.startsAt),
  check('activities_order', sql`${t.endsAt} > ${t.startsAt}`),
  check('activities_seats', sql`${t.seatsTaken} >= 0 and (${t.capacity} is null or ${t.seatsTaken} <= ${t.capacity})`),
  check('activities_capacity_range', sql`${t.capacity} is null or ${t.capacity} between 1 and 100000`),
]);

/** One person's sign-up; `seq` is their place in arrival order (the waiting list's order). */
export const activitySignups = pgTable('activity_signups', {
  id: id(),
  communityId: tenant(),
  activityId: ref('activity_id').notNull().references(() => activities.id),
  personId: ref('person_id').notNull().references(() => people.id),
  accountId: ref('account_id').references(() => accounts.id),
  role: text('role', { enum: signupRoles }).notNull().default('participant'),
  state: text('state', { enum: signupStates }).notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('activity_signups_person_uq').on(t.activityId, t.personId),
  uniqueIndex('activity_signups_seq_uq').on(t.activityId, t.seq),
  index('activity_signups_waiting_idx').on(t.activityId, t.seq).where(sql`${t.state} = 'waiting'`),
  index('activity_signups_offer_idx').on(t.offerExpiresAt).where(sql`${t.state} = 'offered'`),
]);

/** Attendance: one row per person and activity, from check-in to check-out. Participant-times count these. */
export const activityCheckins = pgTable('activity_checkins', {
  id: id(),
  communityId: tenant(),
  activityId: ref('activity_id').notNull().references(() => activities.id),
  /** Null for a walk-in checked in by name by staff. */
  personId: ref('person_id').references(() => people.id),
  name: text('name').notNull(),
  signupId: ref('signup_id').references(() => activitySignups.id),
  volunteer: boolean('volunteer').notNull().default(false),
  method: text('method', { enum: checkinMethods }).notNull(),
  checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
  checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
  minutes: integer('minutes'),
  byAccountId: ref('by_account_id').references(() => accounts.id),
}, (t) => [
  uniqueIndex('activity_checkins_person_uq').on(t.activityId, t.personId),
  index('activity_checkins_activity_idx').on(t.activityId),
  check('activity_checkins_out_after_in', sql`${t.checkedOutAt} is null or ${t.checkedOutAt} >= ${t.checkedInAt}`),
]);

/** An announcement to a community or one compound; urgent ones expire and are pushed. */
export const announcements = pgTable('announcements', {
  id: id(),
  communityId: tenant(),
  compoundId: ref('compound_id').references(() => compounds.id),
  companyId: ref('company_id'),
  level: text('level', { enum: announcementLevels }).notNull().default('normal'),
  title: text('title').notNull(),
  body: text('body').notNull(),
  publishAt: timestamp('publish_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  /** When the push of an urgent announcement went out (the publish job sets it once). */
  pushedAt: timestamp('pushed_at', { withTimezone: true }),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  index('announcements_community_idx').on(t.communityId, t.publishAt),
  check('announcements_urgent_expiry', sql`${t.level} <> 'urgent' or ${t.expiresAt} is not null`),
]);

/** A read receipt: once per person and announcement. */
export const announcementReads = pgTable('announcement_reads', {
  id: id(),
  communityId: tenant(),
  announcementId: ref('announcement_id').notNull().references(() => announcements.id),
  personId: ref('person_id').notNull().references(() => people.id),
  readAt: timestamp('read_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('announcement_reads_uq').on(t.announcementId, t.personId)]);

/** The red book corner: party study materials by category. */
export const studyMaterials = pgTable('study_materials', {
  id: id(),
  communityId: tenant(),
  category: text('category', { enum: studyCategories }).notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [index('study_materials_community_idx').on(t.communityId, t.category)]);

/** 物业经理接待日: a property manager receives residents of a compound. */
export const receptionDays = pgTable('reception_days', {
  id: id(),
  communityId: tenant(),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  companyId: ref('company_id'),
  managerName: text('manager_name').notNull(),
  location: text('location').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  slotMinutes: integer('slot_minutes').notNull().default(20),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  index('reception_days_community_idx').on(t.communityId, t.startsAt),
  check('reception_days_order', sql`${t.endsAt} > ${t.startsAt}`),
  check('reception_days_slot_range', sql`${t.slotMinutes} between 5 and 240`),
]);

/** A matter raised at a reception day (in a booked slot or walking in), its answer, and its service request. */
export const receptionMatters = pgTable('reception_matters', {
  id: id(),
  communityId: tenant(),
  receptionDayId: ref('reception_day_id').notNull().references(() => receptionDays.id),
  kind: text('kind', { enum: matterKinds }).notNull(),
  slotAt: timestamp('slot_at', { withTimezone: true }),
  personId: ref('person_id').references(() => people.id),
  residentName: text('resident_name').notNull(),
  matter: text('matter').notNull(),
  answer: text('answer'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  /** The answer is shown to the whole compound. */
  published: boolean('published').notNull().default(false),
  requestId: ref('request_id'),
  createdByAccountId: ref('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('reception_matters_slot_uq').on(t.receptionDayId, t.slotAt),
  uniqueIndex('reception_matters_request_uq').on(t.requestId),
  index('reception_matters_day_idx').on(t.receptionDayId),
]);
