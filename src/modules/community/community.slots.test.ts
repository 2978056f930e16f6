import { describe, expect, it } from 'vitest';
import { placeScope, reaches, type Home } from './community.access.js';
import { checkSlot, type VenueRow } from './community.venues.js';

/* Pure rules: a booking's slot against the room's hours, and who reaches a record of a place. */
const room = { opensAt: '08:00', closesAt: '21:00' } as VenueRow;
const now = new Date('2026-01-13T09:00:00+08:00');
const slot = (from: string, to: string) => () => checkSlot(room, new Date(from), new Date(to), now);

describe('checkSlot', () => {
  it('accepts a slot within the opening hours of one day', () => {
    expect(slot('2026-01-14T08:00:00+08:00', '2026-01-14T20:00:00+08:00')).not.toThrow();
    expect(slot('2026-01-14T19:00:00+08:00', '2026-01-14T21:00:00+08:00')).not.toThrow();
  });
  it('refuses inverted, past, too long, early, late and overnight slots', () => {
    for (const [from, to] of [
      ['2026-01-14T10:00:00+08:00', '2026-01-14T10:00:00+08:00'],
      ['2026-01-13T07:00:00+08:00', '2026-01-13T08:30:00+08:00'],
      ['2026-01-14T07:30:00+08:00', '2026-01-14T09:00:00+08:00'],
      ['2026-01-14T20:00:00+08:00', '2026-01-14T21:30:00+08:00'],
      ['2026-01-14T20:00:00+08:00', '2026-01-15T09:00:00+08:00'],
    ]) expect(slot(from!, to!), `${from} → ${to}`).toThrow();
  });
});

describe('reaches', () => {
  const place = { communityId: 7, cityId: 1, districtId: 2, streetId: 3, compoundId: 70, companyId: 9 };
  const actor = (grants: { role: string; scopeType: string; scopeId: number }[]) => ({ accountId: 1, personId: 1, username: 'u', name: 'n', cityId: 1, grants } as never);
  it('lets a resident of the compound in, and not a resident of another compound or community', () => {
    const home = (communityId: number, compoundId: number): Home[] => [{ householdId: 1, communityId, compoundId }];
    const resident = actor([{ role: 'resident', scopeType: 'household', scopeId: 1 }]);
    expect(reaches(resident, 'community:read', place, home(7, 70))).toBe(true);
    expect(reaches(resident, 'community:read', place, home(7, 71))).toBe(false);
    expect(reaches(resident, 'community:read', { ...place, compoundId: null }, home(7, 71))).toBe(true);
    expect(reaches(resident, 'community:read', place, home(8, 70))).toBe(false);
  });
  it('scopes a place for the policy with its compound and company', () => {
    expect(placeScope(place)).toEqual({ cityId: 1, districtId: 2, streetId: 3, communityId: 7, compoundId: 70, companyId: 9 });
  });
});
