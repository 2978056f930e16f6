import { defineModule } from '../../kernel/module.js';
import { expireOffers, recordNoShows } from './community.activities.js';
import { pushDueAnnouncements } from './community.announcements.js';
import { communityDemoAccounts, seedCommunityDemo } from './community.demo.js';
import { activityFigures } from './community.figures.js';
import { registerCommunityRoutes } from './community.routes.js';
import { communityScale } from './community.scale.js';
import * as schema from './community.schema.js';
import { releaseUncheckedBookings } from './community.venues.js';

const staff = ['community_staff', 'party_committee', 'property_staff'];
const people = ['resident', 'party_member', 'owners_committee', 'grid_worker', ...staff];

/**
 * Community life: red venues and bookings, activities with sign-up, waiting list and QR
 * check-in/check-out (volunteer hours to the service ledger), announcements with read receipts,
 * the red book corner, and 物业经理接待日.
 */
export const communityModule = defineModule({
  id: 'community',
  tables: schema,
  permissions: {
    'community:read': { description: 'See rooms and their calendars, activities, announcements, study materials and reception days in one\'s scope (a resident: their community)', roles: [...people, 'dept_staff'] },
    'community:book': { description: 'Book a room, book a reception-day slot', roles: people },
    'community:signup': { description: 'Sign up to activities and check in and out with the code', roles: people },
    'community:manage': { description: 'Run rooms, approve bookings, organise activities (codes, walk-ins, reports), publish announcements and study materials, hold reception days', roles: staff },
  },
  jobs: [
    { name: 'community.release-bookings', description: 'Release bookings not checked into 15 minutes after their start', everySeconds: 60, run: (ctx, now) => releaseUncheckedBookings(ctx.db, now) },
    { name: 'community.expire-offers', description: 'Expire waiting-list offers not taken in time and offer the seat to the next', everySeconds: 60, run: (ctx, now) => expireOffers(ctx.db, now) },
    { name: 'community.no-shows', description: 'Record seated sign-ups without a check-in as no-shows once an activity is over', everySeconds: 300, run: (ctx, now) => recordNoShows(ctx.db, now) },
    { name: 'community.push-announcements', description: 'Push urgent announcements whose scheduled time has come', everySeconds: 60, run: (ctx, now) => pushDueAnnouncements(ctx.db, now) },
  ],
  figures: [activityFigures],
  routes: registerCommunityRoutes,
  demo: seedCommunityDemo,
  demoAccounts: communityDemoAccounts,
  scale: communityScale,
});
