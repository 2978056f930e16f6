import { z } from 'zod';
import { actorOf, type App } from '../../server/context.js';
import {
  buildingPage, communityDetailDto, communityPage, companyDto, compoundDto, compoundPage, householdDto, householdPage, idParam, listQuery, localUnitDto,
} from './places.dto.js';
import {
  getCommunity, getCompound, getHousehold, listBuildings, listCommunities, listCompanies, listCompounds, listHouseholds, listLocalUnits,
} from './places.service.js';

export function registerPlaceRoutes(app: App): void {
  const { db } = app.ctx;
  const read = { access: { permission: 'places:read' as const } };
  const tags = ['places'];

  app.get('/api/communities', { config: read, schema: { tags, summary: 'Communities in the actor\'s scope', querystring: listQuery, response: { 200: communityPage } } },
    async (req) => listCommunities(db, actorOf(req), req.query));

  app.get('/api/communities/:id', { config: read, schema: { tags, summary: 'One community with its organisations and companies', params: idParam, response: { 200: communityDetailDto } } },
    async (req) => getCommunity(db, actorOf(req), req.params.id));

  app.get('/api/communities/:id/compounds', { config: read, schema: { tags, summary: 'Compounds of a community', params: idParam, querystring: listQuery, response: { 200: compoundPage } } },
    async (req) => listCompounds(db, actorOf(req), req.params.id, req.query));

  app.get('/api/compounds/:id', { config: read, schema: { tags, summary: 'One compound', params: idParam, response: { 200: compoundDto } } },
    async (req) => getCompound(db, actorOf(req), req.params.id));

  app.get('/api/compounds/:id/buildings', { config: read, schema: { tags, summary: 'Buildings of a compound (a resident: names only, their own compound only)', params: idParam, querystring: listQuery, response: { 200: buildingPage } } },
    async (req) => listBuildings(db, actorOf(req), req.params.id, req.query));

  app.get('/api/buildings/:id/households', { config: { access: { permission: 'households:read' } }, schema: { tags, summary: 'Households of a building (members masked without people:read_pii)', params: idParam, querystring: listQuery, response: { 200: householdPage } } },
    async (req) => listHouseholds(db, actorOf(req), req.params.id, req.query));

  app.get('/api/households/:id', { config: read, schema: { tags, summary: 'One household: the resident\'s own, or one in a staff scope', params: idParam, response: { 200: householdDto } } },
    async (req) => getHousehold(db, actorOf(req), req.params.id));

  app.get('/api/companies', { config: read, schema: { tags, summary: 'Property companies serving compounds in scope', response: { 200: z.array(companyDto) } } },
    async (req) => listCompanies(db, actorOf(req)));

  app.get('/api/local-units', { config: read, schema: { tags, summary: '辖区单位 of the actor\'s city (staff; a resident gets none)', response: { 200: z.array(localUnitDto) } } },
    async (req) => listLocalUnits(db, actorOf(req)));
}
