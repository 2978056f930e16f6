import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { can, type Actor } from '../access/access.policy.js';
import { fileRequest } from '../requests/requests.service.js';
import { homesOf, placeScope, reachCondition, reaches, staffReaches, type Home } from './community.access.js';
import type { CreateMatterBody, CreateReceptionDayBody, MatterDto, ReceptionDayDto } from './community.dto.js';
import { CommunityErrors } from './community.errors.js';
import { compoundPlace, isPgError, placeNames } from './community.places.js';
import { receptionDays, receptionMatters } from './community.schema.js';

type DayRow = typeof receptionDays.$inferSelect;
type MatterRow = typeof receptionMatters.$inferSelect;
const MINUTE = 60_000;

async function loadDay(db: DbOrTx, actor: Actor, dayId: number, permission: string, homes?: Home[]) {
  const [d] = await db.select().from(receptionDays).where(eq(receptionDays.id, dayId));
  if (!d) throw notFound('Reception day', dayId);
  const place = await compoundPlace(db, d.compoundId);
  if (!reaches(actor, permission, place, homes ?? (await homesOf(db, actor, permission)))) throw notFound('Reception day', dayId);
  return { d, place };
}

/** 物业经理接待日 on the calendar of a compound (community or property staff). */
export async function createReceptionDay({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateReceptionDayBody }): Promise<number> {
  const place = await compoundPlace(ctx.db, input.compoundId);
  if (!can(actor, 'community:manage', placeScope(place))) throw notFound('Compound', input.compoundId);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt || endsAt.getTime() - startsAt.getTime() > 12 * 60 * MINUTE) throw new AppError(CommunityErrors.COMMUNITY_SLOT_INVALID, 'A reception day ends after it starts, within 12 hours');
  const [d] = await ctx.db.insert(receptionDays).values({
    communityId: place.communityId, compoundId: input.compoundId, companyId: place.companyId, managerName: input.managerName, location: input.location,
    startsAt, endsAt, slotMinutes: input.slotMinutes, createdByAccountId: actor.accountId, createdAt: ctx.clock.now(),
  }).returning({ id: receptionDays.id });
  return d!.id;
}

function slotsOf(d: DayRow): Date[] {
  const out: Date[] = [];
  for (let t = d.startsAt.getTime(); t + d.slotMinutes * MINUTE <= d.endsAt.getTime(); t += d.slotMinutes * MINUTE) out.push(new Date(t));
  return out;
}

function presentMatter(actor: Actor, m: MatterRow, staff: boolean): MatterDto {
  const mine = m.personId === actor.personId;
  return {
    id: m.id, receptionDayId: m.receptionDayId, kind: m.kind, slotAt: m.slotAt?.toISOString() ?? null,
    residentName: staff || mine ? m.residentName : `${m.residentName.slice(0, 1)}**`, matter: m.matter, answer: m.answer, answeredAt: m.answeredAt?.toISOString() ?? null,
    published: m.published, requestId: staff || mine ? m.requestId : null, mine,
  };
}

async function presentDays(db: DbOrTx, actor: Actor, rows: DayRow[]): Promise<ReceptionDayDto[]> {
  if (rows.length === 0) return [];
  const names = await placeNames(db, [], rows.map((r) => r.compoundId));
  const matters = await db.select().from(receptionMatters).where(inArray(receptionMatters.receptionDayId, rows.map((r) => r.id))).orderBy(asc(receptionMatters.slotAt), asc(receptionMatters.id));
  const bookHomes = await homesOf(db, actor, 'community:book');
  const out: ReceptionDayDto[] = [];
  for (const d of rows) {
    const place = await compoundPlace(db, d.compoundId);
    const staff = staffReaches(actor, 'community:manage', place);
    const own = matters.filter((m) => m.receptionDayId === d.id);
    const taken = new Set(own.flatMap((m) => (m.slotAt ? [m.slotAt.getTime()] : [])));
    out.push({
      id: d.id, communityId: d.communityId, compoundId: d.compoundId, compoundName: names.compounds.get(d.compoundId) ?? '', managerName: d.managerName, location: d.location,
      startsAt: d.startsAt.toISOString(), endsAt: d.endsAt.toISOString(), slotMinutes: d.slotMinutes,
      slots: slotsOf(d).map((at) => ({ at: at.toISOString(), free: !taken.has(at.getTime()) })),
      matters: own.filter((m) => staff || m.personId === actor.personId || (m.published && m.answer)).map((m) => presentMatter(actor, m, staff)),
      abilities: { manage: staff, book: reaches(actor, 'community:book', place, bookHomes) },
    });
  }
  return out;
}

export async function listReceptionDays({ ctx, actor, query }: { ctx: AppContext; actor: Actor; query: { communityId?: number; compoundId?: number } }) {
  const homes = await homesOf(ctx.db, actor, 'community:read');
  const c = (col: string) => sql`(select ${sql.raw(col)} from communities where id = ${receptionDays.communityId})`;
  const cond = [reachCondition(actor, 'community:read', homes, { community: receptionDays.communityId, compound: receptionDays.compoundId, company: receptionDays.companyId, city: c('city_id'), district: c('district_id'), street: c('street_id') })];
  if (query.communityId) cond.push(eq(receptionDays.communityId, query.communityId));
  if (query.compoundId) cond.push(eq(receptionDays.compoundId, query.compoundId));
  cond.push(gte(receptionDays.endsAt, new Date(ctx.clock.now().getTime() - 90 * 24 * 60 * MINUTE)));
  const rows = await ctx.db.select().from(receptionDays).where(and(...cond)).orderBy(asc(receptionDays.startsAt)).limit(100);
  return { items: await presentDays(ctx.db, actor, rows) };
}

export async function getReceptionDay({ ctx, actor, dayId }: { ctx: AppContext; actor: Actor; dayId: number }): Promise<ReceptionDayDto> {
  const { d } = await loadDay(ctx.db, actor, dayId, 'community:read');
  return (await presentDays(ctx.db, actor, [d]))[0]!;
}

/** A resident books a slot (or walks in); staff record a walk-in by name. The slot's unique index decides between two at once. */
export async function raiseMatter({ ctx, actor, dayId, input }: { ctx: AppContext; actor: Actor; dayId: number; input: CreateMatterBody }): Promise<MatterDto> {
  const { d, place } = await loadDay(ctx.db, actor, dayId, 'community:book');
  const staff = staffReaches(actor, 'community:manage', place);
  const now = ctx.clock.now();
  if (d.endsAt <= now) throw new AppError(CommunityErrors.COMMUNITY_RECEPTION_SLOT, 'This reception day is over');
  let slotAt: Date | null = null;
  if (input.slotAt) {
    slotAt = new Date(input.slotAt);
    if (!slotsOf(d).some((s) => s.getTime() === slotAt!.getTime())) throw new AppError(CommunityErrors.COMMUNITY_RECEPTION_SLOT, 'Not a slot of this reception day', { slotAt: input.slotAt });
  }
  const byStaff = staff && input.residentName !== undefined;
  try {
    const [m] = await ctx.db.insert(receptionMatters).values({
      communityId: d.communityId, receptionDayId: d.id, kind: slotAt ? 'booked' : 'walk_in', slotAt, personId: byStaff ? null : actor.personId,
      residentName: byStaff ? input.residentName! : actor.name, matter: input.matter, createdByAccountId: actor.accountId, createdAt: now,
    }).returning();
    return presentMatter(actor, m!, staff);
  } catch (err) {
    if (isPgError(err, '23505')) throw new AppError(CommunityErrors.COMMUNITY_RECEPTION_SLOT, 'That slot was just taken', { slotAt: input.slotAt });
    throw err;
  }
}

async function loadMatter(db: DbOrTx, actor: Actor, matterId: number) {
  const [m] = await db.select().from(receptionMatters).where(eq(receptionMatters.id, matterId));
  if (!m) throw notFound('Matter', matterId);
  const { d, place } = await loadDay(db, actor, m.receptionDayId, 'community:read').catch(() => { throw notFound('Matter', matterId); });
  if (!staffReaches(actor, 'community:manage', place)) throw notFound('Matter', matterId);
  return { m, d };
}

/** The manager's answer, published to the compound (or kept to the resident). */
export async function answerMatter({ ctx, actor, matterId, answer, publish }: { ctx: AppContext; actor: Actor; matterId: number; answer: string; publish: boolean }): Promise<MatterDto> {
  const { m } = await loadMatter(ctx.db, actor, matterId);
  const [row] = await ctx.db.update(receptionMatters).set({ answer, published: publish, answeredAt: ctx.clock.now() }).where(eq(receptionMatters.id, m.id)).returning();
  return presentMatter(actor, row!, true);
}

/**
 * The matter becomes a service request in one step, through the requests module's filing
 * service; the matter keeps the request id (unique: once), and the request's description names
 * the reception day it came from.
 */
export async function fileMatterRequest({ ctx, actor, matterId, input }: { ctx: AppContext; actor: Actor; matterId: number; input: { description?: string; locationKind: 'building' | 'stairwell' | 'garage' | 'green_space' | 'road' | 'public_area' | 'other' } }) {
  const { m, d } = await loadMatter(ctx.db, actor, matterId);
  if (m.requestId) throw new AppError(CommunityErrors.COMMUNITY_MATTER_FILED, 'This matter already has a service request', { requestId: m.requestId });
  const description = `${input.description ?? m.matter}（物业经理接待日 #${d.id} 事项 #${m.id}，${m.residentName}反映）`;
  const { requestId } = await fileRequest(ctx, { reporter: { kind: 'account', actor }, compoundId: d.compoundId, description, locationKind: input.locationKind, locationText: d.location, source: 'phone', idempotencyKey: `reception-matter-${m.id}` });
  const [row] = await ctx.db.update(receptionMatters).set({ requestId }).where(and(eq(receptionMatters.id, m.id), sql`${receptionMatters.requestId} is null`)).returning();
  if (!row) throw new AppError(CommunityErrors.COMMUNITY_MATTER_FILED, 'This matter already has a service request');
  return { matterId: m.id, requestId };
}
