import { can, type Actor, type ResourceScope } from '../access/access.policy.js';
import type { RatingActorKind } from './ratings.machine.js';

/*
 * Who may do what to a rating, as pure functions of the actor and where the rating sits: its
 * company, its city, and the communities the company serves (whose committees assess it).
 */

export interface ServedCommunity {
  communityId: number;
  streetId: number;
  districtId: number;
}

export interface RatingPlace {
  cityId: number;
  companyId: number;
  communities: readonly ServedCommunity[];
}

const communityResource = (p: RatingPlace, c: ServedCommunity): ResourceScope => ({ cityId: p.cityId, districtId: c.districtId, streetId: c.streetId, communityId: c.communityId });

/** Staff of the rated company itself. */
export function isCompanyOf(actor: Actor, p: RatingPlace): boolean {
  return can(actor, 'ratings:apply', { cityId: p.cityId, companyId: p.companyId });
}

/**
 * The served communities whose committee the actor may assess for. Never any for the company's
 * own staff, whatever other hats they wear: a company does not assess itself.
 */
export function assessableCommunities(actor: Actor, p: RatingPlace): number[] {
  if (isCompanyOf(actor, p)) return [];
  return p.communities.filter((c) => can(actor, 'ratings:assess', communityResource(p, c))).map((c) => c.communityId);
}

export function isDepartmentOf(actor: Actor, p: Pick<RatingPlace, 'cityId'>): boolean {
  return can(actor, 'ratings:certify', { cityId: p.cityId });
}

/** May the actor see the rating: the department of its city, the company, or a served community's staff and committee. */
export function canReadRating(actor: Actor, p: RatingPlace): boolean {
  if (can(actor, 'ratings:read', { cityId: p.cityId, companyId: p.companyId })) return true;
  return p.communities.some((c) => can(actor, 'ratings:read', communityResource(p, c)));
}

/** The hats the actor wears toward this rating, for the state machine. */
export function actorKinds(actor: Actor, p: RatingPlace): RatingActorKind[] {
  const kinds: RatingActorKind[] = [];
  if (isCompanyOf(actor, p)) kinds.push('company');
  if (assessableCommunities(actor, p).length) kinds.push('committee');
  if (isDepartmentOf(actor, p)) kinds.push('department');
  return kinds;
}
