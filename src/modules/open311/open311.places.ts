import { and, asc, between, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../server/errors.js';
import { buildings, cities, communities, compounds } from '../places/places.schema.js';
import { Open311Errors } from './open311.errors.js';
import {
  boundingDegrees, matchAddress, matchBuilding, nearestCompound, type CompoundCandidate,
} from './open311.location.js';

export interface Jurisdiction {
  id: number;
  code: string;
  name: string;
}

/**
 * jurisdiction_id is the city code (e.g. "kaifeng"). The spec lets a server that serves one
 * jurisdiction treat it as optional; with several cities it is required.
 */
export async function resolveJurisdiction(db: DbOrTx, jurisdictionId: string | undefined): Promise<Jurisdiction> {
  const select = { id: cities.id, code: cities.code, name: cities.name };
  if (jurisdictionId) {
    const [city] = await db.select(select).from(cities).where(eq(cities.code, jurisdictionId));
    if (!city) throw new AppError(Open311Errors.OPEN311_JURISDICTION_NOT_FOUND, `jurisdiction_id "${jurisdictionId}" not found`);
    return city;
  }
  const found = await db.select(select).from(cities).orderBy(asc(cities.id)).limit(2);
  if (found.length === 1) return found[0]!;
  throw new AppError(Open311Errors.OPEN311_JURISDICTION_REQUIRED, 'jurisdiction_id was not provided (this endpoint serves several cities; use the city code, e.g. kaifeng)');
}

const candidateSelect = {
  id: compounds.id, communityId: compounds.communityId, communityName: communities.name, name: compounds.name,
  aliases: compounds.aliases, address: compounds.address, lat: compounds.lat, lng: compounds.lng,
};

function candidates(db: DbOrTx) {
  return db.select(candidateSelect).from(compounds).innerJoin(communities, eq(communities.id, compounds.communityId));
}

export interface LocationInput {
  addressId?: string;
  addressString?: string;
  lat?: number;
  lng?: number;
}

export interface ResolvedLocation {
  compound: CompoundCandidate;
  buildingId: number | null;
  via: 'address_id' | 'address_string' | 'lat_long';
}

type Attempt = ResolvedLocation | string;

async function byAddressId(db: DbOrTx, city: Jurisdiction, addressId: string): Promise<Attempt> {
  const id = /^\d{1,15}$/.test(addressId) ? Number(addressId) : NaN;
  const [compound] = Number.isNaN(id) ? [] : await candidates(db).where(and(eq(compounds.id, id), eq(compounds.cityId, city.id)));
  return compound ? { compound, buildingId: null, via: 'address_id' } : `address_id "${addressId}" is not a compound of ${city.name}`;
}

async function byAddressString(db: DbOrTx, city: Jurisdiction, text: string): Promise<Attempt> {
  // A city has a few thousand compounds: matching them in memory beats a fuzzy SQL search.
  const match = matchAddress(text, await candidates(db).where(eq(compounds.cityId, city.id)));
  if (match.kind === 'none') return `address_string "${text}" does not match the name, alias or address of any compound in ${city.name}`;
  if (match.kind === 'ambiguous') {
    const names = match.candidates.slice(0, 5).map((c) => c.name).join('、');
    return `address_string "${text}" matches several compounds (${names}); name the compound, e.g. "${match.candidates[0]!.name} 1号楼"`;
  }
  const rows = await db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.compoundId, match.compound.id));
  return { compound: match.compound, buildingId: matchBuilding(text, rows)?.id ?? null, via: 'address_string' };
}

async function byCoordinates(db: DbOrTx, city: Jurisdiction, lat: number, lng: number, radius: number): Promise<Attempt> {
  const box = boundingDegrees(lat, radius);
  const near = await candidates(db).where(and(
    eq(compounds.cityId, city.id), isNotNull(compounds.lat), isNotNull(compounds.lng),
    between(compounds.lat, lat - box.dLat, lat + box.dLat), between(compounds.lng, lng - box.dLng, lng + box.dLng),
  ));
  const nearest = nearestCompound({ lat, lng }, near, radius);
  return nearest ? { compound: nearest.compound, buildingId: null, via: 'lat_long' } : `no compound of ${city.name} lies within ${radius} m of lat ${lat}, long ${lng}`;
}

/**
 * The compound (and building) a request is about: address_id, then address_string, then
 * lat/long; the first that matches wins. None matching is a 400 that says why each failed.
 */
export async function resolveLocation(db: DbOrTx, city: Jurisdiction, input: LocationInput, radius = 500): Promise<ResolvedLocation> {
  const hasPoint = input.lat !== undefined || input.lng !== undefined;
  if (!input.addressId && !input.addressString && !hasPoint) {
    throw new AppError(Open311Errors.OPEN311_LOCATION_REQUIRED, 'A location is required: lat and long, address_string or address_id');
  }
  if (hasPoint && (input.lat === undefined || input.lng === undefined)) {
    throw new AppError(Open311Errors.OPEN311_BAD_PARAMETER, 'lat and long must be sent together');
  }
  const reasons: string[] = [];
  const attempts: (() => Promise<Attempt>)[] = [];
  if (input.addressId) attempts.push(() => byAddressId(db, city, input.addressId!));
  if (input.addressString) attempts.push(() => byAddressString(db, city, input.addressString!));
  if (hasPoint) attempts.push(() => byCoordinates(db, city, input.lat!, input.lng!, radius));
  for (const attempt of attempts) {
    const result = await attempt();
    if (typeof result !== 'string') return result;
    reasons.push(result);
  }
  throw new AppError(Open311Errors.OPEN311_LOCATION_UNMATCHED, `The location could not be matched to a compound: ${reasons.join('; ')}`);
}
