import { and, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { appendTimeline, moveState, roleOf } from '../../kernel/workflow.js';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import type { Actor } from '../access/access.policy.js';
import { deliverNotifications, notify, type NotificationRow } from '../notifications/notifications.service.js';
import { requestStateLabels, type RequestState } from '../../shared/request-states.js';
import { publishRequestEvent } from './requests.live.js';
import { storePhotos, type PhotoInput } from './requests.photos.js';
import { actorKindsOn, canOnRequest } from './requests.policy.js';
import { audienceOf, type Audience } from './requests.recipients.js';
import { requestAttachments, requestEvents, serviceRequests } from './requests.schema.js';
import { nextState, requestMachine, type RequestAction } from './requests.transitions.js';

export type RequestRow = typeof serviceRequests.$inferSelect;
export type RequestPatch = Partial<typeof serviceRequests.$inferInsert>;

/**
 * Loads a request the actor may read; anything else (missing, other tenant) is 404. Reporters
 * whose request was merged into this one may read it too: they follow every step of it.
 */
export async function loadVisibleRequest(db: DbOrTx, actor: Actor, id: number): Promise<RequestRow> {
  const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  if (!row) throw notFound('Request', id);
  await requireVisible(db, actor, row);
  return row;
}

/** The visibility rule of `loadVisibleRequest` for a row the caller already read (one query less). */
export async function requireVisible(db: DbOrTx, actor: Actor, row: RequestRow): Promise<void> {
  if (canOnRequest(actor, 'requests:read', row) || (row.masterRequestId === null && (await followsRequest(db, actor, row.id)))) return;
  throw notFound('Request', row.id);
}

async function followsRequest(db: DbOrTx, actor: Actor, masterId: number): Promise<boolean> {
  const households = actor.grants.filter((g) => g.role === 'resident' && g.scopeType === 'household').map((g) => g.scopeId);
  const mine = households.length ? or(eq(serviceRequests.reporterAccountId, actor.accountId), inArray(serviceRequests.householdId, households)) : eq(serviceRequests.reporterAccountId, actor.accountId);
  const [hit] = await db.select({ id: serviceRequests.id }).from(serviceRequests).where(and(eq(serviceRequests.masterRequestId, masterId), mine)).limit(1);
  return !!hit;
}

/** Who hears about each step, and what they read. Followers of a merged group hear every step. */
const stepNotice: Record<RequestAction, { title: string; audiences: Audience[] }> = {
  dispatch: { title: '已派单', audiences: ['reporter', 'assignee'] },
  merge: { title: '已合并到同类诉求', audiences: ['reporter'] },
  accept: { title: '已接单', audiences: ['reporter'] },
  return: { title: '工单被退回', audiences: ['dispatchers', 'reporter'] },
  start: { title: '开始处理', audiences: ['reporter'] },
  progress: { title: '处理进展', audiences: ['reporter'] },
  resolve: { title: '已处理完毕，请确认评价', audiences: ['reporter', 'dispatchers'] },
  confirm: { title: '居民已确认并评价', audiences: ['assignee', 'dispatchers'] },
  reopen: { title: '居民重新打开了诉求', audiences: ['assignee', 'dispatchers'] },
  cancel: { title: '诉求已撤销', audiences: ['reporter', 'assignee', 'dispatchers'] },
  escalate: { title: '转三方会诊', audiences: ['reporter', 'assignee', 'dispatchers'] },
  consult_dispatch: { title: '三方会诊已决定，已派单', audiences: ['reporter', 'assignee', 'dispatchers'] },
  consult_resolve: { title: '三方会诊已解决，请确认评价', audiences: ['reporter', 'dispatchers'] },
  consult_record: { title: '三方会诊已记录', audiences: ['reporter', 'dispatchers'] },
  auto_close: { title: '诉求已自动办结', audiences: ['reporter', 'assignee'] },
};

/** Notifications of one step, written in the step's transaction. */
export async function noticeOfStep(tx: DbOrTx, row: RequestRow, action: RequestAction, actorAccountId: number | null, note: string | null | undefined, at: Date): Promise<NotificationRow[]> {
  const notice = stepNotice[action];
  const audiences: Audience[] = [...notice.audiences, 'followers'];
  const accountIds = await audienceOf(tx, row, audiences, actorAccountId);
  return notify(tx, {
    communityId: row.communityId, accountIds, kind: `request.${action}`, at,
    title: `诉求 #${row.id} ${notice.title}`, body: note ?? `当前状态：${requestStateLabels[row.state].zh}`,
    link: `/requests/${row.id}`, data: { requestId: row.id, state: row.state },
  });
}

export interface StepInput {
  actor: Actor;
  id: number;
  action: RequestAction;
  note?: string | null;
  photos?: PhotoInput[];
  data?: Record<string, unknown>;
  /** Columns the step sets besides state (assignee, timestamps, rating…); may validate and throw. */
  patch?: (row: RequestRow, now: Date, tx: Tx) => Promise<RequestPatch> | RequestPatch;
  /** More writes in the same transaction, after the row moved (e.g. the consultation record). */
  also?: (tx: Tx, after: RequestRow, now: Date) => Promise<Record<string, unknown> | void>;
}

/**
 * One transition: the table decides the next state, a conditional UPDATE (state and version as
 * read) settles races in the database — zero rows means someone else moved it first: 409 — and
 * the timeline entry and notifications are written in the same transaction.
 */
export async function takeStep(ctx: AppContext, input: StepInput): Promise<RequestRow> {
  const row = await loadVisibleRequest(ctx.db, input.actor, input.id);
  const to = nextState(row.state, input.action, actorKindsOn(input.actor, row));
  const stored = input.photos?.length ? await storePhotos(ctx.storage, row.communityId, input.photos) : [];
  const now = ctx.clock.now();
  const { after, notices } = await ctx.db.transaction(async (tx) => {
    const patch = input.patch ? await input.patch(row, now, tx) : {};
    const after = await moveRow(tx, row, to, now, patch);
    const attachments = stored.length
      ? await tx.insert(requestAttachments).values(stored.map((p) => ({ ...p, communityId: row.communityId, requestId: row.id, uploadedBy: input.actor.accountId, createdAt: now }))).returning({ id: requestAttachments.id })
      : [];
    const extra = input.also ? await input.also(tx, after, now) : undefined;
    await appendTimeline(tx, requestEvents, [{
      communityId: row.communityId, subjectId: row.id, at: now, actor: input.actor, actorRole: roleOf(input.actor, preferredRole(input.action)),
      action: input.action, fromState: row.state, toState: to, note: input.note ?? null, attachmentIds: attachments.map((a) => a.id), data: { ...input.data, ...extra },
    }]);
    const notices = await noticeOfStep(tx, after, input.action, input.actor.accountId, input.note, now);
    return { after, notices };
  });
  await deliverNotifications(ctx, notices);
  await publishRequestEvent(ctx, 'request.updated', after, { action: input.action, fromState: row.state });
  return after;
}

/** The conditional UPDATE every transition goes through (the kernel's, with this module's STALE code). */
export function moveRow(tx: DbOrTx, row: RequestRow, to: RequestState, now: Date, patch: RequestPatch = {}): Promise<RequestRow> {
  return moveState(tx, serviceRequests, row, to, { now, patch, staleCode: requestMachine.staleCode, what: 'request' });
}

function preferredRole(action: RequestAction): string | undefined {
  if (['confirm', 'reopen'].includes(action)) return 'resident';
  if (['dispatch', 'merge', 'escalate'].includes(action)) return 'community_staff';
  return undefined;
}
