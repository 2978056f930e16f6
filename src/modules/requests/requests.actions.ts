import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import type { Actor } from '../access/access.policy.js';
import { accounts, people, roleGrants } from '../accounts/accounts.schema.js';
import { compounds, organisations, propertyCompanies } from '../places/places.schema.js';
import { RequestErrors } from './requests.errors.js';
import type { PhotoInput } from './requests.photos.js';
import { actorKindsOn } from './requests.policy.js';
import { jointConsultations, requestCategories, serviceRequests, type AssigneeKind } from './requests.schema.js';
import { dueTimes } from './requests.sla.js';
import { loadVisibleRequest, takeStep, type RequestPatch, type RequestRow } from './requests.workflow.js';

export interface AssigneeTarget {
  assigneeKind: AssigneeKind;
  companyId?: number | null;
  organisationId?: number | null;
  accountId?: number | null;
}

const invalidAssignee = (why: string) => new AppError(RequestErrors.REQUEST_ASSIGNEE_INVALID, why);

/** Checks the target belongs to the request's city/community and turns it into assignee columns. */
export async function assigneeColumns(db: DbOrTx, row: RequestRow, t: AssigneeTarget): Promise<RequestPatch> {
  const none = { assigneeCompanyId: null, assigneeOrganisationId: null, assigneeAccountId: null };
  if (t.assigneeKind === 'property_company') {
    const [compound] = await db.select({ companyId: compounds.propertyCompanyId }).from(compounds).where(eq(compounds.id, row.compoundId));
    const companyId = t.companyId ?? compound?.companyId;
    if (!companyId) throw invalidAssignee('This compound has no property company; choose a company, a local unit or a grid worker');
    const [c] = await db.select({ id: propertyCompanies.id }).from(propertyCompanies).where(and(eq(propertyCompanies.id, companyId), eq(propertyCompanies.cityId, row.cityId)));
    if (!c) throw invalidAssignee('Unknown property company');
    return { ...none, assigneeKind: 'property_company', assigneeCompanyId: companyId };
  }
  if (t.assigneeKind === 'local_unit') {
    if (!t.organisationId) throw invalidAssignee('Choose a local unit');
    const [o] = await db.select({ id: organisations.id }).from(organisations)
      .where(and(eq(organisations.id, t.organisationId), eq(organisations.kind, 'local_unit'), eq(organisations.cityId, row.cityId)));
    if (!o) throw invalidAssignee('Unknown local unit');
    return { ...none, assigneeKind: 'local_unit', assigneeOrganisationId: t.organisationId };
  }
  if (!t.accountId) throw invalidAssignee('Choose a grid worker');
  const [g] = await db.select({ id: roleGrants.id }).from(roleGrants)
    .where(and(eq(roleGrants.accountId, t.accountId), eq(roleGrants.role, 'grid_worker'), eq(roleGrants.scopeType, 'community'), eq(roleGrants.scopeId, row.communityId)));
  if (!g) throw invalidAssignee('Unknown grid worker of this community');
  return { ...none, assigneeKind: 'grid_worker', assigneeAccountId: t.accountId };
}

/** A changed category or priority moves the deadlines, still counted from when the request was filed. */
async function reclassify(db: DbOrTx, row: RequestRow, categoryId?: number, priority?: 'normal' | 'urgent'): Promise<RequestPatch> {
  if (!categoryId && !priority) return {};
  const [category] = await db.select().from(requestCategories)
    .where(and(eq(requestCategories.id, categoryId ?? row.categoryId), eq(requestCategories.cityId, row.cityId)));
  if (!category) throw new AppError(RequestErrors.REQUEST_CATEGORY_INVALID, 'Unknown category');
  const p = priority ?? row.priority;
  return { categoryId: category.id, priority: p, ...dueTimes(category, p, row.createdAt) };
}

export interface DispatchInput extends AssigneeTarget {
  categoryId?: number;
  priority?: 'normal' | 'urgent';
  note?: string | null;
}

/** 社区发单: the dispatcher confirms the category and sends the request to its assignee. */
export function dispatchRequest(ctx: AppContext, actor: Actor, id: number, input: DispatchInput): Promise<RequestRow> {
  return takeStep(ctx, {
    actor, id, action: 'dispatch', note: input.note,
    patch: async (row, now, tx) => ({ ...(await reclassify(tx, row, input.categoryId, input.priority)), ...(await assigneeColumns(tx, row, input)), dispatchedAt: now }),
    data: { assigneeKind: input.assigneeKind, companyId: input.companyId ?? null, organisationId: input.organisationId ?? null, accountId: input.accountId ?? null },
  });
}

/** Dispatches each request on its own: one failure does not undo the others. */
export async function bulkDispatch(ctx: AppContext, actor: Actor, ids: number[], input: DispatchInput) {
  const results: { id: number; ok: boolean; error?: { code: string; message: string } }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await dispatchRequest(ctx, actor, id, input);
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, error: { code: err.code, message: err.message } });
    }
  }
  return { results };
}

/** How recent a master must be to merge into it. */
export const MERGE_WINDOW_MS = 48 * 3_600_000;
const mergeInvalid = (why: string) => new AppError(RequestErrors.REQUEST_MERGE_INVALID, why);

/**
 * Merges a request into an open one about the same problem (same compound and category, master
 * filed in the last 48 h). The master row is locked so it cannot close or merge meanwhile.
 */
export async function mergeRequest(ctx: AppContext, actor: Actor, id: number, masterId: number, note?: string | null): Promise<RequestRow> {
  if (id === masterId) throw mergeInvalid('A request cannot be merged into itself');
  const master = await loadVisibleRequest(ctx.db, actor, masterId);
  return takeStep(ctx, {
    actor, id, action: 'merge', note, data: { masterId },
    patch: async (row, now, tx) => {
      const [locked] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, master.id)).for('update');
      const m = locked ?? master;
      if (m.compoundId !== row.compoundId || m.categoryId !== row.categoryId) throw mergeInvalid('Only requests of the same compound and category can be merged');
      if (['merged', 'cancelled', 'closed', 'resolved'].includes(m.state)) throw mergeInvalid('The master request is no longer open');
      if (now.getTime() - m.createdAt.getTime() > MERGE_WINDOW_MS) throw mergeInvalid('The master request was filed more than 48 hours ago');
      return { masterRequestId: m.id };
    },
  });
}

export const acceptRequest = (ctx: AppContext, actor: Actor, id: number, note?: string | null) =>
  takeStep(ctx, { actor, id, action: 'accept', note, patch: (row, now) => ({ acceptedAt: row.acceptedAt ?? now }) });

export const returnRequest = (ctx: AppContext, actor: Actor, id: number, reason: string) =>
  takeStep(ctx, { actor, id, action: 'return', note: reason, data: { returnedBy: { kind: 'assignee' } } });

export const startRequest = (ctx: AppContext, actor: Actor, id: number, note?: string | null) =>
  takeStep(ctx, { actor, id, action: 'start', note });

export const progressRequest = (ctx: AppContext, actor: Actor, id: number, note: string, photos?: PhotoInput[]) =>
  takeStep(ctx, { actor, id, action: 'progress', note, photos });

export const resolveRequest = (ctx: AppContext, actor: Actor, id: number, note: string, photos?: PhotoInput[]) =>
  takeStep(ctx, { actor, id, action: 'resolve', note, photos, patch: (_row, now) => ({ resolvedAt: now }) });

export const confirmRequest = (ctx: AppContext, actor: Actor, id: number, rating: number, comment?: string | null) =>
  takeStep(ctx, { actor, id, action: 'confirm', note: comment, data: { rating }, patch: (_row, now) => ({ rating, ratingComment: comment ?? null, ratedAt: now, closedAt: now }) });

/** Reopening restarts both windows from now: the assignee must accept again, then resolve. */
export const reopenRequest = (ctx: AppContext, actor: Actor, id: number, reason: string) =>
  takeStep(ctx, {
    actor, id, action: 'reopen', note: reason,
    patch: async (row, now, tx) => {
      const [category] = await tx.select().from(requestCategories).where(eq(requestCategories.id, row.categoryId));
      return { ...dueTimes(category!, row.priority, now), resolvedAt: null, reopenCount: row.reopenCount + 1 };
    },
  });

export const cancelRequest = (ctx: AppContext, actor: Actor, id: number, reason: string) =>
  takeStep(ctx, { actor, id, action: 'cancel', note: reason });

export const escalateRequest = (ctx: AppContext, actor: Actor, id: number, note: string) =>
  takeStep(ctx, { actor, id, action: 'escalate', note });

export interface ConsultationInput {
  heldAt: Date;
  place?: string | null;
  attendees: { side: 'party' | 'property' | 'owners' | 'community' | 'other'; name: string; organisation?: string }[];
  decision: string;
  actions: { owner: string; task: string; dueAt: string }[];
  dispatchTo?: AssigneeTarget | null;
  outcome?: 'dispatch' | 'resolve' | 'record';
}

/**
 * 三方会诊: records who met and what they decided; the request follows the decision — dispatched
 * to the agreed assignee, resolved by the decision itself (the resident still confirms), or kept
 * under consultation.
 */
export function recordConsultation(ctx: AppContext, actor: Actor, id: number, input: ConsultationInput): Promise<RequestRow> {
  const outcome = input.outcome ?? (input.dispatchTo ? 'dispatch' : 'record');
  if (outcome === 'dispatch' && !input.dispatchTo) throw new AppError(RequestErrors.REQUEST_ASSIGNEE_INVALID, 'Say whom the decision dispatches the request to');
  const action = outcome === 'dispatch' ? 'consult_dispatch' : outcome === 'resolve' ? 'consult_resolve' : 'consult_record';
  return takeStep(ctx, {
    actor, id, action, note: input.decision,
    patch: async (row, now, tx) => (outcome === 'dispatch' ? { ...(await assigneeColumns(tx, row, input.dispatchTo!)), dispatchedAt: now } : outcome === 'resolve' ? { resolvedAt: now } : {}),
    also: async (tx, after, now) => {
      const [c] = await tx.insert(jointConsultations).values({
        communityId: after.communityId, requestId: after.id, heldAt: input.heldAt, place: input.place ?? null, attendees: input.attendees,
        decision: input.decision, actions: input.actions, recordedBy: actor.accountId, createdAt: now,
      }).returning({ id: jointConsultations.id });
      return { consultationId: c!.id, outcome };
    },
  });
}

/** Whom a dispatcher may send this request to. */
export async function listAssignees(ctx: AppContext, actor: Actor, id: number) {
  const row = await loadVisibleRequest(ctx.db, actor, id);
  if (!actorKindsOn(actor, row).includes('dispatcher')) throw notFound('Request', id);
  const db = ctx.db;
  const [companies, localUnits, gridWorkers] = await Promise.all([
    db.selectDistinct({ id: propertyCompanies.id, name: propertyCompanies.name }).from(propertyCompanies)
      .innerJoin(compounds, eq(compounds.propertyCompanyId, propertyCompanies.id)).where(eq(compounds.communityId, row.communityId)).orderBy(propertyCompanies.name),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations)
      .where(and(eq(organisations.cityId, row.cityId), eq(organisations.kind, 'local_unit'))).orderBy(organisations.name),
    db.select({ accountId: accounts.id, name: people.name }).from(roleGrants).innerJoin(accounts, eq(accounts.id, roleGrants.accountId)).innerJoin(people, eq(people.id, accounts.personId))
      .where(and(eq(roleGrants.role, 'grid_worker'), eq(roleGrants.scopeType, 'community'), eq(roleGrants.scopeId, row.communityId), eq(accounts.disabled, false))).orderBy(people.name),
  ]);
  return { companies, localUnits, gridWorkers };
}

