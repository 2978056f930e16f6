import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { shanghaiDateTime, shanghaiDayEnd, shanghaiDayStart } from '../../shared/shanghai-time.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { homesOf, placeScope, reachCondition, reaches, staffReaches, type Home } from './community.access.js';
import type { BookingDto, CreateBookingBody, CreateVenueBody, VenueDto } from './community.dto.js';
import { CommunityErrors } from './community.errors.js';
import { isPgError, placeNames, placeOf } from './community.places.js';
import { liveBookingStates, venueBookings, venues } from './community.schema.js';

export type VenueRow = typeof venues.$inferSelect;
export type BookingRow = typeof venueBookings.$inferSelect;

/** A booking not checked into this long after its start is released. */
export const RELEASE_AFTER_MINUTES = 15;
const MINUTE = 60_000;
const MAX_BOOKING_HOURS = 12;

/** The room if the actor may use `permission` on it; 404 otherwise (as if missing). */
export async function loadVenue(db: DbOrTx, actor: Actor, venueId: number, permission: string, homes?: Home[]): Promise<VenueRow> {
  const [row] = await db.select().from(venues).where(eq(venues.id, venueId));
  if (!row) throw notFound('Venue', venueId);
  if (!reaches(actor, permission, row, homes ?? (await homesOf(db, actor, permission)))) throw notFound('Venue', venueId);
  return row;
}

export async function createVenue({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateVenueBody }): Promise<number> {
  const place = await placeOf(ctx.db, input.communityId, input.compoundId);
  requireAccess(actor, 'community:manage', placeScope(place), 'Community');
  const [row] = await ctx.db.insert(venues).values({
    ...place, name: input.name, kind: input.kind, capacity: input.capacity, opensAt: input.opensAt, closesAt: input.closesAt,
    rules: input.rules ?? null, photos: input.photos, requiresApproval: input.requiresApproval, createdAt: ctx.clock.now(),
  }).onConflictDoNothing().returning({ id: venues.id });
  if (!row) throw new AppError(CommunityErrors.COMMUNITY_LINK_INVALID, 'This community already has a room of that name', { name: input.name });
  return row.id;
}

export async function presentVenues(db: DbOrTx, actor: Actor, rows: VenueRow[], homes: Home[]): Promise<VenueDto[]> {
  const names = await placeNames(db, rows.map((r) => r.communityId), rows.flatMap((r) => (r.compoundId ? [r.compoundId] : [])));
  return rows.map((v) => ({
    id: v.id, communityId: v.communityId, communityName: names.communities.get(v.communityId) ?? '', compoundId: v.compoundId,
    compoundName: v.compoundId ? names.compounds.get(v.compoundId) ?? null : null, name: v.name, kind: v.kind, capacity: v.capacity,
    opensAt: v.opensAt, closesAt: v.closesAt, rules: v.rules, photos: v.photos, requiresApproval: v.requiresApproval,
    abilities: { manage: staffReaches(actor, 'community:manage', v), book: reaches(actor, 'community:book', v, homes) },
  }));
}

export async function listVenues({ ctx, actor, query }: { ctx: AppContext; actor: Actor; query: { communityId?: number; compoundId?: number } }): Promise<VenueDto[]> {
  const homes = await homesOf(ctx.db, actor, 'community:read');
  const cond = [eq(venues.active, true), reachCondition(actor, 'community:read', homes, { community: venues.communityId, compound: venues.compoundId, company: venues.companyId, city: venues.cityId, district: venues.districtId, street: venues.streetId })];
  if (query.communityId) cond.push(eq(venues.communityId, query.communityId));
  if (query.compoundId) cond.push(eq(venues.compoundId, query.compoundId));
  const rows = await ctx.db.select().from(venues).where(and(...cond)).orderBy(asc(venues.communityId), asc(venues.id)).limit(500);
  return presentVenues(ctx.db, actor, rows, await homesOf(ctx.db, actor, 'community:book'));
}

export function presentBooking(actor: Actor, b: BookingRow, v: VenueRow): BookingDto {
  const mine = b.bookedByAccountId === actor.accountId;
  const manage = staffReaches(actor, 'community:manage', v);
  const live = (liveBookingStates as readonly string[]).includes(b.state);
  return {
    id: b.id, venueId: b.venueId, venueName: v.name, holderName: b.holderName, purpose: b.purpose, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(),
    state: b.state, activityId: b.activityId, checkedInAt: b.checkedInAt?.toISOString() ?? null,
    releaseAt: b.state === 'confirmed' ? new Date(b.startsAt.getTime() + RELEASE_AFTER_MINUTES * MINUTE).toISOString() : null, mine,
    abilities: { cancel: live && b.state !== 'checked_in' && (mine || manage), approve: b.state === 'pending' && manage, checkIn: b.state === 'confirmed' && (mine || manage) },
  };
}

function windowOf(now: Date, q: { from?: string; to?: string }): { from: Date; to: Date } {
  const from = q.from ? new Date(q.from) : new Date(now.getTime() - 24 * 60 * MINUTE);
  const to = q.to ? new Date(q.to) : new Date(from.getTime() + 7 * 24 * 60 * MINUTE);
  if (to <= from || to.getTime() - from.getTime() > 62 * 24 * 60 * MINUTE) throw new AppError(CommunityErrors.COMMUNITY_SLOT_INVALID, 'The window must end after it starts and span at most 62 days');
  return { from, to };
}

async function bookingsIn(db: DbOrTx, venueIds: number[], from: Date, to: Date): Promise<BookingRow[]> {
  if (venueIds.length === 0) return [];
  return db.select().from(venueBookings)
    .where(and(inArray(venueBookings.venueId, venueIds), lt(venueBookings.startsAt, to), gt(venueBookings.endsAt, from), inArray(venueBookings.state, [...liveBookingStates])))
    .orderBy(asc(venueBookings.startsAt));
}

/** The week calendar of a room: its live bookings in the window. */
export async function listVenueBookings({ ctx, actor, venueId, query }: { ctx: AppContext; actor: Actor; venueId: number; query: { from?: string; to?: string } }): Promise<BookingDto[]> {
  const v = await loadVenue(ctx.db, actor, venueId, 'community:read');
  const { from, to } = windowOf(ctx.clock.now(), query);
  return (await bookingsIn(ctx.db, [v.id], from, to)).map((b) => presentBooking(actor, b, v));
}

/** The day view: every room of a community with its bookings that day. */
export async function dayView({ ctx, actor, communityId, day }: { ctx: AppContext; actor: Actor; communityId: number; day: string }) {
  const place = await placeOf(ctx.db, communityId, null);
  const homes = await homesOf(ctx.db, actor, 'community:read');
  // Property staff reach a community's rooms through its compounds: any room of it they reach will do.
  const anyRoom = await ctx.db.select().from(venues).where(eq(venues.communityId, communityId));
  if (!reaches(actor, 'community:read', place, homes) && !anyRoom.some((v) => reaches(actor, 'community:read', v, homes))) throw notFound('Community', communityId);
  const rows = await listVenues({ ctx, actor, query: { communityId } });
  const from = shanghaiDayStart(day);
  const to = shanghaiDayEnd(day);
  const raw = await ctx.db.select().from(venues).where(inArray(venues.id, rows.length ? rows.map((r) => r.id) : [0]));
  const byId = new Map(raw.map((r) => [r.id, r]));
  const bookings = await bookingsIn(ctx.db, rows.map((r) => r.id), from, to);
  return { day, venues: rows.map((venue) => ({ venue, bookings: bookings.filter((b) => b.venueId === venue.id).map((b) => presentBooking(actor, b, byId.get(venue.id)!)) })) };
}

/** HH:MM of an instant in Shanghai, and its calendar day. */
const localParts = (at: Date) => { const s = shanghaiDateTime(at); return { day: s.slice(0, 10), hhmm: s.slice(11, 16) }; };

/** Refuses a slot that is inverted, too long, in the past or outside the room's hours. */
export function checkSlot(v: VenueRow, startsAt: Date, endsAt: Date, now: Date): void {
  if (endsAt <= startsAt) throw new AppError(CommunityErrors.COMMUNITY_SLOT_INVALID, 'The slot must end after it starts');
  if (endsAt.getTime() - startsAt.getTime() > MAX_BOOKING_HOURS * 60 * MINUTE) throw new AppError(CommunityErrors.COMMUNITY_SLOT_INVALID, `A booking lasts at most ${MAX_BOOKING_HOURS} hours`);
  if (startsAt.getTime() < now.getTime() - 5 * MINUTE) throw new AppError(CommunityErrors.COMMUNITY_SLOT_INVALID, 'The slot has already begun');
  const s = localParts(startsAt);
  const e = localParts(endsAt);
  if (s.day !== e.day || s.hhmm < v.opensAt || e.hhmm > v.closesAt) {
    throw new AppError(CommunityErrors.COMMUNITY_SLOT_INVALID, `The room is open ${v.opensAt}–${v.closesAt}, within one day`, { opensAt: v.opensAt, closesAt: v.closesAt });
  }
}

/**
 * Books a slot. The exclusion constraint decides between bookings made at the same instant:
 * the loser's INSERT fails with 23P01 and answers COMMUNITY_SLOT_TAKEN. Used by activities too,
 * inside their transaction (hence the savepoint).
 */
export async function insertBooking(tx: DbOrTx, input: { venue: VenueRow; actor: Actor; startsAt: Date; endsAt: Date; purpose: string; holderName: string; activityId?: number | null; now: Date }): Promise<BookingRow> {
  const { venue: v, actor } = input;
  const state = v.requiresApproval && !staffReaches(actor, 'community:manage', v) ? 'pending' as const : 'confirmed' as const;
  try {
    return await tx.transaction(async (sp) => {
      const [row] = await sp.insert(venueBookings).values({
        communityId: v.communityId, venueId: v.id, bookedByAccountId: actor.accountId, holderName: input.holderName, purpose: input.purpose,
        startsAt: input.startsAt, endsAt: input.endsAt, state, activityId: input.activityId ?? null, createdAt: input.now,
      }).returning();
      return row!;
    });
  } catch (err) {
    if (isPgError(err, '23P01')) throw new AppError(CommunityErrors.COMMUNITY_SLOT_TAKEN, 'The room is already booked for part of this time', { venueId: v.id });
    throw err;
  }
}

export async function createBooking({ ctx, actor, venueId, input }: { ctx: AppContext; actor: Actor; venueId: number; input: CreateBookingBody }): Promise<BookingDto> {
  const v = await loadVenue(ctx.db, actor, venueId, 'community:book');
  if (!v.active) throw new AppError(CommunityErrors.COMMUNITY_SLOT_INVALID, 'The room is closed');
  const now = ctx.clock.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkSlot(v, startsAt, endsAt, now);
  const row = await insertBooking(ctx.db, { venue: v, actor, startsAt, endsAt, purpose: input.purpose, holderName: input.holderName ?? actor.name, now });
  return presentBooking(actor, row, v);
}

async function loadBooking(tx: DbOrTx, actor: Actor, bookingId: number): Promise<{ b: BookingRow; v: VenueRow }> {
  const [b] = await tx.select().from(venueBookings).where(eq(venueBookings.id, bookingId)).for('update');
  if (!b) throw notFound('Booking', bookingId);
  try {
    return { b, v: await loadVenue(tx, actor, b.venueId, 'community:read') };
  } catch {
    throw notFound('Booking', bookingId);
  }
}

/** Cancel (the booker or staff), approve/reject (staff) or check in (the booker or staff) a booking. */
export async function actOnBooking({ ctx, actor, bookingId, action, approve = true }: { ctx: AppContext; actor: Actor; bookingId: number; action: 'cancel' | 'approve' | 'check-in'; approve?: boolean }): Promise<BookingDto> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { b, v } = await loadBooking(tx, actor, bookingId);
    const mine = b.bookedByAccountId === actor.accountId;
    const manage = staffReaches(actor, 'community:manage', v);
    if (action === 'approve' ? !manage : !(mine || manage)) throw notFound('Booking', bookingId);
    const set: Partial<BookingRow> = {};
    if (action === 'cancel') {
      if (!['pending', 'confirmed'].includes(b.state)) throw new AppError(CommunityErrors.COMMUNITY_BOOKING_STATE, `A ${b.state} booking cannot be cancelled`, { state: b.state });
      Object.assign(set, { state: 'cancelled', cancelledAt: now });
    } else if (action === 'approve') {
      if (b.state !== 'pending') throw new AppError(CommunityErrors.COMMUNITY_BOOKING_STATE, 'Only a pending booking is approved or rejected', { state: b.state });
      Object.assign(set, { state: approve ? 'confirmed' : 'rejected', decidedByAccountId: actor.accountId, decidedAt: now });
    } else {
      if (b.state !== 'confirmed') throw new AppError(CommunityErrors.COMMUNITY_BOOKING_STATE, `A ${b.state} booking cannot be checked into`, { state: b.state });
      if (now.getTime() < b.startsAt.getTime() - 15 * MINUTE || now >= b.endsAt) throw new AppError(CommunityErrors.COMMUNITY_CHECKIN_WINDOW, 'Check in from 15 minutes before the start until the end');
      Object.assign(set, { state: 'checked_in', checkedInAt: now });
    }
    const [row] = await tx.update(venueBookings).set(set).where(and(eq(venueBookings.id, b.id), eq(venueBookings.state, b.state))).returning();
    return presentBooking(actor, row!, v);
  });
}

/** The job: confirmed bookings not checked into 15 minutes after their start are released (the slot frees). */
export async function releaseUncheckedBookings(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db.update(venueBookings).set({ state: 'released', cancelledAt: now })
    .where(and(eq(venueBookings.state, 'confirmed'), lt(venueBookings.startsAt, new Date(now.getTime() - RELEASE_AFTER_MINUTES * MINUTE)), sql`${venueBookings.activityId} is null`))
    .returning({ id: venueBookings.id });
  return rows.length;
}

const icsText = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
const icsTime = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The room's live bookings (30 days back, 90 ahead) as an iCalendar feed. */
export async function venueIcs({ ctx, actor, venueId }: { ctx: AppContext; actor: Actor; venueId: number }): Promise<{ name: string; body: string }> {
  const v = await loadVenue(ctx.db, actor, venueId, 'community:read');
  const now = ctx.clock.now();
  const rows = await bookingsIn(ctx.db, [v.id], new Date(now.getTime() - 30 * 1440 * MINUTE), new Date(now.getTime() + 90 * 1440 * MINUTE));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Gongzhi//Community venues//ZH', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${icsText(v.name)}`];
  for (const b of rows) {
    lines.push('BEGIN:VEVENT', `UID:booking-${b.id}@gongzhi`, `DTSTAMP:${icsTime(b.createdAt)}`, `DTSTART:${icsTime(b.startsAt)}`, `DTEND:${icsTime(b.endsAt)}`,
      `SUMMARY:${icsText(`${b.purpose}（${b.holderName}）`)}`, `LOCATION:${icsText(v.name)}`, `STATUS:${b.state === 'pending' ? 'TENTATIVE' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return { name: v.name, body: `${lines.join('\r\n')}\r\n` };
}
