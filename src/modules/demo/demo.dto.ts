import { z } from 'zod';

export const demoAccountDto = z.object({
  username: z.string().describe('Username to log in with'),
  description: z.string().describe('Who the account is, in Chinese (e.g. 居民 · 鼎立社区 鼎立小区A区 12号楼)'),
  roles: z.array(z.string()).describe('Roles the account holds, for a localised label'),
});

export const demoAccountsDto = z.object({
  enabled: z.boolean().describe('True when the demo city is loaded in this database'),
  password: z.string().nullable().describe('The shared demo password, only when enabled'),
  accounts: z.array(demoAccountDto),
});
export type DemoAccountsDto = z.infer<typeof demoAccountsDto>;
