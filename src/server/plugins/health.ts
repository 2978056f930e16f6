import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../context.js';
import { AppError, CommonErrors } from '../errors.js';

const startedAt = new Date();

export function registerHealth(app: App): void {
  app.get('/api/health', {
    config: { access: { public: true } },
    schema: {
      tags: ['ops'],
      summary: 'Liveness and database reachability',
      response: {
        200: z.object({
          status: z.literal('ok'),
          db: z.enum(['pglite', 'postgres']),
          dbLatencyMs: z.number(),
          uptimeSeconds: z.number().int(),
          version: z.string(),
        }),
      },
    },
  }, async () => {
    const t0 = performance.now();
    try {
      await app.ctx.db.execute(sql`select 1`);
    } catch (err) {
      throw new AppError(CommonErrors.UNAVAILABLE, 'Database unreachable', { reason: (err as Error).message });
    }
    return {
      status: 'ok' as const,
      db: app.ctx.dbKind,
      dbLatencyMs: Math.round((performance.now() - t0) * 100) / 100,
      uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      version: '0.1.0',
    };
  });
}
