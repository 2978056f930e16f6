import { defineModule } from '../../kernel/module.js';
import { seedDeliberationDemo } from './deliberation.demo.js';
import { deliberationFigures } from './deliberation.figures.js';
import { registerDeliberationRoutes } from './deliberation.routes.js';
import * as schema from './deliberation.schema.js';
import { followSpawnedRequests } from './deliberation.service.js';

const readers = ['resident', 'party_member', 'community_staff', 'party_committee', 'owners_committee', 'property_staff', 'grid_worker', 'dept_staff'];

/** 协商共治: topics and opinions, the seven kinds of meeting, decisions followed up until done. */
export const deliberationModule = defineModule({
  id: 'deliberation',
  tables: schema,
  appendOnly: ['deliberation_opinion_versions', 'deliberation_attendees', 'deliberation_decision_events'],
  permissions: {
    'deliberation:read': { description: 'See topics, opinions and the public record of meetings in one\'s scope', roles: readers },
    'deliberation:raise': { description: 'Raise a topic (议题) for one\'s compound or community', roles: ['resident', 'owners_committee', 'community_staff', 'party_committee', 'property_staff'] },
    'deliberation:opine': { description: 'Give one\'s opinion on a topic of one\'s compound or community', roles: ['resident'] },
    'deliberation:moderate': { description: 'Hide an opinion from the public record (the original is kept)', roles: ['community_staff', 'party_committee'] },
    'deliberation:convene': { description: 'Convene meetings, record minutes and attendance, make and follow up decisions', roles: ['community_staff', 'party_committee', 'owners_committee'] },
  },
  jobs: [{ name: 'deliberation.follow-requests', description: 'Marks decisions done when all the service requests they spawned are finished', everySeconds: 60, run: (ctx, now) => followSpawnedRequests(ctx, now) }],
  figures: [deliberationFigures],
  routes: registerDeliberationRoutes,
  demo: seedDeliberationDemo,
});
