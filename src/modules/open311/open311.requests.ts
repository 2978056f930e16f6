import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { requestStates, type RequestState } from '../../shared/request-states.js';
import { people } from '../accounts/accounts.schema.js';
import { requestCategories, requestEvents, serviceRequests, type AssigneeKind } from '../requests/requests.schema.js';
import type { RequestsQuery } from './open311.params.js';
import { namesOf } from './open311.names.js';
import { explainedByNote, publicNoteActions, statesOf } from './open311.status.js';

const sr = serviceRequests;

/** A timestamptz as the spec's W3C date-time in China Standard Time (see open311.time.ts), formatted by the database. */
const w3c = (column: string) => `to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`;

/** For a closed request the spec wants updated_datetime to be when it was closed. */
const updatedColumn = `case p.state when 'closed' then coalesce(p.closed_at, p.updated_at) when 'resolved' then coalesce(p.resolved_at, p.updated_at) else p.updated_at end`;

interface RawPageRow {
  id: number | string; state: RequestState; priority: 'normal' | 'urgent'; description: string; location_kind: string; location_text: string | null;
  category_id: number | string; compound_id: number | string; building_id: number | string | null; assignee_kind: AssigneeKind | null;
  assignee_company_id: number | string | null; assignee_organisation_id: number | string | null; reporter_person_id: number | string | null;
  reporter_name: string | null; reporter_phone: string | null; requested: string; updated: string; expected: string; public_note: string | null;
}

const num = (v: number | string) => Number(v);
const numOrNull = (v: number | string | null) => (v === null ? null : Number(v));

/**
 * One page of requests, read by index alone, each with its latest public note when its state
 * can show one (statusNotesOf): the note subquery runs on the page's rows only, one backward
 * probe of request_events_request_idx each (the timeline is the largest table). Raw SQL with
 * dates formatted by the database: this is the API's hottest read, and mapping 1000 rows through
 * the ORM and Date objects cost more than the query.
 */
async function pageOfRequests(db: DbOrTx, where: SQL | undefined, limit: number, offset: number) {
  const noted = sql.join([...explainedByNote].map((s) => sql`${s}`), sql`, `);
  const actions = sql.join(publicNoteActions.map((a) => sql`${a}`), sql`, `);
  const rows = await queryRows<RawPageRow>(db, sql`
    select p.id, p.state, p.priority, p.description, p.location_kind, p.location_text, p.category_id, p.compound_id, p.building_id,
      p.assignee_kind, p.assignee_company_id, p.assignee_organisation_id, p.reporter_person_id, p.reporter_name, p.reporter_phone,
      ${sql.raw(w3c('p.created_at'))} as requested, ${sql.raw(w3c(updatedColumn))} as updated, ${sql.raw(w3c('p.resolve_due_at'))} as expected,
      case when p.state in (${noted}) then (
        select e.note from ${requestEvents} e
        where e.request_id = p.id and e.action in (${actions}) and e.note is not null and e.note <> ''
        order by e.at desc, e.id desc limit 1) end as public_note
    from (
      select id, state, priority, description, location_kind, location_text, category_id, compound_id, building_id, assignee_kind,
        assignee_company_id, assignee_organisation_id, reporter_person_id, reporter_name, reporter_phone,
        created_at, updated_at, resolved_at, closed_at, resolve_due_at
      from ${sr} where ${where ?? sql`true`}
      order by created_at desc, id desc limit ${limit} offset ${offset}
    ) p
    order by p.created_at desc, p.id desc`);
  return rows.map((r) => ({
    id: num(r.id), state: r.state, priority: r.priority, description: r.description, locationKind: r.location_kind, locationText: r.location_text,
    categoryId: num(r.category_id), compoundId: num(r.compound_id), buildingId: numOrNull(r.building_id), assigneeKind: r.assignee_kind,
    assigneeCompanyId: numOrNull(r.assignee_company_id), assigneeOrganisationId: numOrNull(r.assignee_organisation_id),
    reporterPersonId: numOrNull(r.reporter_person_id), reporterName: r.reporter_name, reporterPhone: r.reporter_phone,
    requestedAt: r.requested, updatedAt: r.updated, expectedAt: r.expected, publicNote: r.public_note,
  }));
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
