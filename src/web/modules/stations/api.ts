import { api, type Page, type Query } from '../../app/api';
import type { ListParams } from '../../app/useListParams';

/** Shapes of src/modules/stations/stations.dto.ts as the web app reads them. */
export type CoverageKind = 'compound' | 'urban_village' | 'shop';
export type Section = 'rescue' | 'supplies';
export type CheckoutPurpose = 'incident' | 'drill' | 'loan' | 'inspection' | 'other';
export type CheckoutState = 'out' | 'returned' | 'consumed';
export type AlertKind = 'below_standard' | 'expired' | 'near_expiry' | 'inspection_due' | 'overdue_return' | 'roll_call_missed' | 'key_missing';
export type ItemStatus = 'below_standard' | 'expired' | 'near_expiry' | 'inspection_due';
export type IncidentKind = 'burst_pipe' | 'flooding' | 'fire' | 'power' | 'gas' | 'blocked_car' | 'trapped' | 'medical' | 'snow_ice' | 'other';
export type ReadinessPartKey = 'stock' | 'expiry' | 'inspection' | 'rollCall' | 'drill';

export const coverageKinds: CoverageKind[] = ['compound', 'urban_village', 'shop'];
export const purposes: CheckoutPurpose[] = ['incident', 'drill', 'loan', 'inspection', 'other'];
export const incidentKinds: IncidentKind[] = ['burst_pipe', 'flooding', 'fire', 'power', 'gas', 'blocked_car', 'trapped', 'medical', 'snow_ice', 'other'];
export const teamRoles = ['leader', 'deputy', 'member'] as const;
export const teamSides = ['property', 'community', 'volunteer'] as const;

export interface ReadinessPart {
  key: ReadinessPartKey;
  weight: number;
  ratio: number;
  points: number;
  facts: Record<string, number | string | null>;
}

export interface Readiness {
  stationId: number;
  stationName: string;
  communityId: number;
  communityName: string;
  score: number;
  parts: ReadinessPart[];
  daysSinceDrill: number | null;
  computedAt: string;
}

export interface StationAlert {
  key: string;
  kind: AlertKind;
  severity: 'critical' | 'warning';
  itemId: number | null;
  checkoutId: number | null;
  rollCallId: number | null;
  keyHolderId: number | null;
  params: Record<string, string | number>;
  text: string;
}

export interface StationSummary {
  id: number;
  name: string;
  address: string;
  community: { id: number; name: string };
  company: { id: number; name: string } | null;
  alwaysOpen: boolean;
  opensAt: string | null;
  closesAt: string | null;
  dutyPhone: string | null;
  coverage: { compounds: number; urbanVillages: number; shops: number };
  itemKinds: { rescue: number; supplies: number; rescueCategories: number; suppliesCategories: number };
  teamSize: number;
  score: number;
  alerts: { critical: number; warning: number };
  lastDrillAt: string | null;
}

export interface Coverage {
  id: number;
  kind: CoverageKind;
  name: string;
  compound: { id: number; name: string } | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  headcount: number | null;
  note: string | null;
}

export interface KeyHolder {
  id: number;
  name: string;
  phone: string | null;
  side: 'property' | 'community';
  organisation: string;
  keyLabel: string;
  hasAccount: boolean;
  active: boolean;
}

export interface TeamMember {
  id: number;
  name: string;
  phone: string | null;
  teamRole: (typeof teamRoles)[number];
  side: (typeof teamSides)[number];
  skills: string[];
  hasAccount: boolean;
  active: boolean;
  joinedOn: string | null;
  drillsAttended: number;
}

export interface RollCall {
  id: number;
  startedAt: string;
  dueAt: string;
  startedBy: string | null;
  note: string | null;
  open: boolean;
  answers: { id: number; keyHolderId: number; holderName: string; keyLabel: string; answer: 'has_key' | 'key_missing' | null; answeredAt: string | null; onBehalf: boolean; note: string | null }[];
}

export interface StationDetail extends StationSummary {
  locationNote: string | null;
  rollCallEveryDays: number;
  rollCallAnswerHours: number;
  drillEveryDays: number;
  createdAt: string;
  coverageList: Coverage[];
  keyHolders: KeyHolder[];
  team: TeamMember[];
  latestRollCall: RollCall | null;
  alertList: StationAlert[];
  readiness: Readiness;
  openCheckouts: number;
  openIncidents: number;
  abilities: { manage: boolean; checkout: boolean; contacts: boolean; keys: boolean };
}

export interface Item {
  id: number;
  stationId: number;
  section: Section;
  category: string;
  name: string;
  unit: string;
  quantity: number;
  out: number;
  standardQuantity: number;
  consumable: boolean;
  location: string | null;
  expiresOn: string | null;
  inspectEveryDays: number | null;
  lastInspectedOn: string | null;
  nextInspectionOn: string | null;
  note: string | null;
  status: ItemStatus[];
}

export interface ItemPage extends Page<Item> {
  categories: { section: Section; category: string; kinds: number }[];
}

export interface ItemEvent {
  id: number;
  kind: 'initial' | 'restock' | 'checkout' | 'return' | 'lost' | 'stocktake' | 'inspection';
  delta: number;
  quantityAfter: number;
  checkoutId: number | null;
  actorName: string | null;
  note: string | null;
  at: string;
}

export interface Checkout {
  id: number;
  stationId: number;
  item: { id: number; name: string; unit: string; consumable: boolean };
  quantity: number;
  returnedQuantity: number;
  lostQuantity: number;
  outstanding: number;
  state: CheckoutState;
  purpose: CheckoutPurpose;
  reason: string | null;
  incidentId: number | null;
  drillId: number | null;
  borrower: { name: string; phone: string | null } | null;
  checkedOutBy: string;
  checkedOutAt: string;
  dueAt: string | null;
  overdue: boolean;
  returnedAt: string | null;
  returnNote: string | null;
  itemQuantityAfter?: number;
}

export interface Drill {
  id: number;
  stationId: number;
  kind: 'training' | 'drill';
  title: string;
  heldAt: string;
  durationMinutes: number;
  location: string | null;
  trainer: string | null;
  practised: string[];
  notes: string | null;
  attendees: { teamMemberId: number; name: string }[];
  teamSize: number;
  itemsUsed: number;
}

export interface Incident {
  id: number;
  stationId: number;
  kind: IncidentKind;
  title: string;
  description: string | null;
  occurredAt: string;
  locationText: string | null;
  coverage: { id: number; name: string; kind: CoverageKind } | null;
  requestId: number | null;
  state: 'open' | 'closed';
  outcome: string | null;
  closedAt: string | null;
  responders: { teamMemberId: number; name: string }[];
  used: { checkoutId: number; itemName: string; unit: string; quantity: number; state: CheckoutState }[];
  createdAt: string;
}

export interface MyRollCall {
  rollCallId: number;
  answerId: number;
  stationId: number;
  stationName: string;
  keyLabel: string;
  dueAt: string;
  answer: 'has_key' | 'key_missing' | null;
}

const listQuery = (p: ListParams, extra: Query = {}): Query => ({ q: p.q || undefined, page: p.page, pageSize: p.pageSize, ...extra });

export const stationsApi = {
  list: (p: ListParams, signal?: AbortSignal, extra: Query = {}) => api.get<Page<StationSummary>>('/api/stations', listQuery(p, extra), signal),
  create: (body: Record<string, unknown>) => api.post<StationDetail>('/api/stations', body),
  get: (id: number, signal?: AbortSignal) => api.get<StationDetail>(`/api/stations/${id}`, undefined, signal),
  update: (id: number, body: Record<string, unknown>) => api.patch<StationDetail>(`/api/stations/${id}`, body),
  readinessList: (query: Query, signal?: AbortSignal) => api.get<{ items: Readiness[]; averageScore: number | null }>('/api/station-readiness', query, signal),
  addCoverage: (id: number, body: Record<string, unknown>) => api.post<Coverage>(`/api/stations/${id}/coverage`, body),
  removeCoverage: (coverageId: number) => api.delete<null>(`/api/station-coverage/${coverageId}`),

  items: (id: number, query: Query, signal?: AbortSignal) => api.get<ItemPage>(`/api/stations/${id}/items`, query, signal),
  createItem: (id: number, body: Record<string, unknown>) => api.post<Item>(`/api/stations/${id}/items`, body),
  updateItem: (itemId: number, body: Record<string, unknown>) => api.patch<Item>(`/api/station-items/${itemId}`, body),
  restock: (itemId: number, body: Record<string, unknown>) => api.post<Item>(`/api/station-items/${itemId}/restock`, body),
  stocktake: (itemId: number, body: Record<string, unknown>) => api.post<Item>(`/api/station-items/${itemId}/stocktake`, body),
  inspect: (itemId: number, body: Record<string, unknown>) => api.post<Item>(`/api/station-items/${itemId}/inspections`, body),
  itemEvents: (itemId: number, signal?: AbortSignal) => api.get<Page<ItemEvent>>(`/api/station-items/${itemId}/events`, { pageSize: 50 }, signal),

  checkouts: (id: number, query: Query, signal?: AbortSignal) => api.get<Page<Checkout>>(`/api/stations/${id}/checkouts`, query, signal),
  checkOut: (id: number, body: Record<string, unknown>) => api.post<Checkout>(`/api/stations/${id}/checkouts`, body),
  returnCheckout: (checkoutId: number, body: Record<string, unknown>) => api.post<Checkout>(`/api/checkouts/${checkoutId}/return`, body),

  addKeyHolder: (id: number, body: Record<string, unknown>) => api.post<KeyHolder>(`/api/stations/${id}/key-holders`, body),
  updateKeyHolder: (holderId: number, body: Record<string, unknown>) => api.patch<KeyHolder>(`/api/station-key-holders/${holderId}`, body),
  rollCalls: (id: number, query: Query, signal?: AbortSignal) => api.get<Page<RollCall>>(`/api/stations/${id}/roll-calls`, query, signal),
  startRollCall: (id: number, body: Record<string, unknown>) => api.post<RollCall>(`/api/stations/${id}/roll-calls`, body),
  myRollCalls: (signal?: AbortSignal) => api.get<{ items: MyRollCall[] }>('/api/station-roll-calls/mine', undefined, signal),
  answerRollCall: (rollCallId: number, body: Record<string, unknown>) => api.post<RollCall>(`/api/station-roll-calls/${rollCallId}/answer`, body),
  recordRollCall: (rollCallId: number, body: Record<string, unknown>) => api.post<RollCall>(`/api/station-roll-calls/${rollCallId}/record`, body),

  addTeamMember: (id: number, body: Record<string, unknown>) => api.post<TeamMember>(`/api/stations/${id}/team`, body),
  updateTeamMember: (memberId: number, body: Record<string, unknown>) => api.patch<TeamMember>(`/api/station-team/${memberId}`, body),
  drills: (id: number, query: Query, signal?: AbortSignal) => api.get<Page<Drill>>(`/api/stations/${id}/drills`, query, signal),
  recordDrill: (id: number, body: Record<string, unknown>) => api.post<Drill>(`/api/stations/${id}/drills`, body),

  incidents: (id: number, query: Query, signal?: AbortSignal) => api.get<Page<Incident>>(`/api/stations/${id}/incidents`, query, signal),
  logIncident: (id: number, body: Record<string, unknown>) => api.post<Incident>(`/api/stations/${id}/incidents`, body),
  closeIncident: (incidentId: number, body: Record<string, unknown>) => api.post<Incident>(`/api/station-incidents/${incidentId}/close`, body),
};

/** `0710-3227110` → `tel:07103227110`. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;
