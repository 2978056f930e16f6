import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/client.js';
import { accounts, householdMembers, people, roleGrants, type Role, type ScopeType } from '../src/modules/accounts/accounts.schema.js';
import { hashPassword } from '../src/modules/accounts/password.js';
import {
  buildingUnits, buildings, cities, communities, compounds, districts, households, organisations, propertyCompanies, streets,
} from '../src/modules/places/places.schema.js';

export const TEST_PASSWORD = 'test-password';
let passwordHash: Promise<string> | undefined;
/** One hash for every test account: hashing is deliberately slow, tests need not pay it each time. */
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD, 10);
  return passwordHash;
}

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function buildCity(db: Db, name = '测试市') {
  const s = uniqueSuffix();
  const [city] = await db.insert(cities).values({ code: `test-${s}`, name: `${name}${s}`, province: '测试省' }).returning();
  const [district] = await db.insert(districts).values({ cityId: city!.id, name: '测试区' }).returning();
  const [street] = await db.insert(streets).values({ cityId: city!.id, districtId: district!.id, name: '测试街道' }).returning();
  const [department] = await db.insert(organisations).values({ cityId: city!.id, kind: 'housing_department', name: `${city!.name}房管局` }).returning();
  const [localUnit] = await db.insert(organisations).values({ cityId: city!.id, kind: 'local_unit', name: `热力公司${s}` }).returning();
  return { city: city!, district: district!, street: street!, department: department!, localUnit: localUnit! };
}

export type TestCity = Awaited<ReturnType<typeof buildCity>>;

/** A person with an account holding the given grants. */
export async function buildAccount(db: Db, cityId: number, grants: { role: Role; scopeType: ScopeType; scopeId: number }[], opts: { name?: string; phone?: string } = {}) {
  const s = uniqueSuffix();
  const [person] = await db.insert(people).values({ cityId, name: opts.name ?? `测试${s}`, phone: opts.phone ?? `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, idNumber: '410202197501011234' }).returning();
  const username = `${grants[0]?.role ?? 'user'}-${s}`;
  const [account] = await db.insert(accounts).values({ personId: person!.id, username, passwordHash: await testPasswordHash() }).returning();
  if (grants.length) await db.insert(roleGrants).values(grants.map((g) => ({ accountId: account!.id, ...g })));
  return { username, accountId: account!.id, personId: person!.id };
}

/**
 * A community with two compounds (one served by a property company, one self-governed), a few
 * households, and one account per role. Each test builds its own, so tests run in parallel.
 */
export async function buildCommunity(db: Db, city?: TestCity) {
  const c = city ?? (await buildCity(db));
  const s = uniqueSuffix();
  const cityId = c.city.id;
  const [community] = await db.insert(communities).values({ cityId, districtId: c.district.id, streetId: c.street.id, name: `测试社区${s}`, address: `测试路${s}号`, lat: 34.79, lng: 114.34 }).returning();
  const communityId = community!.id;
  const [company] = await db.insert(propertyCompanies).values({ cityId, name: `测试物业${s}有限公司`, shortName: `测试物业${s}` }).returning();
  const [served] = await db.insert(compounds).values({ communityId, cityId, name: `测试小区${s}`, address: `测试路${s}号A`, lat: 34.791, lng: 114.341, propertyCompanyId: company!.id }).returning();
  const [selfGoverned] = await db.insert(compounds).values({ communityId, cityId, name: `自治小区${s}`, address: `测试路${s}号B`, lat: 34.795, lng: 114.345, selfGoverned: true }).returning();
  const [building] = await db.insert(buildings).values({ communityId, compoundId: served!.id, name: '1号楼', floors: 6 }).returning();
  const [unit] = await db.insert(buildingUnits).values({ communityId, buildingId: building!.id, name: '1单元' }).returning();
  const homes = await db.insert(households).values(
    ['101', '102', '201', '202'].map((number, i) => ({ communityId, compoundId: served!.id, buildingId: building!.id, unitId: unit!.id, number, areaM2: 80 + i * 10 })),
  ).returning();
  const orgs = await db.insert(organisations).values([
    { cityId, communityId, kind: 'community_party_committee' as const, name: `测试社区${s}党委` },
    { cityId, communityId, kind: 'owners_committee' as const, name: `测试社区${s}业委会` },
  ]).returning();

  const resident = await buildAccount(db, cityId, [{ role: 'resident', scopeType: 'household', scopeId: homes[0]!.id }], { name: '郑秀英', phone: '13803781201' });
  await db.insert(householdMembers).values({ communityId, householdId: homes[0]!.id, personId: resident.personId, relation: 'owner' });
  const neighbour = await buildAccount(db, cityId, [{ role: 'resident', scopeType: 'household', scopeId: homes[1]!.id }]);
  await db.insert(householdMembers).values({ communityId, householdId: homes[1]!.id, personId: neighbour.personId, relation: 'owner' });
  const staff = await buildAccount(db, cityId, [{ role: 'community_staff', scopeType: 'community', scopeId: communityId }, { role: 'party_committee', scopeType: 'community', scopeId: communityId }]);
  const property = await buildAccount(db, cityId, [{ role: 'property_staff', scopeType: 'company', scopeId: company!.id }]);
  const committee = await buildAccount(db, cityId, [{ role: 'owners_committee', scopeType: 'community', scopeId: communityId }]);
  const grid = await buildAccount(db, cityId, [{ role: 'grid_worker', scopeType: 'community', scopeId: communityId }]);
  const unitStaff = await buildAccount(db, cityId, [{ role: 'local_unit_staff', scopeType: 'local_unit', scopeId: c.localUnit.id }]);
  const dept = await buildAccount(db, cityId, [{ role: 'dept_staff', scopeType: 'city', scopeId: cityId }]);
  return {
    ...c, community: community!, company: company!, compound: served!, selfGovernedCompound: selfGoverned!, building: building!, unit: unit!,
    households: homes, partyCommittee: orgs[0]!, ownersCommittee: orgs[1]!,
    accounts: { resident, neighbour, staff, property, committee, grid, unitStaff, dept },
  };
}

export type TestCommunity = Awaited<ReturnType<typeof buildCommunity>>;

export async function buildAdmin(db: Db, cityId: number) {
  return buildAccount(db, cityId, [{ role: 'platform_admin', scopeType: 'platform', scopeId: 0 }]);
}

/** Where a role is normally granted in a test community: a resident on a household, staff on their company, unit, city or community. */
export function scopeForRole(w: TestCommunity, role: string, household = w.households[2]!.id): { scopeType: ScopeType; scopeId: number } {
  if (role === 'resident') return { scopeType: 'household', scopeId: household };
  if (role === 'property_staff') return { scopeType: 'company', scopeId: w.company.id };
  if (role === 'local_unit_staff') return { scopeType: 'local_unit', scopeId: w.localUnit.id };
  if (role === 'dept_staff') return { scopeType: 'city', scopeId: w.city.id };
  if (role === 'platform_admin') return { scopeType: 'platform', scopeId: 0 };
  // Every other role (and a module's own roles) on the community.
  return { scopeType: 'community', scopeId: w.community.id };
}
