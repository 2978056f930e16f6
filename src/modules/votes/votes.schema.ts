import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { buildings, cities, communities, compounds } from '../places/places.schema.js';

/*
 * 业主共同决定 (Civil Code art. 278). A vote of one compound has matters; when it opens, the
 * electorate is fixed from the households register (vote_voters + vote_voter_units, append-only);
 * each voter casts one ballot (vote_ballots, append-only, unique per voter); at close the tally
 * is stored (vote_results, append-only). Every electorate, matter, ballot and result is also an
 * entry of the vote's hash chain (kind 'vote', the kernel's chain_entries).
 */

export const voteStates = ['draft', 'open', 'closed'] as const;
export type VoteState = (typeof voteStates)[number];
export const matterClasses = ['ordinary', 'special'] as const;
/** Where the exclusive areas came from (法释〔2009〕7号 art. 8: the register; else surveyed; else the contract). */
export const areaSources = ['register', 'survey', 'contract'] as const;
export const ballotAnswers = ['agree', 'oppose', 'abstain'] as const;

export const votes = pgTable('votes', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  cityId: ref('city_id').notNull().references(() => cities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  state: text('state', { enum: voteStates }).notNull().default('draft'),
  version: integer('version').notNull().default(0),
  /** Whether parking spaces (车位) are exclusive units of the electorate. */
  countParking: boolean('count_parking').notNull().default(false),
  /** The planned end of voting (shown to owners; closing is an explicit act). */
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  /** Per-vote secret of the voter pseudonyms (HMAC key): never exported. */
  voterKeySecret: text('voter_key_secret').notNull(),
  createdByAccountId: ref('created_by_account_id').notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /** Ballots are kept at least until this day: one year after the result (art. 280 revocation period). */
  retainUntil: date('retain_until'),
  totalAreaHundredths: bigint('total_area_hundredths', { mode: 'number' }),
  totalHeads: integer('total_heads'),
  /** The chain head when the vote closed (published with the result). */
  resultHead: text('result_head'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('votes_community_idx').on(t.communityId, t.createdAt),
  index('votes_compound_idx').on(t.compoundId),
]);

export const voteMatters = pgTable('vote_matters', {
  id: id(),
  voteId: ref('vote_id').notNull().references(() => votes.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  class: text('class', { enum: matterClasses }).notNull(),
}, (t) => [uniqueIndex('vote_matters_position_uq').on(t.voteId, t.position)]);

/** One voter of the fixed electorate: an owner (all their units: one head) or the developer (its unsold units: one head). */
export const voteVoters = pgTable('vote_voters', {
  id: id(),
  voteId: ref('vote_id').notNull().references(() => votes.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  voterKey: text('voter_key').notNull(),
  holder: text('holder', { enum: ['owner', 'developer'] }).notNull(),
  /** The owner (null for the developer). */
  personId: ref('person_id'),
  heads: integer('heads').notNull(),
  areaHundredths: bigint('area_hundredths', { mode: 'number' }).notNull(),
}, (t) => [
  uniqueIndex('vote_voters_key_uq').on(t.voteId, t.voterKey),
  check('vote_voters_area_check', sql`${t.areaHundredths} >= 0 and ${t.heads} >= 0`),
]);

/** The exclusive units (专有部分) of each voter, with their area and its source. */
export const voteVoterUnits = pgTable('vote_voter_units', {
  id: id(),
  voteId: ref('vote_id').notNull().references(() => votes.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  voterId: ref('voter_id').notNull().references(() => voteVoters.id),
  householdId: ref('household_id'),
  parkingSpaceId: ref('parking_space_id'),
  buildingId: ref('building_id').references(() => buildings.id),
  /** "5号楼1单元202" or "车位B-017". */
  label: text('label').notNull(),
  buildingName: text('building_name').notNull(),
  areaHundredths: bigint('area_hundredths', { mode: 'number' }).notNull(),
  areaSource: text('area_source', { enum: areaSources }).notNull(),
}, (t) => [
  uniqueIndex('vote_voter_units_household_uq').on(t.voteId, t.householdId),
  uniqueIndex('vote_voter_units_parking_uq').on(t.voteId, t.parkingSpaceId),
  index('vote_voter_units_voter_idx').on(t.voterId),
]);

/** Who may cast a voter's one ballot: the owner and the co-owners of its units, as registered at opening. */
export const voteVoterPeople = pgTable('vote_voter_people', {
  id: id(),
  voteId: ref('vote_id').notNull().references(() => votes.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  personId: ref('person_id').notNull(),
  voterId: ref('voter_id').notNull().references(() => voteVoters.id),
}, (t) => [uniqueIndex('vote_voter_people_uq').on(t.voteId, t.personId)]);

/** One ballot per voter, never edited or deleted (append-only); the unique index settles double casting. */
export const voteBallots = pgTable('vote_ballots', {
  id: id(),
  voteId: ref('vote_id').notNull().references(() => votes.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  voterId: ref('voter_id').notNull().references(() => voteVoters.id),
  receipt: text('receipt').notNull(),
  /** matterId → agree | oppose | abstain. */
  answers: jsonb('answers').notNull(),
  enteredBy: text('entered_by', { enum: ['owner', 'committee'] }).notNull(),
  /** The owner who cast it online (null for a paper ballot). */
  castByPersonId: ref('cast_by_person_id'),
  /** The committee member who entered a paper ballot. */
  enteredByAccountId: ref('entered_by_account_id'),
  photoKey: text('photo_key'),
  photoSha256: text('photo_sha256'),
  photoMimeType: text('photo_mime_type'),
  chainSeq: integer('chain_seq').notNull(),
  chainHash: text('chain_hash').notNull(),
  castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('vote_ballots_voter_uq').on(t.voteId, t.voterId),
  uniqueIndex('vote_ballots_receipt_uq').on(t.receipt),
  check('vote_ballots_paper_check', sql`${t.enteredBy} = 'owner' or (${t.enteredByAccountId} is not null and ${t.photoKey} is not null)`),
]);

/** The tally of each matter at close (append-only). */
export const voteResults = pgTable('vote_results', {
  id: id(),
  voteId: ref('vote_id').notNull().references(() => votes.id),
  communityId: ref('community_id').notNull().references(() => communities.id),
  matterId: ref('matter_id').notNull().references(() => voteMatters.id),
  participationAreaHundredths: bigint('participation_area_hundredths', { mode: 'number' }).notNull(),
  participationHeads: integer('participation_heads').notNull(),
  agreeAreaHundredths: bigint('agree_area_hundredths', { mode: 'number' }).notNull(),
  agreeHeads: integer('agree_heads').notNull(),
  quorum: boolean('quorum').notNull(),
  passed: boolean('passed').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('vote_results_matter_uq').on(t.matterId)]);

/**
 * 车位: parking spaces as exclusive units, with their registered area. The households register
 * has no parking spaces, so the votes module keeps them; a space with no owner is the developer's.
 */
export const parkingSpaces = pgTable('parking_spaces', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  number: text('number').notNull(),
  areaHundredths: bigint('area_hundredths', { mode: 'number' }).notNull(),
  areaSource: text('area_source', { enum: areaSources }).notNull().default('register'),
  ownerPersonId: ref('owner_person_id'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('parking_spaces_number_uq').on(t.compoundId, t.number)]);
