import { defineModule } from '../../kernel/module.js';
import { registerDemoRoutes } from './demo.routes.js';

/** The demo city's login-page helper (empty unless the demo is loaded). */
export const demoModule = defineModule({
  id: 'demo',
  routes: registerDemoRoutes,
});
