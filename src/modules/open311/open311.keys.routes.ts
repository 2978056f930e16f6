import { z } from 'zod';
import { actorOf, type App } from '../../server/context.js';
import { apiKeyPage, issueKeyBody, issuedKeyDto, keyIdParam, listKeysQuery } from './open311.keys.dto.js';
import { issueApiKey, listApiKeys, revokeApiKey } from './open311.keys.service.js';

/** Platform admins issue and revoke the api_keys Open311 clients file requests with. */
export function registerOpen311KeyRoutes(app: App): void {
  const { db, clock } = app.ctx;
  const manage = { access: { permission: 'open311:manage' as const } };
  const tags = ['open311'];

  app.post('/api/admin/open311-keys', { config: manage, schema: { tags, summary: 'Issue an Open311 api_key to an organisation (the key is returned once)', body: issueKeyBody, response: { 201: issuedKeyDto } } },
    async (req, reply) => reply.code(201).send(await issueApiKey(db, actorOf(req), req.body)));

  app.get('/api/admin/open311-keys', { config: manage, schema: { tags, summary: 'Open311 api_keys (never the keys themselves)', querystring: listKeysQuery, response: { 200: apiKeyPage } } },
    async (req) => listApiKeys(db, actorOf(req), req.query));

  app.delete('/api/admin/open311-keys/:id', { config: manage, schema: { tags, summary: 'Revoke an Open311 api_key', params: keyIdParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await revokeApiKey(db, clock, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    });
}
