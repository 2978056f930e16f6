import { permissionsOf, type Actor } from '../access/access.policy.js';
import type { MeDto } from './accounts.dto.js';

export function householdLabel(h: { compoundName: string; buildingName: string; unitName: string; number: string }): string {
  return `${h.compoundName} ${h.buildingName} ${h.unitName} ${h.number}`;
}

/** What `describeActor` read about an actor's scopes: a name per scope type and id, and their household. */
export interface ActorPlaces {
  scopeNames: Map<string, string>;
  household: MeDto['household'];
}

/** The logged-in account as the web app sees it (pure: the names were read by the service). */
export function presentMe(actor: Actor, places: ActorPlaces, csrfToken: string): MeDto {
  const nameOf = (type: string, id: number): string =>
    type === 'platform' ? '全平台' : type === 'household' ? (places.household?.label ?? '') : (places.scopeNames.get(`${type}:${id}`) ?? '');
  return {
    accountId: actor.accountId,
    username: actor.username,
    name: actor.name,
    cityId: actor.cityId,
    roles: actor.grants.map((g) => ({ role: g.role, scopeType: g.scopeType, scopeId: g.scopeId, scopeName: nameOf(g.scopeType, g.scopeId) })),
    permissions: permissionsOf(actor),
    household: places.household,
    csrfToken,
  };
}
