import { and, asc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { likePattern } from '../../server/pagination.js';
import { grantsWith, type Actor } from '../access/access.policy.js';
import { accounts, people } from '../accounts/accounts.schema.js';
import { buildings, compounds, organisations, propertyCompanies } from '../places/places.schema.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../shared/shanghai-time.js';
import type { RequestState } from '../../shared/request-states.js';
import { requestListCondition } from './requests.policy.js';
import { requestCategories, serviceRequests } from './requests.schema.js';

import type { RequestDetailDto, RequestFilters } from './requests.dto.js';

export type { RequestFilters };

const t = serviceRequests;

/** States in which a deadline still runs. */
const runningStates: RequestState[] = ['submitted', 'dispatched', 'accepted', 'in_progress', 'returned', 'reopened', 'escalated'];

/** The deadline that counts now (shared runningDeadline): respond until accepted and again once reopened, then resolve. */
const currentDue = sql`case when ${t.acceptedAt} is null or ${t.state} = 'reopened' then ${t.respondDueAt} else ${t.resolveDueAt} end`;

/** Past the deadline that counts now, while a deadline still runs. */
export function overdueCondition(now: Date): SQL {
  return and(inArray(t.state, runningStates), sql`${currentDue} < ${now.toISOString()}::timestamptz`)!;
}

function assigneeCondition(actor: Actor, value: string): SQL {
  if (value === 'none') return isNull(t.assigneeKind);
  if (value === 'me') {
    const parts: SQL[] = [eq(t.assigneeAccountId, actor.accountId)];
    for (const g of grantsWith(actor, 'requests:work')) {
      if (g.scopeType === 'company') parts.push(and(eq(t.assigneeKind, 'property_company'), eq(t.assigneeCompanyId, g.scopeId))!);
      if (g.scopeType === 'local_unit') parts.push(and(eq(t.assigneeKind, 'local_unit'), eq(t.assigneeOrganisationId, g.scopeId))!);
    }
    return or(...parts)!;
  }
  const [kind, raw] = value.split(':');
  const id = Number(raw);
  if (!Number.isSafeInteger(id)) return sql`false`;
  if (kind === 'company') return eq(t.assigneeCompanyId, id);
  if (kind === 'org') return eq(t.assigneeOrganisationId, id);
  if (kind === 'account') return eq(t.assigneeAccountId, id);
  return sql`false`;
}

/** WHERE of a list: the actor's scope AND the filters. */
export function listWhere(actor: Actor, f: RequestFilters, now: Date): SQL {
  const parts: (SQL | undefined)[] = [requestListCondition(actor)];
  if (f.state?.length) parts.push(inArray(t.state, f.state));
  if (f.categoryId) parts.push(eq(t.categoryId, f.categoryId));
  if (f.compoundId) parts.push(eq(t.compoundId, f.compoundId));
  if (f.communityId) parts.push(eq(t.communityId, f.communityId));
  if (f.assignee) parts.push(assigneeCondition(actor, f.assignee));
  if (f.mine) parts.push(eq(t.reporterAccountId, actor.accountId));
  if (f.createdFrom) parts.push(gte(t.createdAt, shanghaiDayStart(f.createdFrom)));
  if (f.createdTo) parts.push(lt(t.createdAt, shanghaiDayEnd(f.createdTo)));
  if (f.overdue) parts.push(overdueCondition(now));
  if (f.q) {
    const id = /^#?(\d{1,15})$/.exec(f.q.trim());
    parts.push(or(ilike(t.description, likePattern(f.q)), ilike(t.locationText, likePattern(f.q)), id ? eq(t.id, Number(id[1])) : undefined));
  }
  return and(...parts)!;
}

/**
 * Newest first, spelled as the indexes are built: drizzle-kit writes `.desc()` index columns as
 * `DESC NULLS LAST`, and a plain `ORDER BY … DESC` means NULLS FIRST, which no index provides —
 * PostgreSQL then read every matching row and sorted them, page 1 included (the columns are NOT
 * NULL, so the rows come out the same).
 */
const newestFirst = [sql`${t.createdAt} desc nulls last`, sql`${t.id} desc nulls last`];

export function listOrder(f: RequestFilters): SQL[] {
  return f.sort === 'due_asc' ? [asc(currentDue), asc(t.id)] : newestFirst;
}

/**
 * The ids of one page, from `service_requests` alone: an ordered (index-only, for the queue's
 * partial index) scan that stops after offset + limit entries. The names and follower counts are
 * then fetched for these rows only, not for every row OFFSET skips.
 */
export function pageIds(db: DbOrTx, where: SQL, f: RequestFilters, limit: number, offset: number) {
  return db.select({ id: t.id }).from(serviceRequests).where(where).orderBy(...listOrder(f)).limit(limit).offset(offset);
}

/** A name looked up by id for one row (planned as a simple subplan: no join order to search). */
const nameOf = <T extends string | null>(query: SQL) => sql<T>`(${query})`;

/**
 * One request with the names a summary shows. The names are scalar subqueries rather than seven
 * joins: planning an eight-table join cost PostgreSQL 1.5–4 ms per call, several times the
 * execution of a page or a detail, and these run on every list and detail.
 */
export function selectSummaries(db: DbOrTx, total: SQL = sql`null`) {
  return db.select({
    r: serviceRequests,
    categoryCode: nameOf<string>(sql`select ${requestCategories.code} from ${requestCategories} where ${requestCategories.id} = ${t.categoryId}`),
    categoryName: nameOf<string>(sql`select ${requestCategories.name} from ${requestCategories} where ${requestCategories.id} = ${t.categoryId}`),
    businessHours: nameOf<string | null>(sql`select ${requestCategories.businessHours} from ${requestCategories} where ${requestCategories.id} = ${t.categoryId}`),
    compoundName: nameOf<string>(sql`select ${compounds.name} from ${compounds} where ${compounds.id} = ${t.compoundId}`),
    buildingName: nameOf<string | null>(sql`select ${buildings.name} from ${buildings} where ${buildings.id} = ${t.buildingId}`),
    companyName: nameOf<string | null>(sql`select ${propertyCompanies.name} from ${propertyCompanies} where ${propertyCompanies.id} = ${t.assigneeCompanyId}`),
    organisationName: nameOf<string | null>(sql`select ${organisations.name} from ${organisations} where ${organisations.id} = ${t.assigneeOrganisationId}`),
    assigneePersonName: nameOf<string | null>(sql`select ${people.name} from ${accounts} join ${people} on ${people.id} = ${accounts.personId} where ${accounts.id} = ${t.assigneeAccountId}`),
    // Qualified by hand: with no join, drizzle prints `${t.id}` as a bare "id", which would bind to f.
    followerCount: sql<number>`(select count(*) from service_requests f where f.master_request_id = service_requests.id)`.mapWith(Number),
    /** Optional: a list's total, computed once per statement (an uncorrelated subquery). */
    total: sql<number>`${total}`.mapWith(Number),
  })
    .from(serviceRequests);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['execute']>>[number];

export async function countRequests(db: DbOrTx, where: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(serviceRequests).where(where);
  return row?.n ?? 0;
}

export interface DetailParts {
  attachments: { id: number; mimeType: string; bytes: number }[];
  events: { id: number; atMs: number; action: string; fromState: string | null; toState: string | null; actorAccountId: number | null; actorRole: string | null; note: string | null; attachmentIds: number[]; data: Record<string, unknown>; name: string | null }[];
  consultations: { id: number; heldAtMs: number; place: string | null; attendees: RequestDetailDto['consultations'][number]['attendees']; decision: string; actions: RequestDetailDto['consultations'][number]['actions']; createdAtMs: number }[];
  followers: { id: number; reporterName: string | null; createdAtMs: number }[];
  household: { id: number; number: string; compoundName: string; buildingName: string; unitName: string } | null;
}

/** Epoch milliseconds, floored like the drivers' timestamp parsing, so `new Date(ms)` is what a Date column gives. */
const ms = (column: string) => sql.raw(`floor(extract(epoch from ${column}) * 1000)::float8`);

/**
 * Photos, timeline (with actor names), consultations, followers and the household label of one
 * request in ONE statement (JSON arrays): the detail used to take five round trips, and each
 * costs the server more CPU (a socket write, a parse) than PostgreSQL spends on these lookups.
 */
export async function detailParts(db: DbOrTx, requestId: number, householdId: number | null): Promise<DetailParts> {
  const [row] = await queryRows<DetailParts>(db, sql`select
    (select coalesce(json_agg(json_build_object('id', a.id, 'mimeType', a.mime_type, 'bytes', a.bytes) order by a.id), '[]'::json)
       from request_attachments a where a.request_id = ${requestId}) as attachments,
    (select coalesce(json_agg(json_build_object('id', e.id, 'atMs', ${ms('e.at')}, 'action', e.action, 'fromState', e.from_state, 'toState', e.to_state,
         'actorAccountId', e.actor_account_id, 'actorRole', e.actor_role, 'note', e.note, 'attachmentIds', e.attachment_ids, 'data', e.data, 'name', p.name)
         order by e.at, e.id), '[]'::json)
       from request_events e left join accounts ac on ac.id = e.actor_account_id left join people p on p.id = ac.person_id
       where e.request_id = ${requestId}) as events,
    (select coalesce(json_agg(json_build_object('id', c.id, 'heldAtMs', ${ms('c.held_at')}, 'place', c.place, 'attendees', c.attendees, 'decision', c.decision,
         'actions', c.actions, 'createdAtMs', ${ms('c.created_at')}) order by c.id), '[]'::json)
       from joint_consultations c where c.request_id = ${requestId}) as consultations,
    (select coalesce(json_agg(json_build_object('id', f.id, 'reporterName', f.reporter_name, 'createdAtMs', ${ms('f.created_at')}) order by f.id), '[]'::json)
       from service_requests f where f.master_request_id = ${requestId}) as followers,
    (select json_build_object('id', h.id, 'number', h.number, 'compoundName', cp.name, 'buildingName', b.name, 'unitName', u.name)
       from households h join compounds cp on cp.id = h.compound_id join buildings b on b.id = h.building_id join building_units u on u.id = h.unit_id
       where h.id = ${householdId}) as household`);
  return row!;
}
