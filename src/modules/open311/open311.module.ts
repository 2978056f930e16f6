import { defineModule } from '../../kernel/module.js';
import { seedOpen311 } from './open311.demo.js';
import { registerOpen311Routes } from './open311.routes.js';
import * as schema from './open311.schema.js';

/** Open311 GeoReport v2: the city's other systems file and read requests with an api_key. */
export const open311Module = defineModule({
  id: 'open311',
  tables: schema,
  permissions: {
    'open311:manage': { description: 'Issue and revoke Open311 API keys', roles: [] },
  },
  routes: registerOpen311Routes,
  demo: seedOpen311,
});
