import { and, asc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { can, type Actor } from '../access/access.policy.js';
import { communityScope } from '../places/places.scope.js';
import { communities, streets } from '../places/places.schema.js';
import type { endPostBody } from './members.dto.js';
import { MemberErrors } from './members.errors.js';
import { memberEvents, memberPosts, members, teamMembers, teams } from './members.schema.js';

/*
 * Keeping the registry (the community party committee's work on the staff workbench): ending a
 * 三岗 post, a team's members and leader, the communities a member may transfer to. Every write
 * locks the row it depends on (FOR UPDATE) or is a conditional UPDATE, so two staff acting at
 * once cannot leave a team led by someone who is not in it, or a post ended twice. Each change
 * is a line of the member's history (member_events).
 */

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** A line of the member's history that changes no state (post assigned or ended, team joined or left, leader). */
export async function recordMemberEvent(tx: DbOrTx, o: { communityId: number; memberId: number; actor: Actor; at: Date; action: string; note?: string | null; data?: Record<string, unknown> }) {
  await tx.insert(memberEvents).values({ communityId: o.communityId, subjectId: o.memberId, at: o.at, actorAccountId: o.actor.accountId, actorRole: 'party_committee', action: o.action, note: o.note ?? null, data: o.data ?? {} });
}

/** The member row, locked, when the actor keeps its community's registry; 404 otherwise. */
async function lockedMember(tx: DbOrTx, actor: Actor, memberId: number) {
  const [m] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  const scope = m && (await communityScope(tx, m.communityId));
  if (!m || !scope || !can(actor, 'members:manage', scope)) throw notFound('Member', memberId);
  return m;
}

/** The team row, locked, when the actor keeps its community's registry; 404 otherwise. */
async function lockedTeam(tx: DbOrTx, actor: Actor, teamId: number) {
  const [t] = await tx.select().from(teams).where(eq(teams.id, teamId)).for('update');
  const scope = t && (await communityScope(tx, t.communityId));
  if (!t || !scope || !can(actor, 'members:manage', scope)) throw notFound('Team', teamId);
  return t;
}

/** 三岗: end a post on a day (today when absent). A post already ended by then cannot end again. */
export async function endPost({ ctx, actor, memberId, postId, input }: { ctx: Ctx; actor: Actor; memberId: number; postId: number; input: z.infer<typeof endPostBody> }): Promise<void> {
  const now = ctx.clock.now();
  const endsOn = input.endsOn ?? shanghaiDate(now);
  await ctx.db.transaction(async (tx) => {
    const m = await lockedMember(tx, actor, memberId);
    const [post] = await tx.select().from(memberPosts).where(and(eq(memberPosts.id, postId), eq(memberPosts.memberId, m.id)));
    if (!post) throw notFound('Post', postId);
    if (endsOn < post.startsOn) throw new AppError(MemberErrors.MEMBER_LINK_INVALID, 'A post ends after it starts', { field: 'endsOn', startsOn: post.startsOn });
    // Conditional: only a post still held on that day ends (a second click changes nothing and says so).
    const ended = await tx.update(memberPosts).set({ endsOn }).where(and(eq(memberPosts.id, postId), or(isNull(memberPosts.endsOn), gt(memberPosts.endsOn, endsOn)))).returning({ id: memberPosts.id });
    if (!ended.length) throw new AppError(MemberErrors.MEMBER_POST_ENDED, 'The post has already ended', { postId, endsOn: post.endsOn });
    await recordMemberEvent(tx, { communityId: m.communityId, memberId: m.id, actor, at: now, action: 'post_end', note: input.note, data: { postId, post: post.post, duty: post.duty, endsOn } });
  });
}

/** Ends the posts a member still holds, and the teams they lead lose their leader: on leaving and transfer (the history stays). */
export async function closeMemberDuties(tx: DbOrTx, memberId: number, now: Date): Promise<void> {
  const today = shanghaiDate(now);
  await tx.update(memberPosts).set({ endsOn: sql`greatest(${memberPosts.startsOn}, ${today}::date)` })
    .where(and(eq(memberPosts.memberId, memberId), or(isNull(memberPosts.endsOn), gt(memberPosts.endsOn, today))));
  await tx.update(teams).set({ leaderMemberId: null }).where(eq(teams.leaderMemberId, memberId));
}

/** An active member of the team's community, locked so a concurrent leave or transfer waits for this write. */
async function activeMemberOf(tx: DbOrTx, communityId: number, memberId: number) {
  const [m] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  if (!m || m.communityId !== communityId || m.state !== 'active') throw new AppError(MemberErrors.MEMBER_LINK_INVALID, 'Team members are active members of the team\'s community', { field: 'memberId' });
  return m;
}

/** A team written to, for presenting it afterwards. */
export interface TeamRef { teamId: number; communityId: number }

/** Add a member to a team (already in it: nothing changes). */
export async function addTeamMember({ ctx, actor, teamId, memberId }: { ctx: Ctx; actor: Actor; teamId: number; memberId: number }): Promise<TeamRef> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<TeamRef> => {
    const t = await lockedTeam(tx, actor, teamId);
    await activeMemberOf(tx, t.communityId, memberId);
    const added = await tx.insert(teamMembers).values({ communityId: t.communityId, teamId, memberId }).onConflictDoNothing().returning({ id: teamMembers.id });
    if (added.length) await recordMemberEvent(tx, { communityId: t.communityId, memberId, actor, at: now, action: 'team_join', data: { teamId, team: t.name } });
    return { teamId, communityId: t.communityId };
  });
}

/** Remove a member from a team; the leader cannot be removed until another leads (or the team is left without one). */
export async function removeTeamMember({ ctx, actor, teamId, memberId }: { ctx: Ctx; actor: Actor; teamId: number; memberId: number }): Promise<TeamRef> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<TeamRef> => {
    const t = await lockedTeam(tx, actor, teamId);
    if (t.leaderMemberId === memberId) throw new AppError(MemberErrors.MEMBER_TEAM_LEADER, 'Choose another leader before removing the team\'s leader', { teamId, memberId });
    const removed = await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.memberId, memberId))).returning({ id: teamMembers.id });
    if (!removed.length) throw notFound('Team member', memberId);
    await recordMemberEvent(tx, { communityId: t.communityId, memberId, actor, at: now, action: 'team_leave', data: { teamId, team: t.name } });
    return { teamId, communityId: t.communityId };
  });
}

/** Set (or clear, with null) a team's leader: an active member of its community, who joins the team if not in it. */
export async function setTeamLeader({ ctx, actor, teamId, memberId }: { ctx: Ctx; actor: Actor; teamId: number; memberId: number | null }): Promise<TeamRef> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<TeamRef> => {
    const t = await lockedTeam(tx, actor, teamId);
    if (memberId !== null) {
      await activeMemberOf(tx, t.communityId, memberId);
      const added = await tx.insert(teamMembers).values({ communityId: t.communityId, teamId, memberId }).onConflictDoNothing().returning({ id: teamMembers.id });
      if (added.length) await recordMemberEvent(tx, { communityId: t.communityId, memberId, actor, at: now, action: 'team_join', data: { teamId, team: t.name } });
    }
    if (t.leaderMemberId === memberId) return { teamId, communityId: t.communityId };
    await tx.update(teams).set({ leaderMemberId: memberId }).where(eq(teams.id, teamId));
    if (memberId !== null) await recordMemberEvent(tx, { communityId: t.communityId, memberId, actor, at: now, action: 'team_lead', data: { teamId, team: t.name } });
    if (t.leaderMemberId !== null) await recordMemberEvent(tx, { communityId: t.communityId, memberId: t.leaderMemberId, actor, at: now, action: 'team_lead_end', data: { teamId, team: t.name } });
    return { teamId, communityId: t.communityId };
  });
}

/** The communities of the member's city a transfer may go to (every one but the member's own). */
export async function transferTargets({ ctx, actor, memberId }: { ctx: Ctx; actor: Actor; memberId: number }) {
  const [m] = await ctx.db.select().from(members).where(eq(members.id, memberId));
  const scope = m && (await communityScope(ctx.db, m.communityId));
  if (!m || !scope || !can(actor, 'members:manage', scope)) throw notFound('Member', memberId);
  const rows = await ctx.db.select({ id: communities.id, name: communities.name, streetName: streets.name }).from(communities).innerJoin(streets, eq(streets.id, communities.streetId))
    .where(and(eq(communities.cityId, scope.cityId!), ne(communities.id, m.communityId))).orderBy(asc(communities.streetId), asc(communities.id)).limit(1000);
  return { items: rows };
}

