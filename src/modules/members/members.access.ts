import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { can, type Actor, type Permission, type ResourceScope } from '../access/access.policy.js';
import { householdScope } from '../places/places.scope.js';
import { members } from './members.schema.js';

export type MemberRow = typeof members.$inferSelect;

/** Where an actor stands as a resident and as a member: their homes' compounds and their active registrations. */
export interface Reach {
  homes: { householdId: number; compoundId: number; communityId: number }[];
  memberships: MemberRow[];
}

/** The actor's homes (household grants) and active registrations, looked up once per call. */
export async function reachOf(db: DbOrTx, actor: Actor): Promise<Reach> {
  const homes: Reach['homes'] = [];
  for (const g of actor.grants) {
    if (g.scopeType !== 'household' || homes.some((h) => h.householdId === g.scopeId)) continue;
    const s = await householdScope(db, g.scopeId);
    if (s?.compoundId && s.communityId) homes.push({ householdId: g.scopeId, compoundId: s.compoundId, communityId: s.communityId });
  }
  const memberships = await db.select().from(members).where(and(eq(members.personId, actor.personId), eq(members.state, 'active')));
  return { homes, memberships };
}

export const homeCompoundIds = (r: Reach) => [...new Set(r.homes.map((h) => h.compoundId))];
/** Communities the actor lives in or serves as an approved member. */
export const reachCommunityIds = (r: Reach) => [...new Set([...r.homes.map((h) => h.communityId), ...r.memberships.map((m) => m.communityId)])];
export const membershipIn = (r: Reach, communityId: number) => r.memberships.find((m) => m.communityId === communityId);

/** Does the actor see a community's public side (teams, serving members, 红榜): a grant on it, a home or a membership in it. */
export function seesCommunity(actor: Actor, reach: Reach, permission: Permission, scope: ResourceScope & { communityId?: number | null }): boolean {
  return can(actor, permission, scope) || (scope.communityId != null && reachCommunityIds(reach).includes(scope.communityId));
}

