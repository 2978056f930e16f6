import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { requestStates } from '../../shared/request-states.js';
import { people } from '../accounts/accounts.schema.js';
import { requestCategories, requestEvents, serviceRequests } from '../requests/requests.schema.js';
import type { RequestsQuery } from './open311.params.js';
import { namesOf } from './open311.names.js';
import { explainedByNote, publicNoteActions, statesOf } from './open311.status.js';

const sr = serviceRequests;

const pageColumn = (name: string) => sql`${sql.identifier('page')}.${sql.identifier(name)}`;

/**
 * One page of requests, read by index alone, each with its latest public note when its state
 * can show one (statusNotesOf): the note subquery runs on the page's rows only, one backward
 * probe of request_events_request_idx each (the timeline is the largest table).
 */
function pageOfRequests(db: DbOrTx, where: SQL | undefined, limit: number, offset: number) {
  const page = db.select({
    id: sr.id, state: sr.state, priority: sr.priority, description: sr.description, locationKind: sr.locationKind, locationText: sr.locationText,
    categoryId: sr.categoryId, compoundId: sr.compoundId, buildingId: sr.buildingId,
    assigneeKind: sr.assigneeKind, assigneeCompanyId: sr.assigneeCompanyId, assigneeOrganisationId: sr.assigneeOrganisationId,
    reporterPersonId: sr.reporterPersonId, reporterName: sr.reporterName, reporterPhone: sr.reporterPhone,
    createdAt: sr.createdAt, updatedAt: sr.updatedAt, resolvedAt: sr.resolvedAt, closedAt: sr.closedAt, resolveDueAt: sr.resolveDueAt,
  }).from(sr).where(where).orderBy(desc(sr.createdAt), desc(sr.id)).limit(limit).offset(offset).as('page');
  const noted = sql.join([...explainedByNote].map((s) => sql`${s}`), sql`, `);
  const actions = sql.join(publicNoteActions.map((a) => sql`${a}`), sql`, `);
  return db.select({
    id: page.id, state: page.state, priority: page.priority, description: page.description, locationKind: page.locationKind, locationText: page.locationText,
    categoryId: page.categoryId, compoundId: page.compoundId, buildingId: page.buildingId,
    assigneeKind: page.assigneeKind, assigneeCompanyId: page.assigneeCompanyId, assigneeOrganisationId: page.assigneeOrganisationId,
    reporterPersonId: page.reporterPersonId, reporterName: page.reporterName, reporterPhone: page.reporterPhone,
    createdAt: page.createdAt, updatedAt: page.updatedAt, resolvedAt: page.resolvedAt, closedAt: page.closedAt, resolveDueAt: page.resolveDueAt,
    // Spelled out: drizzle renders subquery fields unqualified, and a bare "id" would be e.id here.
    publicNote: sql<string | null>`case when ${pageColumn('state')} in (${noted}) then (
      select e.note from ${requestEvents} e
      where e.request_id = ${pageColumn('id')} and e.action in (${actions}) and e.note is not null and e.note <> ''
      order by e.at desc, e.id desc limit 1) end`,
  }).from(page).orderBy(desc(page.createdAt), desc(page.id));
}

type PageRow = Awaited<ReturnType<typeof pageOfRequests>>[number];

function idsOf(rows: PageRow[], pick: (r: PageRow) => number | null): number[] {
  return [...new Set(rows.map(pick).filter((id): id is number => id !== null))];
}

/** Reporters' own names and phones, to scrub them from free text; fileRequest stores them on the row. */
async function unnamedReporters(db: DbOrTx, rows: PageRow[]) {
  const ids = idsOf(rows, (r) => (r.reporterPersonId !== null && (!r.reporterName || !r.reporterPhone) ? r.reporterPersonId : null));
  const found = ids.length ? await db.select({ id: people.id, name: people.name, phone: people.phone }).from(people).where(inArray(people.id, ids)) : [];
  return new Map(found.map((p) => [p.id, p]));
}

async function fetchRows(db: DbOrTx, where: SQL | undefined, limit: number, offset: number) {
  const rows = await pageOfRequests(db, where, limit, offset);
  const names = namesOf(db);
  const [categories, places, buildingNames, companies, orgs, persons] = await Promise.all([
    names.categories.get(db, idsOf(rows, (r) => r.categoryId)),
    names.compounds.get(db, idsOf(rows, (r) => r.compoundId)),
    names.buildings.get(db, idsOf(rows, (r) => r.buildingId)),
    names.companies.get(db, idsOf(rows, (r) => r.assigneeCompanyId)),
    names.organisations.get(db, idsOf(rows, (r) => r.assigneeOrganisationId)),
    unnamedReporters(db, rows),
  ]);
  return rows.map((r) => {
    const place = places.get(r.compoundId)!;
    return {
      request: r,
      category: categories.get(r.categoryId)!,
      compound: { name: place.name, lat: place.lat, lng: place.lng },
      communityName: place.communityName,
      buildingName: r.buildingId !== null ? buildingNames.get(r.buildingId)?.name ?? null : null,
      companyName: r.assigneeCompanyId !== null ? companies.get(r.assigneeCompanyId)?.name ?? null : null,
      organisationName: r.assigneeOrganisationId !== null ? orgs.get(r.assigneeOrganisationId)?.name ?? null : null,
      reporterPerson: r.reporterPersonId !== null ? persons.get(r.reporterPersonId) ?? null : null,
    };
  });
}

export type Open311Row = Awaited<ReturnType<typeof fetchRows>>[number];

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
