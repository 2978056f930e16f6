import { z } from 'zod';
import { bodyId, calendarDate, count32, dateTime, idParam, line, pageOf, pageQuery, queryId, searchText, text } from '../../kernel/dto.js';
import { limits } from '../../shared/limits.js';
import { alertKinds } from './stations.alerts.js';
import { stationAbilityNames } from './stations.policy.js';
import { readinessPartKeys } from './stations.readiness.js';
import {
  checkoutPurposes, checkoutStates, coverageKinds, drillKinds, holderSides, incidentKinds, incidentStates, itemSections, rollCallAnswers, teamRoles, teamSides,
} from './stations.schema.js';

export { idParam };

const id = z.number().int();
const isoTime = z.string().describe('ISO 8601 time');
const day = z.string().describe('YYYY-MM-DD');
/** A phone number as people write it (mobile, landline with area code, extension). */
const phone = line({ min: 3, max: 20 }).regex(/^[0-9+\-() ]+$/, 'digits, spaces, + - ( ) only');
const name = line({ min: 1, max: 60 });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
/** A quantity in a body: at least one, at most what a store room could hold. */
const units = z.number().int().min(1).max(100_000);

// ---------- stations ----------

export const readinessPartDto = z.object({
  key: z.enum(readinessPartKeys),
  weight: z.number().int(),
  ratio: z.number().describe('0..1'),
  points: z.number().describe('weight × ratio'),
  facts: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).describe('The counts behind the ratio'),
});

export const readinessDto = z.object({
  stationId: id,
  stationName: z.string(),
  communityId: id,
  communityName: z.string(),
  score: z.number().int().describe('0–100: Σ weight × ratio of the parts'),
  parts: z.array(readinessPartDto),
  daysSinceDrill: z.number().int().nullable(),
  computedAt: isoTime,
});
export type ReadinessDto = z.infer<typeof readinessDto>;

export const readinessListQuery = z.object({
  cityId: queryId.optional(),
  districtId: queryId.optional(),
  streetId: queryId.optional(),
  communityId: queryId.optional(),
});
export const readinessListDto = z.object({ items: z.array(readinessDto), averageScore: z.number().nullable() });

export const alertDto = z.object({
  key: z.string(),
  kind: z.enum(alertKinds),
  severity: z.enum(['critical', 'warning']),
  itemId: id.nullable(),
  checkoutId: id.nullable(),
  rollCallId: id.nullable(),
  keyHolderId: id.nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string().describe('The alert in one Chinese sentence'),
});

export const stationSummaryDto = z.object({
  id,
  name: z.string(),
  address: z.string(),
  community: z.object({ id, name: z.string() }),
  company: z.object({ id, name: z.string() }).nullable(),
  alwaysOpen: z.boolean(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  dutyPhone: z.string().nullable(),
  coverage: z.object({ compounds: z.number().int(), urbanVillages: z.number().int(), shops: z.number().int() }),
  itemKinds: z.object({ rescue: z.number().int(), supplies: z.number().int(), rescueCategories: z.number().int(), suppliesCategories: z.number().int() }),
  teamSize: z.number().int(),
  score: z.number().int().describe('Readiness 0–100'),
  alerts: z.object({ critical: z.number().int(), warning: z.number().int() }),
  lastDrillAt: isoTime.nullable(),
});
export type StationSummaryDto = z.infer<typeof stationSummaryDto>;

export const coverageDto = z.object({
  id,
  kind: z.enum(coverageKinds),
  name: z.string(),
  compound: z.object({ id, name: z.string() }).nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('Masked for those who are not staff of the station'),
  headcount: z.number().int().nullable(),
  note: z.string().nullable(),
});

export const keyHolderDto = z.object({
  id,
  name: z.string(),
  phone: z.string().nullable().describe('Masked for those who are not staff of the station'),
  side: z.enum(holderSides),
  organisation: z.string(),
  keyLabel: z.string(),
  hasAccount: z.boolean().describe('Confirms roll calls from the phone; otherwise a manager records the answer after a call'),
  active: z.boolean(),
});

export const teamMemberDto = z.object({
  id,
  name: z.string(),
  phone: z.string().nullable().describe('Masked for those who are not staff of the station'),
  teamRole: z.enum(teamRoles),
  side: z.enum(teamSides),
  skills: z.array(z.string()),
  hasAccount: z.boolean(),
  active: z.boolean(),
  joinedOn: day.nullable(),
  drillsAttended: z.number().int().describe('Trainings and drills attended in the last 365 days'),
});

export const rollCallDto = z.object({
  id,
  startedAt: isoTime,
  dueAt: isoTime,
  startedBy: z.string().nullable().describe('null: opened by the schedule'),
  note: z.string().nullable(),
  open: z.boolean().describe('Before its due time with answers still missing'),
  answers: z.array(z.object({
    id,
    keyHolderId: id,
    holderName: z.string(),
    keyLabel: z.string(),
    answer: z.enum(rollCallAnswers).nullable(),
    answeredAt: isoTime.nullable(),
    onBehalf: z.boolean(),
    note: z.string().nullable(),
  })),
});

export const stationDetailDto = stationSummaryDto.extend({
  locationNote: z.string().nullable(),
  rollCallEveryDays: z.number().int(),
  rollCallAnswerHours: z.number().int(),
  drillEveryDays: z.number().int(),
  createdAt: isoTime,
  coverageList: z.array(coverageDto),
  keyHolders: z.array(keyHolderDto),
  team: z.array(teamMemberDto),
  latestRollCall: rollCallDto.nullable(),
  alertList: z.array(alertDto),
  readiness: readinessDto,
  openCheckouts: z.number().int(),
  openIncidents: z.number().int(),
  abilities: z.object(Object.fromEntries(stationAbilityNames.map((a) => [a, z.boolean()])) as Record<(typeof stationAbilityNames)[number], z.ZodBoolean>),
});
export type StationDetailDto = z.infer<typeof stationDetailDto>;

export const stationListQuery = z.object({
  communityId: queryId.optional(),
  q: searchText.optional().describe('Search in name and address'),
  ...pageQuery,
});
export const stationPage = pageOf(stationSummaryDto);

const stationFields = {
  name: line({ min: 2, max: 60 }),
  address: line({ min: 2, max: 200 }),
  locationNote: line({ max: 200 }).nullish(),
  alwaysOpen: z.boolean().default(true).describe('Open to the public 24 hours'),
  opensAt: hhmm.nullish(),
  closesAt: hhmm.nullish(),
  dutyPhone: phone.nullish(),
  rollCallEveryDays: z.number().int().min(1).max(366).default(30),
  rollCallAnswerHours: z.number().int().min(1).max(720).default(48),
  drillEveryDays: z.number().int().min(1).max(730).default(90),
};

export const createStationBody = z.strictObject({
  communityId: bodyId,
  companyId: bodyId.nullish().describe('The property company that runs the station with the community (it must serve a compound of the community)'),
  ...stationFields,
});
export type CreateStationBody = z.infer<typeof createStationBody>;

export const updateStationBody = z.strictObject({
  name: stationFields.name.optional(),
  address: stationFields.address.optional(),
  locationNote: stationFields.locationNote,
  alwaysOpen: z.boolean().optional(),
  opensAt: stationFields.opensAt,
  closesAt: stationFields.closesAt,
  dutyPhone: stationFields.dutyPhone,
  rollCallEveryDays: z.number().int().min(1).max(366).optional(),
  rollCallAnswerHours: z.number().int().min(1).max(720).optional(),
  drillEveryDays: z.number().int().min(1).max(730).optional(),
});
export type UpdateStationBody = z.infer<typeof updateStationBody>;

export const createCoverageBody = z.strictObject({
  kind: z.enum(coverageKinds),
  name: line({ min: 1, max: 80 }),
  compoundId: bodyId.nullish().describe('A compound of the station\'s community (kind compound)'),
  address: line({ max: 200 }).nullish(),
  contactName: name.nullish(),
  contactPhone: phone.nullish(),
  headcount: count32.max(1_000_000).nullish(),
  note: line({ max: 200 }).nullish(),
});
export type CreateCoverageBody = z.infer<typeof createCoverageBody>;

// ---------- items ----------

export const itemDto = z.object({
  id,
  stationId: id,
  section: z.enum(itemSections),
  category: z.string(),
  name: z.string(),
  unit: z.string(),
  quantity: z.number().int().describe('On hand in the room now'),
  out: z.number().int().describe('Checked out and not yet back'),
  standardQuantity: z.number().int().describe('配置标准: the minimum to keep on hand'),
  consumable: z.boolean(),
  location: z.string().nullable(),
  expiresOn: day.nullable(),
  inspectEveryDays: z.number().int().nullable(),
  lastInspectedOn: day.nullable(),
  nextInspectionOn: day.nullable(),
  note: z.string().nullable(),
  status: z.array(z.enum(['below_standard', 'expired', 'near_expiry', 'inspection_due'])).describe('The item\'s alerts now'),
});
export type ItemDto = z.infer<typeof itemDto>;

export const itemStatusFilter = z.enum(['below_standard', 'expired', 'near_expiry', 'inspection_due', 'attention']);
export const itemListQuery = z.object({
  q: searchText.optional().describe('Search in name, category and location (Chinese text)'),
  section: z.enum(itemSections).optional(),
  category: line({ max: 40 }).optional(),
  status: itemStatusFilter.optional().describe('attention = any of the four'),
  ...pageQuery,
});
export const itemPage = pageOf(itemDto).extend({
  categories: z.array(z.object({ section: z.enum(itemSections), category: z.string(), kinds: z.number().int() })).describe('Every category of the station (for filters)'),
});

const itemFields = {
  category: line({ min: 1, max: 40 }),
  name: line({ min: 1, max: 60 }),
  unit: line({ min: 1, max: 10 }),
  standardQuantity: count32.max(100_000),
  location: line({ max: 60 }).nullish(),
  expiresOn: calendarDate.nullish(),
  inspectEveryDays: z.number().int().min(1).max(3660).nullish(),
  lastInspectedOn: calendarDate.nullish(),
  note: line({ max: 200 }).nullish(),
};

export const createItemBody = z.strictObject({
  section: z.enum(itemSections),
  consumable: z.boolean().default(false),
  quantity: count32.max(100_000).default(0).describe('Initial stock on hand'),
  ...itemFields,
});
export type CreateItemBody = z.infer<typeof createItemBody>;

export const updateItemBody = z.strictObject({
  category: itemFields.category.optional(),
  name: itemFields.name.optional(),
  unit: itemFields.unit.optional(),
  standardQuantity: itemFields.standardQuantity.optional(),
  location: itemFields.location,
  expiresOn: itemFields.expiresOn,
  inspectEveryDays: itemFields.inspectEveryDays,
  note: itemFields.note,
});
export type UpdateItemBody = z.infer<typeof updateItemBody>;

export const restockBody = z.strictObject({
  quantity: units,
  expiresOn: calendarDate.nullish().describe('The nearest expiry of the stock on hand after the restock'),
  note: line({ max: 200 }).nullish(),
});
export const stocktakeBody = z.strictObject({ counted: count32.max(100_000).describe('What was counted in the room'), note: line({ max: 200 }).nullish() });
export const inspectionBody = z.strictObject({
  inspectedOn: calendarDate.optional().describe('Default: today'),
  ok: z.boolean().describe('In working order'),
  note: line({ max: 200 }).nullish(),
});

export const itemEventDto = z.object({
  id, kind: z.string(), delta: z.number().int(), quantityAfter: z.number().int(), checkoutId: id.nullable(), actorName: z.string().nullable(), note: z.string().nullable(), at: isoTime,
});
export const itemEventPage = pageOf(itemEventDto);

// ---------- check-outs ----------

export const checkoutDto = z.object({
  id,
  stationId: id,
  item: z.object({ id, name: z.string(), unit: z.string(), consumable: z.boolean() }),
  quantity: z.number().int(),
  returnedQuantity: z.number().int(),
  lostQuantity: z.number().int(),
  outstanding: z.number().int(),
  state: z.enum(checkoutStates),
  purpose: z.enum(checkoutPurposes),
  reason: z.string().nullable(),
  incidentId: id.nullable(),
  drillId: id.nullable(),
  borrower: z.object({ name: z.string(), phone: z.string().nullable() }).nullable().describe('Phone masked for those who are not staff of the station'),
  checkedOutBy: z.string(),
  checkedOutAt: isoTime,
  dueAt: isoTime.nullable(),
  overdue: z.boolean(),
  returnedAt: isoTime.nullable(),
  returnNote: z.string().nullable(),
  itemQuantityAfter: z.number().int().optional().describe('Stock on hand after this write (answers of check-out and return)'),
});
export type CheckoutDto = z.infer<typeof checkoutDto>;

export const createCheckoutBody = z.strictObject({
  itemId: bodyId,
  quantity: units.default(1),
  purpose: z.enum(checkoutPurposes),
  reason: line({ max: 200 }).nullish(),
  incidentId: bodyId.nullish().describe('An incident of this station'),
  drillId: bodyId.nullish().describe('A training or drill of this station'),
  borrowerName: name.nullish().describe('A resident borrowing (purpose loan)'),
  borrowerPhone: phone.nullish(),
  dueAt: dateTime.nullish().describe('When equipment is due back (default: 24 h; loans 3 days)'),
});
export type CreateCheckoutBody = z.infer<typeof createCheckoutBody>;

export const returnBody = z.strictObject({
  quantity: count32.max(100_000).optional().describe('Units brought back now (default: all still out, less `lost`)'),
  lost: count32.max(100_000).default(0).describe('Units lost or broken beyond use'),
  note: line({ max: 200 }).nullish(),
});

export const checkoutListQuery = z.object({
  state: z.enum(['out', 'overdue', 'returned', 'consumed', 'all']).default('all'),
  itemId: queryId.optional(),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('Checked out by me'),
  ...pageQuery,
});
export const checkoutPage = pageOf(checkoutDto);

// ---------- keys and roll calls ----------

export const createKeyHolderBody = z.strictObject({
  name,
  phone,
  side: z.enum(holderSides),
  organisation: line({ min: 1, max: 60 }),
  keyLabel: line({ min: 1, max: 40 }),
  accountId: bodyId.nullish().describe('The holder\'s account (staff of the station) to confirm roll calls on the phone'),
});
export const updateKeyHolderBody = z.strictObject({
  phone: phone.optional(),
  keyLabel: line({ min: 1, max: 40 }).optional(),
  active: z.boolean().optional(),
});

export const startRollCallBody = z.strictObject({
  answerHours: z.number().int().min(1).max(720).optional().describe('Default: the station\'s roll-call answer window'),
  note: line({ max: 200 }).nullish(),
});
export const answerRollCallBody = z.strictObject({
  answer: z.enum(rollCallAnswers),
  keyHolderId: bodyId.optional().describe('Which of my keys (default: every key of mine this roll call asks about)'),
  note: line({ max: 200 }).nullish(),
});
export const recordRollCallBody = z.strictObject({
  keyHolderId: bodyId,
  answer: z.enum(rollCallAnswers),
  note: line({ max: 200 }).nullish().describe('E.g. 电话确认'),
});
export const rollCallPage = pageOf(rollCallDto);

export const myRollCallDto = z.object({
  rollCallId: id,
  answerId: id,
  stationId: id,
  stationName: z.string(),
  keyLabel: z.string(),
  dueAt: isoTime,
  answer: z.enum(rollCallAnswers).nullable(),
});
export const myRollCallsDto = z.object({ items: z.array(myRollCallDto) });

// ---------- team and drills ----------

export const createTeamMemberBody = z.strictObject({
  name,
  phone,
  teamRole: z.enum(teamRoles).default('member'),
  side: z.enum(teamSides),
  skills: z.array(line({ min: 1, max: 20 })).max(12).default([]),
  accountId: bodyId.nullish(),
  joinedOn: calendarDate.nullish(),
});
export const updateTeamMemberBody = z.strictObject({
  phone: phone.optional(),
  teamRole: z.enum(teamRoles).optional(),
  skills: z.array(line({ min: 1, max: 20 })).max(12).optional(),
  active: z.boolean().optional(),
});

export const drillDto = z.object({
  id,
  stationId: id,
  kind: z.enum(drillKinds),
  title: z.string(),
  heldAt: isoTime,
  durationMinutes: z.number().int(),
  location: z.string().nullable(),
  trainer: z.string().nullable(),
  practised: z.array(z.string()),
  notes: z.string().nullable(),
  attendees: z.array(z.object({ teamMemberId: id, name: z.string() })),
  teamSize: z.number().int().describe('Active team members when read'),
  itemsUsed: z.number().int().describe('Check-outs made for it'),
});
export const drillPage = pageOf(drillDto);
export const createDrillBody = z.strictObject({
  kind: z.enum(drillKinds),
  title: line({ min: 2, max: 80 }),
  heldAt: dateTime,
  durationMinutes: z.number().int().min(1).max(1440),
  location: line({ max: 100 }).nullish(),
  trainer: line({ max: 60 }).nullish(),
  practised: z.array(line({ min: 1, max: 40 })).min(1).max(20).describe('What was practised (破拆工具使用, 心肺复苏…)'),
  notes: text({ max: limits.noteMax }).nullish(),
  attendeeIds: z.array(bodyId).max(200).default([]).describe('Team members of this station who came'),
});
export type CreateDrillBody = z.infer<typeof createDrillBody>;
export const drillListQuery = z.object({ kind: z.enum(drillKinds).optional(), ...pageQuery });

// ---------- incidents ----------

export const incidentDto = z.object({
  id,
  stationId: id,
  kind: z.enum(incidentKinds),
  title: z.string(),
  description: z.string().nullable(),
  occurredAt: isoTime,
  locationText: z.string().nullable(),
  coverage: z.object({ id, name: z.string(), kind: z.enum(coverageKinds) }).nullable(),
  requestId: id.nullable().describe('The 三单服务 request it began as'),
  state: z.enum(incidentStates),
  outcome: z.string().nullable(),
  closedAt: isoTime.nullable(),
  responders: z.array(z.object({ teamMemberId: id, name: z.string() })),
  used: z.array(z.object({ checkoutId: id, itemName: z.string(), unit: z.string(), quantity: z.number().int(), state: z.enum(checkoutStates) })),
  createdAt: isoTime,
});
export const incidentPage = pageOf(incidentDto);
export const createIncidentBody = z.strictObject({
  kind: z.enum(incidentKinds),
  title: line({ min: 2, max: 80 }),
  description: text({ max: limits.descriptionMax }).nullish(),
  occurredAt: dateTime,
  locationText: line({ max: 200 }).nullish(),
  coverageId: bodyId.nullish().describe('Where, among the station\'s coverage'),
  requestId: bodyId.nullish().describe('A service request visible to you that it began as'),
  responderIds: z.array(bodyId).max(100).default([]).describe('Team members who came'),
});
export type CreateIncidentBody = z.infer<typeof createIncidentBody>;
export const closeIncidentBody = z.strictObject({
  outcome: text({ min: 2, max: limits.noteMax }),
  responderIds: z.array(bodyId).max(100).optional().describe('Who came, if more joined (added to the list)'),
});
export const incidentListQuery = z.object({ state: z.enum(incidentStates).optional(), ...pageQuery });
