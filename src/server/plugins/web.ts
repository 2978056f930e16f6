import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { CommonErrors } from '../errors.js';
import { errorBody } from './error-handler.js';

// dist/web holds the Vite build, two levels up from src/server/plugins and dist/server/plugins.
const webRoot = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** Serves the built web app with SPA fallback; unknown API paths answer a JSON 404. */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  const hasWeb = existsSync(`${webRoot}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api') || path.startsWith('/open311');
    if (!isApi && hasWeb && request.method === 'GET') {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send(errorBody(CommonErrors.ROUTE_NOT_FOUND, `No route ${request.method} ${path}`));
  });
}
