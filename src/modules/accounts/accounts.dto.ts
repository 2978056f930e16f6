import { z } from 'zod';
import { isCleanText, line } from '../../kernel/dto.js';
import { scopeTypes } from './accounts.schema.js';

export const loginBody = z.strictObject({
  username: line({ min: 1, max: 64 }).describe('Username or phone number'),
  password: z.string().min(1).max(256).refine(isCleanText, 'contains a control character or an unpaired surrogate').describe('Password'),
});

export const grantDto = z.object({
  role: z.string().describe('Role held (resident, community_staff, …)'),
  scopeType: z.enum(scopeTypes).describe('Kind of place or organisation the role is bound to'),
  scopeId: z.number().int().describe('Id of that place or organisation'),
  scopeName: z.string().describe('Human name of the scope, e.g. 鼎立社区'),
});

export const meDto = z.object({
  accountId: z.number().int(),
  username: z.string(),
  name: z.string().describe('Display name of the person'),
  cityId: z.number().int(),
  roles: z.array(grantDto).describe('Every role of the account with its scope'),
  permissions: z.array(z.string()).describe('Union of permissions over all roles (for menus)'),
  household: z
    .object({ id: z.number().int(), label: z.string(), communityId: z.number().int(), communityName: z.string(), compoundId: z.number().int(), compoundName: z.string() })
    .nullable()
    .describe('The household of a resident, if any'),
  csrfToken: z.string().describe('Send as X-CSRF-Token on every POST/PUT/PATCH/DELETE'),
});
export type MeDto = z.infer<typeof meDto>;
