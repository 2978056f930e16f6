import { defineModule } from '../../kernel/module.js';
import { foldRequestDeltas } from './figures.rollups.js';
import { registerFiguresRoutes } from './figures.routes.js';
import * as schema from './figures.schema.js';

/** Request figures (响应率, 解决率, 满意率, 处置合格率…) for every level, from roll-ups. */
export const figuresModule = defineModule({
  id: 'figures',
  tables: schema,
  permissions: {
    'figures:read': { description: 'Read figures of one\'s scope', roles: ['property_staff', 'community_staff', 'party_committee', 'owners_committee', 'dept_staff'] },
  },
  routes: registerFiguresRoutes,
  jobs: [{
    name: 'figures.fold-requests',
    description: 'Adds pending request deltas to the figures roll-ups (batches of 5,000, oldest first)',
    everySeconds: Number(process.env.FIGURES_FOLD_SECONDS ?? 1) || 1,
    run: (ctx) => foldRequestDeltas(ctx.db),
  }],
});
