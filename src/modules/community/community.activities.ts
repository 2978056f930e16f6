import { and, asc, count, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { readFigures } from '../../kernel/figures.js';
import { qrSvg, rotatingToken, verifyToken } from '../../kernel/qr.js';
import { getSecret } from '../../kernel/secrets.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { can, type Actor } from '../access/access.policy.js';
import { shanghaiDateTime } from '../../shared/shanghai-time.js';
import { creditService } from '../members/members.ledger.js';
import { notify } from '../notifications/notifications.service.js';
import { homesOf, placeScope, reachCondition, reaches, staffReaches, type Home } from './community.access.js';
import type { ActivityDetailDto, ActivitySummaryDto, CheckinBody, CheckinDto, CheckoutBody, CreateActivityBody, FiguresDto, SignupDto } from './community.dto.js';
import { CommunityErrors } from './community.errors.js';
import { recordActivityFigures } from './community.figures.js';
import { placeNames, placeOf } from './community.places.js';
import { activities, activityCheckins, activitySignups, activityTypes, venues, type ActivityType } from './community.schema.js';
import { checkSlot, insertBooking, loadVenue } from './community.venues.js';

export type ActivityRow = typeof activities.$inferSelect;
type SignupRow = typeof activitySignups.$inferSelect;
type CheckinRow = typeof activityCheckins.$inferSelect;

const MINUTE = 60_000;
/** The code on the activity's screen changes every 30 s (and a code is accepted through the next window). */
export const CODE_WINDOW_SECONDS = 30;
const SECRET = 'activity_codes';
/** Check-in opens this long before the start and stays open this long after the end. */
const CHECKIN_EARLY_MINUTES = 60;
const CHECKOUT_LATE_MINUTES = 180;

export const activityTypeLabels: Record<ActivityType, string> = { culture: '文化共建', party: '党建', festival: '节日', other: '其他' };

/**
 * Where an activity is, for reaching it: its room's compound (so that compound's property staff
 * reach it) — but residents are kept to one compound only when the audience is that compound.
 */
function residentPlace(a: ActivityRow): ActivityRow {
  return a.audience === 'compound' ? a : { ...a, compoundId: null };
}

/** The activity if the actor reaches it with `permission` (404 otherwise). */
export async function loadActivity(db: DbOrTx, actor: Actor, activityId: number, permission: string, lock = false, homes?: Home[]): Promise<ActivityRow> {
  const q = db.select().from(activities).where(eq(activities.id, activityId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('Activity', activityId);
  if (!staffReaches(actor, permission, row) && !reaches(actor, permission, residentPlace(row), homes ?? (await homesOf(db, actor, permission)))) throw notFound('Activity', activityId);
  return row;
}

/** Creates an activity; with one of our rooms, the room is booked in the same transaction (or nothing is). */
export async function createActivity({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateActivityBody }): Promise<number> {
  if (input.audience === 'compound' && !input.compoundId) throw new AppError(CommunityErrors.COMMUNITY_LINK_INVALID, 'A compound audience names the compound', { field: 'compoundId' });
  const place = await placeOf(ctx.db, input.communityId, input.compoundId);
  if (!can(actor, 'community:manage', placeScope(place))) throw notFound('Community', input.communityId);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw new AppError(CommunityErrors.COMMUNITY_SLOT_INVALID, 'The activity must end after it starts');
  const now = ctx.clock.now();
  const venue = input.venueId ? await loadVenue(ctx.db, actor, input.venueId, 'community:manage') : null;
  if (venue && venue.communityId !== place.communityId) throw notFound('Venue', input.venueId);
  if (venue) checkSlot(venue, startsAt, endsAt, now);
  if (!venue && !input.locationText) throw new AppError(CommunityErrors.COMMUNITY_LINK_INVALID, 'Name a room (venueId) or a place (locationText)', { field: 'locationText' });
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.insert(activities).values({
      ...place, compoundId: input.audience === 'compound' ? place.compoundId : (venue?.compoundId ?? place.compoundId),
      companyId: venue?.companyId ?? place.companyId,
      organiserKind: input.organiserKind, organiserName: input.organiserName, type: input.type, title: input.title, description: input.description,
      venueId: venue?.id ?? null, locationText: input.locationText ?? null, startsAt, endsAt, capacity: input.capacity ?? null,
      audience: input.audience, offerMinutes: input.offerMinutes, createdByAccountId: actor.accountId, createdAt: now,
    }).returning();
    if (venue) {
      const b = await insertBooking(tx, { venue, actor, startsAt, endsAt, purpose: input.title, holderName: input.organiserName, activityId: a!.id, now });
      await tx.update(activities).set({ bookingId: b.id }).where(eq(activities.id, a!.id));
    }
    await recordActivityFigures(tx, a!, { activities: 1 });
    return a!.id;
  });
}

/** May the actor sign up to this activity (its audience)? */
function inAudience(actor: Actor, a: ActivityRow, homes: readonly Home[]): boolean {
  if (staffReaches(actor, 'community:manage', a)) return true;
  if (a.audience === 'members') return can(actor, 'community:signup', placeScope(a)) && actor.grants.some((g) => g.role === 'party_member' && g.scopeType === 'community' && g.scopeId === a.communityId);
  return staffReaches(actor, 'community:signup', a) || reaches(actor, 'community:signup', residentPlace(a), homes);
}

async function waitingPosition(db: DbOrTx, s: SignupRow): Promise<number | null> {
  if (s.state !== 'waiting') return null;
  const [row] = await db.select({ n: count() }).from(activitySignups).where(and(eq(activitySignups.activityId, s.activityId), eq(activitySignups.state, 'waiting'), lte(activitySignups.seq, s.seq)));
  return row!.n;
}

function presentSignup(s: SignupRow, position: number | null): SignupDto {
  return { id: s.id, activityId: s.activityId, state: s.state, role: s.role, position, offerExpiresAt: s.state === 'offered' ? s.offerExpiresAt?.toISOString() ?? null : null };
}

function presentCheckin(c: CheckinRow, credited = false): CheckinDto {
  return {
    id: c.id, activityId: c.activityId, personId: c.personId, name: c.name, method: c.method, volunteer: c.volunteer,
    checkedInAt: c.checkedInAt.toISOString(), checkedOutAt: c.checkedOutAt?.toISOString() ?? null, minutes: c.minutes, credited,
  };
}

/**
 * Signs the actor up. Under the activity's row lock each sign-up takes the next arrival number
 * and, while seats remain, a seat (the CHECK on seats_taken backs it); the rest wait in arrival
 * order. A person holding an offer accepts it by signing up again.
 */
export async function signUp({ ctx, actor, activityId, role }: { ctx: AppContext; actor: Actor; activityId: number; role: 'participant' | 'volunteer' }): Promise<SignupDto> {
  const homes = await homesOf(ctx.db, actor, 'community:signup');
  await loadActivity(ctx.db, actor, activityId, 'community:signup', false, homes);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const a = (await tx.select().from(activities).where(eq(activities.id, activityId)).for('update'))[0]!;
    if (a.state !== 'published' || a.endsAt <= now) throw new AppError(CommunityErrors.COMMUNITY_ACTIVITY_CLOSED, 'The activity is over or cancelled');
    if (!inAudience(actor, a, homes)) throw new AppError(CommunityErrors.COMMUNITY_NOT_IN_AUDIENCE, a.audience === 'members' ? 'This activity is for party members' : 'This activity is for another compound');
    const [prior] = await tx.select().from(activitySignups).where(and(eq(activitySignups.activityId, a.id), eq(activitySignups.personId, actor.personId)));
    if (prior && (prior.state === 'seated' || prior.state === 'waiting')) throw new AppError(CommunityErrors.COMMUNITY_ALREADY_SIGNED_UP, prior.state === 'seated' ? 'You already have a seat' : 'You are already on the waiting list', { signupId: prior.id });
    if (prior && prior.state === 'offered') {
      if (prior.offerExpiresAt && prior.offerExpiresAt <= now) throw new AppError(CommunityErrors.COMMUNITY_SIGNUP_STATE, 'The offer has expired');
      const [s] = await tx.update(activitySignups).set({ state: 'seated', offerExpiresAt: null, updatedAt: now }).where(eq(activitySignups.id, prior.id)).returning();
      return presentSignup(s!, null);
    }
    const seq = a.signupSeq + 1;
    const seated = a.capacity === null || a.seatsTaken < a.capacity;
    await tx.update(activities).set({ signupSeq: seq, seatsTaken: a.seatsTaken + (seated ? 1 : 0) }).where(eq(activities.id, a.id));
    const values = { state: seated ? 'seated' as const : 'waiting' as const, seq, role, offerExpiresAt: null, updatedAt: now };
    const [s] = prior
      ? await tx.update(activitySignups).set(values).where(eq(activitySignups.id, prior.id)).returning()
      : await tx.insert(activitySignups).values({ ...values, communityId: a.communityId, activityId: a.id, personId: actor.personId, accountId: actor.accountId, createdAt: now }).returning();
    return presentSignup(s!, await waitingPosition(tx, s!));
  });
}

/**
 * A seat freed (cancellation, expired offer): it is offered to the first on the waiting list for
 * the activity's offer time, or given back when no one waits. Runs under the activity's lock.
 */
async function passSeatOn(tx: DbOrTx, a: ActivityRow, now: Date): Promise<void> {
  const [next] = await tx.select().from(activitySignups).where(and(eq(activitySignups.activityId, a.id), eq(activitySignups.state, 'waiting'))).orderBy(asc(activitySignups.seq)).limit(1);
  if (!next) {
    await tx.update(activities).set({ seatsTaken: sql`${activities.seatsTaken} - 1` }).where(eq(activities.id, a.id));
    return;
  }
  const expires = new Date(Math.min(now.getTime() + a.offerMinutes * MINUTE, a.endsAt.getTime()));
  await tx.update(activitySignups).set({ state: 'offered', offerExpiresAt: expires, updatedAt: now }).where(eq(activitySignups.id, next.id));
  if (next.accountId) {
    await notify(tx, { communityId: a.communityId, accountIds: [next.accountId], kind: 'community.seat_offer', title: `「${a.title}」有空位了`, body: `请在 ${shanghaiDateTime(expires)} 前确认报名`, link: `/m/activities/${a.id}`, at: now });
  }
}

/** Cancels a sign-up (its person or staff); a held seat passes to the waiting list. */
export async function cancelSignup({ ctx, actor, signupId }: { ctx: AppContext; actor: Actor; signupId: number }): Promise<SignupDto> {
  const [s0] = await ctx.db.select().from(activitySignups).where(eq(activitySignups.id, signupId));
  if (!s0) throw notFound('Signup', signupId);
  const a0 = await loadActivity(ctx.db, actor, s0.activityId, 'community:read').catch(() => { throw notFound('Signup', signupId); });
  if (s0.personId !== actor.personId && !staffReaches(actor, 'community:manage', a0)) throw notFound('Signup', signupId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const a = (await tx.select().from(activities).where(eq(activities.id, a0.id)).for('update'))[0]!;
    const [s] = await tx.select().from(activitySignups).where(eq(activitySignups.id, signupId));
    if (!s || !['seated', 'waiting', 'offered'].includes(s.state)) throw new AppError(CommunityErrors.COMMUNITY_SIGNUP_STATE, 'The sign-up is no longer active', { state: s?.state });
    const [done] = await tx.update(activitySignups).set({ state: 'cancelled', offerExpiresAt: null, updatedAt: now }).where(eq(activitySignups.id, s.id)).returning();
    if (s.state !== 'waiting') await passSeatOn(tx, a, now);
    return presentSignup(done!, null);
  });
}

/** The job: offers not taken in time expire, and the seat goes to the next on the list. */
export async function expireOffers(db: DbOrTx, now: Date): Promise<number> {
  const due = await db.select({ id: activitySignups.id, activityId: activitySignups.activityId }).from(activitySignups)
    .where(and(eq(activitySignups.state, 'offered'), lte(activitySignups.offerExpiresAt, now))).orderBy(asc(activitySignups.offerExpiresAt)).limit(500);
  let expired = 0;
  for (const d of due) {
    await db.transaction(async (tx) => {
      const a = (await tx.select().from(activities).where(eq(activities.id, d.activityId)).for('update'))[0]!;
      const rows = await tx.update(activitySignups).set({ state: 'expired', updatedAt: now })
        .where(and(eq(activitySignups.id, d.id), eq(activitySignups.state, 'offered'), lte(activitySignups.offerExpiresAt, now))).returning({ id: activitySignups.id });
      if (rows.length === 0) return;
      expired++;
      if (a.endsAt > now) await passSeatOn(tx, a, now);
      else await tx.update(activities).set({ seatsTaken: sql`${activities.seatsTaken} - 1` }).where(eq(activities.id, a.id));
    });
  }
  return expired;
}

/** The job: seated people who never checked in to an activity that is over are recorded as no-shows. */
export async function recordNoShows(db: DbOrTx, now: Date): Promise<number> {
  const rows = await queryRows<{ id: number }>(db, sql`
    with due as (
      update activities set no_shows_recorded_at = ${now.toISOString()}::timestamptz
      where id in (select id from activities where ends_at < ${now.toISOString()}::timestamptz and no_shows_recorded_at is null and state = 'published' limit 200)
      returning id
    )
    update activity_signups s set state = 'no_show', updated_at = ${now.toISOString()}::timestamptz
    from due where s.activity_id = due.id and s.state = 'seated'
      and not exists (select 1 from activity_checkins c where c.activity_id = s.activity_id and c.person_id = s.person_id)
    returning s.id`);
  return rows.length;
}

/** The code the activity's screen shows now, and the phone page it opens. Staff only. */
export async function currentCode({ ctx, actor, activityId, step, origin }: { ctx: AppContext; actor: Actor; activityId: number; step: 'checkin' | 'checkout'; origin: string }) {
  const a = await loadActivity(ctx.db, actor, activityId, 'community:read');
  if (!staffReaches(actor, 'community:manage', a)) throw notFound('Activity', activityId);
  const secret = await getSecret(ctx.db, SECRET);
  const t = rotatingToken({ purpose: `activity.${step}`, subject: String(a.id), windowSeconds: CODE_WINDOW_SECONDS, now: ctx.clock.now(), secret });
  const url = `${origin}/m/activities/${a.id}/scan?step=${step}&code=${encodeURIComponent(t.token)}`;
  return { step, token: t.token, url, svg: await qrSvg(url), refreshAt: t.refreshAt.toISOString(), expiresAt: t.expiresAt.toISOString() };
}

async function checkCode(ctx: AppContext, a: ActivityRow, code: string, step: 'checkin' | 'checkout'): Promise<void> {
  const v = verifyToken(code, { purpose: `activity.${step}`, now: ctx.clock.now(), secret: await getSecret(ctx.db, SECRET) });
  if (!v.ok || v.payload.subject !== String(a.id)) {
    const reason = v.ok ? 'other_activity' : v.reason;
    throw new AppError(CommunityErrors.COMMUNITY_CODE_INVALID, reason === 'expired' ? 'This code has expired: scan the code on the screen now' : 'This is not this activity\'s code', { reason });
  }
}

/** Check-in by the scanned code (the actor themself) or by staff (a signed-up person, or a walk-in by name). */
export async function checkIn({ ctx, actor, activityId, input }: { ctx: AppContext; actor: Actor; activityId: number; input: CheckinBody }): Promise<CheckinDto> {
  const homes = await homesOf(ctx.db, actor, 'community:signup');
  const a = await loadActivity(ctx.db, actor, activityId, 'community:signup', false, homes);
  const now = ctx.clock.now();
  if (a.state !== 'published') throw new AppError(CommunityErrors.COMMUNITY_ACTIVITY_CLOSED, 'The activity is cancelled');
  if (now.getTime() < a.startsAt.getTime() - CHECKIN_EARLY_MINUTES * MINUTE || now.getTime() > a.endsAt.getTime() + 30 * MINUTE) {
    throw new AppError(CommunityErrors.COMMUNITY_CHECKIN_WINDOW, `Check-in opens ${CHECKIN_EARLY_MINUTES} minutes before the start and closes 30 minutes after the end`);
  }
  let personId: number | null;
  let name: string;
  let method: 'qr' | 'staff';
  if ('code' in input) {
    await checkCode(ctx, a, input.code, 'checkin');
    if (!inAudience(actor, a, homes)) throw new AppError(CommunityErrors.COMMUNITY_NOT_IN_AUDIENCE, 'This activity is for another audience');
    personId = actor.personId;
    name = actor.name;
    method = 'qr';
  } else {
    if (!staffReaches(actor, 'community:manage', a)) throw notFound('Activity', activityId);
    method = 'staff';
    if ('personId' in input) {
      const [row] = await queryRows<{ name: string }>(ctx.db, sql`
        select p.name from activity_signups s join people p on p.id = s.person_id where s.activity_id = ${a.id} and s.person_id = ${input.personId}`);
      if (!row) throw new AppError(CommunityErrors.COMMUNITY_LINK_INVALID, 'That person has not signed up to this activity', { personId: input.personId });
      personId = input.personId;
      name = row.name;
    } else {
      personId = null;
      name = input.name;
    }
  }
  return ctx.db.transaction(async (tx) => {
    const [signup] = personId === null ? [] : await tx.select().from(activitySignups).where(and(eq(activitySignups.activityId, a.id), eq(activitySignups.personId, personId)));
    const [row] = await tx.insert(activityCheckins).values({
      communityId: a.communityId, activityId: a.id, personId, name, signupId: signup?.id ?? null, volunteer: signup?.role === 'volunteer',
      method, checkedInAt: now, byAccountId: actor.accountId,
    }).onConflictDoNothing().returning();
    if (!row) throw new AppError(CommunityErrors.COMMUNITY_ALREADY_CHECKED_IN, 'Already checked in to this activity');
    await recordActivityFigures(tx, a, { participant_times: 1 });
    return presentCheckin(row);
  });
}

/**
 * Check-out: the conditional UPDATE (not yet checked out) decides, so a replayed code or a double
 * tap checks out once; a volunteer's minutes from check-in to check-out are credited to the
 * service ledger in the same transaction (and the ledger's unique source makes that once too).
 */
export async function checkOut({ ctx, actor, activityId, input }: { ctx: AppContext; actor: Actor; activityId: number; input: CheckoutBody }): Promise<CheckinDto> {
  const a = await loadActivity(ctx.db, actor, activityId, 'community:signup');
  const now = ctx.clock.now();
  if (now.getTime() > a.endsAt.getTime() + CHECKOUT_LATE_MINUTES * MINUTE) throw new AppError(CommunityErrors.COMMUNITY_CHECKIN_WINDOW, 'Check-out has closed for this activity');
  let cond;
  if ('code' in input) {
    await checkCode(ctx, a, input.code, 'checkout');
    cond = and(eq(activityCheckins.activityId, a.id), eq(activityCheckins.personId, actor.personId));
  } else {
    if (!staffReaches(actor, 'community:manage', a)) throw notFound('Activity', activityId);
    cond = and(eq(activityCheckins.activityId, a.id), eq(activityCheckins.id, input.checkinId));
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(activityCheckins)
      .set({ checkedOutAt: now, minutes: sql`least(1440, floor(extract(epoch from (${now.toISOString()}::timestamptz - ${activityCheckins.checkedInAt})) / 60))::int` })
      .where(and(cond, sql`${activityCheckins.checkedOutAt} is null`, sql`${activityCheckins.checkedInAt} <= ${now.toISOString()}::timestamptz`)).returning();
    if (!row) throw new AppError(CommunityErrors.COMMUNITY_NOT_CHECKED_IN, 'Not checked in, or already checked out');
    let credited = false;
    if (row.volunteer && row.personId !== null && (row.minutes ?? 0) > 0) {
      credited = (await creditService({ tx, communityId: a.communityId, personId: row.personId, source: { module: 'activities', kind: 'shift', id: row.id }, minutes: row.minutes!, at: now, note: a.title })).credited;
    }
    return presentCheckin(row, credited);
  });
}

/** Counts per activity: seated, offered, waiting, checked in, out, no-shows. */
async function countsOf(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return new Map<number, ActivityDetailDto['counts']>();
  const rows = await queryRows<{ id: number; seated: number; offered: number; waiting: number; no_shows: number; checked_in: number; checked_out: number }>(db, sql`
    select a.id,
      (select count(*) from activity_signups s where s.activity_id = a.id and s.state = 'seated')::int as seated,
      (select count(*) from activity_signups s where s.activity_id = a.id and s.state = 'offered')::int as offered,
      (select count(*) from activity_signups s where s.activity_id = a.id and s.state = 'waiting')::int as waiting,
      (select count(*) from activity_signups s where s.activity_id = a.id and s.state = 'no_show')::int as no_shows,
      (select count(*) from activity_checkins c where c.activity_id = a.id)::int as checked_in,
      (select count(*) from activity_checkins c where c.activity_id = a.id and c.checked_out_at is not null)::int as checked_out
    from activities a where a.id = any(${`{${ids.join(',')}}`}::bigint[])`);
  return new Map(rows.map((r) => [Number(r.id), { seated: r.seated, offered: r.offered, waiting: r.waiting, noShows: r.no_shows, checkedIn: r.checked_in, checkedOut: r.checked_out }]));
}

async function summaries(db: DbOrTx, actor: Actor, rows: ActivityRow[]): Promise<ActivitySummaryDto[]> {
  const ids = rows.map((r) => r.id);
  const [counts, names, venueRows, mine, myCheckins] = await Promise.all([
    countsOf(db, ids),
    placeNames(db, rows.map((r) => r.communityId), []),
    ids.length ? db.select({ id: venues.id, name: venues.name }).from(venues).where(inArray(venues.id, rows.flatMap((r) => (r.venueId ? [r.venueId] : [0])))) : [],
    ids.length ? db.select().from(activitySignups).where(and(inArray(activitySignups.activityId, ids), eq(activitySignups.personId, actor.personId))) : [],
    ids.length ? db.select().from(activityCheckins).where(and(inArray(activityCheckins.activityId, ids), eq(activityCheckins.personId, actor.personId))) : [],
  ]);
  const venueName = new Map(venueRows.map((v) => [v.id, v.name]));
  const out: ActivitySummaryDto[] = [];
  for (const a of rows) {
    const s = mine.find((m) => m.activityId === a.id);
    const c = myCheckins.find((m) => m.activityId === a.id);
    const n = counts.get(a.id)!;
    out.push({
      id: a.id, communityId: a.communityId, communityName: names.communities.get(a.communityId) ?? '', compoundId: a.compoundId, title: a.title, type: a.type,
      organiserKind: a.organiserKind, organiserName: a.organiserName, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(),
      venueId: a.venueId, place: a.venueId ? venueName.get(a.venueId) ?? '' : a.locationText ?? '', capacity: a.capacity, seatsTaken: a.seatsTaken,
      waiting: n.waiting, checkedIn: n.checkedIn, audience: a.audience, state: a.state,
      mySignup: s ? presentSignup(s, await waitingPosition(db, s)) : null, myCheckin: c ? presentCheckin(c) : null,
    });
  }
  return out;
}

export async function listActivities({ ctx, actor, query }: { ctx: AppContext; actor: Actor; query: { communityId?: number; type?: ActivityType; from?: string; to?: string; upcoming?: boolean; page: number; pageSize: number } }) {
  const homes = await homesOf(ctx.db, actor, 'community:read');
  const audienceCompound = sql`case when ${activities.audience} = 'compound' then ${activities.compoundId} end`;
  const cond = [or(
    reachCondition(actor, 'community:read', [], { community: activities.communityId, compound: activities.compoundId, company: activities.companyId, city: activities.cityId, district: activities.districtId, street: activities.streetId }),
    reachCondition(actor, 'community:read', homes, { community: activities.communityId, compound: audienceCompound, company: activities.companyId, city: activities.cityId, district: activities.districtId, street: activities.streetId }),
  )!];
  if (query.communityId) cond.push(eq(activities.communityId, query.communityId));
  if (query.type) cond.push(eq(activities.type, query.type));
  if (query.from) cond.push(gte(activities.startsAt, new Date(query.from)));
  if (query.to) cond.push(lt(activities.startsAt, new Date(query.to)));
  if (query.upcoming) cond.push(gte(activities.endsAt, ctx.clock.now()));
  const where = and(...cond);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(activities).where(where).orderBy(query.upcoming ? asc(activities.startsAt) : desc(activities.startsAt), desc(activities.id)).limit(query.pageSize).offset(offsetOf(query.page, query.pageSize)),
    ctx.db.select({ n: count() }).from(activities).where(where),
  ]);
  return { items: await summaries(ctx.db, actor, rows), total: total!.n, page: query.page, pageSize: query.pageSize };
}

export async function getActivity({ ctx, actor, activityId }: { ctx: AppContext; actor: Actor; activityId: number }): Promise<ActivityDetailDto> {
  const homes = await homesOf(ctx.db, actor, 'community:read');
  const a = await loadActivity(ctx.db, actor, activityId, 'community:read', false, homes);
  const [summary] = await summaries(ctx.db, actor, [a]);
  const counts = (await countsOf(ctx.db, [a.id])).get(a.id)!;
  const manage = staffReaches(actor, 'community:manage', a);
  const signups = manage ? await queryRows<SignupRow & { name: string }>(ctx.db, sql`
    select s.id, s.activity_id as "activityId", s.state, s.role, s.seq, s.offer_expires_at as "offerExpiresAt", p.name
    from activity_signups s join people p on p.id = s.person_id where s.activity_id = ${a.id} order by s.seq`) : [];
  let position = 0;
  const checkins = manage ? await ctx.db.select().from(activityCheckins).where(eq(activityCheckins.activityId, a.id)).orderBy(asc(activityCheckins.checkedInAt)) : [];
  return {
    ...summary!, description: a.description, report: a.report, reportPhotos: a.reportPhotos, offerMinutes: a.offerMinutes, counts,
    signups: signups.map((s) => {
      const seq = Number(s.seq);
      if (s.state === 'waiting') position++;
      const offer = s.offerExpiresAt ? new Date(s.offerExpiresAt) : null;
      return { id: Number(s.id), activityId: Number(s.activityId), state: s.state, role: s.role, seq, name: s.name, position: s.state === 'waiting' ? position : null, offerExpiresAt: s.state === 'offered' ? offer?.toISOString() ?? null : null };
    }),
    checkins: checkins.map((c) => presentCheckin(c)),
    abilities: { manage, signup: a.state === 'published' && a.endsAt > ctx.clock.now() && inAudience(actor, a, await homesOf(ctx.db, actor, 'community:signup')) },
  };
}

/** After the activity: a short report and photos (staff). */
export async function reportActivity({ ctx, actor, activityId, report, photos }: { ctx: AppContext; actor: Actor; activityId: number; report: string; photos: string[] }): Promise<void> {
  const a = await loadActivity(ctx.db, actor, activityId, 'community:read');
  if (!staffReaches(actor, 'community:manage', a)) throw notFound('Activity', activityId);
  await ctx.db.update(activities).set({ report, reportPhotos: photos }).where(eq(activities.id, a.id));
}

/** Kaifeng's sentence: activities and participant-times of a community in a year, by type (from the figures). */
export async function activityFiguresOf({ ctx, actor, communityId, year }: { ctx: AppContext; actor: Actor; communityId: number; year: number }): Promise<FiguresDto> {
  const place = await placeOf(ctx.db, communityId, null);
  const homes = await homesOf(ctx.db, actor, 'community:read');
  if (!reaches(actor, 'community:read', place, homes)) throw notFound('Community', communityId);
  const rows = await readFigures(ctx.db, { family: 'community.activities', level: 'community', areaIds: [communityId], from: `${year}-01`, to: `${year}-12`, by: ['dim'] });
  const cell = (type: string, counter: string) => rows.find((r) => r.dim === type && r.counter === counter)?.n ?? 0;
  const out = activityTypes.map((type) => ({ type, label: activityTypeLabels[type], activities: cell(type, 'activities'), participantTimes: cell(type, 'participant_times') }));
  const totals = { activities: out.reduce((s, r) => s + r.activities, 0), participantTimes: out.reduce((s, r) => s + r.participantTimes, 0) };
  const name = (await placeNames(ctx.db, [communityId], [])).communities.get(communityId) ?? '';
  const sentence = `${year}年${name}共开展${out.map((r) => `${r.label}${r.label === '其他' ? '' : ''}活动${r.activities}场`).join('、')}，参与居民${totals.participantTimes.toLocaleString('en-US')}人次。`;
  return { communityId, communityName: name, year, rows: out, totals, sentence };
}
