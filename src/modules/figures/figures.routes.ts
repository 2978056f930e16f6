import { ReadCache, retireOnEvents } from '../../kernel/read-cache.js';
import { sendRenderedJson, serializerCompiler } from '../../server/serializer.js';
import { actorOf, type App } from '../../server/context.js';
import { figuresQuery, rankingDto, rankingQuery, requestFiguresDto, type RequestFigures } from './figures.dto.js';
import { getRanking } from './figures.ranking.js';
import { figuresCacheTag, getRenderedRequestFigures } from './figures.service.js';

export function registerFiguresRoutes(app: App): void {
  const { db, events, config } = app.ctx;
  const read = { access: { permission: 'figures:read' as const } };
  const tags = ['figures'];
  // A department's screens and reports ask for the same city's figures over and over; each costs
  // ~15 ms of PostgreSQL and ~9 ms of server CPU on a 1 M-request city. Every write to a request
  // publishes a live event (filing, each step, the SLA sweep, auto-close) carrying its city: that
  // event retires the city's cached figures in every process (LISTEN/NOTIFY on PostgreSQL).
  const cache = new ReadCache<string>(config.figuresCacheSeconds);
  const unsubscribe = retireOnEvents(events, (event) => {
    const cityId = event.payload.cityId;
    return event.topic.startsWith('request.') && typeof cityId === 'number' ? figuresCacheTag(cityId) : undefined;
  }, cache);
  app.addHook('onClose', async () => unsubscribe());
  const render = serializerCompiler({ schema: requestFiguresDto, method: 'GET', url: '/api/figures/requests', httpStatus: '200' }) as (f: RequestFigures) => string;

  app.get('/api/figures/requests', {
    config: read,
    schema: { tags, summary: 'Request figures of a community, company, street, district or city (from roll-ups, by month)', querystring: figuresQuery, response: { 200: requestFiguresDto } },
  }, async (req, reply) => {
    return sendRenderedJson(reply, await getRenderedRequestFigures(db, actorOf(req), req.query, cache, render));
  });

  app.get('/api/figures/requests/ranking', {
    config: read,
    schema: { tags, summary: 'Communities, streets or districts of a city ranked by 响应率, 解决率, 满意率', querystring: rankingQuery, response: { 200: rankingDto } },
  }, async (req) => getRanking(db, actorOf(req), req.query));
}
