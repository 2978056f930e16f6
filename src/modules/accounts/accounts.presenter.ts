import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rolePermissions, type Actor } from '../access/access.policy.js';
import { communities, compounds, districts, households, organisations, propertyCompanies, streets, cities, buildings, buildingUnits } from '../places/places.schema.js';
import type { MeDto } from './accounts.dto.js';
import { eq } from 'drizzle-orm';

async function namesOf(db: DbOrTx, table: typeof communities | typeof compounds | typeof propertyCompanies | typeof organisations | typeof streets | typeof districts | typeof cities, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function householdLabel(h: { compoundName: string; buildingName: string; unitName: string; number: string }): string {
  return `${h.compoundName} ${h.buildingName} ${h.unitName} ${h.number}`;
}

/** Household label as residents say it: 鼎立小区 A区12号楼 2单元 301. */
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

export async function presentMe(db: DbOrTx, actor: Actor, csrfToken: string): Promise<MeDto> {
  const idsOf = (type: string) => actor.grants.filter((g) => g.scopeType === type).map((g) => g.scopeId);
  const [communityNames, compoundNames, companyNames, orgNames, streetNames, districtNames, cityNames] = await Promise.all([
    namesOf(db, communities, idsOf('community')),
    namesOf(db, compounds, idsOf('compound')),
    namesOf(db, propertyCompanies, idsOf('company')),
    namesOf(db, organisations, idsOf('local_unit')),
    namesOf(db, streets, idsOf('street')),
    namesOf(db, districts, idsOf('district')),
    namesOf(db, cities, idsOf('city')),
  ]);
  const householdGrant = actor.grants.find((g) => g.scopeType === 'household');
  const household = householdGrant ? await householdSummary(db, householdGrant.scopeId) : null;
  const nameOf = (type: string, id: number): string => {
    switch (type) {
      case 'community': return communityNames.get(id) ?? '';
      case 'compound': return compoundNames.get(id) ?? '';
      case 'company': return companyNames.get(id) ?? '';
      case 'local_unit': return orgNames.get(id) ?? '';
      case 'street': return streetNames.get(id) ?? '';
      case 'district': return districtNames.get(id) ?? '';
      case 'city': return cityNames.get(id) ?? '';
      case 'household': return household?.label ?? '';
      default: return '全平台';
    }
  };
  const permissions = [...new Set(actor.grants.flatMap((g) => rolePermissions[g.role]))].sort();
  return {
    accountId: actor.accountId,
    username: actor.username,
    name: actor.name,
    cityId: actor.cityId,
    roles: actor.grants.map((g) => ({ role: g.role, scopeType: g.scopeType, scopeId: g.scopeId, scopeName: nameOf(g.scopeType, g.scopeId) })),
    permissions,
    household,
    csrfToken,
  };
}
