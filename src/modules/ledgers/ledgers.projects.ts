import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { storeUploads, type UploadInput } from '../../kernel/uploads.js';
import { appendTimeline, defineStateMachine, takeStep } from '../../kernel/workflow.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { can, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { compoundLevelScope, compoundScopeFor, loadCompoundPlace, scopeOf } from '../fees/fees.places.js';
import { compounds } from '../places/places.schema.js';
import { requireApprovedDecision } from './ledgers.decisions.js';
import { LedgerErrors } from './ledgers.errors.js';
import { ledgerEntries, ledgers, majorDecisions, projectEvents, projectPhotos, projects, type projectCategories, type ProjectRow } from './ledgers.schema.js';
import { spendingByDecision } from './ledgers.service.js';

/*
 * 改造项目 (Kaifeng's 800 m² of asphalt, 1,500 stairwell lights, 500 charging ports; Changji's
 * fitness equipment): a project stands on an approved major decision, is paid from one ledger,
 * and its spending is read from that ledger — the expenses naming its decision — never typed in
 * twice. Milestones carry photos; the owners' committee accepts (or sends it back) at the end.
 */
export const projectMachine = defineStateMachine({
  name: 'project',
  states: ['in_progress', 'awaiting_acceptance', 'accepted'],
  actions: ['complete', 'accept', 'reject'],
  actorKinds: ['manager', 'committee'],
  transitions: {
    complete: { in_progress: { to: 'awaiting_acceptance', by: ['manager'] } },
    accept: { awaiting_acceptance: { to: 'accepted', by: ['committee'] } },
    reject: { awaiting_acceptance: { to: 'in_progress', by: ['committee'] } },
  },
  errors: { illegal: LedgerErrors.PROJECT_ILLEGAL_TRANSITION, notAllowed: LedgerErrors.PROJECT_ACTOR_NOT_ALLOWED, stale: LedgerErrors.PROJECT_STALE },
});

export const decisionRefOf = (p: Pick<ProjectRow, 'decisionId'>) => `decision:${p.decisionId}`;

export interface CreateProjectInput {
  compoundId: number;
  title: string;
  category: (typeof projectCategories)[number];
  description: string;
  scope: string;
  budgetFen: number;
  ledgerId: number;
  fundingNote?: string | null;
  contractor: string;
  decisionId: number;
  /** YYYY-MM-DD */
  startedOn: string;
}

/** A project under an approved decision of the compound, paid from one of its ledgers. */
export async function createProject({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateProjectInput }): Promise<ProjectRow> {
  const place = await loadCompoundPlace(ctx.db, input.compoundId);
  requireAccess(actor, 'ledgers:projects', place ? scopeOf(place) : null, 'Compound');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await requireApprovedDecision({ db: tx, decisionId: input.decisionId, compoundId: place!.compoundId, kinds: ['project', 'fund_use'] });
    const [ledger] = await tx.select().from(ledgers).where(eq(ledgers.id, input.ledgerId));
    if (!ledger || ledger.compoundId !== place!.compoundId) throw new AppError(LedgerErrors.PROJECT_INVALID, `Ledger ${input.ledgerId} is not one of this compound`);
    const [row] = await tx.insert(projects).values({
      communityId: place!.communityId, compoundId: place!.compoundId, title: input.title, category: input.category, description: input.description, scope: input.scope,
      budgetFen: input.budgetFen, ledgerId: input.ledgerId, fundingNote: input.fundingNote ?? null, contractor: input.contractor, decisionId: input.decisionId,
      startedOn: input.startedOn, createdBy: actor.accountId, createdAt: now, updatedAt: now,
    }).onConflictDoNothing({ target: projects.decisionId }).returning();
    if (!row) throw new AppError(LedgerErrors.PROJECT_INVALID, `Decision ${input.decisionId} already has its project`);
    await appendTimeline(tx, projectEvents, [{ communityId: row.communityId, subjectId: row.id, at: now, actor, action: 'start', toState: 'in_progress', note: `${input.title} 开工` }]);
    return row;
  });
}

async function loadVisibleProject(ctx: AppContext, actor: Actor, projectId: number) {
  const [row] = await ctx.db.select().from(projects).where(eq(projects.id, projectId));
  const place = row ? await loadCompoundPlace(ctx.db, row.compoundId) : undefined;
  requireAccess(actor, 'ledgers:read', place ? await compoundScopeFor(ctx.db, actor, 'ledgers:read', place) : null, 'Project');
  return { row: row!, place: place! };
}

function kindsOf(actor: Actor, scope: ReturnType<typeof scopeOf>): ('manager' | 'committee')[] {
  const kinds: ('manager' | 'committee')[] = [];
  if (can(actor, 'ledgers:projects', scope)) kinds.push('manager');
  if (can(actor, 'ledgers:accept', scope)) kinds.push('committee');
  return kinds;
}

/** 里程碑: a dated step with photos, on the project's timeline. */
export async function addMilestone({ ctx, actor, projectId, input, photos = [] }: { ctx: AppContext; actor: Actor; projectId: number; input: { title: string; note?: string | null; at?: string }; photos?: UploadInput[] }) {
  const { row, place } = await loadVisibleProject(ctx, actor, projectId);
  requireAccess(actor, 'ledgers:projects', scopeOf(place), 'Project');
  if (row.state === 'accepted') throw new AppError(LedgerErrors.PROJECT_ILLEGAL_TRANSITION, 'The project was accepted; its record is closed');
  const stored = photos.length ? await storeUploads({ storage: ctx.storage, module: 'ledgers', communityId: place.communityId, files: photos, policy: { maxFiles: 6, maxBytes: 5 * 1024 * 1024, accept: ['image'], label: 'Photo' } }) : [];
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const saved = stored.length ? await tx.insert(projectPhotos).values(stored.map((s) => ({ ...s, communityId: place.communityId, projectId, uploadedBy: actor.accountId, createdAt: now }))).returning({ id: projectPhotos.id }) : [];
    await appendTimeline(tx, projectEvents, [{
      communityId: place.communityId, subjectId: projectId, at: input.at ? new Date(input.at) : now, actor, action: 'milestone', note: input.note ?? null,
      attachmentIds: saved.map((s) => s.id), data: { title: input.title },
    }]);
  });
  return getProject({ ctx, actor, projectId });
}

/** complete (the manager), accept or reject (the owners' committee, with a note). */
export async function moveProject({ ctx, actor, projectId, action, note }: { ctx: AppContext; actor: Actor; projectId: number; action: 'complete' | 'accept' | 'reject'; note?: string | null }) {
  const { row, place } = await loadVisibleProject(ctx, actor, projectId);
  if (action === 'reject' && !note?.trim()) throw new AppError(LedgerErrors.PROJECT_INVALID, 'Sending a project back needs the reasons', { field: 'note' });
  const now = ctx.clock.now();
  await ctx.db.transaction((tx) => takeStep({
    tx, machine: projectMachine, table: projects, timeline: projectEvents, row, action, kinds: kindsOf(actor, scopeOf(place)), actor, now, note: note ?? null,
    patch: action === 'accept' ? { acceptedAt: now, acceptedBy: actor.accountId, acceptanceNote: note ?? null } : {},
  }));
  return getProject({ ctx, actor, projectId });
}

/** One project: budget against what its ledger spent under its decision, milestones with photos, abilities. */
export async function getProject({ ctx, actor, projectId }: { ctx: AppContext; actor: Actor; projectId: number }) {
  const { row, place } = await loadVisibleProject(ctx, actor, projectId);
  const ref = decisionRefOf(row);
  const [spending, events, [decision], [ledger], entries] = await Promise.all([
    spendingByDecision(ctx.db, [ref]),
    queryRows<{ id: number; at: string; action: string; note: string | null; data: { title?: string }; attachment_ids: number[]; name: string | null }>(ctx.db, sql`
      select e.id, e.at, e.action, e.note, e.data, e.attachment_ids, p.name from project_events e
      left join accounts a on a.id = e.actor_account_id left join people p on p.id = a.person_id where e.project_id = ${projectId} order by e.at, e.id`),
    ctx.db.select({ id: majorDecisions.id, title: majorDecisions.title, basisRef: majorDecisions.basisRef, state: majorDecisions.state }).from(majorDecisions).where(eq(majorDecisions.id, row.decisionId)),
    ctx.db.select().from(ledgers).where(eq(ledgers.id, row.ledgerId)),
    ctx.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.ledgerId, row.ledgerId), eq(ledgerEntries.decisionRef, ref))).orderBy(ledgerEntries.seq),
  ]);
  const s = spending.get(ref) ?? { expenseFen: 0, correctionFen: 0, entries: 0 };
  const a = projectMachine.abilities(row.state, kindsOf(actor, scopeOf(place)));
  return {
    row, compoundName: place.name, decision: decision!, ledger: ledger!, spentFen: s.expenseFen - s.correctionFen,
    entries, events: events.map((e) => ({ ...e, at: new Date(e.at) })),
    abilities: { ...a, milestone: row.state !== 'accepted' && can(actor, 'ledgers:projects', scopeOf(place)) },
  };
}

/** Projects in scope, newest first, each with its spending. */
export async function listProjects({ ctx, actor, f }: { ctx: AppContext; actor: Actor; f: { compoundId?: number; state?: string[]; page: number; pageSize: number } }) {
  const parts: (SQL | undefined)[] = [compoundLevelScope(actor, 'ledgers:read', projects.communityId, projects.compoundId)];
  if (f.compoundId) parts.push(eq(projects.compoundId, f.compoundId));
  if (f.state?.length) parts.push(sql`${projects.state} = any(${`{${f.state.join(',')}}`}::text[])`);
  const where = and(...parts);
  const [rows, [count]] = await Promise.all([
    ctx.db.select({ p: projects, compoundName: compounds.name, milestones: sql<number>`(select count(*) from project_events e where e.project_id = ${projects.id} and e.action = 'milestone')`.mapWith(Number),
      cover: sql<number | null>`(select min(ph.id) from project_photos ph where ph.project_id = ${projects.id})`.mapWith((v) => (v === null ? null : Number(v))) })
      .from(projects).innerJoin(compounds, eq(compounds.id, projects.compoundId)).where(where).orderBy(desc(projects.startedOn), desc(projects.id))
      .limit(f.pageSize).offset(offsetOf(f.page, f.pageSize)),
    ctx.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(projects).where(where),
  ]);
  const spending = await spendingByDecision(ctx.db, rows.map((r) => decisionRefOf(r.p)));
  return {
    rows: rows.map((r) => {
      const s = spending.get(decisionRefOf(r.p));
      return { ...r, spentFen: s ? s.expenseFen - s.correctionFen : 0 };
    }),
    total: count?.n ?? 0,
  };
}

/** The bytes of a project photo the actor may see. */
export async function getProjectPhoto({ ctx, actor, projectId, photoId }: { ctx: AppContext; actor: Actor; projectId: number; photoId: number }) {
  await loadVisibleProject(ctx, actor, projectId);
  const [p] = await ctx.db.select().from(projectPhotos).where(and(eq(projectPhotos.id, photoId), eq(projectPhotos.projectId, projectId)));
  const bytes = p ? await ctx.storage.get(p.storageKey) : undefined;
  if (!p || !bytes) throw notFound('Photo', photoId);
  return { bytes, mimeType: p.mimeType };
}
