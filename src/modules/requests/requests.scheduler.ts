import { inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { JobSpec } from '../../kernel/jobs.js';
import type { AppContext } from '../../server/context.js';
import { deliverNotifications, notifyMany, type NotificationRow } from '../notifications/notifications.service.js';
import { publishRequestEvent } from './requests.live.js';
import { dispatchersOf } from './requests.recipients.js';
import { requestEvents, serviceRequests } from './requests.schema.js';
import { appendTimeline } from '../../kernel/workflow.js';
import { nextState } from './requests.transitions.js';
import { noticeOfStep, type RequestRow } from './requests.workflow.js';

/**
 * The SLA sweep. Every mark is a conditional UPDATE (`… WHERE respond_breached_at IS NULL AND
 * respond_due_at < now`) over rows locked with SKIP LOCKED, so several processes sweeping at once
 * mark — and escalate — each breach exactly once; after a restart the next sweep picks up
 * whatever is due. Timeline entries and notifications are written in the same transaction.
 */
export interface SweepOptions {
  /** Unconfirmed resolutions close themselves after this many hours. */
  autoCloseHours?: number;
  batchSize?: number;
  /** Sweep only these communities (a sharded deployment, or a test sharing its database). */
  communityIds?: number[];
}

export interface SweepResult {
  respondBreaches: number;
  resolveBreaches: number;
  autoClosed: number;
}

export const defaultAutoCloseHours = Number(process.env.REQUEST_AUTO_CLOSE_HOURS ?? 72) || 72;

type Breach = {
  id: number; community_id: number; due: Date | string; city_id: number; district_id: number; street_id: number; compound_id: number;
  household_id: number | null; reporter_account_id: number | null; assignee_kind: RequestRow['assigneeKind']; assignee_company_id: number | null;
  assignee_organisation_id: number | null; assignee_account_id: number | null; state: RequestRow['state']; category_id: number; version: number;
};

/** What a breach event needs of the row (its place and assignee decide who sees it live). */
const breachColumns = `r.id, r.community_id, r.city_id, r.district_id, r.street_id, r.compound_id, r.household_id, r.reporter_account_id,
  r.assignee_kind, r.assignee_company_id, r.assignee_organisation_id, r.assignee_account_id, r.state, r.category_id, r.version`;

const factsOf = (r: Breach) => ({
  id: Number(r.id), communityId: Number(r.community_id), cityId: Number(r.city_id), districtId: Number(r.district_id), streetId: Number(r.street_id),
  compoundId: Number(r.compound_id), householdId: r.household_id === null ? null : Number(r.household_id),
  reporterAccountId: r.reporter_account_id === null ? null : Number(r.reporter_account_id), assigneeKind: r.assignee_kind,
  assigneeCompanyId: r.assignee_company_id === null ? null : Number(r.assignee_company_id),
  assigneeOrganisationId: r.assignee_organisation_id === null ? null : Number(r.assignee_organisation_id),
  assigneeAccountId: r.assignee_account_id === null ? null : Number(r.assignee_account_id), state: r.state, categoryId: Number(r.category_id), version: Number(r.version),
});

const inCommunities = (ids?: number[]) => (ids ? sql`and community_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql``);

const respondSql = (now: string, limit: number, ids?: number[]) => sql`
  update service_requests r set respond_breached_at = ${now}::timestamptz
  where r.id in (
    select id from service_requests
    where respond_breached_at is null and respond_due_at < ${now}::timestamptz
      and state in ('submitted','dispatched','returned','reopened','escalated')
      and (accepted_at is null or state = 'reopened') ${inCommunities(ids)}
    order by respond_due_at limit ${limit} for update skip locked)
  and r.respond_breached_at is null
  returning ${sql.raw(breachColumns)}, r.respond_due_at as due`;

const resolveSql = (now: string, limit: number, ids?: number[]) => sql`
  update service_requests r set resolve_breached_at = ${now}::timestamptz
  where r.id in (
    select id from service_requests
    where resolve_breached_at is null and resolve_due_at < ${now}::timestamptz
      and state in ('submitted','dispatched','accepted','in_progress','returned','reopened','escalated') ${inCommunities(ids)}
    order by resolve_due_at limit ${limit} for update skip locked)
  and r.resolve_breached_at is null
  returning ${sql.raw(breachColumns)}, r.resolve_due_at as due`;

/** Marks one batch of breaches of one kind; returns how many were marked. */
async function markBreaches(ctx: AppContext, kind: 'respond' | 'resolve', now: Date, limit: number, ids?: number[]): Promise<number> {
  const { rows, notices } = await ctx.db.transaction(async (tx) => {
    const rows = await queryRows<Breach>(tx, (kind === 'respond' ? respondSql : resolveSql)(now.toISOString(), limit, ids));
    await appendTimeline(tx, requestEvents, rows.map((r) => ({
      communityId: r.community_id, subjectId: r.id, at: now, actor: null, action: 'sla_breach', data: { kind, dueAt: new Date(r.due).toISOString() },
    })));
    const dispatchers = new Map<number, number[]>();
    for (const r of rows) {
      if (!dispatchers.has(r.community_id)) dispatchers.set(r.community_id, await dispatchersOf(tx, r.community_id));
    }
    const notices = await notifyMany(tx, rows.map((r) => ({
      communityId: r.community_id, accountIds: dispatchers.get(r.community_id)!, kind: 'request.sla_breach', at: now,
      title: `诉求 #${r.id} ${kind === 'respond' ? '超时未响应' : '超时未办结'}`, body: '已超过时限，请社区督办', link: `/requests/${r.id}`,
      data: { requestId: r.id, breach: kind },
    })));
    return { rows, notices };
  });
  await deliverNotifications(ctx, notices);
  await Promise.all(rows.map((r) => publishRequestEvent(ctx, 'request.updated', factsOf(r), { slaBreach: kind })));
  return rows.length;
}

/** Closes resolutions the resident did not confirm in time (transition resolved → closed by the system). */
async function autoClose(ctx: AppContext, now: Date, hours: number, limit: number, communityIds?: number[]): Promise<number> {
  const to = nextState('resolved', 'auto_close', ['system']);
  const cutoff = new Date(now.getTime() - hours * 3_600_000).toISOString();
  const { rows, notices } = await ctx.db.transaction(async (tx) => {
    const ids = await queryRows<{ id: number }>(tx, sql`
      update service_requests r set state = ${to}, closed_at = ${now.toISOString()}::timestamptz, version = r.version + 1, updated_at = ${now.toISOString()}::timestamptz
      where r.id in (select id from service_requests where state = 'resolved' and resolved_at < ${cutoff}::timestamptz ${inCommunities(communityIds)} order by resolved_at limit ${limit} for update skip locked)
        and r.state = 'resolved'
      returning r.id`);
    const rows = ids.length ? await selectRows(tx, ids.map((r) => Number(r.id))) : [];
    await appendTimeline(tx, requestEvents, rows.map((r) => ({
      communityId: r.communityId, subjectId: r.id, at: now, actor: null, action: 'auto_close', fromState: 'resolved' as const, toState: to, note: `${hours} 小时内未确认，系统自动办结`,
    })));
    const notices: NotificationRow[] = [];
    for (const r of rows) notices.push(...await noticeOfStep(tx, r, 'auto_close', null, null, now));
    return { rows, notices };
  });
  await deliverNotifications(ctx, notices);
  for (const r of rows) await publishRequestEvent(ctx, 'request.updated', r, { action: 'auto_close', fromState: 'resolved' });
  return rows.length;
}

async function selectRows(tx: DbOrTx, ids: number[]): Promise<RequestRow[]> {
  return tx.select().from(serviceRequests).where(inArray(serviceRequests.id, ids));
}

/** One full sweep: breaches of both kinds and auto-close, batch by batch until nothing is left. */
export async function sweepSla(ctx: AppContext, now: Date, opts: SweepOptions = {}): Promise<SweepResult> {
  const limit = opts.batchSize ?? 500;
  const result: SweepResult = { respondBreaches: 0, resolveBreaches: 0, autoClosed: 0 };
  for (let n = limit; n === limit;) result.respondBreaches += n = await markBreaches(ctx, 'respond', now, limit, opts.communityIds);
  for (let n = limit; n === limit;) result.resolveBreaches += n = await markBreaches(ctx, 'resolve', now, limit, opts.communityIds);
  for (let n = limit; n === limit;) result.autoClosed += n = await autoClose(ctx, now, opts.autoCloseHours ?? defaultAutoCloseHours, limit, opts.communityIds);
  return result;
}

/** The SLA sweep as a kernel job (the runner starts it in every process; one runs it per interval). */
export const slaSweepJob: JobSpec = {
  name: 'requests.sla-sweep',
  description: 'Marks respond/resolve SLA breaches (notifying dispatchers) and closes unconfirmed resolutions',
  everySeconds: Number(process.env.REQUEST_SLA_SWEEP_SECONDS ?? 30) || 30,
  run: (ctx, now) => sweepSla(ctx, now),
};
