import { boolean, doublePrecision, index, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref } from '../../db/columns.js';

/*
 * Places nest city → district → street → community → compound → building → unit → household.
 * City, district and street are reference tables (small, replicated everywhere when the city is
 * distributed); everything from the community down is tenant-owned and carries community_id, the
 * distribution key, so every query about one community stays on one shard.
 */

export const cities = pgTable('cities', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  province: text('province').notNull(),
  createdAt: createdAt(),
});

export const districts = pgTable('districts', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  name: text('name').notNull(),
}, (t) => [uniqueIndex('districts_city_name_uq').on(t.cityId, t.name)]);

export const streets = pgTable('streets', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  districtId: ref('district_id').notNull().references(() => districts.id),
  name: text('name').notNull(),
}, (t) => [uniqueIndex('streets_district_name_uq').on(t.districtId, t.name)]);

/** The tenant: a 社区 with its residents' committee and party committee. */
export const communities = pgTable('communities', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  districtId: ref('district_id').notNull().references(() => districts.id),
  streetId: ref('street_id').notNull().references(() => streets.id),
  name: text('name').notNull(),
  address: text('address'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('communities_street_name_uq').on(t.streetId, t.name),
  index('communities_city_idx').on(t.cityId),
]);

/** 物业服务企业. Company-owned tables carry company_id. */
export const propertyCompanies = pgTable('property_companies', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  creditCode: text('credit_code'),
  phone: text('phone'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('property_companies_city_name_uq').on(t.cityId, t.name)]);

/** 小区. propertyCompanyId is null for a self-governed compound (三无小区 / 居民自治). */
export const compounds = pgTable('compounds', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  cityId: ref('city_id').notNull().references(() => cities.id),
  name: text('name').notNull(),
  aliases: text('aliases').array().notNull().default([]),
  address: text('address'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  propertyCompanyId: ref('property_company_id').references(() => propertyCompanies.id),
  selfGoverned: boolean('self_governed').notNull().default(false),
  builtYear: bigintYear('built_year'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('compounds_community_name_uq').on(t.communityId, t.name),
  index('compounds_company_idx').on(t.propertyCompanyId),
  index('compounds_city_idx').on(t.cityId),
]);

function bigintYear(name: string) {
  return numeric(name, { precision: 4, scale: 0, mode: 'number' });
}

export const buildings = pgTable('buildings', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  name: text('name').notNull(),
  floors: numeric('floors', { precision: 3, scale: 0, mode: 'number' }),
}, (t) => [
  uniqueIndex('buildings_compound_name_uq').on(t.compoundId, t.name),
  index('buildings_community_idx').on(t.communityId),
]);

/** 单元: a stairwell entrance of a building. */
export const buildingUnits = pgTable('building_units', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  buildingId: ref('building_id').notNull().references(() => buildings.id),
  name: text('name').notNull(),
}, (t) => [uniqueIndex('building_units_building_name_uq').on(t.buildingId, t.name)]);

/** 户. Floor area is the exclusive area used for votes (art. 278) and fees. */
export const households = pgTable('households', {
  id: id(),
  communityId: ref('community_id').notNull().references(() => communities.id),
  compoundId: ref('compound_id').notNull().references(() => compounds.id),
  buildingId: ref('building_id').notNull().references(() => buildings.id),
  unitId: ref('unit_id').notNull().references(() => buildingUnits.id),
  number: text('number').notNull(),
  areaM2: numeric('area_m2', { precision: 8, scale: 2, mode: 'number' }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('households_unit_number_uq').on(t.unitId, t.number),
  index('households_community_compound_idx').on(t.communityId, t.compoundId),
  index('households_building_idx').on(t.buildingId),
]);

/*
 * Organisations that act in the system. Kinds that belong to one community (party committee,
 * grid branch, residents' committee, owners' committee) carry community_id; a company branch
 * carries company_id; the housing department and local units belong to the city.
 */
export const organisationKinds = [
  'community_party_committee',
  'grid_party_branch',
  'company_party_branch',
  'residents_committee',
  'owners_committee',
  'local_unit',
  'housing_department',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisations = pgTable('organisations', {
  id: id(),
  cityId: ref('city_id').notNull().references(() => cities.id),
  kind: text('kind', { enum: organisationKinds }).notNull(),
  name: text('name').notNull(),
  communityId: ref('community_id').references(() => communities.id),
  compoundId: ref('compound_id').references(() => compounds.id),
  companyId: ref('company_id').references(() => propertyCompanies.id),
  parentId: ref('parent_id'),
  phone: text('phone'),
  createdAt: createdAt(),
}, (t) => [
  index('organisations_community_idx').on(t.communityId),
  index('organisations_city_kind_idx').on(t.cityId, t.kind),
]);
