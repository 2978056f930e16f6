import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../access/access.policy.js';
import { collectPermission, mayCollect, mayPayOnline } from './fees.policy.js';

const actor = (grants: Grant[]): Actor => ({ accountId: 1, personId: 1, username: 'u', name: '测试', cityId: 1, grants });
const grant = (role: string, scopeType: Grant['scopeType'], scopeId: number): Grant => ({ role, scopeType, scopeId, organisationId: null });
const served = { cityId: 1, communityId: 10, compoundId: 100, companyId: 7 };
const selfGoverned = { cityId: 1, communityId: 10, compoundId: 101, companyId: null };

describe('who collects a compound\'s fees', () => {
  it('is the company on a served compound and the owners\' committee on a self-governed one', () => {
    const company = actor([grant('property_staff', 'company', 7)]);
    const committee = actor([grant('owners_committee', 'community', 10)]);
    expect(collectPermission(false)).toBe('fees:collect');
    expect(mayCollect(company, served, false)).toBe(true);
    expect(mayCollect(company, selfGoverned, true)).toBe(false);
    expect(mayCollect(committee, selfGoverned, true)).toBe(true);
    expect(mayCollect(committee, served, false)).toBe(false);
    expect(mayCollect(actor([grant('property_staff', 'company', 8)]), served, false)).toBe(false);
    expect(mayCollect(actor([grant('community_staff', 'community', 10)]), served, false)).toBe(false);
  });

  it('lets only the household pay its bills online', () => {
    const home = actor([grant('resident', 'household', 5)]);
    expect(mayPayOnline(home, { ...served, householdId: 5 })).toBe(true);
    expect(mayPayOnline(home, { ...served, householdId: 6 })).toBe(false);
    expect(mayPayOnline(actor([grant('property_staff', 'company', 7)]), { ...served, householdId: 5 })).toBe(false);
  });
});
