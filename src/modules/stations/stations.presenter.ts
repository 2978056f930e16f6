import { maskPhone } from '../../shared/mask.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { alertSentence, belowStandard, expiry, inspectionDue, type StationAlert } from './stations.alerts.js';
import type { StationRow } from './stations.access.js';
import type { CheckoutDto, ItemDto, ReadinessDto, StationSummaryDto } from './stations.dto.js';
import type {
  stationCheckouts, stationCoverage, stationDrills, stationIncidents, stationItems, stationKeyHolders, stationRollCallAnswers, stationRollCalls, stationTeamMembers,
} from './stations.schema.js';

/*
 * Rows → API shapes. Pure: whatever a shape needs was read before (counts, names, who may see
 * phone numbers). Phones of the team, key holders, shop contacts and borrowers are masked unless
 * `contacts` (staff of the station, or people:read_pii).
 */

type ItemRow = typeof stationItems.$inferSelect;
type CheckoutRow = typeof stationCheckouts.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const phoneFor = (phone: string | null, contacts: boolean) => (contacts ? phone : maskPhone(phone));

export interface SummaryFacts {
  communityName: string;
  companyName: string | null;
  coverage: StationSummaryDto['coverage'];
  itemKinds: StationSummaryDto['itemKinds'];
  teamSize: number;
  lastDrillAt: Date | null;
  alerts: readonly StationAlert[];
  readiness: ReadinessDto;
}

export function presentStationSummary(s: StationRow, f: SummaryFacts): StationSummaryDto {
  return {
    id: s.id, name: s.name, address: s.address,
    community: { id: s.communityId, name: f.communityName },
    company: s.companyId ? { id: s.companyId, name: f.companyName ?? '' } : null,
    alwaysOpen: s.alwaysOpen, opensAt: s.opensAt, closesAt: s.closesAt, dutyPhone: s.dutyPhone,
    coverage: f.coverage, itemKinds: f.itemKinds, teamSize: f.teamSize, score: f.readiness.score,
    alerts: { critical: f.alerts.filter((a) => a.severity === 'critical').length, warning: f.alerts.filter((a) => a.severity === 'warning').length },
    lastDrillAt: iso(f.lastDrillAt),
  };
}

export function presentAlert(a: StationAlert) {
  return { ...a, text: alertSentence(a) };
}

export function presentCoverage(c: typeof stationCoverage.$inferSelect, contacts: boolean) {
  return {
    id: c.id, kind: c.kind, name: c.name, compound: c.compoundId ? { id: c.compoundId, name: c.name } : null, address: c.address,
    contactName: c.contactName, contactPhone: phoneFor(c.contactPhone, contacts), headcount: c.headcount, note: c.note,
  };
}

export function presentKeyHolder(h: typeof stationKeyHolders.$inferSelect, contacts: boolean) {
  return {
    id: h.id, name: h.name, phone: phoneFor(h.phone, contacts), side: h.side, organisation: h.organisation, keyLabel: h.keyLabel,
    hasAccount: h.accountId !== null, active: h.active,
  };
}

export function presentTeamMember(m: typeof stationTeamMembers.$inferSelect, contacts: boolean, drillsAttended: number) {
  return {
    id: m.id, name: m.name, phone: phoneFor(m.phone, contacts), teamRole: m.teamRole, side: m.side, skills: m.skills,
    hasAccount: m.accountId !== null, active: m.active, joinedOn: m.joinedOn, drillsAttended,
  };
}

export function presentRollCall(
  rc: typeof stationRollCalls.$inferSelect, startedBy: string | null,
  answers: { a: typeof stationRollCallAnswers.$inferSelect; holderName: string; keyLabel: string }[], now: Date,
) {
  const open = rc.dueAt.getTime() > now.getTime() && answers.some((x) => x.a.answer === null);
  return {
    id: rc.id, startedAt: rc.startedAt.toISOString(), dueAt: rc.dueAt.toISOString(), startedBy, note: rc.note, open,
    answers: answers.map(({ a, holderName, keyLabel }) => ({
      id: a.id, keyHolderId: a.keyHolderId, holderName, keyLabel, answer: a.answer, answeredAt: iso(a.answeredAt), onBehalf: a.onBehalf, note: a.note,
    })),
  };
}

/** The item's alerts as of today, by the same rules the sweep uses. */
export function itemStatus(i: ItemRow, today: string): ItemDto['status'] {
  const facts = { id: i.id, name: i.name, unit: i.unit, quantity: i.quantity, standardQuantity: i.standardQuantity, expiresOn: i.expiresOn, nextInspectionOn: i.nextInspectionOn };
  const out: ItemDto['status'] = [];
  if (belowStandard(facts)) out.push('below_standard');
  const e = expiry(facts, today);
  if (e) out.push(e.kind === 'expired' ? 'expired' : 'near_expiry');
  if (inspectionDue(facts, today)) out.push('inspection_due');
  return out;
}

export function presentItem(i: ItemRow, out: number, now: Date): ItemDto {
  return {
    id: i.id, stationId: i.stationId, section: i.section, category: i.category, name: i.name, unit: i.unit, quantity: i.quantity, out,
    standardQuantity: i.standardQuantity, consumable: i.consumable, location: i.location, expiresOn: i.expiresOn, inspectEveryDays: i.inspectEveryDays,
    lastInspectedOn: i.lastInspectedOn, nextInspectionOn: i.nextInspectionOn, note: i.note, status: itemStatus(i, shanghaiDate(now)),
  };
}

export function presentCheckout(c: CheckoutRow, item: Pick<ItemRow, 'id' | 'name' | 'unit' | 'consumable'>, contacts: boolean, now: Date, itemQuantityAfter?: number): CheckoutDto {
  const outstanding = c.state === 'out' ? c.quantity - c.returnedQuantity - c.lostQuantity : 0;
  return {
    id: c.id, stationId: c.stationId, item: { id: item.id, name: item.name, unit: item.unit, consumable: item.consumable },
    quantity: c.quantity, returnedQuantity: c.returnedQuantity, lostQuantity: c.lostQuantity, outstanding, state: c.state, purpose: c.purpose,
    reason: c.reason, incidentId: c.incidentId, drillId: c.drillId,
    borrower: c.borrowerName ? { name: c.borrowerName, phone: phoneFor(c.borrowerPhone, contacts) } : null,
    checkedOutBy: c.checkedOutByName, checkedOutAt: c.checkedOutAt.toISOString(), dueAt: iso(c.dueAt),
    overdue: c.state === 'out' && c.dueAt !== null && c.dueAt.getTime() < now.getTime(),
    returnedAt: iso(c.returnedAt), returnNote: c.returnNote,
    ...(itemQuantityAfter === undefined ? {} : { itemQuantityAfter }),
  };
}

export function presentDrill(d: typeof stationDrills.$inferSelect, attendees: { teamMemberId: number; name: string }[], teamSize: number, itemsUsed: number) {
  return {
    id: d.id, stationId: d.stationId, kind: d.kind, title: d.title, heldAt: d.heldAt.toISOString(), durationMinutes: d.durationMinutes,
    location: d.location, trainer: d.trainer, practised: d.practised, notes: d.notes, attendees, teamSize, itemsUsed,
  };
}

export function presentIncident(
  i: typeof stationIncidents.$inferSelect, coverage: { id: number; name: string; kind: (typeof stationCoverage.$inferSelect)['kind'] } | null,
  responders: { teamMemberId: number; name: string }[], used: { checkoutId: number; itemName: string; unit: string; quantity: number; state: CheckoutRow['state'] }[],
) {
  return {
    id: i.id, stationId: i.stationId, kind: i.kind, title: i.title, description: i.description, occurredAt: i.occurredAt.toISOString(),
    locationText: i.locationText, coverage, requestId: i.requestId, state: i.state, outcome: i.outcome, closedAt: iso(i.closedAt),
    responders, used, createdAt: i.createdAt.toISOString(),
  };
}
