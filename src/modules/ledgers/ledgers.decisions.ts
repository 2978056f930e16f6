import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { appendTimeline, defineStateMachine, takeStep } from '../../kernel/workflow.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { can, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { accountsWith } from '../accounts/accounts.recipients.js';
import { compoundLevelScope, compoundScopeFor, loadCompoundPlace, scopeOf, type CompoundPlace } from '../fees/fees.places.js';
import { deliverNotifications, notify, type NotificationRow } from '../notifications/notifications.service.js';
import { compounds } from '../places/places.schema.js';
import { lookupAuthority, type Authority } from './ledgers.authority.js';
import { LedgerErrors } from './ledgers.errors.js';
import { decisionEvents, majorDecisions, type DecisionRow, type decisionKinds } from './ledgers.schema.js';

/*
 * 重大事项 under the party organisation's review (Jiayuguan: the party organisation takes part in
 * and supervises every major decision on projects, service fees and fund use). A decision is
 * proposed, then the community party committee approves it or returns it with reasons; a returned
 * one may be resubmitted. Only an approved decision authorises a fee change, a project or spending.
 */
export const decisionMachine = defineStateMachine({
  name: 'decision',
  states: ['pending_review', 'approved', 'returned'],
  actions: ['approve', 'return', 'resubmit'],
  actorKinds: ['reviewer', 'proposer'],
  transitions: {
    approve: { pending_review: { to: 'approved', by: ['reviewer'] } },
    return: { pending_review: { to: 'returned', by: ['reviewer'] } },
    resubmit: { returned: { to: 'pending_review', by: ['proposer'] } },
  },
  errors: { illegal: LedgerErrors.DECISION_ILLEGAL_TRANSITION, notAllowed: LedgerErrors.DECISION_ACTOR_NOT_ALLOWED, stale: LedgerErrors.DECISION_STALE },
});

type DecisionKind = (typeof decisionKinds)[number];

/** The decision, checked: it exists, belongs to the compound, is of one of `kinds` and was approved. */
export async function requireApprovedDecision({ db, decisionId, compoundId, kinds }: { db: DbOrTx; decisionId: number; compoundId: number; kinds: readonly DecisionKind[] }): Promise<DecisionRow> {
  const [d] = await db.select().from(majorDecisions).where(eq(majorDecisions.id, decisionId));
  if (!d || d.compoundId !== compoundId || !kinds.includes(d.kind)) {
    throw new AppError(LedgerErrors.LEDGER_DECISION_NOT_FOUND, `No ${kinds.join(' or ')} decision ${decisionId} in this compound`, { decisionId });
  }
  if (d.state !== 'approved') {
    throw new AppError(LedgerErrors.LEDGER_DECISION_NOT_APPROVED, 'The decision has not passed the party organisation\'s review', { decisionId, state: d.state });
  }
  return d;
}

export interface ProposeInput {
  compoundId: number;
  kind: DecisionKind;
  title: string;
  summary: string;
  basisRef?: string | null;
  amountFen?: number | null;
}

async function notifyReviewers(tx: DbOrTx, place: CompoundPlace, d: DecisionRow, at: Date): Promise<NotificationRow[]> {
  const reviewers = await accountsWith(tx, 'ledgers:review', scopeOf(place));
  if (!reviewers.length) return [];
  return notify(tx, { communityId: place.communityId, accountIds: reviewers, kind: 'decision.review', title: `待审核重大事项：${d.title}`, body: `${place.name} · 请社区党组织审核`, link: `/ledgers/decisions?id=${d.id}`, at });
}

/** Proposes a major decision; the community's party committee is notified to review it. */
export async function proposeDecision({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: ProposeInput }): Promise<DecisionRow> {
  const place = await loadCompoundPlace(ctx.db, input.compoundId);
  requireAccess(actor, 'ledgers:propose', place ? scopeOf(place) : null, 'Compound');
  if (input.basisRef) {
    const basis = await lookupAuthority({ db: ctx.db, actor, ref: input.basisRef });
    if (!basis || (basis.compoundId !== null && basis.compoundId !== place!.compoundId) || (basis.communityId !== null && basis.communityId !== place!.communityId)) {
      throw new AppError(LedgerErrors.DECISION_BASIS_INVALID, `${input.basisRef} names nothing of this compound`, { basisRef: input.basisRef });
    }
  }
  const now = ctx.clock.now();
  let notes: NotificationRow[] = [];
  const row = await ctx.db.transaction(async (tx) => {
    const [d] = await tx.insert(majorDecisions).values({
      communityId: place!.communityId, compoundId: place!.compoundId, kind: input.kind, title: input.title, summary: input.summary,
      basisRef: input.basisRef ?? null, amountFen: input.amountFen ?? null, proposedBy: actor.accountId, createdAt: now, updatedAt: now,
    }).returning();
    await appendTimeline(tx, decisionEvents, [{ communityId: d!.communityId, subjectId: d!.id, at: now, actor, action: 'propose', toState: 'pending_review', note: input.summary.slice(0, 200) }]);
    notes = await notifyReviewers(tx, place!, d!, now);
    return d!;
  });
  await deliverNotifications(ctx, notes);
  return row;
}

/** approve / return (with reasons) by the party organisation, or resubmit by the proposer. */
export async function reviewDecision({ ctx, actor, decisionId, action, reason }: { ctx: AppContext; actor: Actor; decisionId: number; action: 'approve' | 'return' | 'resubmit'; reason?: string | null }): Promise<DecisionRow> {
  const { row, place } = await loadVisibleDecision(ctx.db, actor, decisionId);
  const kinds = actorKinds(actor, row, place);
  if (action === 'return' && !reason?.trim()) throw new AppError(LedgerErrors.DECISION_BASIS_INVALID, 'Returning a decision needs the reasons', { field: 'reason' });
  const now = ctx.clock.now();
  let notes: NotificationRow[] = [];
  const after = await ctx.db.transaction(async (tx) => {
    const moved = await takeStep({
      tx, machine: decisionMachine, table: majorDecisions, timeline: decisionEvents, row, action, kinds, actor, now,
      patch: action === 'resubmit' ? {} : { reviewedAt: now }, note: reason ?? null,
      actorRole: action === 'resubmit' ? null : 'party_committee',
    });
    if (action === 'resubmit') notes = await notifyReviewers(tx, place, moved, now);
    else if (row.proposedBy) {
      notes = await notify(tx, {
        communityId: row.communityId, accountIds: [row.proposedBy], kind: 'decision.reviewed', at: now, link: `/ledgers/decisions?id=${row.id}`,
        title: action === 'approve' ? `重大事项已通过审核：${row.title}` : `重大事项被退回：${row.title}`, body: reason ?? null,
      });
    }
    return moved;
  });
  await deliverNotifications(ctx, notes);
  return after;
}

/** Which hats the actor wears on this decision. */
export function actorKinds(actor: Actor, row: DecisionRow, place: CompoundPlace): ('reviewer' | 'proposer')[] {
  const scope = scopeOf(place);
  const kinds: ('reviewer' | 'proposer')[] = [];
  if (can(actor, 'ledgers:review', scope)) kinds.push('reviewer');
  if (can(actor, 'ledgers:propose', scope) && (row.proposedBy === actor.accountId || row.proposedBy === null)) kinds.push('proposer');
  return kinds;
}

export async function loadVisibleDecision(db: DbOrTx, actor: Actor, decisionId: number): Promise<{ row: DecisionRow; place: CompoundPlace }> {
  const [row] = await db.select().from(majorDecisions).where(eq(majorDecisions.id, decisionId));
  const place = row ? await loadCompoundPlace(db, row.compoundId) : undefined;
  requireAccess(actor, 'ledgers:read', place ? await compoundScopeFor(db, actor, 'ledgers:read', place) : null, 'Decision');
  return { row: row!, place: place! };
}

export interface DecisionTimelineEntry {
  at: Date;
  action: string;
  note: string | null;
  actorName: string | null;
  actorRole: string | null;
}

export async function decisionTimeline(db: DbOrTx, decisionIds: number[]): Promise<Map<number, DecisionTimelineEntry[]>> {
  const out = new Map<number, DecisionTimelineEntry[]>();
  if (!decisionIds.length) return out;
  const rows = await queryRows<{ decision_id: number; at: string; action: string; note: string | null; actor_role: string | null; name: string | null }>(db, sql`
    select e.decision_id, e.at, e.action, e.note, e.actor_role, p.name from decision_events e
    left join accounts a on a.id = e.actor_account_id left join people p on p.id = a.person_id
    where e.decision_id = any(${`{${decisionIds.join(',')}}`}::bigint[]) order by e.at, e.id`);
  for (const r of rows) {
    const list = out.get(Number(r.decision_id)) ?? [];
    list.push({ at: new Date(r.at), action: r.action, note: r.note, actorName: r.name, actorRole: r.actor_role });
    out.set(Number(r.decision_id), list);
  }
  return out;
}

export interface DecisionView {
  row: DecisionRow;
  compoundName: string;
  basis: Authority | null;
  timeline: DecisionTimelineEntry[];
  abilities: { approve: boolean; return: boolean; resubmit: boolean };
}

/** One decision with its basis, its review record and what the actor may do next. */
export async function getDecision({ ctx, actor, decisionId }: { ctx: AppContext; actor: Actor; decisionId: number }): Promise<DecisionView> {
  const { row, place } = await loadVisibleDecision(ctx.db, actor, decisionId);
  const basis = row.basisRef ? await lookupAuthority({ db: ctx.db, actor, ref: row.basisRef }) : null;
  const timeline = (await decisionTimeline(ctx.db, [row.id])).get(row.id) ?? [];
  const a = decisionMachine.abilities(row.state, actorKinds(actor, row, place));
  return { row, compoundName: place.name, basis, timeline, abilities: { approve: a.approve, return: a.return, resubmit: a.resubmit } };
}

/** Decisions in the actor's scope, newest first; filter by compound and state. */
export async function listDecisions({ ctx, actor, f }: { ctx: AppContext; actor: Actor; f: { compoundId?: number; state?: string[]; page: number; pageSize: number } }) {
  const parts: (SQL | undefined)[] = [compoundLevelScope(actor, 'ledgers:read', majorDecisions.communityId, majorDecisions.compoundId)];
  if (f.compoundId) parts.push(eq(majorDecisions.compoundId, f.compoundId));
  if (f.state?.length) parts.push(inArray(majorDecisions.state, f.state as DecisionRow['state'][]));
  const where = and(...parts);
  const [rows, [count]] = await Promise.all([
    ctx.db.select({ d: majorDecisions, compoundName: compounds.name }).from(majorDecisions).innerJoin(compounds, eq(compounds.id, majorDecisions.compoundId))
      .where(where).orderBy(desc(majorDecisions.createdAt), desc(majorDecisions.id)).limit(f.pageSize).offset(offsetOf(f.page, f.pageSize)),
    ctx.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(majorDecisions).where(where),
  ]);
  const timelines = await decisionTimeline(ctx.db, rows.map((r) => r.d.id));
  const reviewable = new Map<number, boolean>();
  for (const r of rows) {
    const scope = { communityId: r.d.communityId, compoundId: r.d.compoundId };
    reviewable.set(r.d.id, r.d.state === 'pending_review' && can(actor, 'ledgers:review', scope));
  }
  return { rows, total: count?.n ?? 0, timelines, reviewable };
}

export const decisionNotFound = (id: number) => notFound('Decision', id);
