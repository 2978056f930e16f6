import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { timelineTable } from '../../kernel/workflow.js';
import { accounts, people } from '../accounts/accounts.schema.js';
import { buildings, cities, communities, compounds, households, organisations, propertyCompanies } from '../places/places.schema.js';
import { requestStates, type RequestState } from '../../shared/request-states.js';

export const assigneeKinds = ['property_company', 'local_unit', 'grid_worker'] as const;
export type AssigneeKind = (typeof assigneeKinds)[number];
export const priorities = ['normal', 'urgent'] as const;
export const locationKinds = ['own_unit', 'building', 'stairwell', 'garage', 'green_space', 'road', 'public_area', 'other'] as const;

/** 诉求分类, per city, editable by staff. SLA targets live on the category. */
export const requestCategories = pgTable('request_categories', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  /** English name for the English UI; null → the web shows the Chinese one. */
  nameEn: text('name_en'),
  description: text('description'),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  defaultAssigneeKind: text('default_assignee_kind', { enum: assigneeKinds }).notNull().default('property_company'),
  respondMinutes: integer('respond_minutes').notNull().default(60),
  resolveMinutes: integer('resolve_minutes').notNull().default(1440),
  urgentRespondMinutes: integer('urgent_respond_minutes').notNull().default(15),
  urgentResolveMinutes: integer('urgent_resolve_minutes').notNull().default(240),
  /** null = the SLA clock runs 24/7; otherwise business hours "08:00-18:00" on every day. */
  businessHours: text('business_hours'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('request_categories_city_code_uq').on(t.cityId, t.code)]);

/** Keyword rules that suggest a category (and assignee) from the text of a request. */
export const classificationRules = pgTable('classification_rules', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  categoryId: ref('category_id').notNull().references(() => requestCategories.id),
  keywords: text('keywords').array().notNull(),
  weight: integer('weight').notNull().default(1),
  suggestUrgent: boolean('suggest_urgent').notNull().default(false),
  assigneeKind: text('assignee_kind', { enum: assigneeKinds }),
  localUnitId: ref('local_unit_id').references(() => organisations.id),
  createdAt: createdAt(),
});

/** 三单服务 request. Denormalised place keys let city-wide figures and scoping avoid joins. */
export const serviceRequests = pgTable('service_requests', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  cityId: ref('city_id').notNull().references(() => cities.id),
  districtId: ref('district_id').notNull(),
  streetId: ref('street_id').notNull(),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  buildingId: ref('building_id').references(() => buildings.id),
  householdId: ref('household_id').references(() => households.id),
  categoryId: ref('category_id').notNull().references(() => requestCategories.id),
  suggestedCategoryId: ref('suggested_category_id'),
  priority: text('priority', { enum: priorities }).notNull().default('normal'),
  description: text('description').notNull(),
  locationKind: text('location_kind', { enum: locationKinds }).notNull(),
  locationText: text('location_text'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  contactTime: text('contact_time'),
  source: text('source', { enum: ['app', 'open311', 'phone', 'seed'] }).notNull().default('app'),
  state: text('state', { enum: requestStates }).$type<RequestState>().notNull().default('submitted'),
  reporterPersonId: ref('reporter_person_id').references(() => people.id),
  reporterAccountId: ref('reporter_account_id').references(() => accounts.id),
  reporterName: text('reporter_name'),
  reporterPhone: text('reporter_phone'),
  reporterEmail: text('reporter_email'),
  /** Open311 api key that filed it (external reporters have no account). */
  apiKeyId: ref('api_key_id'),
  assigneeKind: text('assignee_kind', { enum: assigneeKinds }),
  assigneeCompanyId: ref('assignee_company_id').references(() => propertyCompanies.id),
  assigneeOrganisationId: ref('assignee_organisation_id').references(() => organisations.id),
  assigneeAccountId: ref('assignee_account_id').references(() => accounts.id),
  masterRequestId: ref('master_request_id'),
  dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  respondDueAt: timestamp('respond_due_at', { withTimezone: true }).notNull(),
  resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  respondBreachedAt: timestamp('respond_breached_at', { withTimezone: true }),
  resolveBreachedAt: timestamp('resolve_breached_at', { withTimezone: true }),
  rating: smallint('rating'),
  ratingComment: text('rating_comment'),
  ratedAt: timestamp('rated_at', { withTimezone: true }),
  reopenCount: integer('reopen_count').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
}, (t) => [
  index('service_requests_queue_idx').on(t.communityId, t.state, t.createdAt.desc(), t.id.desc()),
  // The dispatcher's queue of open requests (any subset of these states), newest first, read in
  // index order: with the state list above, PostgreSQL fetches and sorts every open request of the
  // community before taking a page (bench, 1,872 open rows: 38 ms a page, the queue's bottleneck).
  index('service_requests_open_queue_idx').on(t.communityId, t.createdAt.desc(), t.id.desc())
    .where(sql`state in ('submitted', 'dispatched', 'accepted', 'in_progress', 'returned', 'reopened', 'escalated', 'resolved')`),
  index('service_requests_community_created_idx').on(t.communityId, t.createdAt.desc(), t.id.desc()),
  index('service_requests_company_idx').on(t.assigneeCompanyId, t.state, t.createdAt.desc()),
  index('service_requests_org_idx').on(t.assigneeOrganisationId, t.state),
  index('service_requests_reporter_idx').on(t.reporterAccountId, t.createdAt.desc()),
  index('service_requests_city_category_created_idx').on(t.cityId, t.categoryId, t.createdAt),
  index('service_requests_city_created_idx').on(t.cityId, t.createdAt),
  index('service_requests_master_idx').on(t.masterRequestId),
  index('service_requests_assignee_account_idx').on(t.assigneeAccountId, t.state),
  index('service_requests_household_idx').on(t.householdId, t.createdAt.desc()),
  // The auto-close sweep reads unconfirmed resolutions oldest first.
  index('service_requests_resolved_idx').on(t.resolvedAt).where(sql`state = 'resolved'`),
  index('service_requests_respond_due_idx').on(t.respondDueAt).where(sql`respond_breached_at is null and state in ('submitted','dispatched','returned','reopened','escalated')`),
  index('service_requests_resolve_due_idx').on(t.resolveDueAt).where(sql`resolve_breached_at is null and state in ('submitted','dispatched','accepted','in_progress','returned','reopened','escalated')`),
]);

/** The timeline: one row per transition or note (the kernel's timeline table, append-only). */
export const requestEvents = timelineTable('request_events', 'request_id', () => serviceRequests.id, { indexName: 'request_events_request_idx' });

/** Photos of a request or of one of its timeline steps; bytes live behind the storage seam. */
export const requestAttachments = pgTable('request_attachments', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  requestId: ref('request_id').notNull().references(() => serviceRequests.id),
  storageKey: text('storage_key').notNull(),
  mimeType: text('mime_type').notNull(),
  bytes: integer('bytes').notNull(),
  sha256: text('sha256').notNull(),
  uploadedBy: ref('uploaded_by').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [index('request_attachments_request_idx').on(t.requestId)]);

/** 三方会诊: party branch + property company + owners' committee meet on a hard case. */
export const jointConsultations = pgTable('joint_consultations', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  requestId: ref('request_id').notNull().references(() => serviceRequests.id),
  heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
  place: text('place'),
  attendees: jsonb('attendees').$type<{ side: string; name: string; organisation?: string }[]>().notNull(),
  decision: text('decision').notNull(),
  actions: jsonb('actions').$type<{ owner: string; task: string; dueAt: string }[]>().notNull().default([]),
  recordedBy: ref('recorded_by').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [index('joint_consultations_request_idx').on(t.requestId)]);
