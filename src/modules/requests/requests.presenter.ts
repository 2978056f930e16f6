import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { maskName, maskPhone } from '../../shared/mask.js';
import { requestStateLabels } from '../../shared/request-states.js';
import type { Actor } from '../access/access.policy.js';
import { householdLabel } from '../accounts/accounts.presenter.js';
import { abilityNames, type RequestDetailDto, type RequestSummaryDto } from './requests.dto.js';
import { actorKindsOn, seesHousehold, seesReporterPii } from './requests.policy.js';
import type { SummaryRow } from './requests.queries.js';
import { slaStatus } from './requests.sla.js';
import { canMove, type RequestAction } from './requests.transitions.js';

export const locationKindLabels: Record<string, string> = {
  own_unit: '自家', building: '楼栋', stairwell: '楼道', garage: '车库', green_space: '绿地', road: '道路', public_area: '公共区域', other: '其他',
};

function assigneeOf(s: SummaryRow): RequestSummaryDto['assignee'] {
  const r = s.r;
  if (r.assigneeKind === 'property_company' && r.assigneeCompanyId) return { kind: r.assigneeKind, id: r.assigneeCompanyId, name: s.companyName ?? '' };
  if (r.assigneeKind === 'local_unit' && r.assigneeOrganisationId) return { kind: r.assigneeKind, id: r.assigneeOrganisationId, name: s.organisationName ?? '' };
  if (r.assigneeKind === 'grid_worker' && r.assigneeAccountId) return { kind: r.assigneeKind, id: r.assigneeAccountId, name: s.assigneePersonName ?? '' };
  return null;
}

export function locationLabel(s: Pick<SummaryRow, 'compoundName' | 'buildingName'> & { r: { locationKind: string; locationText: string | null } }): string {
  return [s.compoundName, s.buildingName, locationKindLabels[s.r.locationKind], s.r.locationText].filter(Boolean).join(' ');
}

/** A list row; reporter name and phone are masked for those who do not need them (PIPL). */
export function presentSummary(actor: Actor, s: SummaryRow, now: Date, full = false): RequestSummaryDto {
  const r = s.r;
  const pii = seesReporterPii(actor, r);
  return {
    id: r.id, state: r.state, stateLabel: requestStateLabels[r.state].zh, priority: r.priority,
    category: { id: r.categoryId, code: s.categoryCode, name: s.categoryName },
    description: full ? r.description : r.description.slice(0, 120),
    compound: { id: r.compoundId, name: s.compoundName }, communityId: r.communityId, locationLabel: locationLabel(s),
    reporter: { name: pii ? r.reporterName : maskName(r.reporterName), phone: pii ? r.reporterPhone : maskPhone(r.reporterPhone) },
    assignee: assigneeOf(s),
    createdAt: r.createdAt.toISOString(), respondDueAt: r.respondDueAt.toISOString(), resolveDueAt: r.resolveDueAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null, resolvedAt: r.resolvedAt?.toISOString() ?? null,
    slaStatus: slaStatus({ ...r, businessHours: s.businessHours }, now),
    respondBreached: !!r.respondBreachedAt, resolveBreached: !!r.resolveBreachedAt,
    masterRequestId: r.masterRequestId, followerCount: s.followerCount, rating: r.rating,
  };
}

const abilityActions: Record<(typeof abilityNames)[number], RequestAction[]> = {
  dispatch: ['dispatch'], merge: ['merge'], accept: ['accept'], return: ['return'], start: ['start'], progress: ['progress'],
  resolve: ['resolve'], confirm: ['confirm'], reopen: ['reopen'], cancel: ['cancel'], escalate: ['escalate'],
  consult: ['consult_dispatch', 'consult_resolve', 'consult_record'],
};

const attachmentUrl = (requestId: number, id: number) => `/api/requests/${requestId}/attachments/${id}`;
const iso = (epochMs: number) => new Date(epochMs).toISOString();

interface DetailParts {
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
async function detailParts(db: DbOrTx, requestId: number, householdId: number | null): Promise<DetailParts> {
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

/** The full request: timeline, photos, consultations, followers and what the actor may do next. */
export async function presentDetail(db: DbOrTx, actor: Actor, s: SummaryRow, now: Date): Promise<RequestDetailDto> {
  const r = s.r;
  const seesHome = r.householdId !== null && seesHousehold(actor, r);
  const { attachments, events, consultations, followers, household } = await detailParts(db, r.id, seesHome ? r.householdId : null);
  const kinds = actorKindsOn(actor, r);
  const abilities = Object.fromEntries(abilityNames.map((a) => [a, abilityActions[a].some((act) => canMove(r.state, act, kinds))])) as RequestDetailDto['abilities'];
  return {
    ...presentSummary(actor, s, now, true),
    contactTime: r.contactTime, locationKind: r.locationKind, locationText: r.locationText,
    building: r.buildingId ? { id: r.buildingId, name: s.buildingName ?? '' } : null,
    household: household ? { id: household.id, label: householdLabel(household) } : null,
    reopenCount: r.reopenCount, ratingComment: r.ratingComment,
    attachments: attachments.map((a) => ({ id: a.id, url: attachmentUrl(r.id, a.id), mimeType: a.mimeType, bytes: a.bytes })),
    timeline: events.map((e) => ({
      id: e.id, at: iso(e.atMs), action: e.action, fromState: e.fromState, toState: e.toState,
      actor: e.actorAccountId ? { name: e.name ?? '', role: e.actorRole } : null, note: e.note,
      attachments: e.attachmentIds.map((id) => ({ id, url: attachmentUrl(r.id, id) })), data: e.data,
    })),
    consultations: consultations.map((c) => ({
      id: c.id, heldAt: iso(c.heldAtMs), place: c.place, attendees: c.attendees, decision: c.decision, actions: c.actions, createdAt: iso(c.createdAtMs),
    })),
    followers: followers.map((f) => ({ requestId: f.id, reporterName: maskName(f.reporterName), createdAt: iso(f.createdAtMs) })),
    abilities,
  };
}
