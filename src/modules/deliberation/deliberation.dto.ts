import { z } from 'zod';
import { bodyId, calendarDate, calendarMonth, count32, csvEnum, dateTime, line, pageQuery, queryId, text } from '../../kernel/dto.js';
import { attendeeSides, meetingTypes, parties, stances } from './deliberation.schema.js';

export { idParam } from '../../kernel/dto.js';

export const topicBody = z.strictObject({
  communityId: bodyId.optional().describe('The community (required unless compoundId is given)'),
  compoundId: bodyId.optional().describe('The compound; absent: a topic of the whole community'),
  title: line({ min: 2, max: 120 }).describe('The topic (议题)'),
  body: text({ min: 1, max: 4000 }).describe('What is proposed or asked'),
  opinionsUntil: dateTime.describe('When the period for opinions closes'),
});

export const listTopicsQuery = z.strictObject({ communityId: queryId.optional(), compoundId: queryId.optional(), ...pageQuery });

export const opinionBody = z.strictObject({
  stance: z.enum(stances).describe('support / oppose / suggestion'),
  body: text({ min: 1, max: 2000 }).describe('The opinion in the person\'s words'),
});

export const moderationParams = z.strictObject({ id: queryId, opinionId: queryId });
export const moderationBody = z.strictObject({ action: z.enum(['hide', 'restore']), reason: line({ min: 2, max: 200 }).describe('Why (kept with the original)') });

export const meetingBody = z.strictObject({
  communityId: bodyId.optional(),
  compoundId: bodyId.optional(),
  type: z.enum(meetingTypes).describe('小板凳议事会, 民情恳谈会, 社区事务协调会, 社区工作听证会, 红色物业联盟联席会议, 三方会诊, 物业经理接待日'),
  title: line({ min: 2, max: 120 }),
  location: line({ min: 1, max: 120 }),
  scheduledAt: dateTime,
  invitedParties: z.array(z.enum(parties)).max(4).describe('四位一体: party organisation, residents\' committee, owners\' committee, property company'),
  invitedOthers: line({ max: 200 }).optional().describe('Others invited (local units, residents\' representatives)'),
  agendaTopicIds: z.array(bodyId).max(20).default([]),
});

export const listMeetingsQuery = z.strictObject({ communityId: queryId.optional(), type: csvEnum(meetingTypes).optional(), ...pageQuery });

export const minutesBody = z.strictObject({
  minutes: text({ min: 1, max: 20000 }).describe('The minutes (会议纪要)'),
  heldAt: dateTime.describe('When the meeting was held'),
  attendees: z.array(z.strictObject({ name: line({ min: 1, max: 40 }), side: z.enum(attendeeSides) })).max(300).describe('Named attendees'),
  otherAttendance: count32.max(100000).default(0).describe('Residents counted at the door besides the named attendees'),
});

export const decisionBody = z.strictObject({
  title: line({ min: 2, max: 200 }).describe('What was decided'),
  detail: text({ max: 4000 }).optional(),
  ownerName: line({ min: 1, max: 60 }).describe('责任人'),
  ownerParty: z.enum(attendeeSides).describe('The party responsible'),
  dueDate: calendarDate,
});

export const followBody = z.strictObject({ note: text({ min: 1, max: 2000 }), done: z.boolean().default(false) });

export const spawnBody = z.strictObject({
  description: text({ min: 2, max: 2000 }).describe('The service request to file'),
  compoundId: bodyId.optional().describe('For a community-wide decision: the compound of the request'),
  locationKind: z.enum(['building', 'stairwell', 'garage', 'green_space', 'road', 'public_area', 'other']),
  locationText: line({ max: 200 }).optional(),
});

export const countsQuery = z.strictObject({ communityId: queryId.optional(), from: calendarMonth.optional(), to: calendarMonth.optional() });
export const countsExportQuery = countsQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
