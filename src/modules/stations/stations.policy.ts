import { can, grantsWith, type Actor, type Permission, type ResourceScope } from '../access/access.policy.js';

/**
 * Who reaches a station. Staff through the general rule (a community grant covers the station's
 * community, a company grant the company that co-runs it, a department its city); a resident
 * through their household, when the household is in the station's community — the station is
 * open to the public, its inventory and team are not secret, but the team's and key holders'
 * phone numbers are: only staff of the station (`stations:contacts`) or holders of
 * `people:read_pii` see them in full.
 */
export interface StationPlace {
  communityId: number;
  cityId: number;
  districtId: number;
  streetId: number;
  companyId: number | null;
}

/** The station as a policy resource. */
export function stationScope(s: StationPlace): ResourceScope {
  return { cityId: s.cityId, districtId: s.districtId, streetId: s.streetId, communityId: s.communityId, companyId: s.companyId };
}

/** Household id → community id of the actor's homes (what residents' grants reach). */
export type HomeCommunities = ReadonlyMap<number, number>;

/** Household grants of the actor that carry the permission. */
export function householdGrantIds(actor: Actor, permission: Permission): number[] {
  return grantsWith(actor, permission).filter((g) => g.scopeType === 'household').map((g) => g.scopeId);
}

/** May the actor use `permission` on this station? */
export function canOnStation(actor: Actor, permission: Permission, s: StationPlace, homes: HomeCommunities = new Map()): boolean {
  if (can(actor, permission, stationScope(s))) return true;
  return householdGrantIds(actor, permission).some((h) => homes.get(h) === s.communityId);
}

/** Full phone numbers of the team, key holders and borrowers: staff of the station, or people:read_pii. */
export function seesContacts(actor: Actor, s: StationPlace): boolean {
  const scope = stationScope(s);
  return can(actor, 'stations:contacts', scope) || can(actor, 'people:read_pii', scope);
}

export const stationAbilityNames = ['manage', 'checkout', 'contacts', 'keys'] as const;
export type StationAbilities = Record<(typeof stationAbilityNames)[number], boolean>;

/** What the UI may offer on this station. */
export function stationAbilities(actor: Actor, s: StationPlace): StationAbilities {
  return {
    manage: canOnStation(actor, 'stations:manage', s),
    checkout: canOnStation(actor, 'stations:checkout', s),
    contacts: seesContacts(actor, s),
    keys: canOnStation(actor, 'stations:keys', s),
  };
}
