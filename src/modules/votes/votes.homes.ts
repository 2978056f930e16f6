import type { DbOrTx } from '../../db/client.js';
import type { Actor, ResourceScope } from '../access/access.policy.js';
import { compoundScope, communityScope, householdScope } from '../places/places.scope.js';

/*
 * A resident's grant is on their household, but votes, topics and meetings belong to a compound
 * or a community. These helpers put the actor's household into the resource's scope when it lies
 * there, so `can()` lets an owner reach their own compound's vote and nothing else. (A kernel
 * helper could lift this: every module with compound-level records needs it.)
 */

/** The actor's households (from household-scope grants) with their compound and community. */
export async function actorHomes(db: DbOrTx, actor: Actor): Promise<{ householdId: number; compoundId: number; communityId: number }[]> {
  const ids = [...new Set(actor.grants.filter((g) => g.scopeType === 'household').map((g) => g.scopeId))];
  const out: { householdId: number; compoundId: number; communityId: number }[] = [];
  for (const householdId of ids) {
    const s = await householdScope(db, householdId);
    if (s?.compoundId && s.communityId) out.push({ householdId, compoundId: s.compoundId, communityId: s.communityId });
  }
  return out;
}

/** The scope of a compound-level (or, with compoundId null, community-level) record, with the actor's household in it when they live there. */
export async function placeScopeFor(db: DbOrTx, actor: Actor, place: { communityId: number; compoundId: number | null }): Promise<ResourceScope | undefined> {
  const scope = place.compoundId !== null ? await compoundScope(db, place.compoundId) : await communityScope(db, place.communityId);
  if (!scope) return undefined;
  const homes = await actorHomes(db, actor);
  const home = homes.find((h) => (place.compoundId !== null ? h.compoundId === place.compoundId : h.communityId === place.communityId));
  return home ? { ...scope, householdId: home.householdId } : scope;
}
