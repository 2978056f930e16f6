import { api, type Page } from '../../app/api';
import type { ListParams } from '../../app/useListParams';

/** Shapes of src/modules/places/places.dto.ts as the web app reads them. */
export interface Community {
  id: number;
  name: string;
  address: string | null;
  cityName: string;
  districtName: string;
  streetName: string;
  compoundCount: number;
  householdCount: number;
}

export type OrganisationKind =
  | 'community_party_committee' | 'grid_party_branch' | 'company_party_branch' | 'residents_committee'
  | 'owners_committee' | 'local_unit' | 'housing_department';

export interface CommunityDetail extends Community {
  lat: number | null;
  lng: number | null;
  organisations: { id: number; kind: OrganisationKind; name: string; phone: string | null }[];
  companies: { id: number; name: string; compoundCount: number }[];
}

export interface Compound {
  id: number;
  communityId: number;
  name: string;
  address: string | null;
  selfGoverned: boolean;
  company: { id: number; name: string } | null;
  buildingCount: number;
  householdCount: number;
  totalAreaM2: number;
}

export interface Building {
  id: number;
  compoundId: number;
  name: string;
  floors: number | null;
  /** null for a resident, who sees the building names of their own compound only. */
  unitCount: number | null;
  householdCount: number | null;
}

export type MemberRelation = 'owner' | 'co_owner' | 'tenant' | 'family';

export interface Household {
  id: number;
  communityId: number;
  compoundId: number;
  buildingId: number;
  unitName: string;
  number: string;
  label: string;
  areaM2: number;
  members: { personId: number; name: string; phone: string | null; relation: MemberRelation }[];
}

export interface Company {
  id: number;
  name: string;
  shortName: string;
  phone: string | null;
  compoundCount: number;
}

/** 辖区单位 of the actor's city (GET /api/local-units). */
export interface LocalUnit {
  id: number;
  name: string;
  phone: string | null;
}

const list = (p: ListParams) => ({ q: p.q, page: p.page, pageSize: p.pageSize });

export const placesApi = {
  communities: (p: ListParams, signal?: AbortSignal) => api.get<Page<Community>>('/api/communities', list(p), signal),
  community: (id: number, signal?: AbortSignal) => api.get<CommunityDetail>(`/api/communities/${id}`, undefined, signal),
  compounds: (communityId: number, p: ListParams, signal?: AbortSignal) => api.get<Page<Compound>>(`/api/communities/${communityId}/compounds`, list(p), signal),
  compound: (id: number, signal?: AbortSignal) => api.get<Compound>(`/api/compounds/${id}`, undefined, signal),
  buildings: (compoundId: number, p: ListParams, signal?: AbortSignal) => api.get<Page<Building>>(`/api/compounds/${compoundId}/buildings`, list(p), signal),
  households: (buildingId: number, p: ListParams, signal?: AbortSignal) => api.get<Page<Household>>(`/api/buildings/${buildingId}/households`, list(p), signal),
  household: (id: number, signal?: AbortSignal) => api.get<Household>(`/api/households/${id}`, undefined, signal),
  companies: (signal?: AbortSignal) => api.get<Company[]>('/api/companies', undefined, signal),
  localUnits: (signal?: AbortSignal) => api.get<LocalUnit[]>('/api/local-units', undefined, signal),
};
