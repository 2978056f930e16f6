import { maskName, maskPhone } from '../../shared/mask.js';
import { requestStateLabels } from '../../shared/request-states.js';
import type { Actor } from '../access/access.policy.js';
import { householdLabel } from '../accounts/accounts.presenter.js';
import { abilityNames, type RequestDetailDto, type RequestSummaryDto } from './requests.dto.js';
import { actorKindsOn, seesReporterPii } from './requests.policy.js';
import type { DetailParts, SummaryRow } from './requests.queries.js';
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

/**
 * A Date as ISO text, remembered per Date object: a cached page's rows (requests.cache.ts) are
 * presented on every read, and five toISOString calls a row were a third of presenting a page.
 */
const isoTexts = new WeakMap<Date, string>();
function isoOf(d: Date): string {
  let text = isoTexts.get(d);
  if (text === undefined) isoTexts.set(d, (text = d.toISOString()));
  return text;
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
    createdAt: isoOf(r.createdAt), respondDueAt: isoOf(r.respondDueAt), resolveDueAt: isoOf(r.resolveDueAt),
    acceptedAt: r.acceptedAt ? isoOf(r.acceptedAt) : null, resolvedAt: r.resolvedAt ? isoOf(r.resolvedAt) : null,
    // (the category's hours beside the row, not spread into a copy of its forty columns: a third of a page's presentation)
    slaStatus: slaStatus(r, now, s.businessHours),
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

/** The full request: timeline, photos, consultations, followers and what the actor may do next (pure: `detailParts` read them). */
export function presentDetail(actor: Actor, s: SummaryRow, parts: DetailParts, now: Date): RequestDetailDto {
  const r = s.r;
  const { attachments, events, consultations, followers, household } = parts;
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
