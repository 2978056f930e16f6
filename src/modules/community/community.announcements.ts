import { and, asc, count, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { can, type Actor } from '../access/access.policy.js';
import { notifyMany } from '../notifications/notifications.service.js';
import { homesOf, placeScope, reachCondition, reaches, staffReaches } from './community.access.js';
import type { AnnouncementDto, CreateAnnouncementBody, CreateStudyBody } from './community.dto.js';
import { CommunityErrors } from './community.errors.js';
import { placeOf } from './community.places.js';
import { announcementReads, announcements, studyMaterials, type studyCategories } from './community.schema.js';

type AnnouncementRow = typeof announcements.$inferSelect;

/** The residents an announcement is addressed to: people of the households of its community or compound. */
function audienceSql(a: Pick<AnnouncementRow, 'communityId' | 'compoundId'>) {
  return sql`select distinct m.person_id from household_members m join households h on h.id = m.household_id
    where h.community_id = ${a.communityId} ${a.compoundId ? sql`and h.compound_id = ${a.compoundId}` : sql``}`;
}

/** Pushes an urgent announcement once (the pushed_at guard decides) to its audience's accounts. */
async function pushUrgent(tx: DbOrTx, a: AnnouncementRow, now: Date): Promise<boolean> {
  const [claimed] = await tx.update(announcements).set({ pushedAt: now }).where(and(eq(announcements.id, a.id), isNull(announcements.pushedAt))).returning({ id: announcements.id });
  if (!claimed) return false;
  const rows = await queryRows<{ id: number }>(tx, sql`select a.id from accounts a where a.person_id in (${audienceSql(a)})`);
  if (rows.length) await notifyMany(tx, [{ communityId: a.communityId, accountIds: rows.map((r) => Number(r.id)), kind: 'community.urgent', title: `【紧急通知】${a.title}`, body: a.body.slice(0, 200), link: `/m/announcements/${a.id}`, at: now }]);
  return true;
}

export async function createAnnouncement({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateAnnouncementBody }): Promise<number> {
  const place = await placeOf(ctx.db, input.communityId, input.compoundId);
  if (!can(actor, 'community:manage', placeScope(place))) throw notFound('Community', input.communityId);
  const now = ctx.clock.now();
  const publishAt = input.publishAt ? new Date(input.publishAt) : now;
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (input.level === 'urgent' && !expiresAt) throw new AppError(CommunityErrors.COMMUNITY_LINK_INVALID, 'An urgent announcement carries an expiry', { field: 'expiresAt' });
  if (expiresAt && expiresAt <= publishAt) throw new AppError(CommunityErrors.COMMUNITY_SLOT_INVALID, 'The expiry must follow the publishing time', { field: 'expiresAt' });
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.insert(announcements).values({
      communityId: place.communityId, compoundId: place.compoundId, companyId: place.companyId, level: input.level, title: input.title, body: input.body,
      publishAt, expiresAt, createdByAccountId: actor.accountId, createdAt: now,
    }).returning();
    if (a!.level === 'urgent' && publishAt <= now) await pushUrgent(tx, a!, now);
    return a!.id;
  });
}

/** The job: urgent announcements whose scheduled time has come are pushed. */
export async function pushDueAnnouncements(db: DbOrTx, now: Date): Promise<number> {
  const due = await db.select().from(announcements).where(and(eq(announcements.level, 'urgent'), isNull(announcements.pushedAt), lte(announcements.publishAt, now), gt(announcements.expiresAt, now))).limit(100);
  let pushed = 0;
  for (const a of due) if (await db.transaction((tx) => pushUrgent(tx, a, now))) pushed++;
  return pushed;
}

const placeCols = { community: announcements.communityId, compound: announcements.compoundId, company: announcements.companyId };

export async function listAnnouncements({ ctx, actor, query }: { ctx: AppContext; actor: Actor; query: { communityId?: number; page: number; pageSize: number } }) {
  const homes = await homesOf(ctx.db, actor, 'community:read');
  const now = ctx.clock.now();
  // Staff see drafts (scheduled) and expired ones; residents what is published and current.
  const staffCond = reachCondition(actor, 'community:manage', [], { ...placeCols, city: sql`(select city_id from communities where id = ${announcements.communityId})`, district: sql`(select district_id from communities where id = ${announcements.communityId})`, street: sql`(select street_id from communities where id = ${announcements.communityId})` });
  const readerCond = and(
    reachCondition(actor, 'community:read', homes, { ...placeCols, city: sql`(select city_id from communities where id = ${announcements.communityId})`, district: sql`(select district_id from communities where id = ${announcements.communityId})`, street: sql`(select street_id from communities where id = ${announcements.communityId})` }),
    lte(announcements.publishAt, now), or(isNull(announcements.expiresAt), gt(announcements.expiresAt, now)),
  );
  const cond = [or(staffCond, readerCond)!];
  if (query.communityId) cond.push(eq(announcements.communityId, query.communityId));
  const where = and(...cond);
  const [rows, [total]] = await Promise.all([
    ctx.db.select().from(announcements).where(where).orderBy(desc(sql`${announcements.level} = 'urgent' and (${announcements.expiresAt} > ${now.toISOString()}::timestamptz)`), desc(announcements.publishAt), desc(announcements.id))
      .limit(query.pageSize).offset(offsetOf(query.page, query.pageSize)),
    ctx.db.select({ n: count() }).from(announcements).where(where),
  ]);
  return { items: await present(ctx.db, actor, rows, now), total: total!.n, page: query.page, pageSize: query.pageSize };
}

async function present(db: DbOrTx, actor: Actor, rows: AnnouncementRow[], now: Date): Promise<AnnouncementDto[]> {
  const out: AnnouncementDto[] = [];
  for (const a of rows) {
    const place = await placeOf(db, a.communityId, a.compoundId);
    const staff = staffReaches(actor, 'community:manage', place);
    const [stats] = await queryRows<{ read: boolean; reads: number; audience: number }>(db, sql`
      select exists (select 1 from announcement_reads r where r.announcement_id = ${a.id} and r.person_id = ${actor.personId}) as read,
        ${staff ? sql`(select count(*) from announcement_reads r where r.announcement_id = ${a.id} and r.person_id in (${audienceSql(a)}))::int` : sql`0`} as reads,
        ${staff ? sql`(select count(*) from (${audienceSql(a)}) x)::int` : sql`0`} as audience`);
    out.push({
      id: a.id, communityId: a.communityId, compoundId: a.compoundId, level: a.level, title: a.title, body: a.body, publishAt: a.publishAt.toISOString(),
      expiresAt: a.expiresAt?.toISOString() ?? null, published: a.publishAt <= now, expired: a.expiresAt !== null && a.expiresAt <= now, read: stats!.read,
      readCount: staff ? stats!.reads : null, audienceSize: staff ? stats!.audience : null,
      readRate: staff ? (stats!.audience ? Math.round((stats!.reads / stats!.audience) * 1000) / 1000 : 0) : null,
    });
  }
  return out;
}

/** A read receipt (once per person; a second read answers the first's time). */
export async function markRead({ ctx, actor, announcementId }: { ctx: AppContext; actor: Actor; announcementId: number }) {
  const [a] = await ctx.db.select().from(announcements).where(eq(announcements.id, announcementId));
  if (!a) throw notFound('Announcement', announcementId);
  const place = await placeOf(ctx.db, a.communityId, a.compoundId);
  const now = ctx.clock.now();
  const staff = staffReaches(actor, 'community:manage', place);
  if (!reaches(actor, 'community:read', place, await homesOf(ctx.db, actor, 'community:read')) || (!staff && a.publishAt > now)) throw notFound('Announcement', announcementId);
  const [row] = await ctx.db.insert(announcementReads).values({ communityId: a.communityId, announcementId: a.id, personId: actor.personId, readAt: now }).onConflictDoNothing().returning();
  if (row) return { announcementId: a.id, readAt: row.readAt.toISOString(), firstRead: true };
  const [prior] = await ctx.db.select().from(announcementReads).where(and(eq(announcementReads.announcementId, a.id), eq(announcementReads.personId, actor.personId)));
  return { announcementId: a.id, readAt: prior!.readAt.toISOString(), firstRead: false };
}

// ---------- the red book corner ----------

export async function listStudy({ ctx, actor, query }: { ctx: AppContext; actor: Actor; query: { communityId?: number; category?: (typeof studyCategories)[number] } }) {
  const homes = await homesOf(ctx.db, actor, 'community:read');
  const c = (col: string) => sql`(select ${sql.raw(col)} from communities where id = ${studyMaterials.communityId})`;
  const cond = [reachCondition(actor, 'community:read', homes, { community: studyMaterials.communityId, city: c('city_id'), district: c('district_id'), street: c('street_id') })];
  if (query.communityId) cond.push(eq(studyMaterials.communityId, query.communityId));
  if (query.category) cond.push(eq(studyMaterials.category, query.category));
  const rows = await ctx.db.select().from(studyMaterials).where(and(...cond)).orderBy(asc(studyMaterials.category), asc(studyMaterials.id)).limit(500);
  return { items: rows.map((r) => ({ id: r.id, communityId: r.communityId, category: r.category, title: r.title, body: r.body, createdAt: r.createdAt.toISOString() })) };
}

export async function createStudy({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateStudyBody }) {
  const place = await placeOf(ctx.db, input.communityId, null);
  if (!can(actor, 'community:manage', placeScope(place))) throw notFound('Community', input.communityId);
  const [r] = await ctx.db.insert(studyMaterials).values({ communityId: place.communityId, category: input.category, title: input.title, body: input.body, createdByAccountId: actor.accountId, createdAt: ctx.clock.now() }).returning();
  return { id: r!.id, communityId: r!.communityId, category: r!.category, title: r!.title, body: r!.body, createdAt: r!.createdAt.toISOString() };
}
