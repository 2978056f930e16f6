import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { offsetOf, likePattern } from '../../server/pagination.js';
import { maskName, maskPhone } from '../../shared/mask.js';
import { can, grantsWith, scopeFilter, type Actor } from '../access/access.policy.js';
import { scopeCondition } from '../access/access.sql.js';
import { requireAccess } from '../access/access.service.js';
import { householdMembers, people } from '../accounts/accounts.schema.js';
import { buildingScope, communityScope, compoundScope, householdScope } from './places.scope.js';
import {
  buildingUnits, buildings, cities, communities, compounds, districts, households, organisations, propertyCompanies, streets,
} from './places.schema.js';

interface ListInput {
  q?: string;
  page: number;
  pageSize: number;
}

// Correlated subqueries name the outer table explicitly: Drizzle leaves columns unqualified
// when a select has a single table, and an unqualified "id" would bind to the inner table.
const householdCountSql = sql<number>`(select count(*)::int from households h where h.community_id = communities.id)`;
const compoundCountSql = sql<number>`(select count(*)::int from compounds c where c.community_id = communities.id)`;

/** Communities the actor may browse: by city/district/street/community grants, or serving company. */
function communityVisibility(actor: Actor): SQL {
  const filter = scopeFilter(actor, 'places:read');
  const direct = scopeCondition(filter, {
    city: communities.cityId, district: communities.districtId, street: communities.streetId, community: communities.id,
  });
  const companyIds = filter.ids.company ?? [];
  if (companyIds.length === 0) return direct;
  return or(direct, sql`${communities.id} in (select community_id from compounds where property_company_id in ${companyIds})`)!;
}

/** A community with its place names and counts, as the list and the detail both show it. */
function selectCommunities(db: DbOrTx) {
  return db
    .select({
      id: communities.id, name: communities.name, address: communities.address, lat: communities.lat, lng: communities.lng,
      cityName: cities.name, districtName: districts.name, streetName: streets.name,
      compoundCount: compoundCountSql, householdCount: householdCountSql,
    })
    .from(communities)
    .innerJoin(cities, eq(cities.id, communities.cityId))
    .innerJoin(districts, eq(districts.id, communities.districtId))
    .innerJoin(streets, eq(streets.id, communities.streetId));
}

export async function listCommunities(db: DbOrTx, actor: Actor, input: ListInput) {
  const where = and(
    communityVisibility(actor),
    input.q ? or(ilike(communities.name, likePattern(input.q)), ilike(communities.address, likePattern(input.q))) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    selectCommunities(db)
      .where(where)
      .orderBy(asc(communities.name), asc(communities.id))
      .limit(input.pageSize)
      .offset(offsetOf(input.page, input.pageSize)),
    db.select({ n: count() }).from(communities).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

export async function getCommunity(db: DbOrTx, actor: Actor, id: number) {
  const [row] = await selectCommunities(db).where(and(eq(communities.id, id), communityVisibility(actor)));
  if (!row) requireAccess(actor, 'places:read', undefined, 'Community');
  const [orgs, companies] = await Promise.all([
    db
      .select({ id: organisations.id, kind: organisations.kind, name: organisations.name, phone: organisations.phone })
      .from(organisations)
      .where(eq(organisations.communityId, id))
      .orderBy(asc(organisations.kind), asc(organisations.id)),
    db
      .select({ id: propertyCompanies.id, name: propertyCompanies.name, compoundCount: sql<number>`count(*)::int` })
      .from(compounds)
      .innerJoin(propertyCompanies, eq(propertyCompanies.id, compounds.propertyCompanyId))
      .where(eq(compounds.communityId, id))
      .groupBy(propertyCompanies.id, propertyCompanies.name),
  ]);
  return { ...row!, organisations: orgs, companies };
}

const buildingCountSql = sql<number>`(select count(*)::int from buildings b where b.compound_id = compounds.id)`;
const compoundHouseholdsSql = sql<number>`(select count(*)::int from households h where h.compound_id = compounds.id)`;
const compoundAreaSql = sql<number>`(select coalesce(sum(h.area_m2), 0)::float8 from households h where h.compound_id = compounds.id)`;

function compoundSelect() {
  return {
    id: compounds.id, communityId: compounds.communityId, name: compounds.name, address: compounds.address,
    selfGoverned: compounds.selfGoverned, companyId: propertyCompanies.id, companyName: propertyCompanies.name,
    buildingCount: buildingCountSql, householdCount: compoundHouseholdsSql, totalAreaM2: compoundAreaSql,
  };
}

function presentCompound(r: { id: number; communityId: number; name: string; address: string | null; selfGoverned: boolean; companyId: number | null; companyName: string | null; buildingCount: number; householdCount: number; totalAreaM2: number }) {
  return {
    id: r.id, communityId: r.communityId, name: r.name, address: r.address, selfGoverned: r.selfGoverned,
    company: r.companyId ? { id: r.companyId, name: r.companyName ?? '' } : null,
    buildingCount: r.buildingCount, householdCount: r.householdCount, totalAreaM2: Number(r.totalAreaM2),
  };
}

/** Compounds of a community; property staff see only the compounds their company serves. */
export async function listCompounds(db: DbOrTx, actor: Actor, communityId: number, input: ListInput) {
  const scope = await communityScope(db, communityId);
  const filter = scopeFilter(actor, 'places:read');
  const seesWholeCommunity = !!scope && can(actor, 'places:read', scope);
  const companyIds = filter.ids.company ?? [];
  if (!seesWholeCommunity && companyIds.length === 0) requireAccess(actor, 'places:read', undefined, 'Community');
  const where = and(
    eq(compounds.communityId, communityId),
    seesWholeCommunity ? undefined : inArray(compounds.propertyCompanyId, companyIds),
    input.q ? or(ilike(compounds.name, likePattern(input.q)), ilike(compounds.address, likePattern(input.q))) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select(compoundSelect()).from(compounds).leftJoin(propertyCompanies, eq(propertyCompanies.id, compounds.propertyCompanyId))
      .where(where).orderBy(asc(compounds.name), asc(compounds.id)).limit(input.pageSize).offset(offsetOf(input.page, input.pageSize)),
    db.select({ n: count() }).from(compounds).where(where),
  ]);
  if (!seesWholeCommunity && (total?.n ?? 0) === 0) requireAccess(actor, 'places:read', undefined, 'Community');
  return { items: rows.map(presentCompound), total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

export async function getCompound(db: DbOrTx, actor: Actor, id: number) {
  requireAccess(actor, 'places:read', await compoundScope(db, id), 'Compound');
  const [row] = await db.select(compoundSelect()).from(compounds).leftJoin(propertyCompanies, eq(propertyCompanies.id, compounds.propertyCompanyId)).where(eq(compounds.id, id));
  return presentCompound(row!);
}

/**
 * Compounds in which the actor is a resident (through a household grant). Residents may name a
 * building of their own compound when reporting a problem, so they see its building names.
 */
async function ownCompoundIds(db: DbOrTx, actor: Actor): Promise<number[]> {
  const householdIds = grantsWith(actor, 'places:read').filter((g) => g.scopeType === 'household').map((g) => g.scopeId);
  if (householdIds.length === 0) return [];
  const rows = await db.selectDistinct({ compoundId: households.compoundId }).from(households).where(inArray(households.id, householdIds));
  return rows.map((r) => r.compoundId);
}

/** Buildings of a compound: full figures for staff in scope, names only for residents of the compound. */
export async function listBuildings(db: DbOrTx, actor: Actor, compoundId: number, input: ListInput) {
  const scope = await compoundScope(db, compoundId);
  const namesOnly = !!scope && !can(actor, 'places:read', scope) && (await ownCompoundIds(db, actor)).includes(compoundId);
  if (!namesOnly) requireAccess(actor, 'places:read', scope, 'Compound');
  const where = and(eq(buildings.compoundId, compoundId), input.q ? ilike(buildings.name, likePattern(input.q)) : undefined);
  const order = [sql`length(${buildings.name})`, asc(buildings.name), asc(buildings.id)];
  if (namesOnly) {
    const [rows, [total]] = await Promise.all([
      db.select({ id: buildings.id, compoundId: buildings.compoundId, name: buildings.name }).from(buildings).where(where)
        .orderBy(...order).limit(input.pageSize).offset(offsetOf(input.page, input.pageSize)),
      db.select({ n: count() }).from(buildings).where(where),
    ]);
    const items = rows.map((r) => ({ ...r, floors: null, unitCount: null, householdCount: null }));
    return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
  }
  const [rows, [total]] = await Promise.all([
    db.select({
      id: buildings.id, compoundId: buildings.compoundId, name: buildings.name, floors: buildings.floors,
      // Qualified by hand: Drizzle leaves columns unqualified in single-table selects.
      unitCount: sql<number>`(select count(*)::int from building_units u where u.building_id = buildings.id)`,
      householdCount: sql<number>`(select count(*)::int from households h where h.building_id = buildings.id)`,
    }).from(buildings).where(where)
      .orderBy(...order)
      .limit(input.pageSize).offset(offsetOf(input.page, input.pageSize)),
    db.select({ n: count() }).from(buildings).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

type HouseholdRow = { id: number; communityId: number; compoundId: number; buildingId: number; unitName: string; number: string; areaM2: number; compoundName: string; buildingName: string };

async function presentHouseholds(db: DbOrTx, rows: HouseholdRow[], showPii: (r: HouseholdRow) => boolean) {
  const ids = rows.map((r) => r.id);
  const members = ids.length === 0 ? [] : await db
    .select({ householdId: householdMembers.householdId, personId: people.id, name: people.name, phone: people.phone, relation: householdMembers.relation })
    .from(householdMembers).innerJoin(people, eq(people.id, householdMembers.personId))
    .where(inArray(householdMembers.householdId, ids))
    // Owners first, then co-owners, tenants and family, as a household register lists them.
    .orderBy(sql`case ${householdMembers.relation} when 'owner' then 0 when 'co_owner' then 1 when 'tenant' then 2 else 3 end`, asc(householdMembers.id));
  return rows.map((r) => {
    const pii = showPii(r);
    return {
      id: r.id, communityId: r.communityId, compoundId: r.compoundId, buildingId: r.buildingId, unitName: r.unitName, number: r.number,
      label: `${r.compoundName} ${r.buildingName} ${r.unitName} ${r.number}`, areaM2: Number(r.areaM2),
      members: members.filter((m) => m.householdId === r.id).map((m) => ({
        personId: m.personId, relation: m.relation,
        name: pii ? m.name : maskName(m.name) ?? '', phone: pii ? m.phone : maskPhone(m.phone),
      })),
    };
  });
}

function householdSelect() {
  return {
    id: households.id, communityId: households.communityId, compoundId: households.compoundId, buildingId: households.buildingId,
    unitName: buildingUnits.name, number: households.number, areaM2: households.areaM2, compoundName: compounds.name, buildingName: buildings.name,
  };
}

export async function listHouseholds(db: DbOrTx, actor: Actor, buildingId: number, input: ListInput) {
  const scope = await buildingScope(db, buildingId);
  requireAccess(actor, 'households:read', scope, 'Building');
  const where = and(eq(households.buildingId, buildingId), input.q ? ilike(households.number, likePattern(input.q)) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select(householdSelect()).from(households)
      .innerJoin(buildingUnits, eq(buildingUnits.id, households.unitId))
      .innerJoin(buildings, eq(buildings.id, households.buildingId))
      .innerJoin(compounds, eq(compounds.id, households.compoundId))
      .where(where).orderBy(asc(buildingUnits.name), sql`length(${households.number})`, asc(households.number))
      .limit(input.pageSize).offset(offsetOf(input.page, input.pageSize)),
    db.select({ n: count() }).from(households).where(where),
  ]);
  const pii = can(actor, 'people:read_pii', scope);
  return { items: await presentHouseholds(db, rows, () => pii), total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

/** A resident's own household, or any household in a staff member's scope. */
export async function getHousehold(db: DbOrTx, actor: Actor, id: number) {
  const scope = await householdScope(db, id);
  if (!scope || !(can(actor, 'households:read', scope) || can(actor, 'places:read', { householdId: id }))) {
    requireAccess(actor, 'households:read', undefined, 'Household');
  }
  const rows = await db.select(householdSelect()).from(households)
    .innerJoin(buildingUnits, eq(buildingUnits.id, households.unitId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .innerJoin(compounds, eq(compounds.id, households.compoundId))
    .where(eq(households.id, id));
  // The household's own members see their own data; staff see it only with people:read_pii.
  const own = actor.grants.some((g) => g.scopeType === 'household' && g.scopeId === id);
  const [item] = await presentHouseholds(db, rows, () => own || can(actor, 'people:read_pii', scope!));
  return item!;
}

/** Property companies serving compounds the actor can see. */
export async function listCompanies(db: DbOrTx, actor: Actor) {
  const filter = scopeFilter(actor, 'places:read');
  const where = or(
    scopeCondition(filter, { city: communities.cityId, district: communities.districtId, street: communities.streetId, community: communities.id }),
    scopeCondition(filter, { company: propertyCompanies.id }),
  );
  return db
    .select({ id: propertyCompanies.id, name: propertyCompanies.name, shortName: propertyCompanies.shortName, phone: propertyCompanies.phone, compoundCount: sql<number>`count(distinct ${compounds.id})::int` })
    .from(propertyCompanies)
    .innerJoin(compounds, eq(compounds.propertyCompanyId, propertyCompanies.id))
    .innerJoin(communities, eq(communities.id, compounds.communityId))
    .where(where)
    .groupBy(propertyCompanies.id)
    .orderBy(asc(propertyCompanies.name));
}

/**
 * 辖区单位 (heat, water, power companies, police stations…) of the actor's city, whom requests
 * are dispatched to: for staff, whose grants sit in one city. A resident (household grants only)
 * gets none — they never choose an assignee.
 */
export async function listLocalUnits(db: DbOrTx, actor: Actor) {
  const staff = grantsWith(actor, 'places:read').some((g) => g.scopeType !== 'household');
  if (!staff) return [];
  return db.select({ id: organisations.id, name: organisations.name, phone: organisations.phone }).from(organisations)
    .where(and(eq(organisations.cityId, actor.cityId), eq(organisations.kind, 'local_unit')))
    .orderBy(asc(organisations.name), asc(organisations.id));
}
