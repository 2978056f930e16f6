import { defineModule } from '../../kernel/module.js';
import { requestDayFigures } from './dashboard.request-days.js';
import { generateMonthlyReports } from './dashboard.report.js';
import { registerDashboardRoutes } from './dashboard.routes.js';
import { dashboardScale } from './dashboard.scale.js';
import * as schema from './dashboard.schema.js';

/**
 * 数据驾驶舱: every module's figures for any level (city → compound), read from roll-ups through
 * the metric registry (./metrics), scoped by the policy: a department its city, a street office
 * its street, a community its own.
 */
export const dashboardModule = defineModule({
  id: 'dashboard',
  tables: schema,
  permissions: {
    'dashboard:read': { description: 'See the dashboard of one\'s own level (city, district, street, community or compound)', roles: ['dept_staff', 'community_staff', 'party_committee', 'owners_committee'] },
  },
  figures: [requestDayFigures],
  jobs: [{
    name: 'dashboard.monthly-report',
    description: 'Monthly report PDFs of the last complete month for every city, district, street and community (20 per run)',
    everySeconds: 600,
    run: (ctx, now) => generateMonthlyReports(ctx, now),
  }],
  demoAccounts: [{
    username: 'street1', description: '开封 州桥街道办事处（鼎立社区所在街道）：街道一级的数据驾驶舱', name: '周建华', gender: 'male', phone: '13803782301', city: 'kaifeng',
    grants: [{ role: 'dept_staff', scope: 'street', target: '鼎立社区' }],
  }],
  routes: registerDashboardRoutes,
  scale: dashboardScale,
});
