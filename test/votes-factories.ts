import type { Db } from '../src/db/client.js';
import { householdMembers } from '../src/modules/accounts/accounts.schema.js';
import { buildingUnits, buildings, households } from '../src/modules/places/places.schema.js';
import { buildAccount, buildCommunity, type TestCity } from './factories.js';

/**
 * Test world of the votes module: a community (test/factories) whose served compound gets a second
 * building of owners with resident accounts — one owner holding three units — and units with no
 * registered owner (the developer's). Areas in m² with two decimals, as the register holds them.
 */
export async function buildVoteWorld(db: Db, city?: TestCity) {
  const w = await buildCommunity(db, city);
  const communityId = w.community.id;
  const [building] = await db.insert(buildings).values({ communityId, compoundId: w.compound.id, name: '2号楼', floors: 6 }).returning();
  const [unit] = await db.insert(buildingUnits).values({ communityId, buildingId: building!.id, name: '1单元' }).returning();
  const homes = await db.insert(households).values(['101', '102', '201', '202', '301', '302'].map((number, i) => ({
    communityId, compoundId: w.compound.id, buildingId: building!.id, unitId: unit!.id, number, areaM2: 90.25 + i,
  }))).returning();
  const owners = [];
  // 101, 102, 201: one owner (three units, one head); 202, 301: an owner each; 302: the developer's.
  const multi = await buildAccount(db, w.city.id, homes.slice(0, 3).map((h) => ({ role: 'resident' as const, scopeType: 'household' as const, scopeId: h.id })));
  await db.insert(householdMembers).values(homes.slice(0, 3).map((h) => ({ communityId, householdId: h.id, personId: multi.personId, relation: 'owner' as const })));
  for (const h of homes.slice(3, 5)) {
    const a = await buildAccount(db, w.city.id, [{ role: 'resident', scopeType: 'household', scopeId: h.id }]);
    await db.insert(householdMembers).values({ communityId, householdId: h.id, personId: a.personId, relation: 'owner' });
    owners.push(a);
  }
  // A tenant of 202 lives there but does not vote.
  const tenant = await buildAccount(db, w.city.id, [{ role: 'resident', scopeType: 'household', scopeId: homes[3]!.id }]);
  await db.insert(householdMembers).values({ communityId, householdId: homes[3]!.id, personId: tenant.personId, relation: 'tenant' });
  return { ...w, building2: building!, homes2: homes, owners: { multi, a: owners[0]!, b: owners[1]!, tenant } };
}
export type VoteWorld = Awaited<ReturnType<typeof buildVoteWorld>>;
