import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { cities, communities, districts, propertyCompanies } from '../places/places.schema.js';
import type { RatingPlace, ServedCommunity } from './ratings.policy.js';

/** A company and the communities of the compounds it serves (what decides who assesses it). */
export interface CompanyPlace extends RatingPlace {
  name: string;
  fullName: string;
  cityName: string;
  cityCode: string;
}

export async function servedCommunities(db: DbOrTx, companyId: number): Promise<(ServedCommunity & { name: string; compounds: number })[]> {
  const rows = await queryRows<{ community_id: number; street_id: number; district_id: number; name: string; compounds: number }>(db, sql`
    select c.id as community_id, c.street_id, c.district_id, c.name, count(*)::int as compounds
    from compounds k join communities c on c.id = k.community_id
    where k.property_company_id = ${companyId} group by c.id order by c.id`);
  return rows.map((r) => ({ communityId: Number(r.community_id), streetId: Number(r.street_id), districtId: Number(r.district_id), name: r.name, compounds: Number(r.compounds) }));
}

export async function companyPlace(db: DbOrTx, companyId: number): Promise<CompanyPlace | undefined> {
  const [c] = await db.select({ id: propertyCompanies.id, cityId: propertyCompanies.cityId, name: propertyCompanies.shortName, fullName: propertyCompanies.name, cityName: cities.name, cityCode: cities.code })
    .from(propertyCompanies).innerJoin(cities, eq(cities.id, propertyCompanies.cityId)).where(eq(propertyCompanies.id, companyId));
  if (!c) return undefined;
  return { cityId: c.cityId, companyId: c.id, name: c.name, fullName: c.fullName, cityName: c.cityName, cityCode: c.cityCode, communities: await servedCommunities(db, companyId) };
}

/** The place of a rating: its company, and the communities it named when it applied (their committees assess). */
export async function ratingPlace(db: DbOrTx, companyId: number, communityIds: readonly number[]): Promise<CompanyPlace | undefined> {
  const place = await companyPlace(db, companyId);
  if (!place) return undefined;
  const known = new Set(place.communities.map((c) => c.communityId));
  const missing = communityIds.filter((id) => !known.has(id));
  const extra = missing.length
    ? await db.select({ communityId: communities.id, streetId: communities.streetId, districtId: communities.districtId }).from(communities).where(inArray(communities.id, missing))
    : [];
  const named = new Set(communityIds);
  return { ...place, communities: [...place.communities.filter((c) => named.has(c.communityId)), ...extra] };
}

export async function communityNames(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: communities.id, name: communities.name }).from(communities).where(inArray(communities.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function districtOf(db: DbOrTx, districtId: number) {
  const [d] = await db.select({ id: districts.id, name: districts.name, cityId: districts.cityId, cityName: cities.name })
    .from(districts).innerJoin(cities, eq(cities.id, districts.cityId)).where(and(eq(districts.id, districtId)));
  return d;
}

/** The housing department's name in a city (for the certificate). */
export async function departmentName(db: DbOrTx, cityId: number): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(db, sql`select name from organisations where city_id = ${cityId} and kind = 'housing_department' order by id limit 1`);
  return row?.name ?? null;
}
