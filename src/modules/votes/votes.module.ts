import { defineModule } from '../../kernel/module.js';
import { seedVotesDemo } from './votes.demo.js';
import { votesFigures } from './votes.figures.js';
import { registerVoteRoutes } from './votes.routes.js';
import { votesScale } from './votes.scale.js';
import * as schema from './votes.schema.js';

/** 业主共同决定 (Civil Code art. 278): votes weighed by area and heads, ballots in a hash chain anyone can re-count. */
export const votesModule = defineModule({
  id: 'votes',
  tables: schema,
  appendOnly: ['vote_voters', 'vote_voter_units', 'vote_voter_people', 'vote_ballots', 'vote_results'],
  permissions: {
    'votes:read': { description: 'See votes, participation and results (an owner: their compound\'s)', roles: ['resident', 'owners_committee', 'community_staff', 'party_committee', 'property_staff', 'dept_staff'] },
    'votes:cast': { description: 'Cast one\'s own ballot as a registered owner', roles: ['resident'] },
    'votes:manage': { description: 'Draft, open and close votes; enter paper ballots; see the canvassing view', roles: ['owners_committee', 'community_staff'] },
  },
  liveTopics: [{ topic: 'vote.ballot', description: 'A ballot was cast or entered (participation only, never the answer)', permission: 'votes:manage' }],
  figures: [votesFigures],
  routes: registerVoteRoutes,
  demo: seedVotesDemo,
  scale: votesScale,
});
