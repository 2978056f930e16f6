import { defineModule } from '../../kernel/module.js';
import { registerAccountRoutes } from './accounts.routes.js';
import * as schema from './accounts.schema.js';

/**
 * People, accounts, sessions and the roles everyone holds. The base roles live here: who a person
 * is in the system (a resident, community staff, the department…); modules give them permissions.
 */
export const accountsModule = defineModule({
  id: 'accounts',
  tables: schema,
  roles: {
    resident: { description: '居民 / 业主: a member of a household' },
    party_member: { description: '党员: 自管 or 双报到 party member' },
    property_staff: { description: '物业服务企业 staff, granted on a company' },
    community_staff: { description: '社区 office (居委会) staff, granted on a community' },
    party_committee: { description: '社区党委 / 网格党支部, granted on a community' },
    owners_committee: { description: '业主委员会 member, granted on a community or compound' },
    grid_worker: { description: '网格员: works the orders assigned to them' },
    local_unit_staff: { description: '辖区单位 staff (utility, school…), granted on a local unit' },
    dept_staff: { description: '房管局 / 物业服务中心 staff, granted on a city, district or street' },
    platform_admin: { description: 'platform administrator', allPermissions: true },
  },
  permissions: {
    'people:read_pii': { description: 'See full names, phone and ID numbers (PIPL: only who needs them)', roles: ['community_staff', 'party_committee'] },
    'accounts:manage': { description: 'Create and disable accounts, grant roles', roles: [] },
  },
  routes: registerAccountRoutes,
});
