import { defineModule } from '../../kernel/module.js';
import { registerNotificationRoutes } from './notifications.routes.js';
import * as schema from './notifications.schema.js';

/** In-app notifications (and copies through the SMS / WeChat channel seam). */
export const notificationsModule = defineModule({
  id: 'notifications',
  tables: schema,
  permissions: {
    'notifications:read': {
      description: 'Read one\'s own notifications',
      roles: ['resident', 'party_member', 'property_staff', 'community_staff', 'party_committee', 'owners_committee', 'grid_worker', 'local_unit_staff', 'dept_staff'],
    },
  },
  liveTopics: [
    { topic: 'notification.created', description: 'A notification for the account it is addressed to', permission: 'notifications:read', addressedOnly: true },
  ],
  routes: registerNotificationRoutes,
});
