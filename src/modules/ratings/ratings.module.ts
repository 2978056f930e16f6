import { defineModule } from '../../kernel/module.js';
import { ratingDemoAccounts, seedRatingsDemo } from './ratings.demo.js';
import { registerRatingRoutes } from './ratings.routes.js';
import * as schema from './ratings.schema.js';

/**
 * 星级物业企业: the yearly star rating of property companies — a versioned rubric, yearly cycles,
 * self-evaluation → assessment by the committee of each served community → certification by the
 * department with a reason, the platform's measured criteria beside the manual scores, lowering
 * mid-year with the company's answer, certificates, public lists per district, history.
 */
export const ratingsModule = defineModule({
  id: 'ratings',
  tables: schema,
  appendOnly: ['rating_events'],
  permissions: {
    'ratings:read': { description: 'See ratings in one\'s scope (the department: its city; a company: its own; a committee or community office: companies serving its communities)', roles: ['property_staff', 'party_committee', 'community_staff', 'dept_staff'] },
    'ratings:apply': { description: '自评申报: apply, self-evaluate, answer a lowering (the company\'s own rating)', roles: ['property_staff'] },
    'ratings:assess': { description: '把关测评: assess companies serving one\'s community', roles: ['party_committee'] },
    'ratings:certify': { description: '复核认定: open cycles and rubrics, certify, lower (the housing department)', roles: ['dept_staff'] },
  },
  routes: registerRatingRoutes,
  demo: seedRatingsDemo,
  demoAccounts: ratingDemoAccounts,
});
