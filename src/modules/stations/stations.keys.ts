import { and, asc, count, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import type { Actor } from '../access/access.policy.js';
import { accountsWith } from '../accounts/accounts.recipients.js';
import { loadActor } from '../accounts/accounts.service.js';
import { deliverNotifications, notify, type NotificationRow } from '../notifications/notifications.service.js';
import { loadStation, loadStationOf, type StationRow } from './stations.access.js';
import { StationErrors } from './stations.errors.js';
import { publishStationUpdated } from './stations.live.js';
import { canOnStation, seesContacts } from './stations.policy.js';
import { presentKeyHolder, presentRollCall } from './stations.presenter.js';
import { stationKeyHolders, stationRollCallAnswers, stationRollCalls, stations, type RollCallAnswer } from './stations.schema.js';

/*
 * 钥匙保管与点名. Keys are held by people of the property company and of the community. A roll
 * call asks every active holder to confirm, before its due time, that they still have their key:
 * holders with an account answer from the phone, the others are called and a manager records
 * the answer. An unanswered roll call past its due time, or a key reported missing, is an alert.
 */

const HOUR = 3_600_000;

/** The accounts that manage a station (notified of its alerts): stations:manage on its community or its company. */
export function managersOf(db: DbOrTx, s: StationRow): Promise<number[]> {
  return accountsWith(db, 'stations:manage', { communityId: s.communityId, companyId: s.companyId });
}

/** A holder's account must reach the station with stations:keys, or it could never answer. */
async function checkHolderAccount(db: DbOrTx, s: StationRow, accountId: number | null | undefined): Promise<void> {
  if (!accountId) return;
  const holder = await loadActor(db, accountId);
  if (!holder || !canOnStation(holder, 'stations:keys', s)) {
    throw new AppError(StationErrors.STATION_LINK_INVALID, 'That account cannot hold keys of this station (it needs stations:keys on it)', { accountId });
  }
}

export async function addKeyHolder({ ctx, actor, stationId, input }: {
  ctx: AppContext; actor: Actor; stationId: number;
  input: { name: string; phone: string; side: 'property' | 'community'; organisation: string; keyLabel: string; accountId?: number | null };
}) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:manage');
  await checkHolderAccount(ctx.db, s, input.accountId);
  const [row] = await ctx.db.insert(stationKeyHolders).values({
    communityId: s.communityId, stationId: s.id, name: input.name, phone: input.phone, side: input.side, organisation: input.organisation,
    keyLabel: input.keyLabel, accountId: input.accountId ?? null, createdAt: ctx.clock.now(),
  }).onConflictDoNothing().returning();
  if (!row) throw new AppError(StationErrors.STATION_LINK_INVALID, 'This person already holds that key', { name: input.name, keyLabel: input.keyLabel });
  return presentKeyHolder(row, seesContacts(actor, s));
}

export async function updateKeyHolder({ ctx, actor, keyHolderId, input }: { ctx: AppContext; actor: Actor; keyHolderId: number; input: { phone?: string; keyLabel?: string; active?: boolean } }) {
  const s = await loadStationOf(ctx.db, actor, 'station_key_holders', keyHolderId, 'stations:manage', 'Key holder');
  const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const [row] = Object.keys(set).length
    ? await ctx.db.update(stationKeyHolders).set(set).where(eq(stationKeyHolders.id, keyHolderId)).returning()
    : await ctx.db.select().from(stationKeyHolders).where(eq(stationKeyHolders.id, keyHolderId));
  return presentKeyHolder(row!, seesContacts(actor, s));
}

type AnswerRow = typeof stationRollCallAnswers.$inferSelect;

async function answersWithHolders(db: DbOrTx, rollCallIds: number[]) {
  if (rollCallIds.length === 0) return [];
  return db.select({ a: stationRollCallAnswers, holderName: stationKeyHolders.name, keyLabel: stationKeyHolders.keyLabel })
    .from(stationRollCallAnswers).innerJoin(stationKeyHolders, eq(stationKeyHolders.id, stationRollCallAnswers.keyHolderId))
    .where(inArray(stationRollCallAnswers.rollCallId, rollCallIds)).orderBy(asc(stationKeyHolders.side), asc(stationRollCallAnswers.id));
}

/** The station's latest roll call with its answers, or null. */
export async function latestRollCallOf(db: DbOrTx, stationId: number) {
  const [rc] = await db.select().from(stationRollCalls).where(eq(stationRollCalls.stationId, stationId)).orderBy(desc(stationRollCalls.startedAt), desc(stationRollCalls.id)).limit(1);
  if (!rc) return null;
  return { rc, startedBy: rc.startedByName, answers: await answersWithHolders(db, [rc.id]) };
}

/**
 * Opens a roll call (a manager, or the schedule with `actor` null). The station's row is locked
 * while it checks that none is open, so a manager and the schedule cannot open two at once.
 * Holders with an account are notified after commit.
 */
export async function startRollCall({ ctx, actor, stationId, input = {}, now = ctx.clock.now() }: {
  ctx: AppContext; actor: Actor | null; stationId: number; input?: { answerHours?: number; note?: string | null }; now?: Date;
}): Promise<{ rollCallId: number } | null> {
  if (actor) await loadStation(ctx.db, actor, stationId, 'stations:manage');
  const result = await ctx.db.transaction(async (tx) => {
    const [s] = await tx.select().from(stations).where(eq(stations.id, stationId)).for('update');
    const [open] = await tx.select({ id: stationRollCalls.id }).from(stationRollCalls)
      .where(and(eq(stationRollCalls.stationId, stationId), gt(stationRollCalls.dueAt, now),
        sql`exists (select 1 from station_roll_call_answers a where a.roll_call_id = ${stationRollCalls.id} and a.answer is null)`));
    if (open) {
      if (!actor) return null;
      throw new AppError(StationErrors.STATION_ROLL_CALL_OPEN, 'A roll call of this station is still open', { rollCallId: open.id });
    }
    const holders = await tx.select().from(stationKeyHolders).where(and(eq(stationKeyHolders.stationId, stationId), eq(stationKeyHolders.active, true))).orderBy(asc(stationKeyHolders.id));
    if (holders.length === 0) {
      if (!actor) return null;
      throw new AppError(StationErrors.STATION_NO_KEY_HOLDERS, 'The station has no active key holder');
    }
    const hours = input.answerHours ?? s!.rollCallAnswerHours;
    const [rc] = await tx.insert(stationRollCalls).values({
      communityId: s!.communityId, stationId, startedAt: now, dueAt: new Date(now.getTime() + hours * HOUR),
      startedByAccountId: actor?.accountId ?? null, startedByName: actor?.name ?? null, note: input.note ?? null,
    }).returning();
    await tx.insert(stationRollCallAnswers).values(holders.map((h) => ({ communityId: s!.communityId, stationId, rollCallId: rc!.id, keyHolderId: h.id })));
    const notices: NotificationRow[] = [];
    for (const h of holders.filter((x) => x.accountId !== null)) {
      notices.push(...await notify(tx, {
        communityId: s!.communityId, accountIds: [h.accountId!], kind: 'station.roll_call', at: now,
        title: `钥匙点名：请确认您仍保管「${s!.name}」${h.keyLabel}`, body: `请在 ${hours} 小时内在手机上确认`, link: '/stations/night',
        data: { stationId, rollCallId: rc!.id },
      }));
    }
    return { s: s!, rc: rc!, notices };
  });
  if (!result) return null;
  await deliverNotifications(ctx, result.notices);
  await publishStationUpdated(ctx, result.s, 'roll_call');
  return { rollCallId: result.rc.id };
}

/** Writes answers that are still open (answer IS NULL decides who was first); tells the managers at once of a missing key. */
async function writeAnswers(ctx: AppContext, s: StationRow, rollCallId: number, holderIds: number[], by: Actor, answer: RollCallAnswer, onBehalf: boolean, note: string | null | undefined): Promise<AnswerRow[]> {
  const now = ctx.clock.now();
  const { rows, notices } = await ctx.db.transaction(async (tx) => {
    const rows = await tx.update(stationRollCallAnswers).set({ answer, answeredAt: now, answeredByAccountId: by.accountId, onBehalf, note: note ?? null })
      .where(and(eq(stationRollCallAnswers.rollCallId, rollCallId), inArray(stationRollCallAnswers.keyHolderId, holderIds), isNull(stationRollCallAnswers.answer)))
      .returning();
    let notices: NotificationRow[] = [];
    if (rows.length && answer === 'key_missing') {
      const holders = await tx.select({ name: stationKeyHolders.name, keyLabel: stationKeyHolders.keyLabel }).from(stationKeyHolders).where(inArray(stationKeyHolders.id, rows.map((r) => r.keyHolderId)));
      notices = await notify(tx, {
        communityId: s.communityId, accountIds: (await managersOf(tx, s)).filter((id) => id !== by.accountId), kind: 'station.alert', at: now,
        title: `「${s.name}」钥匙不在手中：${holders.map((h) => `${h.name}（${h.keyLabel}）`).join('、')}`, body: '请尽快核实并更换门锁或补配钥匙', link: `/stations/${s.id}`,
        data: { stationId: s.id, rollCallId },
      });
    }
    return { rows, notices };
  });
  await deliverNotifications(ctx, notices);
  if (rows.length) await publishStationUpdated(ctx, s, 'roll_call_answer');
  return rows;
}

/** A holder confirms from the phone (all their keys this roll call asks about, or the one named). */
export async function answerRollCall({ ctx, actor, rollCallId, input }: { ctx: AppContext; actor: Actor; rollCallId: number; input: { answer: RollCallAnswer; keyHolderId?: number; note?: string | null } }) {
  const s = await loadStationOf(ctx.db, actor, 'station_roll_calls', rollCallId, 'stations:keys', 'Roll call');
  const mine = await ctx.db.select({ id: stationKeyHolders.id }).from(stationRollCallAnswers)
    .innerJoin(stationKeyHolders, eq(stationKeyHolders.id, stationRollCallAnswers.keyHolderId))
    .where(and(eq(stationRollCallAnswers.rollCallId, rollCallId), eq(stationKeyHolders.accountId, actor.accountId),
      input.keyHolderId ? eq(stationKeyHolders.id, input.keyHolderId) : undefined));
  if (mine.length === 0) throw notFound('Roll call', rollCallId);
  const rows = await writeAnswers(ctx, s, rollCallId, mine.map((m) => m.id), actor, input.answer, false, input.note);
  if (rows.length === 0) throw new AppError(StationErrors.STATION_ROLL_CALL_ANSWERED, 'You already answered this roll call');
  return getRollCall(ctx, actor, s, rollCallId);
}

/** A manager records a holder's answer after calling them. */
export async function recordRollCallAnswer({ ctx, actor, rollCallId, input }: { ctx: AppContext; actor: Actor; rollCallId: number; input: { keyHolderId: number; answer: RollCallAnswer; note?: string | null } }) {
  const s = await loadStationOf(ctx.db, actor, 'station_roll_calls', rollCallId, 'stations:manage', 'Roll call');
  const [asked] = await ctx.db.select({ id: stationRollCallAnswers.id }).from(stationRollCallAnswers)
    .where(and(eq(stationRollCallAnswers.rollCallId, rollCallId), eq(stationRollCallAnswers.keyHolderId, input.keyHolderId)));
  if (!asked) throw new AppError(StationErrors.STATION_LINK_INVALID, 'This roll call does not ask that holder', { keyHolderId: input.keyHolderId });
  const rows = await writeAnswers(ctx, s, rollCallId, [input.keyHolderId], actor, input.answer, true, input.note ?? '电话确认');
  if (rows.length === 0) throw new AppError(StationErrors.STATION_ROLL_CALL_ANSWERED, 'That holder already answered this roll call');
  return getRollCall(ctx, actor, s, rollCallId);
}

async function getRollCall(ctx: AppContext, _actor: Actor, s: StationRow, rollCallId: number) {
  const [rc] = await ctx.db.select().from(stationRollCalls).where(and(eq(stationRollCalls.id, rollCallId), eq(stationRollCalls.stationId, s.id)));
  return presentRollCall(rc!, rc!.startedByName, await answersWithHolders(ctx.db, [rc!.id]), ctx.clock.now());
}

/** The station's roll calls, newest first, with every answer. */
export async function listRollCalls({ ctx, actor, stationId, query }: { ctx: AppContext; actor: Actor; stationId: number; query: { page: number; pageSize: number } }) {
  const s = await loadStation(ctx.db, actor, stationId, 'stations:read');
  const where = eq(stationRollCalls.stationId, s.id);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(stationRollCalls).where(where).orderBy(desc(stationRollCalls.startedAt), desc(stationRollCalls.id)).limit(query.pageSize).offset(offsetOf(query.page, query.pageSize)),
    ctx.db.select({ n: count() }).from(stationRollCalls).where(where),
  ]);
  const answers = await answersWithHolders(ctx.db, rows.map((r) => r.id));
  const now = ctx.clock.now();
  return {
    items: rows.map((rc) => presentRollCall(rc, rc.startedByName, answers.filter((a) => a.a.rollCallId === rc.id), now)),
    total: total?.n ?? 0, page: query.page, pageSize: query.pageSize,
  };
}

/** Roll calls that ask about the actor's keys: the open ones, and the latest answered one per key. */
export async function myRollCalls({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
  const rows = await ctx.db.select({
    rollCallId: stationRollCalls.id, answerId: stationRollCallAnswers.id, stationId: stations.id, stationName: stations.name, keyHolderId: stationKeyHolders.id,
    keyLabel: stationKeyHolders.keyLabel, dueAt: stationRollCalls.dueAt, answer: stationRollCallAnswers.answer,
  }).from(stationRollCallAnswers)
    .innerJoin(stationKeyHolders, eq(stationKeyHolders.id, stationRollCallAnswers.keyHolderId))
    .innerJoin(stationRollCalls, eq(stationRollCalls.id, stationRollCallAnswers.rollCallId))
    .innerJoin(stations, eq(stations.id, stationRollCalls.stationId))
    .where(and(eq(stationKeyHolders.accountId, actor.accountId), eq(stationKeyHolders.active, true)))
    .orderBy(desc(stationRollCalls.startedAt), desc(stationRollCallAnswers.id))
    .limit(50);
  // The latest roll call per key: an older one is superseded by the next.
  const seen = new Set<number>();
  const items = rows.filter((r) => (seen.has(r.keyHolderId) ? false : (seen.add(r.keyHolderId), true)))
    .map((r) => ({ rollCallId: r.rollCallId, answerId: r.answerId, stationId: r.stationId, stationName: r.stationName, keyLabel: r.keyLabel, dueAt: r.dueAt.toISOString(), answer: r.answer }));
  return { items };
}

/** The stations due a scheduled roll call at `now` (none yet, or the last one started at least `rollCallEveryDays` ago). */
export async function stationsDueRollCall(db: DbOrTx, now: Date, limit: number, opts: { afterId?: number; communityIds?: number[] } = {}): Promise<number[]> {
  const rows = await db.select({ id: stations.id }).from(stations).where(and(
    gt(stations.id, opts.afterId ?? 0),
    opts.communityIds ? inArray(stations.communityId, opts.communityIds) : undefined,
    sql`exists (select 1 from station_key_holders h where h.station_id = ${stations.id} and h.active)`,
    sql`coalesce((select max(r.started_at) from station_roll_calls r where r.station_id = ${stations.id}), '-infinity'::timestamptz)
        <= ${now.toISOString()}::timestamptz - make_interval(days => ${stations.rollCallEveryDays})`,
  )).orderBy(asc(stations.id)).limit(limit);
  return rows.map((r) => r.id);
}

