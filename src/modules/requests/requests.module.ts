import { defineModule } from '../../kernel/module.js';
import { seedRequestsDemo } from './requests.demo.js';
import { requestEventVisibleTo } from './requests.live.js';
import { registerRequestRoutes } from './requests.routes.js';
import { slaSweepJob } from './requests.scheduler.js';
import * as schema from './requests.schema.js';

const everyStaffReader = ['resident', 'property_staff', 'community_staff', 'party_committee', 'owners_committee', 'grid_worker', 'local_unit_staff', 'dept_staff'];

/** 三单服务: residents file, the community dispatches, companies and local units work, everyone follows the SLA. */
export const requestsModule = defineModule({
  id: 'requests',
  tables: schema,
  appendOnly: ['request_events', 'joint_consultations'],
  permissions: {
    'requests:create': { description: 'File a request about one\'s household or compound', roles: ['resident'] },
    'requests:read': { description: 'See requests in one\'s scope (a resident: their household\'s)', roles: everyStaffReader },
    'requests:dispatch': { description: '社区发单: dispatch, merge, escalate, cancel', roles: ['community_staff', 'party_committee'] },
    'requests:work': { description: '接单: accept, work on and resolve assigned orders', roles: ['property_staff', 'grid_worker', 'local_unit_staff'] },
    'requests:rate': { description: 'Confirm, rate or reopen one\'s own request', roles: ['resident'] },
    'requests:consult': { description: 'Take part in 三方会诊 and record its decision', roles: ['community_staff', 'party_committee', 'owners_committee'] },
    'requests:configure': { description: 'Edit categories, SLA targets and keyword rules of the city', roles: ['dept_staff'] },
  },
  liveTopics: [
    { topic: 'request.created', description: 'A request was filed', permission: 'requests:read', visibleTo: requestEventVisibleTo },
    { topic: 'request.updated', description: 'A request moved (a step, an SLA breach, a merge)', permission: 'requests:read', visibleTo: requestEventVisibleTo },
  ],
  jobs: [slaSweepJob],
  routes: registerRequestRoutes,
  demo: seedRequestsDemo,
});
