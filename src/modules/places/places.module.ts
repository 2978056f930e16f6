import { defineModule } from '../../kernel/module.js';
import { registerPlaceRoutes } from './places.routes.js';
import * as schema from './places.schema.js';

/** City → district → street → community → compound → building → unit → household, and the organisations. */
export const placesModule = defineModule({
  id: 'places',
  tables: schema,
  permissions: {
    'places:read': {
      description: 'Browse communities, compounds and buildings in one\'s scope',
      roles: ['resident', 'property_staff', 'community_staff', 'party_committee', 'owners_committee', 'grid_worker', 'dept_staff'],
    },
    'households:read': { description: 'List households and their members (masked without people:read_pii)', roles: ['community_staff', 'party_committee', 'grid_worker', 'dept_staff'] },
  },
  routes: registerPlaceRoutes,
});
