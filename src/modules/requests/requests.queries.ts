import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { likePattern } from '../../server/pagination.js';
import { grantsWith, type Actor } from '../access/access.policy.js';
import { accounts, people } from '../accounts/accounts.schema.js';
import { buildings, compounds, organisations, propertyCompanies } from '../places/places.schema.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../shared/local-day.js';
import type { RequestState } from '../../shared/request-states.js';
import { requestListCondition } from './requests.policy.js';
import { requestCategories, serviceRequests } from './requests.schema.js';

/** Filters shared by the list and the exports. */
export interface RequestFilters {
  state?: RequestState[];
  categoryId?: number;
  compoundId?: number;
  communityId?: number;
  assignee?: string;
  overdue?: boolean;
  q?: string;
  mine?: boolean;
  /** YYYY-MM-DD, Asia/Shanghai days, both inclusive. */
  createdFrom?: string;
  createdTo?: string;
  sort?: 'created_desc' | 'due_asc';
}

const t = serviceRequests;
const assigneePerson = alias(people, 'assignee_person');
const assigneeAccount = alias(accounts, 'assignee_account');

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

export function listOrder(f: RequestFilters): SQL[] {
  return f.sort === 'due_asc' ? [asc(currentDue), asc(t.id)] : [desc(t.createdAt), desc(t.id)];
}

/** One request with the names a summary shows. */
export function selectSummaries(db: DbOrTx) {
  return db.select({
    r: serviceRequests,
    categoryCode: requestCategories.code,
    categoryName: requestCategories.name,
    businessHours: requestCategories.businessHours,
    compoundName: compounds.name,
    buildingName: buildings.name,
    companyName: propertyCompanies.name,
    organisationName: organisations.name,
    assigneePersonName: assigneePerson.name,
    followerCount: sql<number>`(select count(*) from service_requests f where f.master_request_id = ${t.id})`.mapWith(Number),
  })
    .from(serviceRequests)
    .innerJoin(requestCategories, eq(requestCategories.id, t.categoryId))
    .innerJoin(compounds, eq(compounds.id, t.compoundId))
    .leftJoin(buildings, eq(buildings.id, t.buildingId))
    .leftJoin(propertyCompanies, eq(propertyCompanies.id, t.assigneeCompanyId))
    .leftJoin(organisations, eq(organisations.id, t.assigneeOrganisationId))
    .leftJoin(assigneeAccount, eq(assigneeAccount.id, t.assigneeAccountId))
    .leftJoin(assigneePerson, eq(assigneePerson.id, assigneeAccount.personId));
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['execute']>>[number];

export async function countRequests(db: DbOrTx, where: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(serviceRequests).where(where);
  return row?.n ?? 0;
}
