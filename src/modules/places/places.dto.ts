import { z } from 'zod';
import { searchText } from '../../kernel/dto.js';
import { pageOf, pageQuery } from '../../server/pagination.js';
import { organisationKinds } from './places.schema.js';

export { idParam } from '../../kernel/dto.js';

export const listQuery = z.object({
  q: searchText.optional().describe('Search text (name or address)'),
  ...pageQuery,
});

export const communityDto = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string().nullable(),
  cityName: z.string(),
  districtName: z.string(),
  streetName: z.string(),
  compoundCount: z.number().int(),
  householdCount: z.number().int(),
});
export const communityPage = pageOf(communityDto);

export const organisationDto = z.object({
  id: z.number().int(),
  kind: z.enum(organisationKinds),
  name: z.string(),
  phone: z.string().nullable(),
});

export const communityDetailDto = communityDto.extend({
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  organisations: z.array(organisationDto).describe('Party committee, grid branches, residents\' and owners\' committees, local units'),
  companies: z.array(z.object({ id: z.number().int(), name: z.string(), compoundCount: z.number().int() })),
});

export const compoundDto = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  name: z.string(),
  address: z.string().nullable(),
  selfGoverned: z.boolean().describe('三无小区 governing itself, without a property company'),
  company: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  buildingCount: z.number().int(),
  householdCount: z.number().int(),
  totalAreaM2: z.number(),
});
export const compoundPage = pageOf(compoundDto);

export const buildingDto = z.object({
  id: z.number().int(),
  compoundId: z.number().int(),
  name: z.string(),
  floors: z.number().int().nullable().describe('null when unknown, or when the actor sees names only'),
  unitCount: z.number().int().nullable().describe('null when the actor sees names only (a resident, in their own compound)'),
  householdCount: z.number().int().nullable().describe('null when the actor sees names only (a resident, in their own compound)'),
});
export const buildingPage = pageOf(buildingDto);

export const memberDto = z.object({
  personId: z.number().int(),
  name: z.string().describe('Masked (郑**) for roles without people:read_pii'),
  phone: z.string().nullable().describe('Masked (138****5678) for roles without people:read_pii'),
  relation: z.enum(['owner', 'co_owner', 'tenant', 'family']),
});

export const householdDto = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  compoundId: z.number().int(),
  buildingId: z.number().int(),
  unitName: z.string(),
  number: z.string(),
  label: z.string().describe('Full address: compound, building, unit, room'),
  areaM2: z.number().describe('Exclusive floor area in m²'),
  members: z.array(memberDto),
});
export const householdPage = pageOf(householdDto);

export const companyDto = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  phone: z.string().nullable(),
  compoundCount: z.number().int(),
});

export const localUnitDto = z.object({
  id: z.number().int().describe('Organisation id (assignee filter value org:ID)'),
  name: z.string(),
  phone: z.string().nullable(),
});
