import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { buildingUnits, buildings, cities, communities, compounds, districts, households, organisations, propertyCompanies, streets } from '../places/places.schema.js';
import { householdLabel, type ActorPlaces } from './accounts.presenter.js';
import type { MeDto } from './accounts.dto.js';

type Named = typeof communities | typeof compounds | typeof propertyCompanies | typeof organisations | typeof streets | typeof districts | typeof cities;

const tableOfScope: Record<string, Named> = {
  community: communities, compound: compounds, company: propertyCompanies, local_unit: organisations, street: streets, district: districts, city: cities,
};

async function namesOf(db: DbOrTx, table: Named, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Household label as residents say it: 鼎立小区A区 12号楼 1单元 301. */
export async function householdSummary(db: DbOrTx, householdId: number): Promise<MeDto['household']> {
  const [row] = await db
    .select({
      id: households.id, number: households.number, communityId: households.communityId, compoundId: households.compoundId,
      communityName: communities.name, compoundName: compounds.name, buildingName: buildings.name, unitName: buildingUnits.name,
    })
    .from(households)
    .innerJoin(communities, eq(communities.id, households.communityId))
    .innerJoin(compounds, eq(compounds.id, households.compoundId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .innerJoin(buildingUnits, eq(buildingUnits.id, households.unitId))
    .where(eq(households.id, householdId));
  if (!row) return null;
  return {
    id: row.id, communityId: row.communityId, communityName: row.communityName, compoundId: row.compoundId, compoundName: row.compoundName,
    label: householdLabel(row),
  };
}

/** The names of the places an actor's grants point at, and their household (for /api/auth/me). */
export async function describeActor(db: DbOrTx, actor: Actor): Promise<ActorPlaces> {
  const scopeNames = new Map<string, string>();
  await Promise.all(Object.entries(tableOfScope).map(async ([type, table]) => {
    const ids = actor.grants.filter((g) => g.scopeType === type).map((g) => g.scopeId);
    for (const [id, name] of await namesOf(db, table, ids)) scopeNames.set(`${type}:${id}`, name);
  }));
  const householdGrant = actor.grants.find((g) => g.scopeType === 'household');
  const household = householdGrant ? await householdSummary(db, householdGrant.scopeId) : null;
  return { scopeNames, household };
}
