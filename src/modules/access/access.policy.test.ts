import { describe, expect, it } from 'vitest';
import { can, grantCovers, hasPermission, isEmptyFilter, scopeFilter, type Actor, type Grant } from './access.policy.js';

const actor = (grants: Grant[]): Actor => ({ accountId: 1, personId: 1, username: 'u', name: 'n', cityId: 1, grants });
const g = (role: Grant['role'], scopeType: Grant['scopeType'], scopeId: number): Grant => ({ role, scopeType, scopeId, organisationId: null });

describe('access policy', () => {
  it('a community grant covers resources of that community only', () => {
    const staff = actor([g('community_staff', 'community', 7)]);
    expect(can(staff, 'requests:dispatch', { cityId: 1, communityId: 7 })).toBe(true);
    expect(can(staff, 'requests:dispatch', { cityId: 1, communityId: 8 })).toBe(false);
    expect(can(staff, 'requests:dispatch', { cityId: 1 })).toBe(false);
  });

  it('a role without the permission is denied even inside its scope', () => {
    const committee = actor([g('owners_committee', 'community', 7)]);
    expect(can(committee, 'requests:read', { communityId: 7 })).toBe(true);
    expect(can(committee, 'requests:dispatch', { communityId: 7 })).toBe(false);
    expect(hasPermission(committee, 'requests:dispatch')).toBe(false);
  });

  it('a company grant covers compounds the company serves, wherever they are', () => {
    const property = actor([g('property_staff', 'company', 3)]);
    expect(can(property, 'requests:work', { communityId: 7, companyId: 3 })).toBe(true);
    expect(can(property, 'requests:work', { communityId: 7, companyId: 4 })).toBe(false);
    expect(can(property, 'requests:work', { communityId: 7, companyId: null })).toBe(false);
  });

  it('a household grant covers that household only', () => {
    const resident = actor([g('resident', 'household', 11)]);
    expect(can(resident, 'requests:read', { communityId: 7, householdId: 11 })).toBe(true);
    expect(can(resident, 'requests:read', { communityId: 7, householdId: 12 })).toBe(false);
    expect(can(resident, 'requests:read', { communityId: 7 })).toBe(false);
  });

  it('a city grant covers the whole city and nothing outside it', () => {
    const dept = actor([g('dept_staff', 'city', 1)]);
    expect(can(dept, 'figures:read', { cityId: 1, communityId: 99 })).toBe(true);
    expect(can(dept, 'figures:read', { cityId: 2, communityId: 99 })).toBe(false);
    expect(can(dept, 'requests:dispatch', { cityId: 1 })).toBe(false);
  });

  it('the platform grant covers everything', () => {
    const admin = actor([g('platform_admin', 'platform', 0)]);
    expect(grantCovers(admin.grants[0]!, {})).toBe(true);
    expect(can(admin, 'open311:manage', { cityId: 5 })).toBe(true);
  });

  it('scope filters collect ids per scope type and are empty without grants', () => {
    const multi = actor([g('community_staff', 'community', 7), g('party_committee', 'community', 8), g('resident', 'household', 11)]);
    const filter = scopeFilter(multi, 'requests:dispatch');
    expect(filter.ids.community?.sort()).toEqual([7, 8]);
    expect(filter.ids.household).toBeUndefined();
    expect(isEmptyFilter(scopeFilter(actor([]), 'requests:read'))).toBe(true);
  });
});
