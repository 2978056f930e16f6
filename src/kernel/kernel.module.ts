import { foldAllFigures } from './figures.js';
import { dropOldQuotaWindows } from './rate-limit.js';
import * as chainSchema from './chain/chain.schema.js';
import * as figuresSchema from './figures.schema.js';
import * as kernelSchema from './kernel.schema.js';
import * as secretsSchema from './secrets.schema.js';
import { defineModule } from './module.js';

/** What the kernel itself stores (jobs, idempotency records, figures) and runs (the figures fold). */
export const kernelModule = defineModule({
  id: 'kernel',
  tables: { ...kernelSchema, ...figuresSchema, ...chainSchema, ...secretsSchema },
  appendOnly: ['chain_entries'],
  jobs: [{
    name: 'kernel.figures-fold',
    description: 'Folds figures deltas into their cells (batches of 20,000, oldest first)',
    everySeconds: Number(process.env.FIGURES_FOLD_SECONDS ?? 2) || 2,
    run: (ctx) => foldAllFigures(ctx.db),
  }, {
    name: 'kernel.rate-limit-cleanup',
    description: 'Drops write-rate windows older than an hour',
    everySeconds: 300,
    run: (ctx) => dropOldQuotaWindows(ctx.db),
  }],
});
