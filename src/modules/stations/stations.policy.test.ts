import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../access/access.policy.js';
import { canOnStation, seesContacts, stationAbilities, type StationPlace } from './stations.policy.js';

const s: StationPlace = { communityId: 10, cityId: 1, districtId: 2, streetId: 3, companyId: 50 };
const actor = (grants: Omit<Grant, 'organisationId'>[]): Actor => ({
  accountId: 1, personId: 1, username: 'x', name: 'x', cityId: 1, grants: grants.map((g) => ({ ...g, organisationId: null })),
});

describe('station policy', () => {
  it('lets staff of the community and the co-running company run the station', () => {
    for (const a of [actor([{ role: 'community_staff', scopeType: 'community', scopeId: 10 }]), actor([{ role: 'property_staff', scopeType: 'company', scopeId: 50 }])]) {
      expect(stationAbilities(a, s)).toEqual({ manage: true, checkout: true, contacts: true, keys: true });
    }
    expect(canOnStation(actor([{ role: 'property_staff', scopeType: 'company', scopeId: 51 }]), 'stations:read', s)).toBe(false);
    expect(canOnStation(actor([{ role: 'community_staff', scopeType: 'community', scopeId: 11 }]), 'stations:read', s)).toBe(false);
  });

  it('lets the rescue team check out and see phones, but not manage', () => {
    expect(stationAbilities(actor([{ role: 'rescue_member', scopeType: 'community', scopeId: 10 }]), s)).toEqual({ manage: false, checkout: true, contacts: true, keys: true });
  });

  it('lets residents of the community read, through their household, with phones masked', () => {
    const resident = actor([{ role: 'resident', scopeType: 'household', scopeId: 900 }]);
    expect(canOnStation(resident, 'stations:read', s, new Map([[900, 10]]))).toBe(true);
    expect(canOnStation(resident, 'stations:read', s, new Map([[900, 11]]))).toBe(false);
    expect(canOnStation(resident, 'stations:read', s)).toBe(false);
    expect(canOnStation(resident, 'stations:checkout', s, new Map([[900, 10]]))).toBe(false);
    expect(seesContacts(resident, s)).toBe(false);
  });

  it('lets the department read its city with phones masked', () => {
    const dept = actor([{ role: 'dept_staff', scopeType: 'city', scopeId: 1 }]);
    expect(canOnStation(dept, 'stations:read', s)).toBe(true);
    expect(canOnStation(dept, 'stations:manage', s)).toBe(false);
    expect(seesContacts(dept, s)).toBe(false);
    expect(canOnStation(actor([{ role: 'dept_staff', scopeType: 'city', scopeId: 2 }]), 'stations:read', s)).toBe(false);
  });
});
