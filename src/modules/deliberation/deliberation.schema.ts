import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { timelineTable } from '../../kernel/workflow.js';
import { cities, communities, compounds } from '../places/places.schema.js';

/*
 * 协商共治: a topic (议题) collects opinions for a period; a meeting of one of the seven types
 * takes topics as its agenda, records attendance and minutes, and makes decisions with an owner
 * and a due date, followed up until done (a decision may spawn service requests).
 */

/** The seven meeting types of the seeds (Xiangyang, Jiayuguan, Kaifeng). */
export const meetingTypes = ['small_bench', 'public_sentiment', 'affairs_coordination', 'public_hearing', 'alliance_joint', 'tripartite', 'manager_reception'] as const;
export type MeetingType = (typeof meetingTypes)[number];
/** 四位一体: the four parties invited to deliberate. */
export const parties = ['party_organisation', 'residents_committee', 'owners_committee', 'property_company'] as const;
export const attendeeSides = [...parties, 'resident', 'local_unit', 'other'] as const;
export const stances = ['support', 'oppose', 'suggestion'] as const;
export const raisedByKinds = ['resident', 'owners_committee', 'community', 'property_company'] as const;

export const topics = pgTable('deliberation_topics', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  cityId: ref('city_id').notNull().references(() => cities.id),
  /** Null: a topic of the whole community. */
  compoundId: ref('compound_id').references(() => compounds.id),
  title: text('title').notNull(),
  body: text('body').notNull(),
  raisedBy: text('raised_by', { enum: raisedByKinds }).notNull(),
  raisedByAccountId: ref('raised_by_account_id').notNull(),
  opinionsUntil: timestamp('opinions_until', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
}, (t) => [index('deliberation_topics_community_idx').on(t.communityId, t.createdAt)]);

/** One opinion per person per topic, editable until the period closes; every version is kept. */
export const opinions = pgTable('deliberation_opinions', {
  id: id(),
  topicId: ref('topic_id').notNull().references(() => topics.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  personId: ref('person_id').notNull(),
  authorName: text('author_name').notNull(),
  stance: text('stance', { enum: stances }).notNull(),
  body: text('body').notNull(),
  /** visible, or hidden by a moderator (the original stays in the versions). */
  moderation: text('moderation', { enum: ['visible', 'hidden'] }).notNull().default('visible'),
  moderationReason: text('moderation_reason'),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('deliberation_opinions_person_uq').on(t.topicId, t.personId),
  index('deliberation_opinions_community_idx').on(t.communityId),
]);

/** Every text an opinion ever had, and every moderation (append-only). */
export const opinionVersions = pgTable('deliberation_opinion_versions', {
  id: id(),
  opinionId: ref('opinion_id').notNull().references(() => opinions.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  version: integer('version').notNull(),
  action: text('action', { enum: ['written', 'edited', 'hidden', 'restored'] }).notNull(),
  stance: text('stance', { enum: stances }).notNull(),
  body: text('body').notNull(),
  reason: text('reason'),
  byAccountId: ref('by_account_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('deliberation_opinion_versions_opinion_idx').on(t.opinionId, t.id)]);

export const meetings = pgTable('deliberation_meetings', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  cityId: ref('city_id').notNull().references(() => cities.id),
  compoundId: ref('compound_id').references(() => compounds.id),
  type: text('type', { enum: meetingTypes }).notNull(),
  title: text('title').notNull(),
  location: text('location').notNull(),
  scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
  invitedParties: text('invited_parties').array().notNull().default([]),
  invitedOthers: text('invited_others').notNull().default(''),
  state: text('state', { enum: ['scheduled', 'held'] }).notNull().default('scheduled'),
  version: integer('version').notNull().default(0),
  minutes: text('minutes'),
  heldAt: timestamp('held_at', { withTimezone: true }),
  /** Attendance (人次): the named attendees plus residents counted at the door. */
  attendance: integer('attendance').notNull().default(0),
  createdByAccountId: ref('created_by_account_id').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('deliberation_meetings_community_idx').on(t.communityId, t.scheduledAt),
  check('deliberation_meetings_attendance_check', sql`${t.attendance} >= 0`),
]);

/** The agenda: topics a meeting takes up. */
export const agendaItems = pgTable('deliberation_agenda_items', {
  id: id(),
  meetingId: ref('meeting_id').notNull().references(() => meetings.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  topicId: ref('topic_id').notNull().references(() => topics.id),
  position: integer('position').notNull(),
}, (t) => [uniqueIndex('deliberation_agenda_uq').on(t.meetingId, t.topicId)]);

/** Named attendees, recorded with the minutes (append-only). */
export const attendees = pgTable('deliberation_attendees', {
  id: id(),
  meetingId: ref('meeting_id').notNull().references(() => meetings.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  name: text('name').notNull(),
  side: text('side', { enum: attendeeSides }).notNull(),
}, (t) => [index('deliberation_attendees_meeting_idx').on(t.meetingId)]);

export const decisionStates = ['open', 'in_progress', 'done'] as const;

export const decisions = pgTable('deliberation_decisions', {
  id: id(),
  meetingId: ref('meeting_id').notNull().references(() => meetings.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').references(() => compounds.id),
  meetingType: text('meeting_type', { enum: meetingTypes }).notNull(),
  title: text('title').notNull(),
  detail: text('detail').notNull().default(''),
  /** 责任人 and the party responsible. */
  ownerName: text('owner_name').notNull(),
  ownerParty: text('owner_party', { enum: attendeeSides }).notNull(),
  dueDate: date('due_date').notNull(),
  state: text('state', { enum: decisionStates }).notNull().default('open'),
  version: integer('version').notNull().default(0),
  doneAt: timestamp('done_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('deliberation_decisions_meeting_idx').on(t.meetingId), index('deliberation_decisions_state_idx').on(t.state)]);

/** Service requests a decision spawned; the decision is done when they are. */
export const decisionRequests = pgTable('deliberation_decision_requests', {
  id: id(),
  decisionId: ref('decision_id').notNull().references(() => decisions.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  requestId: ref('request_id').notNull(),
}, (t) => [uniqueIndex('deliberation_decision_requests_uq').on(t.decisionId, t.requestId)]);

/** The follow-up of each decision (append-only). */
export const decisionEvents = timelineTable('deliberation_decision_events', 'decision_id', () => decisions.id);
