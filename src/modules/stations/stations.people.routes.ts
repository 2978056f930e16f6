import { z } from 'zod';
import { pageQuery } from '../../kernel/dto.js';
import { actorOf, type App } from '../../server/context.js';
import {
  answerRollCallBody, closeIncidentBody, createDrillBody, createIncidentBody, createKeyHolderBody, createTeamMemberBody, drillDto, drillListQuery, drillPage, idParam,
  incidentDto, incidentListQuery, incidentPage, keyHolderDto, myRollCallsDto, recordRollCallBody, rollCallDto, rollCallPage, startRollCallBody, teamMemberDto,
  updateKeyHolderBody, updateTeamMemberBody,
} from './stations.dto.js';
import { closeIncident, getIncident, listIncidents, logIncident } from './stations.incidents.js';
import { addKeyHolder, answerRollCall, listRollCalls, myRollCalls, recordRollCallAnswer, startRollCall, updateKeyHolder } from './stations.keys.js';
import { perm, tags } from './stations.route-kit.js';
import { addTeamMember, listDrills, listTeam, recordDrill, updateTeamMember } from './stations.team.js';

/** Key holders and roll calls, the rescue team and its drills, incidents. */
export function registerPeopleRoutes(app: App): void {
  const ctx = app.ctx;

  // Keys and roll calls.
  app.post('/api/stations/:id/key-holders', { config: perm('stations:manage'), schema: { tags, summary: 'Name who holds which key', params: idParam, body: createKeyHolderBody, response: { 201: keyHolderDto } } },
    async (req, reply) => reply.code(201).send(await addKeyHolder({ ctx, actor: actorOf(req), stationId: req.params.id, input: req.body })));
  app.patch('/api/station-key-holders/:id', { config: perm('stations:manage'), schema: { tags, summary: 'Change a holder\'s phone or key, or retire them', params: idParam, body: updateKeyHolderBody, response: { 200: keyHolderDto } } },
    async (req) => updateKeyHolder({ ctx, actor: actorOf(req), keyHolderId: req.params.id, input: req.body }));
  app.post('/api/stations/:id/roll-calls', { config: perm('stations:manage'), schema: { tags, summary: '钥匙点名: ask every active holder to confirm they still have their key', params: idParam, body: startRollCallBody, response: { 201: rollCallDto } } },
    async (req, reply) => {
      const { rollCallId } = (await startRollCall({ ctx, actor: actorOf(req), stationId: req.params.id, input: req.body }))!;
      const page = await listRollCalls({ ctx, actor: actorOf(req), stationId: req.params.id, query: { page: 1, pageSize: 1 } });
      return reply.code(201).send(page.items.find((r) => r.id === rollCallId)!);
    });
  app.get('/api/stations/:id/roll-calls', { config: perm('stations:read'), schema: { tags, summary: 'Roll calls, newest first, with every answer', params: idParam, querystring: z.object(pageQuery), response: { 200: rollCallPage } } },
    async (req) => listRollCalls({ ctx, actor: actorOf(req), stationId: req.params.id, query: req.query }));
  app.get('/api/station-roll-calls/mine', { config: perm('stations:keys'), schema: { tags, summary: 'Roll calls about my keys (the latest per key)', response: { 200: myRollCallsDto } } },
    async (req) => myRollCalls({ ctx, actor: actorOf(req) }));
  app.post('/api/station-roll-calls/:id/answer', { config: perm('stations:keys'), schema: { tags, summary: 'A key holder answers from the phone', params: idParam, body: answerRollCallBody, response: { 200: rollCallDto } } },
    async (req) => answerRollCall({ ctx, actor: actorOf(req), rollCallId: req.params.id, input: req.body }));
  app.post('/api/station-roll-calls/:id/record', { config: perm('stations:manage'), schema: { tags, summary: 'A manager records a holder\'s answer after calling them', params: idParam, body: recordRollCallBody, response: { 200: rollCallDto } } },
    async (req) => recordRollCallAnswer({ ctx, actor: actorOf(req), rollCallId: req.params.id, input: req.body }));

  // The rescue team and its drills.
  app.get('/api/stations/:id/team', { config: perm('stations:read'), schema: { tags, summary: 'The rescue team (phones masked for anyone not staff of the station)', params: idParam, response: { 200: z.object({ items: z.array(teamMemberDto) }) } } },
    async (req) => listTeam({ ctx, actor: actorOf(req), stationId: req.params.id }));
  app.post('/api/stations/:id/team', { config: perm('stations:manage'), schema: { tags, summary: 'Add a team member with skills and phone', params: idParam, body: createTeamMemberBody, response: { 201: teamMemberDto } } },
    async (req, reply) => reply.code(201).send(await addTeamMember({ ctx, actor: actorOf(req), stationId: req.params.id, input: req.body })));
  app.patch('/api/station-team/:id', { config: perm('stations:manage'), schema: { tags, summary: 'Change a member\'s phone, role or skills, or retire them', params: idParam, body: updateTeamMemberBody, response: { 200: teamMemberDto } } },
    async (req) => updateTeamMember({ ctx, actor: actorOf(req), teamMemberId: req.params.id, input: req.body }));
  app.get('/api/stations/:id/drills', { config: perm('stations:read'), schema: { tags, summary: 'Trainings and drills with attendance and what was practised', params: idParam, querystring: drillListQuery, response: { 200: drillPage } } },
    async (req) => listDrills({ ctx, actor: actorOf(req), stationId: req.params.id, query: req.query }));
  app.post('/api/stations/:id/drills', { config: perm('stations:manage'), schema: { tags, summary: 'Record a training or drill', params: idParam, body: createDrillBody, response: { 201: drillDto } } },
    async (req, reply) => reply.code(201).send(await recordDrill({ ctx, actor: actorOf(req), stationId: req.params.id, input: req.body })));

  // Incidents.
  app.get('/api/stations/:id/incidents', { config: perm('stations:read'), schema: { tags, summary: 'Incidents, latest first: who came, what was used, the request it began as', params: idParam, querystring: incidentListQuery, response: { 200: incidentPage } } },
    async (req) => listIncidents({ ctx, actor: actorOf(req), stationId: req.params.id, query: req.query }));
  app.post('/api/stations/:id/incidents', { config: perm('stations:checkout'), schema: { tags, summary: 'Log an incident (optionally the service request it began as)', params: idParam, body: createIncidentBody, response: { 201: incidentDto } } },
    async (req, reply) => reply.code(201).send(await logIncident({ ctx, actor: actorOf(req), stationId: req.params.id, input: req.body })));
  app.get('/api/station-incidents/:id', { config: perm('stations:read'), schema: { tags, summary: 'One incident', params: idParam, response: { 200: incidentDto } } },
    async (req) => getIncident({ ctx, actor: actorOf(req), incidentId: req.params.id }));
  app.post('/api/station-incidents/:id/close', { config: perm('stations:checkout'), schema: { tags, summary: 'Close an incident with its outcome', params: idParam, body: closeIncidentBody, response: { 200: incidentDto } } },
    async (req) => closeIncident({ ctx, actor: actorOf(req), incidentId: req.params.id, input: req.body }));
}
