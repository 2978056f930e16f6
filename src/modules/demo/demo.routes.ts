import type { App } from '../../server/context.js';
import { demoAccountsDto } from './demo.dto.js';
import { listDemoAccounts } from './demo.service.js';

export function registerDemoRoutes(app: App): void {
  app.get('/api/demo/accounts', {
    config: { access: { public: true } },
    schema: { tags: ['demo'], summary: 'Demo accounts for the login page (empty unless the demo city is loaded)', response: { 200: demoAccountsDto } },
  }, async () => listDemoAccounts(app.ctx.db));
}
