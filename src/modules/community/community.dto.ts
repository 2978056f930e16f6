import { z } from 'zod';
import { bodyId, calendarDate, dateTime, idParam, line, pageOf, pageQuery, queryId, text } from '../../kernel/dto.js';
import {
  activityStates, activityTypes, announcementLevels, audiences, bookingStates, checkinMethods, matterKinds, organiserKinds, signupRoles, signupStates, studyCategories, venueKinds,
} from './community.schema.js';

export { idParam };

const id = z.number().int();
const isoTime = z.string().describe('ISO 8601 time');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const title = line({ min: 1, max: 120 });
const photoUrl = line({ min: 1, max: 500 });

// ---------- venues and bookings ----------

export const venueListQuery = z.object({
  communityId: queryId.optional().describe('Only the rooms of this community'),
  compoundId: queryId.optional(),
});

export const createVenueBody = z.object({
  communityId: bodyId,
  compoundId: bodyId.optional().describe('The compound the room is in (e.g. 海棠尊邸); absent = the community\'s own'),
  name: line({ min: 1, max: 60 }),
  kind: z.enum(venueKinds),
  capacity: z.number().int().min(1).max(10000),
  opensAt: hhmm.default('08:00'),
  closesAt: hhmm.default('21:00'),
  rules: text({ max: 2000 }).optional(),
  photos: z.array(photoUrl).max(12).default([]),
  requiresApproval: z.boolean().default(false).describe('Bookings wait for staff approval'),
}).strict().refine((v) => v.opensAt < v.closesAt, { message: 'opensAt must be before closesAt', path: ['closesAt'] });
export type CreateVenueBody = z.infer<typeof createVenueBody>;

export const venueDto = z.object({
  id, communityId: id, communityName: z.string(), compoundId: id.nullable(), compoundName: z.string().nullable(),
  name: z.string(), kind: z.enum(venueKinds), capacity: z.number().int(), opensAt: z.string(), closesAt: z.string(),
  rules: z.string().nullable(), photos: z.array(z.string()), requiresApproval: z.boolean(),
  abilities: z.object({ manage: z.boolean(), book: z.boolean() }),
});
export type VenueDto = z.infer<typeof venueDto>;
export const venueListDto = z.object({ items: z.array(venueDto) });

export const bookingRangeQuery = z.object({
  from: dateTime.optional().describe('Start of the window (default: now − 1 day)'),
  to: dateTime.optional().describe('End of the window (default: from + 7 days; at most 62 days)'),
});

export const dayViewQuery = z.object({
  communityId: queryId,
  day: calendarDate.describe('The Shanghai calendar day'),
});

export const createBookingBody = z.object({
  startsAt: dateTime,
  endsAt: dateTime,
  purpose: line({ min: 1, max: 120 }),
  holderName: line({ min: 1, max: 60 }).optional().describe('Team or person the room is for (default: the booker)'),
}).strict();
export type CreateBookingBody = z.infer<typeof createBookingBody>;

export const bookingDto = z.object({
  id, venueId: id, venueName: z.string(), holderName: z.string(), purpose: z.string(), startsAt: isoTime, endsAt: isoTime,
  state: z.enum(bookingStates), activityId: id.nullable(), checkedInAt: isoTime.nullable(),
  releaseAt: isoTime.nullable().describe('When an unchecked booking is released (start + 15 min)'),
  mine: z.boolean(),
  abilities: z.object({ cancel: z.boolean(), approve: z.boolean(), checkIn: z.boolean() }),
});
export type BookingDto = z.infer<typeof bookingDto>;
export const bookingListDto = z.object({ items: z.array(bookingDto) });
export const dayViewDto = z.object({ day: z.string(), venues: z.array(z.object({ venue: venueDto, bookings: z.array(bookingDto) })) });
export const emptyBody = z.object({}).strict();
export const approveBody = z.object({ approve: z.boolean().default(true).describe('false rejects the booking') }).strict();

// ---------- activities ----------

export const createActivityBody = z.object({
  communityId: bodyId,
  compoundId: bodyId.optional().describe('Audience "compound": the compound'),
  organiserKind: z.enum(organiserKinds),
  organiserName: line({ min: 1, max: 60 }),
  type: z.enum(activityTypes).describe('culture 文化共建, party 党建, festival 节日, other 其他'),
  title,
  description: text({ max: 5000 }).default(''),
  venueId: bodyId.optional().describe('One of our rooms: booked in the same step'),
  locationText: line({ max: 120 }).optional().describe('Elsewhere'),
  startsAt: dateTime,
  endsAt: dateTime,
  capacity: z.number().int().min(1).max(100000).optional().describe('Seats; absent = no limit'),
  audience: z.enum(audiences).default('community'),
  offerMinutes: z.number().int().min(1).max(1440).default(30).describe('How long a freed seat is held for the next on the waiting list'),
}).strict();
export type CreateActivityBody = z.infer<typeof createActivityBody>;

export const activityListQuery = z.object({
  communityId: queryId.optional(),
  type: z.enum(activityTypes).optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  upcoming: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('Only activities not yet over'),
  ...pageQuery,
});

export const signupDto = z.object({
  id, activityId: id, state: z.enum(signupStates), role: z.enum(signupRoles),
  position: z.number().int().nullable().describe('Place on the waiting list (1 = next), null when not waiting'),
  offerExpiresAt: isoTime.nullable(),
});
export type SignupDto = z.infer<typeof signupDto>;

export const checkinDto = z.object({
  id, activityId: id, personId: id.nullable(), name: z.string(), method: z.enum(checkinMethods), volunteer: z.boolean(),
  checkedInAt: isoTime, checkedOutAt: isoTime.nullable(), minutes: z.number().int().nullable(),
  credited: z.boolean().describe('Hours were credited to the service ledger by this check-out'),
});
export type CheckinDto = z.infer<typeof checkinDto>;

export const activitySummaryDto = z.object({
  id, communityId: id, communityName: z.string(), compoundId: id.nullable(), title: z.string(), type: z.enum(activityTypes),
  organiserKind: z.enum(organiserKinds), organiserName: z.string(), startsAt: isoTime, endsAt: isoTime,
  venueId: id.nullable(), place: z.string(), capacity: z.number().int().nullable(), seatsTaken: z.number().int(), waiting: z.number().int(),
  checkedIn: z.number().int(), audience: z.enum(audiences), state: z.enum(activityStates),
  mySignup: signupDto.nullable(), myCheckin: checkinDto.nullable(),
});
export type ActivitySummaryDto = z.infer<typeof activitySummaryDto>;
export const activityPage = pageOf(activitySummaryDto);

export const signupRowDto = signupDto.extend({ name: z.string(), seq: z.number().int() });
export const activityDetailDto = activitySummaryDto.extend({
  description: z.string(), report: z.string().nullable(), reportPhotos: z.array(z.string()), offerMinutes: z.number().int(),
  counts: z.object({ seated: z.number().int(), offered: z.number().int(), waiting: z.number().int(), checkedIn: z.number().int(), checkedOut: z.number().int(), noShows: z.number().int() }),
  signups: z.array(signupRowDto).describe('Staff only; empty for residents'),
  checkins: z.array(checkinDto).describe('Staff only; empty for residents'),
  abilities: z.object({ manage: z.boolean(), signup: z.boolean() }),
});
export type ActivityDetailDto = z.infer<typeof activityDetailDto>;

export const signupBody = z.object({ role: z.enum(signupRoles).default('participant') }).strict();
const code = line({ min: 10, max: 400 }).describe('The scanned code (from the QR\'s URL)');
export const checkinBody = z.union([
  z.object({ code }).strict(),
  z.object({ personId: bodyId.describe('Staff: check in a signed-up person') }).strict(),
  z.object({ name: line({ min: 1, max: 60 }).describe('Staff: a walk-in by name') }).strict(),
]);
export type CheckinBody = z.infer<typeof checkinBody>;
export const checkoutBody = z.union([
  z.object({ code }).strict(),
  z.object({ checkinId: bodyId.describe('Staff: check this attendance out') }).strict(),
]);
export type CheckoutBody = z.infer<typeof checkoutBody>;

export const codeQuery = z.object({ step: z.enum(['checkin', 'checkout']).default('checkin') });
export const codeDto = z.object({
  step: z.enum(['checkin', 'checkout']), token: z.string(), url: z.string().describe('What the QR encodes: the phone page with the code'),
  svg: z.string(), refreshAt: isoTime, expiresAt: isoTime,
});
export const reportBody = z.object({ report: text({ min: 1, max: 5000 }), photos: z.array(photoUrl).max(20).default([]) }).strict();

export const figuresQuery = z.object({
  communityId: queryId,
  year: z.coerce.number().int().min(2000).max(2100),
});
export const figuresExportQuery = figuresQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
export const figuresDto = z.object({
  communityId: id, communityName: z.string(), year: z.number().int(),
  rows: z.array(z.object({ type: z.enum(activityTypes), label: z.string(), activities: z.number().int(), participantTimes: z.number().int() })),
  totals: z.object({ activities: z.number().int(), participantTimes: z.number().int() }),
  sentence: z.string().describe('The figures as the annual report says them'),
});
export type FiguresDto = z.infer<typeof figuresDto>;

// ---------- announcements and study ----------

export const createAnnouncementBody = z.object({
  communityId: bodyId,
  compoundId: bodyId.optional().describe('Only this compound'),
  level: z.enum(announcementLevels).default('normal'),
  title,
  body: text({ min: 1, max: 10000 }),
  publishAt: dateTime.optional().describe('Scheduled publishing; absent = now'),
  expiresAt: dateTime.optional().describe('Required for urgent announcements'),
}).strict();
export type CreateAnnouncementBody = z.infer<typeof createAnnouncementBody>;
export const announcementListQuery = z.object({ communityId: queryId.optional(), ...pageQuery });
export const announcementDto = z.object({
  id, communityId: id, compoundId: id.nullable(), level: z.enum(announcementLevels), title: z.string(), body: z.string(),
  publishAt: isoTime, expiresAt: isoTime.nullable(), published: z.boolean(), expired: z.boolean(), read: z.boolean(),
  readCount: z.number().int().nullable().describe('Staff only'), audienceSize: z.number().int().nullable(), readRate: z.number().nullable().describe('0..1, staff only'),
});
export type AnnouncementDto = z.infer<typeof announcementDto>;
export const announcementPage = pageOf(announcementDto);
export const readDto = z.object({ announcementId: id, readAt: isoTime, firstRead: z.boolean() });

export const studyListQuery = z.object({ communityId: queryId.optional(), category: z.enum(studyCategories).optional() });
export const createStudyBody = z.object({ communityId: bodyId, category: z.enum(studyCategories), title, body: text({ min: 1, max: 20000 }) }).strict();
export type CreateStudyBody = z.infer<typeof createStudyBody>;
export const studyDto = z.object({ id, communityId: id, category: z.enum(studyCategories), title: z.string(), body: z.string(), createdAt: isoTime });
export const studyListDto = z.object({ items: z.array(studyDto) });

// ---------- reception days ----------

export const createReceptionDayBody = z.object({
  compoundId: bodyId,
  managerName: line({ min: 1, max: 60 }),
  location: line({ min: 1, max: 120 }),
  startsAt: dateTime,
  endsAt: dateTime,
  slotMinutes: z.number().int().min(5).max(240).default(20),
}).strict();
export type CreateReceptionDayBody = z.infer<typeof createReceptionDayBody>;
export const receptionListQuery = z.object({ communityId: queryId.optional(), compoundId: queryId.optional() });
export const matterDto = z.object({
  id, receptionDayId: id, kind: z.enum(matterKinds), slotAt: isoTime.nullable(), residentName: z.string(), matter: z.string(),
  answer: z.string().nullable(), answeredAt: isoTime.nullable(), published: z.boolean(), requestId: id.nullable(), mine: z.boolean(),
});
export type MatterDto = z.infer<typeof matterDto>;
export const receptionDayDto = z.object({
  id, communityId: id, compoundId: id, compoundName: z.string(), managerName: z.string(), location: z.string(),
  startsAt: isoTime, endsAt: isoTime, slotMinutes: z.number().int(),
  slots: z.array(z.object({ at: isoTime, free: z.boolean() })),
  matters: z.array(matterDto).describe('Staff: all; residents: their own and the published answers'),
  abilities: z.object({ manage: z.boolean(), book: z.boolean() }),
});
export type ReceptionDayDto = z.infer<typeof receptionDayDto>;
export const receptionListDto = z.object({ items: z.array(receptionDayDto) });
export const createMatterBody = z.object({
  matter: text({ min: 1, max: 2000 }),
  slotAt: dateTime.optional().describe('A slot of the day (residents booking ahead)'),
  residentName: line({ min: 1, max: 60 }).optional().describe('Staff recording a walk-in'),
}).strict();
export type CreateMatterBody = z.infer<typeof createMatterBody>;
export const answerMatterBody = z.object({ answer: text({ min: 1, max: 2000 }), publish: z.boolean().default(true) }).strict();
export const matterRequestBody = z.object({
  description: text({ min: 1, max: 2000 }).optional().describe('Default: the matter as raised'),
  locationKind: z.enum(['building', 'stairwell', 'garage', 'green_space', 'road', 'public_area', 'other']).default('public_area'),
}).strict();
export const matterRequestDto = z.object({ matterId: id, requestId: id });
