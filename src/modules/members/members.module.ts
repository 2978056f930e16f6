import { defineModule } from '../../kernel/module.js';
import { memberDemoAccounts, seedMembersDemo } from './members.demo.js';
import { memberFigures } from './members.figures.js';
import { registerMemberRoutes } from './members.routes.js';
import { membersScale } from './members.scale.js';
import * as schema from './members.schema.js';
import { expireStalledClaims } from './wishes.service.js';

const staff = ['community_staff', 'party_committee'];
const serving = ['party_member', 'volunteer'];

/**
 * Party members and volunteers: the registry (报到), 亮身份, 三岗, teams, the service ledger
 * and the 红榜; and 微心愿 — posted, reviewed, claimed by exactly one member, fulfilled with a
 * photo, confirmed, credited once. Other modules credit service through `creditService`
 * (members.ledger.ts).
 */
export const membersModule = defineModule({
  id: 'members',
  tables: schema,
  appendOnly: ['service_ledger', 'member_events', 'wish_events', 'honour_roll_periods', 'honour_roll_entries'],
  roles: {
    volunteer: { description: '志愿者: a non-member volunteer, granted on a community once registered' },
  },
  permissions: {
    'wishes:read': { description: 'See wishes: a resident their compound\'s public ones, a member their communities\', staff theirs; confirm or decline one\'s own', roles: ['resident', ...serving, ...staff, 'dept_staff'] },
    'wishes:post': { description: 'Post a wish (a resident for their compound, staff on behalf of one)', roles: ['resident', ...staff] },
    'wishes:review': { description: 'See a community\'s wishes in every state and their figures', roles: [...staff, 'dept_staff'] },
    'wishes:manage': { description: 'Review wishes, release stalled claims, confirm on behalf of a resident', roles: staff },
    'wishes:claim': { description: 'Claim and fulfil wishes (an approved member or volunteer of the community: the registry decides)', roles: ['resident', ...serving] },
    'members:read': { description: 'See one\'s own registration and ledger; staff see the registry of their communities', roles: ['resident', ...serving, ...staff, 'dept_staff'] },
    'members:registry': { description: 'See every registration of a community and its members\' ledgers', roles: [...staff, 'dept_staff'] },
    'members:register': { description: '报到: register as a party member or volunteer where one lives', roles: ['resident', ...serving, ...staff] },
    'members:approve': { description: 'Approve registrations and set the points rule (community party committee)', roles: ['party_committee'] },
    'members:manage': { description: 'Keep the registry: posts (三岗), teams, leaving and transfers', roles: staff },
    'members:serving': { description: 'See teams, the members serving a compound (亮身份) and the 红榜', roles: ['resident', ...serving, ...staff, 'dept_staff', 'owners_committee', 'property_staff', 'grid_worker'] },
  },
  jobs: [{
    name: 'members.stalled-claims',
    description: 'Claims past their deadline return to the pool; the community and the claimant are told',
    everySeconds: 300,
    run: (ctx, now) => expireStalledClaims(ctx, now),
  }],
  figures: [memberFigures],
  routes: registerMemberRoutes,
  demo: seedMembersDemo,
  demoAccounts: memberDemoAccounts,
  scale: membersScale,
});
