import { z } from 'zod';
import { bodyId, calendarDate, csvEnum, line, pageOf, pageQuery, queryId, text } from '../../kernel/dto.js';
import { memberKinds, memberStates, postKinds, teamKinds, wishStates } from './members.schema.js';

export { idParam } from '../../kernel/dto.js';

const abilities = z.record(z.string(), z.boolean()).describe('Which steps the actor may take now');
const timelineEntry = z.object({
  at: z.string(), action: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(),
  actorRole: z.string().nullable(), note: z.string().nullable(),
});

/** 亮身份: the badge shown with a member's name on everything they handle. */
export const badgeDto = z.object({
  memberId: z.number().int(),
  name: z.string().describe('Public name (phone never shown)'),
  kind: z.enum(memberKinds),
  label: z.string().describe('自管党员 / 双报到党员 / 志愿者'),
  posts: z.array(z.object({ post: z.enum(postKinds), label: z.string(), duty: z.string() })),
});

/** 亮身份 on other modules' pages: badges of the accounts handling a request, organising an activity… */
export const badgesQuery = z.strictObject({
  accountIds: z.string().max(2000).transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.string().regex(/^\d{1,15}$/, 'an account id').transform(Number).pipe(bodyId)).min(1).max(100)).describe('Comma list of account ids'),
});
export const accountBadgesDto = z.object({ items: z.array(z.object({ accountId: z.number().int(), badge: badgeDto })).describe('Only accounts of approved members (or volunteers) in communities the actor sees') });

// ---- wishes ----

export const createWishBody = z.strictObject({
  compoundId: bodyId.optional().describe('The compound the wish is in; a resident\'s own compound when absent'),
  title: line({ min: 2, max: 60 }).describe('What, in a few words'),
  body: text({ min: 2, max: 1000 }).describe('The public description, without private details'),
  forWhom: line({ min: 1, max: 60 }).describe('For whom, in public words (独居老人…)'),
  dueOn: calendarDate.describe('By when'),
  estimatedMinutes: z.number().int().min(10).max(8 * 60).default(60).describe('Time it should take, credited on confirmation unless the claimant reports otherwise'),
  onBehalf: z.boolean().default(false).describe('Staff posting for an elderly or disabled resident'),
});

export const wishListQuery = z.strictObject({
  communityId: queryId.optional(),
  compoundId: queryId.optional(),
  state: csvEnum(wishStates).optional().describe('Comma list of states'),
  mine: z.enum(['posted', 'claimed']).optional().describe('Only wishes I posted, or claimed'),
  ...pageQuery,
});

export const noteBody = z.strictObject({ note: text({ max: 500 }).optional() });
export const declineBody = z.strictObject({ reason: text({ min: 2, max: 500 }).describe('Why the fulfilment is not accepted') });
export const confirmBody = z.strictObject({ thanks: text({ max: 500 }).optional().describe('Public thanks') });
/** The `data` part of a fulfilment (multipart with the `photo`). */
export const fulfilBody = z.strictObject({
  note: text({ min: 2, max: 1000 }).describe('What was done'),
  minutes: z.number().int().min(10).max(8 * 60).optional().describe('Minutes of service, the estimate when absent'),
});

export const wishDto = z.object({
  id: z.number().int(), communityId: z.number().int(), compoundId: z.number().int(), compoundName: z.string(),
  title: z.string(), body: z.string(), forWhom: z.string(), dueOn: z.string(), estimatedMinutes: z.number().int(),
  state: z.enum(wishStates), onBehalf: z.boolean(), postedByMe: z.boolean(),
  claimant: badgeDto.nullable(), claimedByMe: z.boolean(),
  claimedAt: z.string().nullable(), claimDeadline: z.string().nullable(),
  fulfilledAt: z.string().nullable(), fulfilNote: z.string().nullable(), serviceMinutes: z.number().int().nullable(),
  photoUrl: z.string().nullable(), confirmedAt: z.string().nullable(), thanks: z.string().nullable(),
  declineReason: z.string().nullable(), reviewNote: z.string().nullable(),
  nearDue: z.boolean().describe('Open, unclaimed and due within three days'),
  createdAt: z.string(),
  abilities,
});
export const wishDetailDto = wishDto.extend({ timeline: z.array(timelineEntry) });
export const wishPage = pageOf(wishDto);
export type WishDto = z.infer<typeof wishDto>;

export const wishFiguresQuery = z.strictObject({ communityId: queryId, year: z.coerce.number().int().min(2000).max(2200).optional() });
export const wishFiguresDto = z.object({
  communityId: z.number().int(),
  months: z.array(z.object({
    month: z.string(), posted: z.number().int(), claimed: z.number().int(), fulfilled: z.number().int(), confirmed: z.number().int(),
    medianHoursToClaim: z.number().nullable(), medianHoursToFulfil: z.number().nullable(),
  })),
  openNearDue: z.number().int(),
});

// ---- members ----

export const registerMemberBody = z.strictObject({
  communityId: bodyId.describe('The community reported to (where the member lives)'),
  kind: z.enum(memberKinds),
  branchName: line({ max: 80 }).optional().describe('The branch: the property company\'s (自管) or the unit\'s (双报到)'),
  workUnit: line({ max: 80 }).optional(),
  joinedPartyOn: calendarDate.optional(),
  compoundId: bodyId.optional().describe('The compound of residence'),
  skills: z.array(line({ min: 1, max: 30 })).max(12).default([]),
  availability: line({ max: 120 }).optional(),
});
export const memberListQuery = z.strictObject({
  communityId: queryId.optional(),
  compoundId: queryId.optional(),
  state: csvEnum(memberStates).optional(),
  kind: csvEnum(memberKinds).optional(),
  ...pageQuery,
});
export const approveMemberBody = z.strictObject({
  decision: z.enum(['approve', 'reject']).default('approve'),
  note: text({ max: 500 }).optional(),
});
export const transferMemberBody = z.strictObject({ toCommunityId: bodyId, note: text({ max: 500 }).optional() });
export const createPostBody = z.strictObject({
  post: z.enum(postKinds), duty: line({ min: 2, max: 120 }), startsOn: calendarDate, endsOn: calendarDate.optional(),
});

export const postParam = z.strictObject({ id: queryId.describe('Member id'), postId: queryId.describe('Post id') });
export const endPostBody = z.strictObject({
  endsOn: calendarDate.optional().describe('The last day the post is held; today when absent'),
  note: text({ max: 500 }).optional(),
});
export const transferTargetsDto = z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), streetName: z.string() })) });

export const memberDto = z.object({
  id: z.number().int(), communityId: z.number().int(), communityName: z.string(), personId: z.number().int(),
  name: z.string(), phone: z.string().nullable().describe('Masked unless the actor may see personal data'),
  kind: z.enum(memberKinds), kindLabel: z.string(), branchName: z.string().nullable(), workUnit: z.string().nullable(),
  joinedPartyOn: z.string().nullable(), compoundId: z.number().int().nullable(), compoundName: z.string().nullable(),
  skills: z.array(z.string()), availability: z.string().nullable(), state: z.enum(memberStates),
  approvedAt: z.string().nullable(), closedAt: z.string().nullable(), transferredFromId: z.number().int().nullable(),
  posts: badgeDto.shape.posts, teams: z.array(z.object({ id: z.number().int(), name: z.string() })),
  createdAt: z.string(), abilities,
});
export const memberDetailDto = memberDto.extend({
  timeline: z.array(timelineEntry.extend({ detail: z.string().nullable().describe('Which post, team or community the step was about') })),
  postsHistory: z.array(z.object({ id: z.number().int(), post: z.enum(postKinds), label: z.string(), duty: z.string(), startsOn: z.string(), endsOn: z.string().nullable() })),
  totals: z.object({ minutes: z.number().int(), points: z.number().int(), services: z.number().int() }),
});
export const memberPage = pageOf(memberDto);

export const servingMembersDto = z.object({ compoundId: z.number().int(), compoundName: z.string(), items: z.array(badgeDto.extend({ teams: z.array(z.string()) })) });

// ---- teams ----

export const teamListQuery = z.strictObject({ communityId: queryId.optional() });
export const createTeamBody = z.strictObject({
  communityId: bodyId, name: line({ min: 2, max: 40 }), kind: z.enum(teamKinds), description: text({ max: 500 }).optional(),
  leaderMemberId: bodyId.optional(), memberIds: z.array(bodyId).max(500).default([]),
});
export const teamMemberParam = z.strictObject({ id: queryId.describe('Team id'), memberId: queryId.describe('Member id') });
export const teamMemberBody = z.strictObject({ memberId: bodyId.describe('An active member of the team\'s community') });
export const teamLeaderBody = z.strictObject({ memberId: bodyId.nullable().describe('The new leader (joins the team if not in it); null: no leader') });
export const teamDto = z.object({
  id: z.number().int(), communityId: z.number().int(), name: z.string(), kind: z.enum(teamKinds), description: z.string().nullable(),
  leader: badgeDto.nullable(), members: z.array(badgeDto), size: z.number().int(),
});
export const teamListDto = z.object({ items: z.array(teamDto) });

// ---- ledger and 红榜 ----

export const ledgerQuery = z.strictObject({ personId: queryId, communityId: queryId.optional(), ...pageQuery });
export const ledgerDto = z.object({
  personId: z.number().int(), name: z.string(),
  totals: z.object({ minutes: z.number().int(), points: z.number().int(), services: z.number().int() }),
  items: z.array(z.object({
    id: z.number().int(), communityId: z.number().int(), source: z.object({ module: z.string(), kind: z.string(), id: z.number().int() }),
    at: z.string(), minutes: z.number().int(), points: z.number().int(), note: z.string().nullable(),
  })),
  total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});

export const periodText = z.string().regex(/^\d{4}(Q[1-4])?$/, 'expected 2026 or 2026Q3').refine((v) => Number(v.slice(0, 4)) >= 2000 && Number(v.slice(0, 4)) <= 2200, 'year out of range');
export const honourQuery = z.strictObject({
  communityId: queryId.optional().describe('A community\'s 红榜'),
  streetId: queryId.optional().describe('A street\'s (街道) 红榜 over its communities: street office and department staff'),
  period: periodText, limit: z.coerce.number().int().min(1).max(200).default(20),
}).refine((q) => (q.communityId === undefined) !== (q.streetId === undefined), { message: 'give either communityId or streetId', path: ['communityId'] });
export const honourDto = z.object({
  communityId: z.number().int().nullable().describe('The community of a community roll; null for a street roll'),
  streetId: z.number().int().nullable().describe('The street of a street roll; null for a community roll'),
  scopeName: z.string().describe('The community\'s or the street\'s name'),
  communities: z.number().int().describe('Communities summed (1 for a community roll)'),
  period: z.string(), from: z.string(), to: z.string(),
  frozen: z.boolean().describe('A closed period, frozen: it never changes'), frozenAt: z.string().nullable(),
  items: z.array(z.object({
    rank: z.number().int(), personId: z.number().int(), name: z.string(), badge: z.string().nullable(),
    hours: z.number(), minutes: z.number().int(), points: z.number().int(), services: z.number().int(),
    communityNames: z.array(z.string()).optional().describe('A street roll: the communities the person served in'),
  })),
});
export const honourStreetsDto = z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), districtName: z.string() })) });

export const pointsRuleQuery = z.strictObject({ communityId: queryId });
export const pointsRuleBody = z.strictObject({
  communityId: bodyId,
  minutesPerPoint: z.number().int().min(5).max(600), minPoints: z.number().int().min(0).max(100),
  wishBonus: z.number().int().min(0).max(100), claimDays: z.number().int().min(1).max(60),
});
export const pointsRuleDto = z.object({ communityId: z.number().int(), minutesPerPoint: z.number().int(), minPoints: z.number().int(), wishBonus: z.number().int(), claimDays: z.number().int() });
