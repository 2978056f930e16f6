import { z } from 'zod';
import { bodyId, line } from '../../kernel/dto.js';
import { pageOf, pageQuery } from '../../server/pagination.js';

export const issueKeyBody = z.object({
  organisationId: bodyId.describe('The organisation the key is issued to (e.g. a residents\' committee or a city hotline)'),
  communityId: bodyId.nullish().describe('Bind the key to one community; defaults to the organisation\'s own community, if it has one'),
  label: line({ min: 1, max: 100 }).describe('What the key is for, e.g. "12345 市民热线"'),
});

export { idParam as keyIdParam } from '../../kernel/dto.js';

export const listKeysQuery = z.object({
  includeRevoked: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('Also list revoked keys'),
  ...pageQuery,
});

export const apiKeyDto = z.object({
  id: z.number().int(),
  label: z.string(),
  keyPrefix: z.string().describe('First characters of the key, to recognise it'),
  cityCode: z.string().describe('The jurisdiction_id the key files in'),
  organisation: z.object({ id: z.number().int(), name: z.string() }),
  community: z.object({ id: z.number().int(), name: z.string() }).nullable().describe('null: anywhere in the city'),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
});

export const issuedKeyDto = apiKeyDto.extend({
  key: z.string().describe('The api_key itself. Shown only in this response; store it now'),
});

export const apiKeyPage = pageOf(apiKeyDto);
