import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { cities, communities, households } from '../places/places.schema.js';

/** A natural person. Phone and ID number are personal data under PIPL: presenters mask them. */
export const people = pgTable('people', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  name: text('name').notNull(),
  phone: text('phone'),
  idNumber: text('id_number'),
  gender: text('gender', { enum: ['male', 'female'] }),
  birthYear: integer('birth_year'),
  createdAt: createdAt(),
}, (t) => [index('people_city_phone_idx').on(t.cityId, t.phone)]);

/** Who lives in (or owns) a household. */
export const householdMembers = pgTable('household_members', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  householdId: ref('household_id').notNull().references(() => households.id),
  personId: ref('person_id').notNull().references(() => people.id),
  relation: text('relation', { enum: ['owner', 'co_owner', 'tenant', 'family'] }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('household_members_uq').on(t.householdId, t.personId),
  index('household_members_person_idx').on(t.personId),
]);

/** 党员: 自管 (in the property company's branch) or 双报到 (in-service, registered where they live). */
export const partyMembers = pgTable('party_members', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  personId: ref('person_id').notNull().references(() => people.id),
  kind: text('kind', { enum: ['self_managed', 'dual_registered'] }).notNull(),
  branchOrganisationId: ref('branch_organisation_id'),
  workUnit: text('work_unit'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('party_members_person_community_uq').on(t.personId, t.communityId)]);

export const accounts = pgTable('accounts', {
  id: id(),
  personId: ref('person_id').notNull().references(() => people.id),
  username: text('username').notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  locale: text('locale').notNull().default('zh-CN'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('accounts_username_uq').on(t.username)]);

/**
 * A role name (`resident`, `community_staff`, …). Roles are declared by module manifests — the
 * base ones in accounts.module.ts — so the column is plain text and the registry knows the list.
 */
export type Role = string;

export const scopeTypes = ['household', 'compound', 'community', 'company', 'local_unit', 'street', 'district', 'city', 'platform'] as const;
export type ScopeType = (typeof scopeTypes)[number];

/** One role of an account, bound to one scope (a household, a community, a company, a city…). */
export const roleGrants = pgTable('role_grants', {
  id: id(),
  accountId: ref('account_id').notNull().references(() => accounts.id),
  role: text('role').$type<Role>().notNull(),
  scopeType: text('scope_type', { enum: scopeTypes }).notNull(),
  scopeId: ref('scope_id').notNull(),
  organisationId: ref('organisation_id'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('role_grants_uq').on(t.accountId, t.role, t.scopeType, t.scopeId),
]);

/** Server-side sessions. Only a hash of the cookie token is stored. */
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  accountId: ref('account_id').notNull().references(() => accounts.id),
  csrfToken: text('csrf_token').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
}, (t) => [index('sessions_account_idx').on(t.accountId)]);

/** Failed-login counters, one row per throttled key ("account:NAME" or "ip:ADDR"). */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
