import { kernelModule } from '../kernel/kernel.module.js';
import { registerModules } from '../kernel/registry.js';
import { accountsModule } from './accounts/accounts.module.js';
import { dashboardModule } from './dashboard/dashboard.module.js';
import { deliberationModule } from './deliberation/deliberation.module.js';
import { demoModule } from './demo/demo.module.js';
import { feesModule } from './fees/fees.module.js';
import { figuresModule } from './figures/figures.module.js';
import { ledgersModule } from './ledgers/ledgers.module.js';
import { membersModule } from './members/members.module.js';
import { notificationsModule } from './notifications/notifications.module.js';
import { open311Module } from './open311/open311.module.js';
import { placesModule } from './places/places.module.js';
import { ratingsModule } from './ratings/ratings.module.js';
import { requestsModule } from './requests/requests.module.js';
import { stationsModule } from './stations/stations.module.js';
import { communityModule } from './community/community.module.js';
import { votesModule } from './votes/votes.module.js';

/**
 * Every module of the app, once. The app's routes, the schema, the demo city, the access policy,
 * the jobs, the live topics and the route-authorisation test all come from this list (see
 * docs/ARCHITECTURE.md, "Adding a module"). Demo seeders run in this order.
 */
export const modules = registerModules([
  kernelModule,
  placesModule,
  accountsModule,
  notificationsModule,
  open311Module,
  requestsModule,
  membersModule,
  stationsModule,
  votesModule,
  deliberationModule,
  communityModule,
  feesModule,
  ledgersModule,
  ratingsModule,
  figuresModule,
  dashboardModule,
  demoModule,
]);
