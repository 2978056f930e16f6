import { actorOf, type App } from '../../server/context.js';
import { figuresQuery, rankingDto, rankingQuery, requestFiguresDto } from './figures.dto.js';
import { getRanking } from './figures.ranking.js';
import { getRequestFigures } from './figures.service.js';

export function registerFiguresRoutes(app: App): void {
  const { db } = app.ctx;
  const read = { access: { permission: 'figures:read' as const } };
  const tags = ['figures'];

  app.get('/api/figures/requests', {
    config: read,
    schema: { tags, summary: 'Request figures of a community, company, street, district or city (from roll-ups, by month)', querystring: figuresQuery, response: { 200: requestFiguresDto } },
  }, async (req) => getRequestFigures(db, actorOf(req), req.query));

  app.get('/api/figures/requests/ranking', {
    config: read,
    schema: { tags, summary: 'Communities, streets or districts of a city ranked by 响应率, 解决率, 满意率', querystring: rankingQuery, response: { 200: rankingDto } },
  }, async (req) => getRanking(db, actorOf(req), req.query));
}
