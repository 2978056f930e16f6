import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { PhotoInput } from '../requests/requests.photos.js';
import { fileRequest } from '../requests/requests.service.js';
import { locationKinds, requestCategories } from '../requests/requests.schema.js';
import { Open311Errors } from './open311.errors.js';
import { verifyApiKey, type VerifiedApiKey } from './open311.keys.js';
import { resolveJurisdiction, resolveLocation, type Jurisdiction, type LocationInput } from './open311.places.js';
import { serviceNoticeOf } from './open311.presenter.js';

type LocationKind = (typeof locationKinds)[number];

/** What a POST requests call carries, form fields and query merged. */
export interface CreateParams {
  apiKey?: string;
  jurisdictionId?: string;
  serviceCode?: string;
  location: LocationInput;
  description?: string;
  reporter: { name: string | null; phone: string | null; email: string | null };
  locationKind?: LocationKind;
  contactTime?: string;
}

const bad = (description: string) => new AppError(Open311Errors.OPEN311_BAD_PARAMETER, description);

/** Form posts send every value as text; "Optional" arguments sent empty count as absent. */
function text(params: Record<string, unknown>, name: string, max: number): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null) return undefined;
  const value = (Array.isArray(raw) ? String(raw[raw.length - 1] ?? '') : String(raw)).trim();
  if (value.length > max) throw bad(`${name} is limited to ${max} characters`);
  return value === '' ? undefined : value;
}

function coordinate(params: Record<string, unknown>, name: 'lat' | 'long', limit: number): number | undefined {
  const value = text(params, name, 40);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw bad(`${name} must be a WGS84 number between -${limit} and ${limit}`);
  return n;
}

/** attribute[code]=value from a form, or {"attribute": {code: value}} from JSON. */
function attribute(params: Record<string, unknown>, code: string): string | undefined {
  const nested = params.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) return text(nested as Record<string, unknown>, code, 200);
  return text(params, `attribute[${code}]`, 200);
}

/** Chinese names are family name first, written without a space. */
function fullName(first: string | undefined, last: string | undefined): string | null {
  if (!first && !last) return null;
  if (/[\u3400-\u9fff]/.test(`${first ?? ''}${last ?? ''}`)) return `${last ?? ''}${first ?? ''}`;
  return [first, last].filter(Boolean).join(' ');
}

export function parseCreateParams(params: Record<string, unknown>): CreateParams {
  const locationKind = attribute(params, 'location_kind');
  if (locationKind && !(locationKinds as readonly string[]).includes(locationKind)) {
    throw bad(`attribute[location_kind] "${locationKind}" is not one of ${locationKinds.join(', ')}`);
  }
  return {
    apiKey: text(params, 'api_key', 200),
    jurisdictionId: text(params, 'jurisdiction_id', 100),
    serviceCode: text(params, 'service_code', 100),
    location: {
      addressId: text(params, 'address_id', 40), addressString: text(params, 'address_string', 200),
      lat: coordinate(params, 'lat', 90), lng: coordinate(params, 'long', 180),
    },
    // The spec limits description to 4,000 characters.
    description: text(params, 'description', 4000),
    reporter: {
      name: fullName(text(params, 'first_name', 50), text(params, 'last_name', 50)),
      phone: text(params, 'phone', 30) ?? null, email: text(params, 'email', 200) ?? null,
    },
    locationKind: locationKind as LocationKind | undefined,
    contactTime: attribute(params, 'contact_time'),
  };
}

async function activeCategory(ctx: AppContext, city: Jurisdiction, code: string | undefined) {
  if (!code) throw new AppError(Open311Errors.OPEN311_SERVICE_CODE_REQUIRED, 'service_code was not provided');
  const [category] = await ctx.db.select().from(requestCategories)
    .where(and(eq(requestCategories.cityId, city.id), eq(requestCategories.code, code), eq(requestCategories.active, true)));
  if (!category) throw new AppError(Open311Errors.OPEN311_SERVICE_NOT_FOUND, `service_code "${code}" not found in ${city.name}`);
  return category;
}

/**
 * POST requests: checks the api_key, the jurisdiction, the service and the location, keeps a
 * community-bound key inside its community, then files through the requests module.
 */
export async function createOpen311Request(ctx: AppContext, p: CreateParams, extra: { idempotencyKey: string | null; photos: PhotoInput[]; key?: VerifiedApiKey }) {
  const key = extra.key ?? await verifyApiKey(ctx.db, p.apiKey);
  const city = await resolveJurisdiction(ctx.db, p.jurisdictionId ?? key.cityCode);
  if (city.id !== key.cityId) throw new AppError(Open311Errors.OPEN311_API_KEY_INVALID, `This api_key is not valid for jurisdiction_id "${city.code}"`);
  const category = await activeCategory(ctx, city, p.serviceCode);
  const place = await resolveLocation(ctx.db, city, p.location);
  if (key.communityId !== null && place.compound.communityId !== key.communityId) {
    throw new AppError(Open311Errors.OPEN311_OUTSIDE_KEY_SCOPE, `This api_key may only file requests in its own community; ${place.compound.name} is in ${place.compound.communityName}`);
  }
  const { requestId, replayed } = await fileRequest(ctx, {
    reporter: { kind: 'external', apiKeyId: key.id, ...p.reporter },
    compoundId: place.compound.id, buildingId: place.buildingId, categoryId: category.id,
    description: p.description ?? category.name,
    locationKind: p.locationKind ?? (place.buildingId ? 'building' : 'public_area'),
    locationText: p.location.addressString ?? null, lat: p.location.lat ?? null, lng: p.location.lng ?? null,
    contactTime: p.contactTime ?? null, source: 'open311', idempotencyKey: extra.idempotencyKey, photos: extra.photos,
  });
  // With the category given, fileRequest files at normal priority: the notice states that SLA.
  return { replayed, receipt: { service_request_id: String(requestId), service_notice: serviceNoticeOf(category, 'normal'), account_id: null } };
}
