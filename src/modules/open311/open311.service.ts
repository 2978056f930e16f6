import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../server/errors.js';
import { classificationRules, requestCategories } from '../requests/requests.schema.js';
import { Open311Errors } from './open311.errors.js';
import type { Jurisdiction } from './open311.places.js';
import { MAX_REQUESTS, parseRequestsQuery, type RawRequestsQuery } from './open311.params.js';
import { presentRequest, presentService, serviceDefinitionOf, type Open311Request, type Open311Service } from './open311.presenter.js';
import { findOpen311Requests } from './open311.requests.js';

export const OPEN311_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's contract last changed (the discovery "changeset"). */
export const OPEN311_CHANGESET = '2026-01-13T00:00:00+08:00';

/** Service discovery: one production endpoint, both formats. */
export function discoveryOf(baseUrl: string) {
  return {
    changeset: OPEN311_CHANGESET,
    contact: '共治 Gongzhi: contact your city\'s housing department (房管局) or the platform administrator.',
    key_service: 'Reading is open to all. To POST requests ask a platform administrator for an api_key: keys are issued per organisation (POST /api/admin/open311-keys) and may be bound to one community.',
    max_requests: MAX_REQUESTS,
    endpoints: [{
      specification: OPEN311_SPECIFICATION, url: baseUrl, changeset: OPEN311_CHANGESET, type: 'production',
      formats: ['text/xml', 'application/json'],
    }],
  };
}

/** Active categories of the city, in display order, with their classification keywords. */
export async function listServices(db: DbOrTx, city: Jurisdiction): Promise<Open311Service[]> {
  const categories = await db.select().from(requestCategories)
    .where(and(eq(requestCategories.cityId, city.id), eq(requestCategories.active, true)))
    .orderBy(asc(requestCategories.sortOrder), asc(requestCategories.id));
  const ids = categories.map((c) => c.id);
  const rules = ids.length ? await db.select({ categoryId: classificationRules.categoryId, keywords: classificationRules.keywords }).from(classificationRules).where(inArray(classificationRules.categoryId, ids)) : [];
  return categories.map((c) => presentService(c, [...new Set(rules.filter((r) => r.categoryId === c.id).flatMap((r) => r.keywords))]));
}

export async function getServiceDefinition(db: DbOrTx, city: Jurisdiction, code: string) {
  const [category] = await db.select({ code: requestCategories.code }).from(requestCategories)
    .where(and(eq(requestCategories.cityId, city.id), eq(requestCategories.code, code), eq(requestCategories.active, true)));
  if (!category) throw new AppError(Open311Errors.OPEN311_SERVICE_NOT_FOUND, `service_code "${code}" not found in ${city.name}`);
  return serviceDefinitionOf(category.code);
}

/** GET requests: public, scrubbed of reporters and households (see open311.privacy.ts). */
export async function listRequests(db: DbOrTx, city: Jurisdiction, query: RawRequestsQuery, now: Date): Promise<Open311Request[]> {
  return (await findOpen311Requests(db, city.id, parseRequestsQuery(query, now))).map(presentRequest);
}

/** GET requests/{id}: another city's request is as missing as one that never existed. */
export async function getRequest(db: DbOrTx, city: Jurisdiction, idText: string): Promise<Open311Request[]> {
  const id = /^\d{1,15}$/.test(idText) ? Number(idText) : NaN;
  const rows = Number.isNaN(id) ? [] : await findOpen311Requests(db, city.id, { kind: 'ids', ids: [id] });
  if (rows.length === 0) throw new AppError(Open311Errors.OPEN311_REQUEST_NOT_FOUND, `service_request_id "${idText}" not found in ${city.name}`);
  return rows.map(presentRequest);
}
