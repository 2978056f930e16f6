import { z } from 'zod';
import { bodyId, calendarDate, calendarMonth, csvEnum, dateTime, fen, idParam, int32, line, pageOf, pageQuery, queryId, text } from '../../kernel/dto.js';
import { decisionKinds, decisionStates, disclosureCategories, entryTypes, ledgerKinds, projectCategories, projectStates } from './ledgers.schema.js';

const id = z.number().int();
const isoTime = z.string().describe('ISO 8601 time');
const ref = z.string().regex(/^(vote-matter|meeting-decision|decision|fee-schedule):[1-9]\d{0,15}$/).describe('vote-matter:12, meeting-decision:5, decision:7 or fee-schedule:3');
const hash = z.string().describe('64 lowercase hex digits');

export { idParam };
export const evidenceParam = idParam.extend({ evidenceId: queryId.describe('Evidence id') });
export const photoParam = idParam.extend({ photoId: queryId.describe('Photo id') });

export const ledgerListQuery = z.object({ compoundId: queryId.optional() });
const totalsDto = z.object({ incomeFen: z.number().int(), expenseFen: z.number().int(), correctionFen: z.number().int(), balanceFen: z.number().int(), entries: z.number().int() });
export const ledgerDto = z.object({
  id, compoundId: id, compoundName: z.string(), kind: z.enum(ledgerKinds), name: z.string(), totals: totalsDto, head: hash, exportUrl: z.string(),
});
export const ledgerList = z.object({ items: z.array(ledgerDto) });
export const ledgerDetailQuery = z.object({ ...pageQuery });

const authorityDto = z.object({ ref: z.string(), kind: z.string(), title: z.string(), status: z.string(), inForce: z.boolean() }).nullable();
export const entryDto = z.object({
  seq: z.number().int(), type: z.enum(entryTypes), amountFen: z.number().int(), effectFen: z.number().int(), category: z.string(), at: isoTime, memo: z.string(),
  decisionRef: z.string().nullable(), authority: authorityDto, corrects: z.number().int().nullable(), correctedBy: z.array(z.number().int()), hash,
  evidence: z.array(z.object({ id, sha256: z.string(), mimeType: z.string(), bytes: z.number().int(), filename: z.string().nullable(), url: z.string() })),
});
export const ledgerDetailDto = ledgerDto.extend({
  selfGoverned: z.boolean(),
  entries: pageOf(entryDto),
  abilities: z.object({ record: z.boolean() }),
});

/** Body of POST /ledgers/:id/entries (JSON, or the `data` part of a multipart body with `evidence` files). */
export const entryBody = z.strictObject({
  type: z.enum(entryTypes),
  amountFen: fen.refine((v) => v !== 0, 'must not be 0').describe('Income and expense: positive fen; a correction: signed (positive raises the balance)'),
  category: line({ min: 1, max: 40 }).describe('物业费收入, 维修支出, 广告收入…'),
  at: dateTime.optional().describe('When the money moved (default now)'),
  memo: text({ min: 2, max: 500 }),
  decisionRef: ref.nullish().describe('Required for an expense: what authorised it'),
  corrects: int32.refine((v) => v > 0, 'a seq').nullish().describe('A correction: the seq of the entry it corrects'),
});
export const entryResult = z.object({ seq: z.number().int(), hash, data: z.record(z.string(), z.unknown()) });

export const decisionListQuery = z.object({ compoundId: queryId.optional(), state: csvEnum(decisionStates).optional(), ...pageQuery });
const timelineDto = z.object({ at: isoTime, action: z.string(), note: z.string().nullable(), actorName: z.string().nullable(), actorRole: z.string().nullable() });
export const decisionDto = z.object({
  id, compoundId: id, compoundName: z.string(), kind: z.enum(decisionKinds), title: z.string(), summary: z.string(), basisRef: z.string().nullable(),
  amountFen: z.number().int().nullable(), state: z.enum(decisionStates), createdAt: isoTime, reviewedAt: isoTime.nullable(), timeline: z.array(timelineDto),
});
export const decisionPage = pageOf(decisionDto.extend({ canReview: z.boolean() }));
export const decisionDetailDto = decisionDto.extend({
  basis: authorityDto,
  abilities: z.object({ approve: z.boolean(), return: z.boolean(), resubmit: z.boolean() }),
});
export const decisionBody = z.strictObject({
  compoundId: bodyId, kind: z.enum(decisionKinds), title: line({ min: 2, max: 80 }), summary: text({ min: 2, max: 2000 }),
  basisRef: ref.nullish().describe('What the owners decided it under (a vote matter or a meeting decision)'),
  amountFen: fen.refine((v) => v >= 0, 'not negative').nullish(),
});
export const reviewBody = z.strictObject({
  action: z.enum(['approve', 'return', 'resubmit']).describe('approve / return (the party organisation), resubmit (the proposer)'),
  reason: text({ max: 1000 }).nullish().describe('Required to return'),
});

export const disclosureListQuery = z.object({ compoundId: queryId.optional(), category: csvEnum(disclosureCategories).optional(), period: calendarMonth.optional(), ...pageQuery });
export const disclosureDto = z.object({
  id, compoundId: id, compoundName: z.string(), category: z.enum(disclosureCategories), period: z.string(), title: z.string(), body: z.string(),
  ledger: z.object({ ledgerId: id, head: hash, balanceFen: z.number().int() }).nullable(), correctsId: id.nullable(), correctedBy: id.nullable(),
  seq: z.number().int(), hash, publisherName: z.string(), publishedAt: isoTime, exportUrl: z.string(),
});
export const disclosurePage = pageOf(disclosureDto);
export const disclosureDetailDto = disclosureDto.extend({
  corrects: z.object({ id, title: z.string(), publishedAt: isoTime }).nullable(),
  correction: z.object({ id, title: z.string(), publishedAt: isoTime }).nullable(),
  chainHead: hash.nullable(),
  abilities: z.object({ correct: z.boolean(), inspect: z.boolean() }),
});
export const disclosureBody = z.strictObject({
  compoundId: bodyId, category: z.enum(disclosureCategories), period: calendarMonth, title: line({ min: 2, max: 80 }), body: text({ min: 2, max: 10000 }),
  ledgerId: bodyId.nullish().describe('Publish this ledger\'s chain head and balance with it'),
  correctsId: bodyId.nullish().describe('A correction: the disclosure it corrects'),
});
export const inspectionBody = z.strictObject({ note: text({ max: 500 }).nullish() });
export const inspectionDto = z.object({ requestId: id, replayed: z.boolean(), requestUrl: z.string() });

export const projectListQuery = z.object({ compoundId: queryId.optional(), state: csvEnum(projectStates).optional(), ...pageQuery });
export const projectDto = z.object({
  id, compoundId: id, compoundName: z.string(), title: z.string(), category: z.enum(projectCategories), description: z.string(), scope: z.string(),
  budgetFen: z.number().int(), spentFen: z.number().int().describe('Expenses of the ledger naming the project\'s decision, less their corrections'),
  ledgerId: id, fundingNote: z.string().nullable(), contractor: z.string(), decisionId: id, state: z.enum(projectStates), startedOn: z.string(),
  acceptedAt: isoTime.nullable(), milestones: z.number().int(), coverUrl: z.string().nullable(),
});
export const projectPage = pageOf(projectDto);
export const projectDetailDto = projectDto.extend({
  decision: z.object({ id, title: z.string(), basisRef: z.string().nullable(), state: z.enum(decisionStates) }),
  ledger: z.object({ id, name: z.string(), kind: z.enum(ledgerKinds) }),
  acceptanceNote: z.string().nullable(),
  spending: z.array(z.object({ seq: z.number().int(), type: z.enum(entryTypes), amountFen: z.number().int(), category: z.string(), at: isoTime, memo: z.string() })),
  timeline: z.array(z.object({ id, at: isoTime, action: z.string(), title: z.string().nullable(), note: z.string().nullable(), actorName: z.string().nullable(), photos: z.array(z.object({ id, url: z.string() })) })),
  abilities: z.object({ complete: z.boolean(), accept: z.boolean(), reject: z.boolean(), milestone: z.boolean() }),
});
export const projectBody = z.strictObject({
  compoundId: bodyId, title: line({ min: 2, max: 80 }), category: z.enum(projectCategories), description: text({ min: 2, max: 2000 }),
  scope: line({ min: 1, max: 60 }).describe('800 m², 1,500 盏…'), budgetFen: fen.refine((v) => v > 0, 'more than 0'), ledgerId: bodyId,
  fundingNote: line({ max: 200 }).nullish(), contractor: line({ min: 2, max: 100 }), decisionId: bodyId.describe('The approved project / fund_use decision'), startedOn: calendarDate,
});
export const milestoneBody = z.strictObject({ title: line({ min: 2, max: 80 }), note: text({ max: 1000 }).nullish(), at: dateTime.optional() });
export const projectStepBody = z.strictObject({ action: z.enum(['complete', 'accept', 'reject']), note: text({ max: 1000 }).nullish() });
