import { and, asc, count, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { storeUploads, type UploadInput } from '../../kernel/uploads.js';
import { takeStep } from '../../kernel/workflow.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
import { can, scopeFilter, type Actor } from '../access/access.policy.js';
import { scopeCondition } from '../access/access.sql.js';
import { accountsWith } from '../accounts/accounts.recipients.js';
import { deliverNotifications, notify, type NotificationRow } from '../notifications/notifications.service.js';
import { compoundScope } from '../places/places.scope.js';
import { communities, compounds } from '../places/places.schema.js';
import { homeCompoundIds, membershipIn, reachCommunityIds, reachOf, type Reach } from './members.access.js';
import { badgesOf, pointsRuleFrom, pointsRuleOf } from './members.badges.js';
import type { createWishBody, fulfilBody, wishListQuery, WishDto } from './members.dto.js';
import { MemberErrors } from './members.errors.js';
import { recordWishFigure } from './members.figures.js';
import { creditService } from './members.ledger.js';
import { wishEvents, wishes, type WishState } from './members.schema.js';
import { presentTimeline, presentWish } from './members.presenter.js';
import { publicWishStates, wishMachine, type WishAction, type WishActorKind } from './wishes.machine.js';
import type { z } from 'zod';

type Ctx = Pick<AppContext, 'db' | 'clock'> & Partial<Pick<AppContext, 'storage' | 'events' | 'channels'>>;
export type WishRow = typeof wishes.$inferSelect;
type Scope = NonNullable<Awaited<ReturnType<typeof compoundScope>>>;

/** Photos of a fulfilment: one image up to 5 MB. */
export const wishPhotoPolicy = { maxFiles: 1, maxBytes: 5 * 1024 * 1024, accept: ['image'] as const, label: 'Photo', codes: { invalidType: MemberErrors.WISH_PHOTO_INVALID, tooLarge: MemberErrors.WISH_PHOTO_INVALID } };

/** What the actor is to this wish: staff of its community, a member there, its claimant, its poster. */
export function kindsFor(actor: Actor, reach: Reach, wish: WishRow, scope: Scope): WishActorKind[] {
  const kinds: WishActorKind[] = [];
  if (can(actor, 'wishes:manage', scope)) kinds.push('staff');
  // The registry decides who is a member of the wish's community, not a role grant.
  if (membershipIn(reach, wish.communityId)) kinds.push('member');
  if (wish.claimantPersonId === actor.personId) kinds.push('claimant');
  if (wish.postedByAccountId === actor.accountId) kinds.push('poster');
  return kinds;
}

/** May the actor see this wish at all: staff (any state), its poster or claimant, or — once public — residents of its compound and members of its community. */
function sees(actor: Actor, reach: Reach, wish: WishRow, scope: Scope): boolean {
  if (can(actor, 'wishes:review', scope)) return true;
  if (wish.postedByAccountId === actor.accountId || wish.claimantPersonId === actor.personId) return true;
  if (!(publicWishStates as readonly string[]).includes(wish.state)) return false;
  return homeCompoundIds(reach).includes(wish.compoundId) || !!membershipIn(reach, wish.communityId) || can(actor, 'wishes:read', { ...scope, householdId: null });
}

interface Loaded { wish: WishRow; scope: Scope; reach: Reach; kinds: WishActorKind[] }

/** The wish if the actor may see it (404 otherwise), with what the actor is to it. */
async function loadWish(db: DbOrTx, actor: Actor, wishId: number, lock = false): Promise<Loaded> {
  const q = db.select().from(wishes).where(eq(wishes.id, wishId));
  const [wish] = lock ? await q.for('update') : await q;
  if (!wish) throw notFound('Wish', wishId);
  const scope = await compoundScope(db, wish.compoundId);
  const reach = await reachOf(db, actor);
  if (!scope || !sees(actor, reach, wish, scope)) throw notFound('Wish', wishId);
  return { wish, scope, reach, kinds: kindsFor(actor, reach, wish, scope) };
}

async function present(db: DbOrTx, actor: Actor, rows: { wish: WishRow; kinds: WishActorKind[] }[], now: Date): Promise<WishDto[]> {
  const badges = await badgesOf(db, rows.flatMap((r) => (r.wish.claimantMemberId ? [r.wish.claimantMemberId] : [])), now);
  const names = new Map<number, string>();
  const compoundIds = [...new Set(rows.map((r) => r.wish.compoundId))];
  if (compoundIds.length) for (const c of await db.select({ id: compounds.id, name: compounds.name }).from(compounds).where(inArray(compounds.id, compoundIds))) names.set(c.id, c.name);
  return rows.map((r) => presentWish(r.wish, { actor, kinds: r.kinds, badges, compoundName: names.get(r.wish.compoundId) ?? '', today: shanghaiDate(now) }));
}

export async function getWish({ ctx, actor, wishId }: { ctx: Ctx; actor: Actor; wishId: number }) {
  const l = await loadWish(ctx.db, actor, wishId);
  const [dto] = await present(ctx.db, actor, [l], ctx.clock.now());
  const events = await ctx.db.select().from(wishEvents).where(eq(wishEvents.subjectId, wishId)).orderBy(asc(wishEvents.at), asc(wishEvents.id));
  return { ...dto!, timeline: presentTimeline(events) };
}

/** A resident posts a wish for their compound; staff post one for any compound of their community (on behalf of a resident). */
export async function createWish({ ctx, actor, input }: { ctx: Ctx; actor: Actor; input: z.infer<typeof createWishBody> }): Promise<number> {
  const reach = await reachOf(ctx.db, actor);
  const compoundId = input.compoundId ?? reach.homes[0]?.compoundId;
  if (!compoundId) throw new AppError(MemberErrors.WISH_COMPOUND_INVALID, 'Say which compound the wish is in', { field: 'compoundId' });
  const scope = await compoundScope(ctx.db, compoundId);
  const staff = !!scope && can(actor, 'wishes:manage', scope);
  const home = homeCompoundIds(reach).includes(compoundId);
  if (!scope || (!staff && !home)) {
    // Another tenant's compound is "not found"; a neighbouring compound of one's own community is the wrong one.
    if (!scope || !reachCommunityIds(reach).includes(scope.communityId)) throw notFound('Compound', compoundId);
    throw new AppError(MemberErrors.WISH_COMPOUND_INVALID, 'A wish is posted for one\'s own compound, or by staff for a compound of their community', { field: 'compoundId' });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [wish] = await tx.insert(wishes).values({
      communityId: scope.communityId, compoundId, title: input.title, body: input.body, forWhom: input.forWhom, dueOn: input.dueOn,
      estimatedMinutes: input.estimatedMinutes, postedByAccountId: actor.accountId, onBehalf: staff && input.onBehalf, createdAt: now, updatedAt: now,
    }).returning();
    await tx.insert(wishEvents).values({ communityId: scope.communityId, subjectId: wish!.id, at: now, actorAccountId: actor.accountId, actorRole: staff ? 'community_staff' : 'resident', action: 'post', toState: 'review' });
    await recordWishFigure(tx, { communityId: scope.communityId, compoundId }, 'wishes_posted', now);
    return wish!.id;
  });
}

/** Wishes the actor may see, soonest due first; the filter is built in SQL (no grant, no reach: nothing). */
export async function listWishes({ ctx, actor, query }: { ctx: Ctx; actor: Actor; query: z.infer<typeof wishListQuery> }) {
  const reach = await reachOf(ctx.db, actor);
  const cols = { city: communities.cityId, district: communities.districtId, street: communities.streetId, community: wishes.communityId };
  const publicPart: SQL[] = [scopeCondition(scopeFilter(actor, 'wishes:read'), cols)];
  const homes = homeCompoundIds(reach);
  if (homes.length) publicPart.push(inArray(wishes.compoundId, homes));
  if (reach.memberships.length) publicPart.push(inArray(wishes.communityId, reach.memberships.map((m) => m.communityId)));
  const visible = or(
    scopeCondition(scopeFilter(actor, 'wishes:review'), cols),
    eq(wishes.postedByAccountId, actor.accountId),
    eq(wishes.claimantPersonId, actor.personId),
    and(inArray(wishes.state, [...publicWishStates]), or(...publicPart)),
  )!;
  const where = and(
    visible,
    query.communityId ? eq(wishes.communityId, query.communityId) : undefined,
    query.compoundId ? eq(wishes.compoundId, query.compoundId) : undefined,
    query.state?.length ? inArray(wishes.state, query.state) : undefined,
    query.mine === 'posted' ? eq(wishes.postedByAccountId, actor.accountId) : undefined,
    query.mine === 'claimed' ? eq(wishes.claimantPersonId, actor.personId) : undefined,
  );
  const [{ n }] = (await ctx.db.select({ n: count() }).from(wishes).innerJoin(communities, eq(communities.id, wishes.communityId)).where(where)) as [{ n: number }];
  const rows = await ctx.db.select({ wish: wishes }).from(wishes).innerJoin(communities, eq(communities.id, wishes.communityId)).where(where)
    .orderBy(sql`case ${wishes.state} when 'review' then 0 when 'open' then 1 when 'claimed' then 2 when 'fulfilled' then 3 else 4 end`, asc(wishes.dueOn), desc(wishes.id))
    .limit(query.pageSize).offset(offsetOf(query.page, query.pageSize));
  const scopes = new Map<number, Scope>();
  for (const r of rows) if (!scopes.has(r.wish.compoundId)) scopes.set(r.wish.compoundId, (await compoundScope(ctx.db, r.wish.compoundId))!);
  const items = await present(ctx.db, actor, rows.map((r) => ({ wish: r.wish, kinds: kindsFor(actor, reach, r.wish, scopes.get(r.wish.compoundId)!) })), ctx.clock.now());
  return { items, total: Number(n), page: query.page, pageSize: query.pageSize };
}

/** Who to tell about a step: the community's staff (wishes:manage), the poster, the claimant. */
async function tell(tx: DbOrTx, wish: WishRow, scope: Scope, to: ('staff' | 'poster' | 'claimant')[], title: string, now: Date, claimantAccountId?: number | null): Promise<NotificationRow[]> {
  const ids: number[] = [];
  if (to.includes('staff')) ids.push(...await accountsWith(tx, 'wishes:manage', { communityId: scope.communityId, cityId: scope.cityId, districtId: scope.districtId, streetId: scope.streetId }));
  if (to.includes('poster')) ids.push(wish.postedByAccountId);
  if (to.includes('claimant') && claimantAccountId) ids.push(claimantAccountId);
  if (!ids.length) return [];
  return notify(tx, { communityId: wish.communityId, accountIds: ids, kind: 'wish', title, link: `/wishes/${wish.id}`, data: { wishId: wish.id }, at: now });
}

async function after(ctx: Ctx, rows: NotificationRow[]): Promise<void> {
  if (rows.length && ctx.events && ctx.storage && ctx.channels) await deliverNotifications(ctx as AppContext, rows);
}

/** The simple steps: approve, reject, release, decline, confirm. Confirm credits the claimant's service once, in the same transaction. */
export async function stepWish({ ctx, actor, wishId, action, note }: { ctx: Ctx; actor: Actor; wishId: number; action: Exclude<WishAction, 'claim' | 'fulfil' | 'expire'>; note?: string | null }): Promise<void> {
  const now = ctx.clock.now();
  const notes = await ctx.db.transaction(async (tx) => {
    const { wish, scope, kinds } = await loadWish(tx, actor, wishId, true);
    // A retried confirmation (the phone lost the answer) finds the wish confirmed: nothing more to do, nothing credited twice.
    if (action === 'confirm' && wish.state === 'confirmed' && (kinds.includes('poster') || kinds.includes('staff'))) return [];
    const patch: Record<string, unknown> = {};
    if (action === 'approve' || action === 'reject') patch.reviewNote = note ?? null;
    if (action === 'release') Object.assign(patch, { claimantMemberId: null, claimantPersonId: null, claimedAt: null, claimDeadline: null });
    if (action === 'decline') Object.assign(patch, { declineReason: note, fulfilledAt: null });
    if (action === 'confirm') Object.assign(patch, { confirmedAt: now, thanks: note ?? null });
    await takeStep({ tx, machine: wishMachine, table: wishes, timeline: wishEvents, row: wish, action, kinds, actor, now, patch, note: note ?? null,
      actorRole: kinds.includes('staff') ? 'community_staff' : kinds.includes('claimant') ? 'claimant' : kinds.includes('poster') ? 'resident' : null });
    if (action === 'confirm') await recordWishFigure(tx, wish, 'wishes_confirmed', now);
    if (action === 'confirm' && wish.claimantPersonId) {
      const rule = await pointsRuleOf(tx, wish.communityId);
      await creditService({ tx, communityId: wish.communityId, personId: wish.claimantPersonId, source: { module: 'wishes', kind: 'wish', id: wish.id },
        minutes: wish.serviceMinutes ?? wish.estimatedMinutes, at: now, note: wish.title }, pointsRuleFrom(rule));
    }
    const claimantAccount = wish.claimantMemberId ? await claimantAccountOf(tx, wish.claimantMemberId) : null;
    if (action === 'approve') return tell(tx, wish, scope, ['poster'], `微心愿已公开：${wish.title}`, now);
    if (action === 'reject') return tell(tx, wish, scope, ['poster'], `微心愿未通过审核：${wish.title}`, now);
    if (action === 'release') return tell(tx, wish, scope, ['staff'], `微心愿已放弃认领，回到心愿池：${wish.title}`, now);
    if (action === 'decline') return tell(tx, wish, scope, ['claimant'], `微心愿未被确认：${wish.title}`, now, claimantAccount);
    return tell(tx, wish, scope, ['claimant'], `微心愿已确认，服务时长已记入：${wish.title}`, now, claimantAccount);
  });
  await after(ctx, notes);
}

async function claimantAccountOf(tx: DbOrTx, memberId: number): Promise<number | null> {
  const [r] = await queryRows<{ account_id: number | string | null }>(tx, sql`select account_id from members where id = ${memberId}`);
  return r?.account_id == null ? null : Number(r.account_id);
}

/**
 * 认领: exactly one claimant however many tap at once. The conditional UPDATE (state = 'open'
 * and the version read) decides: the first commits, every other finds zero rows and answers
 * WISH_ALREADY_CLAIMED — the database settles it, not a check in JavaScript.
 */
export async function claimWish({ ctx, actor, wishId }: { ctx: Ctx; actor: Actor; wishId: number }): Promise<void> {
  const now = ctx.clock.now();
  const { wish, kinds, reach } = await loadWish(ctx.db, actor, wishId);
  const member = membershipIn(reach, wish.communityId);
  if (!member) throw new AppError(MemberErrors.WISH_NOT_A_MEMBER, 'Only an approved member or volunteer of this community may claim its wishes', { communityId: wish.communityId });
  if (wish.state !== 'open' && ['claimed', 'fulfilled', 'confirmed'].includes(wish.state)) throw new AppError(MemberErrors.WISH_ALREADY_CLAIMED, 'Someone has claimed this wish already', { state: wish.state });
  const rule = await pointsRuleOf(ctx.db, wish.communityId);
  try {
    await ctx.db.transaction(async (tx) => {
      await takeStep({ tx, machine: wishMachine, table: wishes, timeline: wishEvents, row: wish, action: 'claim', kinds, actor, now, actorRole: 'member',
        patch: { claimantMemberId: member.id, claimantPersonId: actor.personId, claimedAt: now, claimDeadline: new Date(now.getTime() + rule.claimDays * 86_400_000), declineReason: null } });
    });
  } catch (err) {
    if (err instanceof AppError && err.code === MemberErrors.WISH_STALE) throw new AppError(MemberErrors.WISH_ALREADY_CLAIMED, 'Someone claimed this wish a moment before you', { wishId });
    throw err;
  }
}

/** 完成: the claimant fulfils with a note and a photo; the poster (or staff) is asked to confirm. */
export async function fulfilWish({ ctx, actor, wishId, input, photo }: { ctx: Ctx; actor: Actor; wishId: number; input: z.infer<typeof fulfilBody>; photo: UploadInput | null }): Promise<void> {
  const pre = await loadWish(ctx.db, actor, wishId);
  wishMachine.nextState(pre.wish.state, 'fulfil', pre.kinds);
  if (!photo) throw new AppError(MemberErrors.WISH_PHOTO_REQUIRED, 'A fulfilment is shown with a photo', { field: 'photo' });
  if (!ctx.storage) throw new Error('fulfilWish needs the storage seam');
  const [stored] = await storeUploads({ storage: ctx.storage, module: 'members', communityId: pre.wish.communityId, files: [photo], policy: wishPhotoPolicy });
  const now = ctx.clock.now();
  const notes = await ctx.db.transaction(async (tx) => {
    const { wish, scope, kinds } = await loadWish(tx, actor, wishId, true);
    await takeStep({ tx, machine: wishMachine, table: wishes, timeline: wishEvents, row: wish, action: 'fulfil', kinds, actor, now, actorRole: 'claimant', note: input.note,
      patch: { fulfilledAt: now, fulfilNote: input.note, serviceMinutes: input.minutes ?? wish.estimatedMinutes, photoKey: stored!.storageKey, photoMimeType: stored!.mimeType, declineReason: null } });
    return tell(tx, wish, scope, wish.onBehalf ? ['staff'] : ['poster'], `微心愿已完成，请确认：${wish.title}`, now);
  });
  await after(ctx, notes);
}

/** The fulfilment photo, to whoever sees the wish. */
export async function wishPhoto({ ctx, actor, wishId }: { ctx: Pick<AppContext, 'db' | 'storage'>; actor: Actor; wishId: number }) {
  const { wish } = await loadWish(ctx.db, actor, wishId);
  if (!wish.photoKey || !wish.photoMimeType) throw notFound('Photo');
  const bytes = await ctx.storage.get(wish.photoKey);
  if (!bytes) throw notFound('Photo');
  return { bytes, mimeType: wish.photoMimeType };
}

/**
 * The stalled-claim sweep (a job): a claim past its deadline returns to the pool, the community
 * and the claimant are told. Each wish moves by the conditional UPDATE, so a run that overlaps a
 * fulfilment loses quietly and running twice does no harm.
 */
export async function expireStalledClaims(ctx: Ctx, now: Date, opts: { limit?: number; communityIds?: readonly number[] } = {}): Promise<{ expired: number }> {
  const inScope = opts.communityIds ? inArray(wishes.communityId, [...opts.communityIds]) : undefined;
  const stalled = await ctx.db.select().from(wishes).where(and(eq(wishes.state, 'claimed'), lt(wishes.claimDeadline, now), inScope))
    .orderBy(asc(wishes.claimDeadline)).limit(opts.limit ?? 200);
  let expired = 0;
  for (const wish of stalled) {
    try {
      const notes = await ctx.db.transaction(async (tx) => {
        const scope = (await compoundScope(tx, wish.compoundId))!;
        const claimantAccount = wish.claimantMemberId ? await claimantAccountOf(tx, wish.claimantMemberId) : null;
        await takeStep({ tx, machine: wishMachine, table: wishes, timeline: wishEvents, row: wish, action: 'expire', kinds: ['system'], actor: null, now, actorRole: 'system',
          note: '认领超时，回到心愿池', data: { claimantMemberId: wish.claimantMemberId }, patch: { claimantMemberId: null, claimantPersonId: null, claimedAt: null, claimDeadline: null } });
        return tell(tx, wish, scope, ['staff', 'claimant'], `微心愿认领超时，已回到心愿池：${wish.title}`, now, claimantAccount);
      });
      expired += 1;
      await after(ctx, notes);
    } catch (err) {
      if (!(err instanceof AppError && err.code === MemberErrors.WISH_STALE)) throw err;
    }
  }
  return { expired };
}

/** Staff figures by month: posted, claimed, fulfilled, confirmed, median hours to claim and to fulfil. */
export async function wishFigures({ ctx, actor, communityId, year }: { ctx: Ctx; actor: Actor; communityId: number; year?: number }) {
  const [c] = await ctx.db.select({ cityId: communities.cityId, districtId: communities.districtId, streetId: communities.streetId, communityId: communities.id }).from(communities).where(eq(communities.id, communityId));
  if (!c || !can(actor, 'wishes:review', c)) throw notFound('Community', communityId);
  const y = year ?? Number(shanghaiDate(ctx.clock.now()).slice(0, 4));
  const from = `${y}-01-01T00:00:00+08:00`;
  const to = `${y + 1}-01-01T00:00:00+08:00`;
  const counts = await queryRows<{ month: string; posted: number; claimed: number; fulfilled: number; confirmed: number }>(ctx.db, sql`
    select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
      count(*) filter (where action = 'post')::int as posted, count(*) filter (where action = 'claim')::int as claimed,
      count(*) filter (where action = 'fulfil')::int as fulfilled, count(*) filter (where action = 'confirm')::int as confirmed
    from wish_events where community_id = ${communityId} and at >= ${from}::timestamptz and at < ${to}::timestamptz
    group by 1 order by 1`);
  // Time to claim: from posting to each claim; time to fulfil: from the claim to the fulfilment that followed it.
  const medians = await queryRows<{ month: string; h_claim: number | null; h_fulfil: number | null }>(ctx.db, sql`
    with steps as (
      select e.wish_id, e.action, e.at, lag(e.at) over (partition by e.wish_id order by e.at, e.id) as prev_at, lag(e.action) over (partition by e.wish_id order by e.at, e.id) as prev_action,
        first_value(e.at) over (partition by e.wish_id order by e.at, e.id) as posted_at
      from wish_events e where e.community_id = ${communityId}
    )
    select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
      percentile_cont(0.5) within group (order by extract(epoch from (at - posted_at)) / 3600) filter (where action = 'claim') as h_claim,
      percentile_cont(0.5) within group (order by extract(epoch from (at - prev_at)) / 3600) filter (where action = 'fulfil' and prev_action = 'claim') as h_fulfil
    from steps where at >= ${from}::timestamptz and at < ${to}::timestamptz group by 1`);
  const med = new Map(medians.map((m) => [m.month, m]));
  const rows = counts.map((c) => ({ ...c, h_claim: med.get(c.month)?.h_claim ?? null, h_fulfil: med.get(c.month)?.h_fulfil ?? null }));
  const today = shanghaiDate(ctx.clock.now());
  const [near] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from wishes where community_id = ${communityId} and state = 'open' and due_on <= ${addDays(today, 3)}::date`);
  const round = (v: number | null) => (v == null ? null : Math.round(Number(v) * 10) / 10);
  return {
    communityId,
    months: rows.map((r) => ({ month: r.month, posted: r.posted, claimed: r.claimed, fulfilled: r.fulfilled, confirmed: r.confirmed, medianHoursToClaim: round(r.h_claim), medianHoursToFulfil: round(r.h_fulfil) })),
    openNearDue: near?.n ?? 0,
  };
}

export type { WishState };
