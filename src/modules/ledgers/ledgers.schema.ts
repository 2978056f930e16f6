import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';
import { timelineTable } from '../../kernel/workflow.js';
import { accounts } from '../accounts/accounts.schema.js';
import { communities, compounds } from '../places/places.schema.js';

/*
 * Money in daylight. A compound has three ledgers (the property service account, the
 * maintenance fund, income from common parts); each is a kernel hash chain of kind 'ledger',
 * and `ledger_entries` is that chain's index with typed columns (one row per chain entry, same
 * transaction, append-only both). Major decisions pass the party organisation's review; a
 * compound's disclosures form one chain of kind 'disclosure', so none can vanish unnoticed.
 */

const money = (name: string) => bigint(name, { mode: 'number' });

export const ledgerKinds = ['property_service', 'maintenance_fund', 'common_income'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** One ledger of one compound. Its balance is never stored: it is the sum of its chain. */
export const ledgers = pgTable('ledgers', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  kind: text('kind', { enum: ledgerKinds }).notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('ledgers_compound_kind_uq').on(t.compoundId, t.kind)]);

export const entryTypes = ['income', 'expense', 'correction'] as const;

/** The typed index of a ledger's chain: seq, type, signed effect on the balance. Append-only. */
export const ledgerEntries = pgTable('ledger_entries', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  ledgerId: ref('ledger_id').notNull().references(() => ledgers.id),
  seq: integer('seq').notNull(),
  type: text('type', { enum: entryTypes }).notNull(),
  /** As in the chain: income and expense positive, a correction signed. */
  amountFen: money('amount_fen').notNull(),
  /** What the entry does to the balance (expense negative). */
  effectFen: money('effect_fen').notNull(),
  category: text('category').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  memo: text('memo').notNull(),
  decisionRef: text('decision_ref'),
  correctsSeq: integer('corrects_seq'),
  hash: text('hash').notNull(),
  recordedBy: ref('recorded_by').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('ledger_entries_ledger_seq_uq').on(t.ledgerId, t.seq),
  index('ledger_entries_decision_idx').on(t.decisionRef),
  check('ledger_entries_amount_sign', sql`(${t.type} = 'correction' and ${t.correctsSeq} is not null) or (${t.type} <> 'correction' and ${t.amountFen} > 0)`),
]);

/** Invoice photos and contract PDFs behind expenses; their SHA-256 is what the chain names. Append-only. */
export const ledgerEvidence = pgTable('ledger_evidence', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  ledgerId: ref('ledger_id').notNull().references(() => ledgers.id),
  storageKey: text('storage_key').notNull(),
  sha256: text('sha256').notNull(),
  mimeType: text('mime_type').notNull(),
  bytes: integer('bytes').notNull(),
  filename: text('filename'),
  uploadedBy: ref('uploaded_by').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [index('ledger_evidence_ledger_idx').on(t.ledgerId, t.sha256)]);

export const decisionKinds = ['project', 'fee_change', 'fund_use', 'other'] as const;
export const decisionStates = ['pending_review', 'approved', 'returned'] as const;

/** 重大事项: a project, a fee change or a use of funds, which takes effect only once the party organisation approved it. */
export const majorDecisions = pgTable('major_decisions', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  kind: text('kind', { enum: decisionKinds }).notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  /** What the owners decided it under: 'vote-matter:12' or 'meeting-decision:5' (null: none named). */
  basisRef: text('basis_ref'),
  amountFen: money('amount_fen'),
  state: text('state', { enum: decisionStates }).notNull().default('pending_review'),
  proposedBy: ref('proposed_by').references(() => accounts.id),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
}, (t) => [index('major_decisions_compound_idx').on(t.compoundId, t.createdAt)]);

/** The decision's record: proposal, each review (approve / return with reasons), each resubmission. Append-only. */
export const decisionEvents = timelineTable('decision_events', 'decision_id', () => majorDecisions.id, { indexName: 'decision_events_decision_idx' });

export const disclosureCategories = ['maintenance_fund', 'statute', 'decisions', 'service_contract', 'common_parts', 'parking', 'fees', 'project'] as const;

/** 公示: published to the compound's residents; never changed or withdrawn, a correction is a new row naming the old. Append-only. */
export const disclosures = pgTable('disclosures', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  category: text('category', { enum: disclosureCategories }).notNull(),
  /** First day of the month it reports on. */
  period: date('period').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** A ledger's state at publication (its chain head), when the disclosure reports a ledger. */
  ledgerId: ref('ledger_id').references(() => ledgers.id),
  ledgerHead: text('ledger_head'),
  ledgerBalanceFen: money('ledger_balance_fen'),
  correctsId: ref('corrects_id'),
  /** Position in the compound's disclosure chain. */
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
  publishedBy: ref('published_by').references(() => accounts.id),
  publisherName: text('publisher_name').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('disclosures_compound_seq_uq').on(t.compoundId, t.seq),
  // A disclosure is corrected at most once; a further correction corrects the correction.
  uniqueIndex('disclosures_corrects_uq').on(t.correctsId),
  index('disclosures_compound_period_idx').on(t.compoundId, t.period),
]);

export const projectCategories = ['road', 'lighting', 'charging', 'fitness', 'greening', 'elevator', 'other'] as const;
export const projectStates = ['in_progress', 'awaiting_acceptance', 'accepted'] as const;

/** 改造项目: budget, funding, contractor, milestones; spending is read from the ledger by the project's decision. */
export const projects = pgTable('projects', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  title: text('title').notNull(),
  category: text('category', { enum: projectCategories }).notNull(),
  description: text('description').notNull(),
  /** What is delivered, as people count it: '800 m²', '1,500 盏'. */
  scope: text('scope').notNull(),
  budgetFen: money('budget_fen').notNull(),
  /** The ledger that pays for it. */
  ledgerId: ref('ledger_id').notNull().references(() => ledgers.id),
  fundingNote: text('funding_note'),
  contractor: text('contractor').notNull(),
  /** The approved major decision; the project's spending is the ledger's expenses naming it. */
  decisionId: ref('decision_id').notNull().references(() => majorDecisions.id),
  state: text('state', { enum: projectStates }).notNull().default('in_progress'),
  startedOn: date('started_on').notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  acceptedBy: ref('accepted_by').references(() => accounts.id),
  acceptanceNote: text('acceptance_note'),
  createdBy: ref('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
}, (t) => [index('projects_compound_idx').on(t.compoundId, t.createdAt), uniqueIndex('projects_decision_uq').on(t.decisionId)]);

/** Milestones with photos (and the acceptance), in order. Append-only. */
export const projectEvents = timelineTable('project_events', 'project_id', () => projects.id, { indexName: 'project_events_project_idx' });

/** Milestone photos; bytes behind the storage seam. Append-only. */
export const projectPhotos = pgTable('project_photos', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  projectId: ref('project_id').notNull().references(() => projects.id),
  storageKey: text('storage_key').notNull(),
  sha256: text('sha256').notNull(),
  mimeType: text('mime_type').notNull(),
  bytes: integer('bytes').notNull(),
  uploadedBy: ref('uploaded_by').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [index('project_photos_project_idx').on(t.projectId)]);

export type LedgerRow = typeof ledgers.$inferSelect;
export type DecisionRow = typeof majorDecisions.$inferSelect;
export type DisclosureRow = typeof disclosures.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;
