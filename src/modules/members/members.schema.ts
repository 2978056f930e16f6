import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { timelineTable } from '../../kernel/workflow.js';
import { people } from '../accounts/accounts.schema.js';
import { communities, compounds } from '../places/places.schema.js';

/**
 * The service ledger (服务台账): hours and points of party members and volunteers, one row per
 * credited service, each naming its source (a confirmed wish, an activity shift, a request
 * handled as a member). Append-only, and credited once per (source, person) whoever retries.
 */
export const serviceLedger = pgTable('service_ledger', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  personId: ref('person_id').notNull().references(() => people.id),
  /** The module that credited it: 'wishes', 'activities', 'requests'. */
  sourceModule: text('source_module').notNull(),
  /** What in that module: 'wish', 'shift', 'request'. */
  sourceKind: text('source_kind').notNull(),
  sourceId: ref('source_id').notNull(),
  /** When the service was done (the period it counts in). */
  at: timestamp('at', { withTimezone: true }).notNull(),
  minutes: integer('minutes').notNull(),
  points: integer('points').notNull(),
  note: text('note'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('service_ledger_source_uq').on(t.sourceModule, t.sourceKind, t.sourceId, t.personId),
  index('service_ledger_person_idx').on(t.personId, t.at),
  index('service_ledger_community_idx').on(t.communityId, t.at),
]);

export const memberKinds = ['self_managed', 'dual_registered', 'volunteer'] as const;
export type MemberKind = (typeof memberKinds)[number];
export const memberStates = ['pending', 'active', 'rejected', 'left', 'transferred'] as const;
export type MemberState = (typeof memberStates)[number];

/**
 * The registry (报到): one row per registration of a person in a community — a 自管党员 in the
 * property company's branch, a 双报到党员 (the unit branch they belong to plus the community they
 * report to), or a non-member 志愿者. Leaving or moving closes the row and a transfer opens a new
 * one elsewhere, so history is kept; `member_events` records every step.
 */
export const members = pgTable('members', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  personId: ref('person_id').notNull().references(() => people.id),
  /** The account that registered (报到 from the phone); null when staff entered the member. */
  accountId: ref('account_id'),
  kind: text('kind', { enum: memberKinds }).notNull(),
  /** The branch: the property company's branch (自管) or the unit's branch (双报到); null for volunteers. */
  branchName: text('branch_name'),
  /** 双报到: the unit they work in. */
  workUnit: text('work_unit'),
  joinedPartyOn: date('joined_party_on', { mode: 'string' }),
  /** The compound they live in (their "members serving this compound" list). */
  compoundId: ref('compound_id').references(() => compounds.id),
  skills: jsonb('skills').$type<string[]>().notNull().default([]),
  availability: text('availability'),
  state: text('state', { enum: memberStates }).notNull().default('pending'),
  version: integer('version').notNull().default(1),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /** A transfer's new registration points back at the one it came from. */
  transferredFromId: ref('transferred_from_id'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // One open registration (pending or active) per person and community: a double 报到 tap registers once.
  uniqueIndex('members_open_person_uq').on(t.personId, t.communityId).where(sql`state in ('pending', 'active')`),
  index('members_community_idx').on(t.communityId, t.state),
  index('members_compound_idx').on(t.compoundId),
]);

/** The registry's timeline: registered, approved, rejected, left, transferred. Append-only. */
export const memberEvents = timelineTable('member_events', 'member_id', () => members.id);

export const postKinds = ['responsibility', 'demonstration', 'vanguard'] as const;
export type PostKind = (typeof postKinds)[number];

/** 三岗: a post a member holds (党员责任岗 / 示范岗 / 先锋岗) with its duty and period. */
export const memberPosts = pgTable('member_posts', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  memberId: ref('member_id').notNull().references(() => members.id),
  post: text('post', { enum: postKinds }).notNull(),
  duty: text('duty').notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
  createdAt: createdAt(),
}, (t) => [index('member_posts_member_idx').on(t.memberId)]);

export const teamKinds = ['vanguard', 'helpers', 'volunteer'] as const;

/** A team: 党员先锋队, 邻里帮帮团, any volunteer team — with a leader and members. */
export const teams = pgTable('teams', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  name: text('name').notNull(),
  kind: text('kind', { enum: teamKinds }).notNull(),
  leaderMemberId: ref('leader_member_id').references(() => members.id),
  description: text('description'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('teams_community_name_uq').on(t.communityId, t.name)]);

export const teamMembers = pgTable('team_members', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  teamId: ref('team_id').notNull().references(() => teams.id),
  memberId: ref('member_id').notNull().references(() => members.id),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('team_members_uq').on(t.teamId, t.memberId)]);

/** The points rule of a community: points per started block of minutes, a floor, and a bonus per confirmed wish. */
export const pointsRules = pgTable('points_rules', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  minutesPerPoint: integer('minutes_per_point').notNull().default(30),
  minPoints: integer('min_points').notNull().default(1),
  wishBonus: integer('wish_bonus').notNull().default(0),
  /** Days a claimant has to fulfil before a stalled claim returns to the pool. */
  claimDays: integer('claim_days').notNull().default(7),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('points_rules_community_uq').on(t.communityId)]);

export const wishStates = ['review', 'open', 'claimed', 'fulfilled', 'confirmed', 'rejected'] as const;
export type WishState = (typeof wishStates)[number];

/**
 * 微心愿: a small wish a resident posts (or staff post for an elderly or disabled resident). Its
 * public text carries no private details; staff review it before it is public. `claimant_*` is
 * set by the conditional UPDATE that wins the claim.
 */
export const wishes = pgTable('wishes', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** For whom, in public words ("独居老人", "行动不便的李奶奶"). */
  forWhom: text('for_whom').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  estimatedMinutes: integer('estimated_minutes').notNull().default(60),
  postedByAccountId: ref('posted_by_account_id').notNull(),
  /** Posted by staff on behalf of a resident (staff then confirm). */
  onBehalf: boolean('on_behalf').notNull().default(false),
  state: text('state', { enum: wishStates }).notNull().default('review'),
  version: integer('version').notNull().default(1),
  claimantMemberId: ref('claimant_member_id').references(() => members.id),
  claimantPersonId: ref('claimant_person_id').references(() => people.id),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  claimDeadline: timestamp('claim_deadline', { withTimezone: true }),
  fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
  fulfilNote: text('fulfil_note'),
  /** Minutes the claimant reports at fulfilment (credited on confirmation). */
  serviceMinutes: integer('service_minutes'),
  photoKey: text('photo_key'),
  photoMimeType: text('photo_mime_type'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  thanks: text('thanks'),
  declineReason: text('decline_reason'),
  reviewNote: text('review_note'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('wishes_community_state_idx').on(t.communityId, t.state, t.dueOn),
  index('wishes_compound_state_idx').on(t.compoundId, t.state),
  index('wishes_claimant_idx').on(t.claimantPersonId),
  index('wishes_claim_deadline_idx').on(t.claimDeadline).where(sql`state = 'claimed'`),
]);

/** A wish's timeline (posted, approved, claimed, released, expired, fulfilled, declined, confirmed). Append-only. */
export const wishEvents = timelineTable('wish_events', 'wish_id', () => wishes.id);

/** A closed period of a community's 红榜, frozen once: the first reader after the period ends writes it. */
export const honourRollPeriods = pgTable('honour_roll_periods', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  /** '2026' or '2026Q3'. */
  period: text('period').notNull(),
  frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('honour_roll_periods_uq').on(t.communityId, t.period)]);

/** The frozen rows of a closed period, in rank order. Append-only: a closed period never changes. */
export const honourRollEntries = pgTable('honour_roll_entries', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  periodId: ref('period_id').notNull().references(() => honourRollPeriods.id),
  rank: integer('rank').notNull(),
  personId: ref('person_id').notNull().references(() => people.id),
  minutes: integer('minutes').notNull(),
  points: integer('points').notNull(),
  services: integer('services').notNull(),
}, (t) => [uniqueIndex('honour_roll_entries_uq').on(t.periodId, t.personId)]);
