import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { takeStep } from '../../kernel/workflow.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { maskPhone } from '../../shared/mask.js';
import { can, scopeFilter, type Actor } from '../access/access.policy.js';
import { scopeCondition } from '../access/access.sql.js';
import { people } from '../accounts/accounts.schema.js';
import { communityScope, compoundScope } from '../places/places.scope.js';
import { communities, compounds } from '../places/places.schema.js';
import { reachCommunityIds, reachOf, seesCommunity, type MemberRow } from './members.access.js';
import { badgesOf, badgesOfAccounts, kindLabels, pointsRuleOf, postLabels, type PointsRuleRow } from './members.badges.js';
import type { createPostBody, createTeamBody, memberListQuery, pointsRuleBody, registerMemberBody } from './members.dto.js';
import { MemberErrors } from './members.errors.js';
import { closeMemberDuties, recordMemberEvent } from './members.keeping.js';
import { recordMemberFigure } from './members.figures.js';
import { presentTimeline } from './members.presenter.js';
import { memberEvents, memberPosts, members, pointsRules, serviceLedger, teamMembers, teams } from './members.schema.js';
import { memberMachine } from './wishes.machine.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;
const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505' || (err as { cause?: { code?: string } })?.cause?.code === '23505';

/** The registration if the actor is its member or holds `permission` over its community (404 otherwise). */
async function loadMember(db: DbOrTx, actor: Actor, memberId: number, permission: 'members:registry' | 'members:approve' | 'members:manage', allowSelf: boolean, lock = false) {
  const q = db.select().from(members).where(eq(members.id, memberId));
  const [m] = lock ? await q.for('update') : await q;
  if (!m) throw notFound('Member', memberId);
  const scope = await communityScope(db, m.communityId);
  const self = m.personId === actor.personId;
  if (!scope || !(can(actor, permission, scope) || (allowSelf && self))) throw notFound('Member', memberId);
  return { member: m, scope, self };
}

/** 报到: a person registers in the community they live in (staff may register themselves where they serve). Pending until the committee approves. */
export async function registerMember({ ctx, actor, input }: { ctx: Ctx; actor: Actor; input: z.infer<typeof registerMemberBody> }): Promise<number> {
  const scope = await communityScope(ctx.db, input.communityId);
  const reach = await reachOf(ctx.db, actor);
  const lives = reach.homes.some((h) => h.communityId === input.communityId);
  if (!scope || !(lives || can(actor, 'members:manage', scope) || reachCommunityIds(reach).includes(input.communityId))) throw notFound('Community', input.communityId);
  if (!(lives || can(actor, 'members:manage', scope))) throw new AppError(MemberErrors.MEMBER_COMMUNITY_INVALID, 'Register (报到) in the community you live in', { field: 'communityId' });
  const compoundId = input.compoundId ?? reach.homes.find((h) => h.communityId === input.communityId)?.compoundId ?? null;
  if (compoundId) {
    const cs = await compoundScope(ctx.db, compoundId);
    if (cs?.communityId !== input.communityId) throw new AppError(MemberErrors.MEMBER_LINK_INVALID, 'The compound is not in this community', { field: 'compoundId' });
  }
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [m] = await tx.insert(members).values({
        communityId: input.communityId, personId: actor.personId, accountId: actor.accountId, kind: input.kind, branchName: input.branchName ?? null,
        workUnit: input.workUnit ?? null, joinedPartyOn: input.kind === 'volunteer' ? null : input.joinedPartyOn ?? null, compoundId, skills: input.skills,
        availability: input.availability ?? null, createdAt: now, updatedAt: now,
      }).returning();
      await tx.insert(memberEvents).values({ communityId: input.communityId, subjectId: m!.id, at: now, actorAccountId: actor.accountId, actorRole: 'self', action: 'register', toState: 'pending' });
      return m!.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(MemberErrors.MEMBER_ALREADY_REGISTERED, 'You have already registered in this community', { communityId: input.communityId });
    throw err;
  }
}

/** The committee approves (or refuses) a 报到. */
export async function decideMember({ ctx, actor, memberId, decision, note }: { ctx: Ctx; actor: Actor; memberId: number; decision: 'approve' | 'reject'; note?: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { member } = await loadMember(tx, actor, memberId, 'members:approve', false, true);
    await takeStep({ tx, machine: memberMachine, table: members, timeline: memberEvents, row: member, action: decision, kinds: ['committee'], actor, now, note, actorRole: 'party_committee',
      patch: decision === 'approve' ? { approvedAt: now } : { closedAt: now } });
    if (decision === 'approve') await recordMemberFigure(tx, member, 1, now);
  });
}

/** Leaving: by the member or the committee; the row is closed, its history kept. */
export async function leaveMember({ ctx, actor, memberId, note }: { ctx: Ctx; actor: Actor; memberId: number; note?: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { member, self, scope } = await loadMember(tx, actor, memberId, 'members:manage', true, true);
    const kinds = [...(can(actor, 'members:manage', scope) ? ['committee' as const] : []), ...(self ? ['self' as const] : [])];
    await takeStep({ tx, machine: memberMachine, table: members, timeline: memberEvents, row: member, action: 'leave', kinds, actor, now, note, patch: { closedAt: now } });
    await closeMemberDuties(tx, member.id, now);
    if (member.state === 'active') await recordMemberFigure(tx, member, -1, now);
  });
}

/** Transfer (组织关系转接): closes this registration and opens a pending one in the other community of the same city, pointing back. */
export async function transferMember({ ctx, actor, memberId, toCommunityId, note }: { ctx: Ctx; actor: Actor; memberId: number; toCommunityId: number; note?: string }): Promise<number> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const { member, scope } = await loadMember(tx, actor, memberId, 'members:manage', false, true);
      const target = await communityScope(tx, toCommunityId);
      if (!target || target.cityId !== scope.cityId || toCommunityId === member.communityId) throw new AppError(MemberErrors.MEMBER_LINK_INVALID, 'Transfer to another community of the same city', { field: 'toCommunityId' });
      await takeStep({ tx, machine: memberMachine, table: members, timeline: memberEvents, row: member, action: 'transfer', kinds: ['committee'], actor, now, note, data: { toCommunityId }, patch: { closedAt: now } });
      await closeMemberDuties(tx, member.id, now);
      await recordMemberFigure(tx, member, -1, now);
      const [next] = await tx.insert(members).values({
        communityId: toCommunityId, personId: member.personId, accountId: member.accountId, kind: member.kind, branchName: member.branchName, workUnit: member.workUnit,
        joinedPartyOn: member.joinedPartyOn, compoundId: null, skills: member.skills, availability: member.availability, transferredFromId: member.id, createdAt: now, updatedAt: now,
      }).returning();
      await tx.insert(memberEvents).values({ communityId: toCommunityId, subjectId: next!.id, at: now, actorAccountId: actor.accountId, actorRole: 'party_committee', action: 'transfer_in', toState: 'pending', data: { fromMemberId: member.id } });
      return next!.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(MemberErrors.MEMBER_ALREADY_REGISTERED, 'The person already has a registration in that community', { toCommunityId });
    throw err;
  }
}

/** 三岗: give a member a post with its duty and period. */
export async function addPost({ ctx, actor, memberId, input }: { ctx: Ctx; actor: Actor; memberId: number; input: z.infer<typeof createPostBody> }): Promise<void> {
  if (input.endsOn && input.endsOn < input.startsOn) throw new AppError(MemberErrors.MEMBER_LINK_INVALID, 'A post ends after it starts', { field: 'endsOn' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // Locked: a concurrent leave or transfer (which ends the member's posts) waits, or this sees it.
    const { member } = await loadMember(tx, actor, memberId, 'members:manage', false, true);
    if (member.state !== 'active') throw new AppError(MemberErrors.MEMBER_ILLEGAL_STEP, 'Posts are held by active members', { state: member.state });
    if (member.kind === 'volunteer') throw new AppError(MemberErrors.MEMBER_LINK_INVALID, '三岗 are posts of party members', { kind: member.kind });
    const [p] = await tx.insert(memberPosts).values({ communityId: member.communityId, memberId, post: input.post, duty: input.duty, startsOn: input.startsOn, endsOn: input.endsOn ?? null }).returning({ id: memberPosts.id });
    await recordMemberEvent(tx, { communityId: member.communityId, memberId, actor, at: now, action: 'post_assign', data: { postId: p!.id, post: input.post, duty: input.duty, startsOn: input.startsOn, endsOn: input.endsOn ?? null } });
  });
}

async function presentMembers(db: DbOrTx, actor: Actor, rows: MemberRow[], now: Date) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const badges = await badgesOf(db, ids, now);
  const ppl = new Map((await db.select({ id: people.id, name: people.name, phone: people.phone }).from(people).where(inArray(people.id, rows.map((r) => r.personId)))).map((p) => [p.id, p]));
  const comms = new Map((await db.select({ id: communities.id, name: communities.name }).from(communities).where(inArray(communities.id, [...new Set(rows.map((r) => r.communityId))]))).map((c) => [c.id, c.name]));
  const cIds = rows.flatMap((r) => (r.compoundId ? [r.compoundId] : []));
  const comps = new Map(cIds.length ? (await db.select({ id: compounds.id, name: compounds.name }).from(compounds).where(inArray(compounds.id, cIds))).map((c) => [c.id, c.name]) : []);
  const teamRows = await db.select({ memberId: teamMembers.memberId, id: teams.id, name: teams.name }).from(teamMembers).innerJoin(teams, eq(teams.id, teamMembers.teamId)).where(inArray(teamMembers.memberId, ids));
  const out = [];
  for (const r of rows) {
    const scope = await communityScope(db, r.communityId);
    const pii = !!scope && can(actor, 'people:read_pii', scope);
    const person = ppl.get(r.personId);
    const manage = !!scope && can(actor, 'members:manage', scope);
    const approve = !!scope && can(actor, 'members:approve', scope);
    out.push({
      id: r.id, communityId: r.communityId, communityName: comms.get(r.communityId) ?? '', personId: r.personId, name: person?.name ?? '',
      phone: pii || r.personId === actor.personId ? person?.phone ?? null : maskPhone(person?.phone), kind: r.kind, kindLabel: kindLabels[r.kind],
      branchName: r.branchName, workUnit: r.workUnit, joinedPartyOn: r.joinedPartyOn, compoundId: r.compoundId, compoundName: r.compoundId ? comps.get(r.compoundId) ?? null : null,
      skills: r.skills, availability: r.availability, state: r.state, approvedAt: r.approvedAt?.toISOString() ?? null, closedAt: r.closedAt?.toISOString() ?? null,
      transferredFromId: r.transferredFromId, posts: badges.get(r.id)?.posts ?? [], teams: teamRows.filter((t) => t.memberId === r.id).map((t) => ({ id: t.id, name: t.name })),
      createdAt: r.createdAt.toISOString(),
      abilities: {
        approve: approve && memberMachine.canMove(r.state, 'approve', ['committee']), reject: approve && memberMachine.canMove(r.state, 'reject', ['committee']),
        leave: (manage || r.personId === actor.personId) && r.state === 'active', transfer: manage && r.state === 'active', addPost: manage && r.state === 'active' && r.kind !== 'volunteer', endPost: manage,
      },
    });
  }
  return out;
}

/** The registry: staff see their communities' (any state), everyone sees their own registrations. */
export async function listMembers({ ctx, actor, query }: { ctx: Ctx; actor: Actor; query: z.infer<typeof memberListQuery> }) {
  const visible = or(scopeCondition(scopeFilter(actor, 'members:registry'), { city: communities.cityId, district: communities.districtId, street: communities.streetId, community: members.communityId }), eq(members.personId, actor.personId))!;
  const where = and(visible,
    query.communityId ? eq(members.communityId, query.communityId) : undefined,
    query.compoundId ? eq(members.compoundId, query.compoundId) : undefined,
    query.state?.length ? inArray(members.state, query.state) : undefined,
    query.kind?.length ? inArray(members.kind, query.kind) : undefined);
  const [{ n }] = (await ctx.db.select({ n: count() }).from(members).innerJoin(communities, eq(communities.id, members.communityId)).where(where)) as [{ n: number }];
  const rows = await ctx.db.select({ m: members }).from(members).innerJoin(communities, eq(communities.id, members.communityId)).where(where)
    .orderBy(sql`case ${members.state} when 'pending' then 0 when 'active' then 1 else 2 end`, asc(members.id)).limit(query.pageSize).offset(offsetOf(query.page, query.pageSize));
  return { items: await presentMembers(ctx.db, actor, rows.map((r) => r.m), ctx.clock.now()), total: Number(n), page: query.page, pageSize: query.pageSize };
}

export async function getMember({ ctx, actor, memberId }: { ctx: Ctx; actor: Actor; memberId: number }) {
  const { member } = await loadMember(ctx.db, actor, memberId, 'members:registry', true);
  const [dto] = await presentMembers(ctx.db, actor, [member], ctx.clock.now());
  const events = await ctx.db.select().from(memberEvents).where(eq(memberEvents.subjectId, memberId)).orderBy(asc(memberEvents.at), asc(memberEvents.id));
  const posts = await ctx.db.select().from(memberPosts).where(eq(memberPosts.memberId, memberId)).orderBy(desc(memberPosts.startsOn));
  const [t] = await queryRows<{ minutes: number; points: number; services: number }>(ctx.db, sql`
    select coalesce(sum(minutes), 0)::int as minutes, coalesce(sum(points), 0)::int as points, count(*)::int as services
    from service_ledger where person_id = ${member.personId} and community_id = ${member.communityId}`);
  return {
    ...dto!, timeline: await timelineWithDetails(ctx.db, events), totals: t ?? { minutes: 0, points: 0, services: 0 },
    postsHistory: posts.map((p) => ({ id: p.id, post: p.post, label: postLabels[p.post], duty: p.duty, startsOn: p.startsOn, endsOn: p.endsOn })),
  };
}

/** The registry's history in words: which post, which team, to or from which community. */
async function timelineWithDetails(db: DbOrTx, events: (typeof memberEvents.$inferSelect)[]) {
  const communityIds = new Set<number>();
  const memberIds = new Set<number>();
  for (const e of events) {
    if (typeof e.data.toCommunityId === 'number') communityIds.add(e.data.toCommunityId);
    if (typeof e.data.fromMemberId === 'number') memberIds.add(e.data.fromMemberId);
  }
  const from = new Map(memberIds.size ? (await db.select({ id: members.id, communityId: members.communityId }).from(members).where(inArray(members.id, [...memberIds]))).map((m) => [m.id, m.communityId]) : []);
  for (const c of from.values()) communityIds.add(c);
  const names = new Map(communityIds.size ? (await db.select({ id: communities.id, name: communities.name }).from(communities).where(inArray(communities.id, [...communityIds]))).map((c) => [c.id, c.name]) : []);
  const detail = (d: Record<string, unknown>): string | null => {
    if (typeof d.post === 'string' && d.post in postLabels) return `${postLabels[d.post as keyof typeof postLabels]} · ${String(d.duty ?? '')}${d.endsOn ? ` (${String(d.endsOn)})` : ''}`;
    if (typeof d.team === 'string') return d.team;
    if (typeof d.toCommunityId === 'number') return names.get(d.toCommunityId) ?? null;
    if (typeof d.fromMemberId === 'number') return names.get(from.get(d.fromMemberId) ?? 0) ?? null;
    return null;
  };
  return presentTimeline(events).map((e, i) => ({ ...e, detail: detail(events[i]!.data) }));
}

/** 亮身份 for residents: the active members living in a compound, name and posts only (never a phone). */
export async function servingMembers({ ctx, actor, compoundId }: { ctx: Ctx; actor: Actor; compoundId: number }) {
  const scope = await compoundScope(ctx.db, compoundId);
  const reach = await reachOf(ctx.db, actor);
  const home = reach.homes.some((h) => h.compoundId === compoundId);
  if (!scope || !(home || seesCommunity(actor, reach, 'members:serving', { ...scope, householdId: null }))) throw notFound('Compound', compoundId);
  const [c] = await ctx.db.select({ name: compounds.name }).from(compounds).where(eq(compounds.id, compoundId));
  const rows = await ctx.db.select({ id: members.id }).from(members).where(and(eq(members.compoundId, compoundId), eq(members.state, 'active'))).orderBy(asc(members.id)).limit(500);
  const badges = await badgesOf(ctx.db, rows.map((r) => r.id), ctx.clock.now());
  const teamRows = rows.length ? await ctx.db.select({ memberId: teamMembers.memberId, name: teams.name }).from(teamMembers).innerJoin(teams, eq(teams.id, teamMembers.teamId)).where(inArray(teamMembers.memberId, rows.map((r) => r.id))) : [];
  const items = rows.map((r) => badges.get(r.id)!).filter(Boolean).map((b) => ({ ...b, teams: teamRows.filter((t) => t.memberId === b.memberId).map((t) => t.name) }));
  // Members holding a post first: they are the ones residents look for.
  items.sort((a, b) => b.posts.length - a.posts.length || a.memberId - b.memberId);
  return { compoundId, compoundName: c?.name ?? '', items };
}

/** 亮身份 on other modules' pages: badges of the given accounts that are active members of communities the actor sees. */
export async function accountBadges({ ctx, actor, accountIds }: { ctx: Ctx; actor: Actor; accountIds: number[] }) {
  const reach = await reachOf(ctx.db, actor);
  const cache = new Map<number, boolean>();
  const visible = async (communityId: number) => {
    if (!cache.has(communityId)) {
      const scope = await communityScope(ctx.db, communityId);
      cache.set(communityId, !!scope && seesCommunity(actor, reach, 'members:serving', scope));
    }
    return cache.get(communityId)!;
  };
  return { items: await badgesOfAccounts(ctx.db, accountIds, ctx.clock.now(), visible) };
}

// ---- teams ----

async function visibleCommunityCondition(db: DbOrTx, actor: Actor, column: SQL | typeof teams.communityId): Promise<SQL> {
  const reach = await reachOf(db, actor);
  const ids = reachCommunityIds(reach);
  const general = scopeCondition(scopeFilter(actor, 'members:serving'), { community: column as typeof teams.communityId });
  const viaStreet = scopeCondition(scopeFilter(actor, 'members:serving'), { city: communities.cityId, district: communities.districtId, street: communities.streetId });
  return or(general, viaStreet, ids.length ? inArray(column as typeof teams.communityId, ids) : sql`false`)!;
}

export async function listTeams({ ctx, actor, communityId }: { ctx: Ctx; actor: Actor; communityId?: number }) {
  const where = and(await visibleCommunityCondition(ctx.db, actor, teams.communityId), communityId ? eq(teams.communityId, communityId) : undefined);
  const rows = await ctx.db.select({ t: teams }).from(teams).innerJoin(communities, eq(communities.id, teams.communityId)).where(where).orderBy(asc(teams.id)).limit(200);
  const ids = rows.map((r) => r.t.id);
  const tm = ids.length ? await ctx.db.select({ teamId: teamMembers.teamId, memberId: teamMembers.memberId }).from(teamMembers)
    .innerJoin(members, eq(members.id, teamMembers.memberId)).where(and(inArray(teamMembers.teamId, ids), eq(members.state, 'active'))).orderBy(asc(teamMembers.id)) : [];
  const badges = await badgesOf(ctx.db, [...tm.map((x) => x.memberId), ...rows.flatMap((r) => (r.t.leaderMemberId ? [r.t.leaderMemberId] : []))], ctx.clock.now());
  return {
    items: rows.map(({ t }) => {
      const list = tm.filter((x) => x.teamId === t.id).map((x) => badges.get(x.memberId)!).filter(Boolean);
      return { id: t.id, communityId: t.communityId, name: t.name, kind: t.kind, description: t.description, leader: t.leaderMemberId ? badges.get(t.leaderMemberId) ?? null : null, members: list, size: list.length };
    }),
  };
}

export async function createTeam({ ctx, actor, input }: { ctx: Ctx; actor: Actor; input: z.infer<typeof createTeamBody> }): Promise<number> {
  const scope = await communityScope(ctx.db, input.communityId);
  if (!scope || !can(actor, 'members:manage', scope)) throw notFound('Community', input.communityId);
  const ids = [...new Set([...input.memberIds, ...(input.leaderMemberId ? [input.leaderMemberId] : [])])];
  if (ids.length) {
    const ok = await ctx.db.select({ id: members.id }).from(members).where(and(inArray(members.id, ids), eq(members.communityId, input.communityId), eq(members.state, 'active')));
    if (ok.length !== ids.length) throw new AppError(MemberErrors.MEMBER_LINK_INVALID, 'Team members are active members of this community', { field: 'memberIds' });
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [t] = await tx.insert(teams).values({ communityId: input.communityId, name: input.name, kind: input.kind, description: input.description ?? null, leaderMemberId: input.leaderMemberId ?? null }).returning();
      if (ids.length) await tx.insert(teamMembers).values(ids.map((memberId) => ({ communityId: input.communityId, teamId: t!.id, memberId })));
      return t!.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(MemberErrors.MEMBER_LINK_INVALID, 'The community has a team of that name', { field: 'name' });
    throw err;
  }
}

// ---- the service ledger ----

/** A person's ledger: their own, whole; staff see the entries of the communities they keep the registry of. Anyone else: 404. */
export async function serviceLedgerOf({ ctx, actor, personId, communityId, page, pageSize }: { ctx: Ctx; actor: Actor; personId: number; communityId?: number; page: number; pageSize: number }) {
  const [person] = await ctx.db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, personId));
  if (!person) throw notFound('Person', personId);
  const self = personId === actor.personId;
  const scoped = self ? sql`true` : scopeCondition(scopeFilter(actor, 'members:registry'), { city: communities.cityId, district: communities.districtId, street: communities.streetId, community: serviceLedger.communityId });
  const where = and(eq(serviceLedger.personId, personId), scoped, communityId ? eq(serviceLedger.communityId, communityId) : undefined);
  const [t] = await ctx.db.select({ n: count(), minutes: sql<number>`coalesce(sum(${serviceLedger.minutes}), 0)::int`, points: sql<number>`coalesce(sum(${serviceLedger.points}), 0)::int` })
    .from(serviceLedger).innerJoin(communities, eq(communities.id, serviceLedger.communityId)).where(where);
  if (!self && Number(t?.n ?? 0) === 0) {
    // Nothing in the actor's reach: the person is not theirs to look at (a member with no service yet is seen through the registry).
    const [m] = await ctx.db.select({ id: members.id }).from(members).innerJoin(communities, eq(communities.id, members.communityId))
      .where(and(eq(members.personId, personId), scopeCondition(scopeFilter(actor, 'members:registry'), { city: communities.cityId, district: communities.districtId, street: communities.streetId, community: members.communityId }))).limit(1);
    if (!m) throw notFound('Person', personId);
  }
  const rows = await ctx.db.select({ e: serviceLedger }).from(serviceLedger).innerJoin(communities, eq(communities.id, serviceLedger.communityId)).where(where)
    .orderBy(desc(serviceLedger.at), desc(serviceLedger.id)).limit(pageSize).offset(offsetOf(page, pageSize));
  return {
    personId, name: person.name, totals: { minutes: Number(t?.minutes ?? 0), points: Number(t?.points ?? 0), services: Number(t?.n ?? 0) },
    items: rows.map(({ e }) => ({ id: e.id, communityId: e.communityId, source: { module: e.sourceModule, kind: e.sourceKind, id: e.sourceId }, at: e.at.toISOString(), minutes: e.minutes, points: e.points, note: e.note })),
    total: Number(t?.n ?? 0), page, pageSize,
  };
}

// ---- points rules ----

export async function getPointsRule({ ctx, actor, communityId }: { ctx: Ctx; actor: Actor; communityId: number }): Promise<PointsRuleRow> {
  const scope = await communityScope(ctx.db, communityId);
  const reach = await reachOf(ctx.db, actor);
  if (!scope || !seesCommunity(actor, reach, 'members:serving', scope)) throw notFound('Community', communityId);
  const r = await pointsRuleOf(ctx.db, communityId);
  return { communityId, minutesPerPoint: r.minutesPerPoint, minPoints: r.minPoints, wishBonus: r.wishBonus, claimDays: r.claimDays };
}

export async function setPointsRule({ ctx, actor, input }: { ctx: Ctx; actor: Actor; input: z.infer<typeof pointsRuleBody> }): Promise<PointsRuleRow> {
  const scope = await communityScope(ctx.db, input.communityId);
  if (!scope || !can(actor, 'members:approve', scope)) throw notFound('Community', input.communityId);
  const now = ctx.clock.now();
  const v = { minutesPerPoint: input.minutesPerPoint, minPoints: input.minPoints, wishBonus: input.wishBonus, claimDays: input.claimDays, updatedAt: now };
  await ctx.db.insert(pointsRules).values({ communityId: input.communityId, ...v }).onConflictDoUpdate({ target: pointsRules.communityId, set: v });
  return { communityId: input.communityId, ...v };
}

