import { z } from 'zod';
import { bodyId, csvEnum, dateTime, line, pageQuery, queryId, text } from '../../kernel/dto.js';
import { ballotAnswers, matterClasses, voteStates } from './votes.schema.js';

export { idParam } from '../../kernel/dto.js';

/** POST /api/votes: a draft vote of one compound with its matters. */
export const createVoteBody = z.strictObject({
  compoundId: bodyId.describe('The compound whose owners vote'),
  title: line({ min: 2, max: 120 }).describe('The vote\'s title, e.g. 关于使用专项维修资金维修小区道路的表决'),
  description: text({ max: 4000 }).optional().describe('What the owners are asked, the proposal in full'),
  endsAt: dateTime.describe('When voting is planned to end (closing is an explicit act)'),
  countParking: z.boolean().optional().describe('Whether parking spaces count as exclusive units (a setting of the vote)'),
  matters: z.array(z.strictObject({
    title: line({ min: 2, max: 200 }).describe('The matter (表决事项)'),
    description: text({ max: 4000 }).optional(),
    class: z.enum(matterClasses).describe('special: art. 278 items 6–8 (raise the fund, rebuild, change use of common parts); ordinary: all others'),
  })).min(1).max(20).describe('One or more matters, each answered agree / oppose / abstain'),
});

export const listVotesQuery = z.strictObject({
  compoundId: queryId.optional(),
  state: csvEnum(voteStates).optional(),
  ...pageQuery,
});

const answers = z.record(z.string().regex(/^[1-9][0-9]{0,15}$/, 'a matter id'), z.enum(ballotAnswers))
  .describe('matterId → agree | oppose | abstain, for every matter of the vote');

/** POST /api/votes/{id}/ballots: an owner's own ballot, cast online. */
export const castBody = z.strictObject({ answers });

/** POST /api/votes/{id}/paper-ballots: the `data` part of a multipart body with the `photo` of the paper ballot. */
export const paperBallotBody = z.strictObject({
  householdId: bodyId.describe('Any unit of the voter whose paper ballot this is'),
  answers,
});

export const receiptParam = z.strictObject({ receipt: z.string().regex(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/, 'a receipt code like 7KQM-2XWD-H9PA').describe('The ballot\'s receipt code') });

export const paperPhotoParams = z.strictObject({ id: queryId, ballotId: queryId });

export const castDto = z.object({ ballotId: z.number().int(), receipt: z.string(), castAt: z.string(), seq: z.number().int(), hash: z.string() });
