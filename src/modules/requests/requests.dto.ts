import { z } from 'zod';
import { bodyId, calendarDate, csvEnum, dateTime, idParam, line, queryBoolean, queryId, searchText, text } from '../../kernel/dto.js';
import { pageOf, pageQuery } from '../../server/pagination.js';
import { limits } from '../../shared/limits.js';
import { requestStates } from '../../shared/request-states.js';
import { assigneeKinds, locationKinds, priorities } from './requests.schema.js';

const id = z.number().int();
const isoTime = z.string().describe('ISO 8601 time');
const note = text({ max: limits.noteMax });
const requiredNote = note.min(1);

export { idParam };
export const attachmentParam = idParam.extend({ attachmentId: queryId.describe('Attachment id') });

export const slaStatusDto = z.enum(['ok', 'warning', 'breached', 'met']);
export const abilityNames = ['dispatch', 'merge', 'accept', 'return', 'start', 'progress', 'resolve', 'confirm', 'reopen', 'cancel', 'escalate', 'consult'] as const;

export const requestSummaryDto = z.object({
  id,
  state: z.enum(requestStates),
  stateLabel: z.string().describe('Chinese label of the state'),
  priority: z.enum(priorities),
  category: z.object({ id, code: z.string(), name: z.string() }),
  description: z.string().describe('First 120 characters in lists, full text in the detail'),
  compound: z.object({ id, name: z.string() }),
  communityId: id,
  locationLabel: z.string().describe('Where, as people say it: compound, building, kind of place'),
  reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).describe('Masked unless the actor needs them'),
  assignee: z.object({ kind: z.enum(assigneeKinds), id, name: z.string() }).nullable(),
  createdAt: isoTime,
  respondDueAt: isoTime,
  resolveDueAt: isoTime,
  acceptedAt: isoTime.nullable().describe('First acceptance; kept when the resident reopens (then the respond deadline runs again)'),
  resolvedAt: isoTime.nullable().describe('Latest resolution; null again after a reopen'),
  slaStatus: slaStatusDto.describe('warning = under 25 % of the window left'),
  respondBreached: z.boolean(),
  resolveBreached: z.boolean(),
  masterRequestId: id.nullable(),
  followerCount: z.number().int(),
  rating: z.number().int().nullable(),
});
export type RequestSummaryDto = z.infer<typeof requestSummaryDto>;

const attachmentRef = z.object({ id, url: z.string() });

export const timelineEntryDto = z.object({
  id,
  at: isoTime,
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actor: z.object({ name: z.string(), role: z.string().nullable() }).nullable().describe('null for the system'),
  note: z.string().nullable(),
  attachments: z.array(attachmentRef),
  data: z.record(z.string(), z.unknown()),
});

const attendeeSide = z.enum(['party', 'property', 'owners', 'community', 'other']);
export const consultationDto = z.object({
  id,
  heldAt: isoTime,
  place: z.string().nullable(),
  attendees: z.array(z.object({ side: z.string(), name: z.string(), organisation: z.string().optional() })),
  decision: z.string(),
  actions: z.array(z.object({ owner: z.string(), task: z.string(), dueAt: z.string() })),
  createdAt: isoTime,
});

export const requestDetailDto = requestSummaryDto.extend({
  contactTime: z.string().nullable(),
  locationKind: z.enum(locationKinds),
  locationText: z.string().nullable(),
  building: z.object({ id, name: z.string() }).nullable(),
  household: z.object({ id, label: z.string() }).nullable().describe('Only for the reporter and staff with people:read_pii'),
  reopenCount: z.number().int(),
  ratingComment: z.string().nullable(),
  attachments: z.array(attachmentRef.extend({ mimeType: z.string(), bytes: z.number().int() })),
  timeline: z.array(timelineEntryDto),
  consultations: z.array(consultationDto),
  followers: z.array(z.object({ requestId: id, reporterName: z.string().nullable(), createdAt: isoTime })),
  abilities: z.object(Object.fromEntries(abilityNames.map((a) => [a, z.boolean()])) as Record<(typeof abilityNames)[number], z.ZodBoolean>),
});
export type RequestDetailDto = z.infer<typeof requestDetailDto>;

export const requestPage = pageOf(requestSummaryDto).extend({
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page (newest-first order); null on the last page'),
});

/** Body of POST /requests (JSON, or the `data` part of a multipart upload). */
export const createRequestBody = z.strictObject({
  categoryId: bodyId.optional().describe('Omitted: classified from the description'),
  description: text({ min: 2, max: limits.descriptionMax }).describe('What is wrong'),
  priority: z.enum(priorities).optional(),
  locationKind: z.enum(locationKinds).describe('Own unit or a common place of the compound'),
  locationText: line({ max: 200 }).nullish().describe('E.g. "3号楼2单元楼道"'),
  buildingId: bodyId.nullish(),
  compoundId: bodyId.optional().describe('Staff filing by phone name the compound; residents default to theirs'),
  contactTime: line({ max: 100 }).nullish().describe('Preferred contact time, free text'),
});
export type CreateRequestBody = z.infer<typeof createRequestBody>;


export const listFiltersQuery = z.object({
  state: csvEnum(requestStates).optional().describe('Comma list of states'),
  categoryId: queryId.optional(),
  compoundId: queryId.optional(),
  communityId: queryId.optional(),
  assignee: z.string().regex(/^(me|none|(company|org|account):\d{1,15})$/).optional().describe('me, none, company:ID, org:ID, account:ID'),
  overdue: queryBoolean.optional().describe('Past the deadline that currently counts'),
  q: searchText.optional().describe('Search in description and location, or #id'),
  mine: queryBoolean.optional().describe('Filed by me'),
  createdFrom: calendarDate.optional().describe('Filed on or after this day (YYYY-MM-DD, Asia/Shanghai)'),
  createdTo: calendarDate.optional().describe('Filed on or before this day (YYYY-MM-DD, Asia/Shanghai, inclusive)'),
  sort: z.enum(['created_desc', 'due_asc']).default('created_desc'),
});
export const listQuery = listFiltersQuery.extend({
  ...pageQuery,
  cursor: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/).optional().describe('From the previous page\'s nextCursor: the page after that row (newest-first order); `page` is then ignored'),
});
/** Filters shared by the list, the counts and the exports, as validated (sort optional). */
export type RequestFilters = Omit<z.output<typeof listFiltersQuery>, 'sort'> & { sort?: z.output<typeof listFiltersQuery>['sort'] };

/** Query of GET /requests/counts: the list's filters (sort and paging mean nothing there). */
export const countsQuery = listFiltersQuery.omit({ sort: true });
export const requestCountsDto = z.object({
  byState: z.object(Object.fromEntries(requestStates.map((s) => [s, z.number().int()])) as Record<(typeof requestStates)[number], z.ZodNumber>)
    .describe('Matching requests per state; every state is present (0 when none)'),
  overdue: z.number().int().describe('Matching requests past the deadline that counts now (as overdue=true)'),
  total: z.number().int().describe('All matching requests (the list\'s total)'),
});
export type RequestCountsDto = z.infer<typeof requestCountsDto>;

export const classifyBody = z.strictObject({ description: text({ min: 1, max: limits.descriptionMax }) });
export const classifyDto = z.object({
  categoryId: id.nullable(), priority: z.enum(priorities), assigneeKind: z.enum(assigneeKinds).nullable(), localUnitId: id.nullable(), matchedKeywords: z.array(z.string()),
});

const assigneeTarget = {
  assigneeKind: z.enum(assigneeKinds),
  companyId: bodyId.nullish().describe('property_company: defaults to the compound\'s company'),
  organisationId: bodyId.nullish().describe('local_unit'),
  accountId: bodyId.nullish().describe('grid_worker'),
};
export const dispatchBody = z.strictObject({
  ...assigneeTarget,
  categoryId: bodyId.optional().describe('Confirm or change the category'),
  priority: z.enum(priorities).optional(),
  note: note.nullish(),
});
export const bulkDispatchBody = dispatchBody.extend({ ids: z.array(bodyId).min(1).max(100) });
export const bulkDispatchDto = z.object({ results: z.array(z.object({ id, ok: z.boolean(), error: z.object({ code: z.string(), message: z.string() }).optional() })) });
export const mergeBody = z.strictObject({ masterId: bodyId, note: note.nullish() });
export const optionalNoteBody = z.strictObject({ note: note.nullish() });
export const requiredNoteBody = z.strictObject({ note: requiredNote });
export const reasonBody = z.strictObject({ reason: requiredNote });
export const confirmBody = z.strictObject({ rating: z.number().int().min(1).max(5), comment: note.nullish() });
export const consultationBody = z.strictObject({
  heldAt: dateTime.describe('When they met'),
  place: line({ max: 200 }).nullish(),
  attendees: z.array(z.strictObject({ side: attendeeSide, name: line({ min: 1, max: 50 }), organisation: line({ max: 100 }).optional() })).min(1).max(50),
  decision: text({ min: 1, max: limits.descriptionMax }),
  actions: z.array(z.strictObject({ owner: line({ min: 1, max: 100 }), task: text({ min: 1, max: 500 }), dueAt: calendarDate.or(dateTime) })).max(50).default([]),
  dispatchTo: z.strictObject(assigneeTarget).nullish().describe('The decision sends the request to this assignee'),
  outcome: z.enum(['dispatch', 'resolve', 'record']).optional().describe('Default: dispatch when dispatchTo is given, else record (stays under consultation)'),
});
export const assigneesDto = z.object({
  companies: z.array(z.object({ id, name: z.string() })),
  localUnits: z.array(z.object({ id, name: z.string() })),
  gridWorkers: z.array(z.object({ accountId: id, name: z.string() })),
});

export const categoryDto = z.object({
  id, code: z.string(), name: z.string(), nameEn: z.string().nullable().describe('English name for the English UI; null → use name'), description: z.string().nullable(), sortOrder: z.number().int(), active: z.boolean(),
  defaultAssigneeKind: z.enum(assigneeKinds), respondMinutes: z.number().int(), resolveMinutes: z.number().int(),
  urgentRespondMinutes: z.number().int(), urgentResolveMinutes: z.number().int(), businessHours: z.string().nullable(),
});
const minutes = z.number().int().min(1).max(60 * 24 * 60);
const businessHours = z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/).nullable().describe('"08:00-18:00" (Asia/Shanghai); null = 24/7');
export const createCategoryBody = z.strictObject({
  code: z.string().trim().regex(/^[a-z0-9_]{1,40}$/), name: line({ min: 1, max: 40 }),
  nameEn: line({ min: 1, max: 60 }).nullish().describe('English name (optional)'), description: text({ max: 500 }).nullish(),
  sortOrder: z.number().int().min(0).max(100000).optional(), active: z.boolean().optional(), defaultAssigneeKind: z.enum(assigneeKinds).optional(),
  respondMinutes: minutes.optional(), resolveMinutes: minutes.optional(), urgentRespondMinutes: minutes.optional(), urgentResolveMinutes: minutes.optional(),
  businessHours: businessHours.optional(),
});
export const updateCategoryBody = createCategoryBody.omit({ code: true }).partial();

export const ruleDto = z.object({
  id, categoryId: id, keywords: z.array(z.string()), weight: z.number().int(), suggestUrgent: z.boolean(),
  assigneeKind: z.enum(assigneeKinds).nullable(), localUnitId: id.nullable(),
});
export const createRuleBody = z.strictObject({
  categoryId: bodyId, keywords: z.array(line({ min: 1, max: 20 })).min(1).max(50),
  weight: z.number().int().min(1).max(100).optional(), suggestUrgent: z.boolean().optional(),
  assigneeKind: z.enum(assigneeKinds).nullish(), localUnitId: bodyId.nullish(),
});
export const updateRuleBody = createRuleBody.partial();
