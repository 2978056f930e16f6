import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../access/access.policy.js';
import { actorKindsOn, canOnRequest, isAssignee, seesHousehold, seesReporterPii, type RequestFacts } from './requests.policy.js';

const actor = (accountId: number, grants: Omit<Grant, 'organisationId'>[]): Actor => ({ accountId, personId: accountId, username: 'u', name: 'n', cityId: 1, grants: grants.map((g) => ({ ...g, organisationId: null })) });
const request: RequestFacts = {
  cityId: 1, districtId: 2, streetId: 3, communityId: 7, compoundId: 70, householdId: 11, reporterAccountId: 100,
  assigneeKind: 'property_company', assigneeCompanyId: 5, assigneeOrganisationId: null, assigneeAccountId: null,
};

const reporter = actor(100, [{ role: 'resident', scopeType: 'household', scopeId: 11 }]);
const housemate = actor(101, [{ role: 'resident', scopeType: 'household', scopeId: 11 }]);
const neighbour = actor(102, [{ role: 'resident', scopeType: 'household', scopeId: 12 }]);
const dispatcher = actor(200, [{ role: 'community_staff', scopeType: 'community', scopeId: 7 }]);
const otherDispatcher = actor(201, [{ role: 'community_staff', scopeType: 'community', scopeId: 8 }]);
const property = actor(300, [{ role: 'property_staff', scopeType: 'company', scopeId: 5 }]);
const otherProperty = actor(301, [{ role: 'property_staff', scopeType: 'company', scopeId: 6 }]);
const grid = actor(400, [{ role: 'grid_worker', scopeType: 'community', scopeId: 7 }]);
const committee = actor(500, [{ role: 'owners_committee', scopeType: 'community', scopeId: 7 }]);
const dept = actor(600, [{ role: 'dept_staff', scopeType: 'city', scopeId: 1 }]);

describe('requests policy', () => {
  it('reads: household, community, assignee company, city — not neighbours, other communities or companies', () => {
    for (const a of [reporter, housemate, dispatcher, property, committee, dept]) expect(canOnRequest(a, 'requests:read', request)).toBe(true);
    for (const a of [neighbour, otherDispatcher, otherProperty]) expect(canOnRequest(a, 'requests:read', request)).toBe(false);
  });

  it('a grid worker reaches only the orders assigned to them', () => {
    expect(canOnRequest(grid, 'requests:read', request)).toBe(false);
    const theirs = { ...request, assigneeKind: 'grid_worker', assigneeCompanyId: null, assigneeAccountId: 400 };
    expect(canOnRequest(grid, 'requests:read', theirs)).toBe(true);
    expect(actorKindsOn(grid, theirs)).toEqual(['assignee']);
  });

  it('names the capacities an actor acts in', () => {
    expect(actorKindsOn(reporter, request)).toEqual(['reporter']);
    expect(actorKindsOn(housemate, request)).toEqual(['reporter']);
    expect(actorKindsOn(dispatcher, request)).toEqual(['dispatcher', 'consultant']);
    expect(actorKindsOn(committee, request)).toEqual(['consultant']);
    expect(actorKindsOn(property, request)).toEqual(['assignee']);
    expect(actorKindsOn(dept, request)).toEqual([]);
    expect(isAssignee(property, { ...request, assigneeKind: null, assigneeCompanyId: null })).toBe(false);
  });

  it('shows reporter details to the reporter, the assignee and PII staff only', () => {
    expect(seesReporterPii(reporter, request)).toBe(true);
    expect(seesReporterPii(property, request)).toBe(true);
    expect(seesReporterPii(dispatcher, request)).toBe(true);
    expect(seesReporterPii(dept, request)).toBe(false);
    expect(seesReporterPii(committee, request)).toBe(false);
    expect(seesHousehold(property, request)).toBe(false);
    expect(seesHousehold(dispatcher, request)).toBe(true);
  });
});
