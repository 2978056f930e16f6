import { and, desc, eq, gte, inArray, isNotNull, lte, ne, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { requestStates } from '../../shared/request-states.js';
import { people } from '../accounts/accounts.schema.js';
import { buildings, communities, compounds, organisations, propertyCompanies } from '../places/places.schema.js';
import { requestCategories, requestEvents, serviceRequests } from '../requests/requests.schema.js';
import type { RequestsQuery } from './open311.params.js';
import { publicNoteActions, statesOf } from './open311.status.js';

const sr = serviceRequests;

/** The page of request rows first, by index, then joined: joins never run over the whole city. */
function pageOfRequests(db: DbOrTx, where: SQL | undefined, limit: number, offset: number) {
  return db.select({
    id: sr.id, state: sr.state, priority: sr.priority, description: sr.description, locationKind: sr.locationKind, locationText: sr.locationText,
    categoryId: sr.categoryId, communityId: sr.communityId, compoundId: sr.compoundId, buildingId: sr.buildingId,
    assigneeKind: sr.assigneeKind, assigneeCompanyId: sr.assigneeCompanyId, assigneeOrganisationId: sr.assigneeOrganisationId,
    reporterPersonId: sr.reporterPersonId, reporterName: sr.reporterName, reporterPhone: sr.reporterPhone,
    createdAt: sr.createdAt, updatedAt: sr.updatedAt, resolvedAt: sr.resolvedAt, closedAt: sr.closedAt, resolveDueAt: sr.resolveDueAt,
  }).from(sr).where(where).orderBy(desc(sr.createdAt), desc(sr.id)).limit(limit).offset(offset).as('page');
}

async function fetchRows(db: DbOrTx, where: SQL | undefined, limit: number, offset: number) {
  const page = pageOfRequests(db, where, limit, offset);
  return db.select({
    request: {
      id: page.id, state: page.state, priority: page.priority, description: page.description, locationKind: page.locationKind,
      locationText: page.locationText, compoundId: page.compoundId, assigneeKind: page.assigneeKind, reporterName: page.reporterName,
      reporterPhone: page.reporterPhone, createdAt: page.createdAt, updatedAt: page.updatedAt, resolvedAt: page.resolvedAt,
      closedAt: page.closedAt, resolveDueAt: page.resolveDueAt,
    },
    category: { code: requestCategories.code, name: requestCategories.name, respondMinutes: requestCategories.respondMinutes, resolveMinutes: requestCategories.resolveMinutes, urgentRespondMinutes: requestCategories.urgentRespondMinutes, urgentResolveMinutes: requestCategories.urgentResolveMinutes, businessHours: requestCategories.businessHours },
    compound: { name: compounds.name, lat: compounds.lat, lng: compounds.lng },
    communityName: communities.name,
    buildingName: buildings.name,
    companyName: propertyCompanies.name,
    organisationName: organisations.name,
    reporterPerson: { name: people.name, phone: people.phone },
  }).from(page)
    .innerJoin(requestCategories, eq(requestCategories.id, page.categoryId))
    .innerJoin(compounds, eq(compounds.id, page.compoundId))
    .innerJoin(communities, eq(communities.id, page.communityId))
    .leftJoin(buildings, eq(buildings.id, page.buildingId))
    .leftJoin(propertyCompanies, eq(propertyCompanies.id, page.assigneeCompanyId))
    .leftJoin(organisations, eq(organisations.id, page.assigneeOrganisationId))
    .leftJoin(people, eq(people.id, page.reporterPersonId))
    .orderBy(desc(page.createdAt), desc(page.id));
}

export type Open311Row = Awaited<ReturnType<typeof fetchRows>>[number];

/** Latest public note per request, for status_notes. */
export async function latestPublicNotes(db: DbOrTx, requestIds: number[]): Promise<Map<number, string>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db.selectDistinctOn([requestEvents.requestId], { requestId: requestEvents.requestId, note: requestEvents.note })
    .from(requestEvents)
    .where(and(inArray(requestEvents.requestId, requestIds), inArray(requestEvents.action, [...publicNoteActions]), isNotNull(requestEvents.note), ne(requestEvents.note, '')))
    .orderBy(requestEvents.requestId, desc(requestEvents.at), desc(requestEvents.id));
  return new Map(rows.map((r) => [r.requestId, r.note!]));
}

/** Category ids of the given service codes in the city (unknown codes simply match nothing). */
async function categoryIdsOf(db: DbOrTx, cityId: number, codes: string[]): Promise<number[]> {
  const rows = await db.select({ id: requestCategories.id }).from(requestCategories)
    .where(and(eq(requestCategories.cityId, cityId), inArray(requestCategories.code, codes)));
  return rows.map((r) => r.id);
}

/**
 * GET requests. Every search is bounded by city and a window of created_at, so it walks
 * service_requests_city_created_idx (or …_city_category_created_idx with service_code)
 * backwards and stops after one page; no call reads the whole city.
 */
export async function findOpen311Requests(db: DbOrTx, cityId: number, q: RequestsQuery): Promise<Open311Row[]> {
  if (q.kind === 'ids') return q.ids.length ? fetchRows(db, and(eq(sr.cityId, cityId), inArray(sr.id, q.ids)), q.ids.length, 0) : [];
  const categoryIds = q.serviceCodes ? await categoryIdsOf(db, cityId, q.serviceCodes) : undefined;
  if (categoryIds && categoryIds.length === 0) return [];
  const states = q.statuses ? statesOf(q.statuses) : undefined;
  const where = and(
    eq(sr.cityId, cityId),
    categoryIds ? (categoryIds.length === 1 ? eq(sr.categoryId, categoryIds[0]!) : inArray(sr.categoryId, categoryIds)) : undefined,
    gte(sr.createdAt, q.from), lte(sr.createdAt, q.to),
    // Both statuses are every state: no condition, so the index alone orders the page.
    states && states.length < requestStates.length ? inArray(sr.state, states) : undefined,
  );
  return fetchRows(db, where, q.pageSize, (q.page - 1) * q.pageSize);
}
