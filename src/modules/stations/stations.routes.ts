import { z } from 'zod';
import { actorOf, type App } from '../../server/context.js';
import {
  coverageDto, createCoverageBody, createStationBody, idParam, readinessDto, readinessListDto, readinessListQuery, stationDetailDto, stationListQuery, stationPage, updateStationBody,
} from './stations.dto.js';
import { registerInventoryRoutes } from './stations.inventory.routes.js';
import { registerPeopleRoutes } from './stations.people.routes.js';
import { perm, tags } from './stations.route-kit.js';
import { getStationReadiness, listStationReadiness } from './stations.readiness.service.js';
import { addCoverage, createStation, getStationDetail, listStations, removeCoverage, updateStation } from './stations.service.js';


/** 应急服务站 routes: thin handlers (validate → one service call → present). */
export function registerStationRoutes(app: App): void {
  const ctx = app.ctx;
  const detail = (req: Parameters<typeof actorOf>[0], stationId: number) => getStationDetail({ ctx, actor: actorOf(req), stationId });

  app.get('/api/stations', { config: perm('stations:read'), schema: { tags, summary: 'Stations in the actor\'s scope with readiness and alerts', querystring: stationListQuery, response: { 200: stationPage } } },
    async (req) => listStations({ ctx, actor: actorOf(req), query: req.query }));

  app.post('/api/stations', { config: perm('stations:create'), schema: { tags, summary: '建站: set up a station in a community', body: createStationBody, response: { 201: stationDetailDto } } },
    async (req, reply) => reply.code(201).send(await detail(req, await createStation({ ctx, actor: actorOf(req), input: req.body }))));

  app.get('/api/stations/:id', { config: perm('stations:read'), schema: { tags, summary: 'One station: coverage, key holders, team, latest roll call, alerts, readiness, abilities', params: idParam, response: { 200: stationDetailDto } } },
    async (req) => detail(req, req.params.id));

  app.patch('/api/stations/:id', { config: perm('stations:manage'), schema: { tags, summary: 'Edit name, address, opening hours, duty phone, roll-call and drill intervals', params: idParam, body: updateStationBody, response: { 200: stationDetailDto } } },
    async (req) => {
      await updateStation({ ctx, actor: actorOf(req), stationId: req.params.id, input: req.body });
      return detail(req, req.params.id);
    });

  app.post('/api/stations/:id/coverage', { config: perm('stations:manage'), schema: { tags, summary: 'Add a compound, urban-village area or shop the station covers', params: idParam, body: createCoverageBody, response: { 201: coverageDto } } },
    async (req, reply) => {
      const id = await addCoverage({ ctx, actor: actorOf(req), stationId: req.params.id, input: req.body });
      const station = await detail(req, req.params.id);
      return reply.code(201).send(station.coverageList.find((c) => c.id === id)!);
    });

  app.delete('/api/station-coverage/:id', { config: perm('stations:manage'), schema: { tags, summary: 'Remove a coverage entry (not one incidents happened at)', params: idParam, response: { 204: z.null().describe('Removed') } } },
    async (req, reply) => {
      await removeCoverage({ ctx, actor: actorOf(req), coverageId: req.params.id });
      return reply.code(204).send(null);
    });

  app.get('/api/stations/:id/readiness', { config: perm('stations:read'), schema: { tags, summary: 'Readiness: one score with its parts (stock vs standard, expired, inspections, roll call, last drill)', params: idParam, response: { 200: readinessDto } } },
    async (req) => getStationReadiness({ db: ctx.db, actor: actorOf(req), stationId: req.params.id, now: ctx.clock.now() }));

  app.get('/api/station-readiness', { config: perm('stations:read'), schema: { tags, summary: 'Readiness of every station in a city, district, street or community the actor may read, best first', querystring: readinessListQuery, response: { 200: readinessListDto } } },
    async (req) => listStationReadiness({ db: ctx.db, actor: actorOf(req), scope: req.query, now: ctx.clock.now() }));

  registerInventoryRoutes(app);
  registerPeopleRoutes(app);
}
