import type { Db } from '../../db/client.js';
import { buildingUnits, buildings, households } from '../places/places.schema.js';

/*
 * Test support for the money modules (imports src only, so it builds with the server): homes in
 * the self-governed compound of a test community (test/factories.ts builds it without any).
 */
export interface WorldLike {
  community: { id: number };
  selfGovernedCompound: { id: number };
}

/** A 7-floor building with three homes in the world's self-governed compound. */
export async function addSelfGovernedHomes(db: Db, world: WorldLike) {
  const communityId = world.community.id;
  const [building] = await db.insert(buildings).values({ communityId, compoundId: world.selfGovernedCompound.id, name: '1号楼', floors: 7 }).returning();
  const [unit] = await db.insert(buildingUnits).values({ communityId, buildingId: building!.id, name: '1单元' }).returning();
  const homes = await db.insert(households).values(['101', '102', '201'].map((number, i) => ({
    communityId, compoundId: world.selfGovernedCompound.id, buildingId: building!.id, unitId: unit!.id, number, areaM2: 60 + i * 5.5,
  }))).returning();
  return { building: building!, homes };
}
