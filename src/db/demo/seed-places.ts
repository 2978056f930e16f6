import type { Db, DbOrTx } from '../client.js';
import { householdMembers, partyMembers, people } from '../../modules/accounts/accounts.schema.js';
import {
  buildingUnits, buildings, cities, communities, compounds, districts, households, organisations, propertyCompanies, streets,
} from '../../modules/places/places.schema.js';
import { demoCities, type CompoundSpec } from './demo-city.js';
import type { Random } from './random.js';
import { idNumber, mobile, personName } from './random.js';

/** Ids of the demo places, by name, for the seeders that come after (accounts, requests, …). */
export interface DemoPlaces {
  cities: Map<string, number>;
  communities: Map<string, { id: number; cityId: number; districtId: number; streetId: number }>;
  compounds: Map<string, { id: number; communityId: number; cityId: number; companyId: number | null }>;
  companies: Map<string, number>;
  organisations: Map<string, number>;
  /** Households per compound name, in address order. */
  households: Map<string, { id: number; communityId: number; compoundId: number; buildingName: string; unitName: string; number: string; personIds: number[] }[]>;
}

async function insertChunked<T extends Record<string, unknown>>(db: DbOrTx, table: Parameters<DbOrTx['insert']>[0], rows: T[]): Promise<{ id: number }[]> {
  const out: { id: number }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    out.push(...((await db.insert(table).values(chunk as never).returning({ id: (table as unknown as { id: never }).id })) as { id: number }[]));
  }
  return out;
}

function buildingNames(spec: CompoundSpec): string[] {
  return typeof spec.buildings === 'number' ? Array.from({ length: spec.buildings }, (_, i) => `${i + 1}号楼`) : spec.buildings;
}

export async function seedPlaces(db: Db, rng: Random): Promise<DemoPlaces> {
  const result: DemoPlaces = { cities: new Map(), communities: new Map(), compounds: new Map(), companies: new Map(), organisations: new Map(), households: new Map() };
  for (const citySpec of demoCities) {
    const [city] = await db.insert(cities).values({ code: citySpec.code, name: citySpec.name, province: citySpec.province }).returning();
    const cityId = city!.id;
    result.cities.set(citySpec.code, cityId);
    await db.insert(organisations).values({ cityId, kind: 'housing_department', name: `${citySpec.name}住房和城乡建设局（物业服务中心）`, phone: null });
    for (const c of citySpec.companies) {
      const [company] = await db.insert(propertyCompanies).values({ cityId, name: c.name, shortName: c.shortName, phone: c.phone }).returning();
      result.companies.set(c.shortName, company!.id);
      const [branch] = await db.insert(organisations).values({ cityId, kind: 'company_party_branch', name: `${c.shortName}党支部`, companyId: company!.id }).returning();
      result.organisations.set(`${c.shortName}党支部`, branch!.id);
    }
    for (const u of citySpec.localUnits) {
      const [unit] = await db.insert(organisations).values({ cityId, kind: 'local_unit', name: u.name, phone: u.phone }).returning();
      result.organisations.set(u.name, unit!.id);
    }
    const districtIds = new Map<string, number>();
    const streetIds = new Map<string, number>();
    for (const cs of citySpec.communities) {
      let districtId = districtIds.get(cs.district);
      if (!districtId) {
        const [d] = await db.insert(districts).values({ cityId, name: cs.district }).returning();
        districtId = d!.id;
        districtIds.set(cs.district, districtId);
      }
      let streetId = streetIds.get(cs.street);
      if (!streetId) {
        const [s] = await db.insert(streets).values({ cityId, districtId, name: cs.street }).returning();
        streetId = s!.id;
        streetIds.set(cs.street, streetId);
      }
      const [community] = await db.insert(communities).values({ cityId, districtId, streetId, name: cs.name, address: cs.address, lat: cs.lat, lng: cs.lng }).returning();
      const communityId = community!.id;
      result.communities.set(cs.name, { id: communityId, cityId, districtId, streetId });
      const committee = await db.insert(organisations).values([
        { cityId, communityId, kind: 'community_party_committee', name: `${cs.name}党委`, phone: null },
        { cityId, communityId, kind: 'residents_committee', name: `${cs.name}居民委员会`, phone: null },
        { cityId, communityId, kind: 'owners_committee', name: `${cs.name}业主委员会`, phone: null },
      ]).returning();
      for (const o of committee) result.organisations.set(o.name, o.id);
      for (const g of cs.gridBranches) {
        const [branch] = await db.insert(organisations).values({ cityId, communityId, kind: 'grid_party_branch', name: g, parentId: committee[0]!.id }).returning();
        result.organisations.set(g, branch!.id);
      }
      for (const spec of cs.compounds) {
        const companyId = spec.company ? result.companies.get(spec.company)! : null;
        const [compound] = await db.insert(compounds).values({
          communityId, cityId, name: spec.name, aliases: spec.aliases ?? [], address: spec.address, lat: spec.lat, lng: spec.lng,
          propertyCompanyId: companyId, selfGoverned: !companyId, builtYear: spec.builtYear,
        }).returning();
        const compoundId = compound!.id;
        result.compounds.set(spec.name, { id: compoundId, communityId, cityId, companyId });
        result.households.set(spec.name, await seedHouseholds(db, rng, citySpec.idRegion, cityId, communityId, compoundId, spec));
      }
    }
  }
  return result;
}

async function seedHouseholds(db: Db, rng: Random, idRegion: string, cityId: number, communityId: number, compoundId: number, spec: CompoundSpec) {
  const rows: { buildingName: string; unitName: string; unitId: number; buildingId: number; number: string; areaM2: number }[] = [];
  for (const bName of buildingNames(spec)) {
    const [b] = await db.insert(buildings).values({ communityId, compoundId, name: bName, floors: spec.floors }).returning();
    for (let u = 1; u <= spec.unitsPerBuilding; u++) {
      const [unit] = await db.insert(buildingUnits).values({ communityId, buildingId: b!.id, name: `${u}单元` }).returning();
      // One floor plan per landing position, so areas repeat floor by floor as in real buildings.
      const plans = Array.from({ length: spec.perLanding }, () => Math.round((spec.area[0] + rng.next() * (spec.area[1] - spec.area[0])) * 100) / 100);
      for (let f = 1; f <= spec.floors; f++) {
        for (let p = 1; p <= spec.perLanding; p++) {
          rows.push({ buildingName: bName, unitName: `${u}单元`, unitId: unit!.id, buildingId: b!.id, number: `${f}0${p}`, areaM2: plans[p - 1]! });
        }
      }
    }
  }
  const kept = spec.households ? rows.slice(0, spec.households) : rows;
  const ids = await insertChunked(db, households, kept.map((r) => ({ communityId, compoundId, buildingId: r.buildingId, unitId: r.unitId, number: r.number, areaM2: r.areaM2 })));

  // People: an owner per household, often a spouse, sometimes a tenant instead of the owner living there.
  const personRows: (typeof people.$inferInsert)[] = [];
  const memberPlan: { household: number; relation: 'owner' | 'co_owner' | 'tenant' | 'family' }[] = [];
  kept.forEach((_, i) => {
    const n = rng.weighted([[1, 3], [2, 5], [3, 2]] as const);
    for (let k = 0; k < n; k++) {
      const gender = rng.chance(0.5) ? 'male' : 'female';
      const birthYear = k < 2 ? rng.int(1945, 1995) : rng.int(1996, 2012);
      personRows.push({ cityId, name: personName(rng, gender), gender, birthYear, phone: birthYear < 2008 ? mobile(rng) : null, idNumber: idNumber(rng, idRegion, birthYear, gender) });
      memberPlan.push({ household: i, relation: k === 0 ? (rng.chance(0.08) ? 'tenant' : 'owner') : k === 1 ? 'co_owner' : 'family' });
    }
  });
  const personIds = await insertChunked(db, people, personRows);
  await insertChunked(db, householdMembers, memberPlan.map((m, j) => ({ communityId, householdId: ids[m.household]!.id, personId: personIds[j]!.id, relation: m.relation })));
  const byHousehold = new Map<number, number[]>();
  memberPlan.forEach((m, j) => byHousehold.set(m.household, [...(byHousehold.get(m.household) ?? []), personIds[j]!.id]));

  // About one resident in twelve is a party member: 自管 or 双报到.
  const members = personIds.filter(() => rng.chance(0.08)).map((p) => ({ communityId, personId: p.id, kind: rng.chance(0.85) ? 'dual_registered' as const : 'self_managed' as const }));
  if (members.length) await insertChunked(db, partyMembers, members);

  return kept.map((r, i) => ({ id: ids[i]!.id, communityId, compoundId, buildingName: r.buildingName, unitName: r.unitName, number: r.number, personIds: byHousehold.get(i) ?? [] }));
}
