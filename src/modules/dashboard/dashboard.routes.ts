import { z } from 'zod';
import { sendDownload } from '../../kernel/download.js';
import { actorOf, type App } from '../../server/context.js';
import { calendarDto, calendarQuery, exportQuery, homeDto, nodeQuery, overviewDto, rankingDto, rankingQuery, registryDto, reportIdParam, reportQuery, storedReportsDto, storedReportsQuery } from './dashboard.dto.js';
import { exportDashboardTable } from './dashboard.export.js';
import { homeNodes, readPermission } from './dashboard.levels.js';
import { presentRegistry } from './dashboard.registry.js';
import { getMonthlyReport, getStoredReport, listStoredReports } from './dashboard.report.js';
import { ReadCache } from '../../kernel/read-cache.js';
import { sendRenderedJson, serializerCompiler } from '../../server/serializer.js';
import { getCalendar, getRanking, getRenderedOverview, type Overview, type RenderedOverview } from './dashboard.service.js';

const notModified = z.null().describe('Not modified: the ETag sent in If-None-Match is still the overview\'s');

export function registerDashboardRoutes(app: App): void {
  const { ctx } = app;
  const { db, clock } = ctx;
  const read = { access: { permission: readPermission } };
  const tags = ['dashboard'];
  // Big screens and workbenches ask for the same node's overview on every refresh and live event,
  // and one overview reads every module's figures (~200 ms on a 1 M-request city): each process
  // keeps it DASHBOARD_CACHE_SECONDS (5) per account and query — per account, because the
  // breadcrumb and the stations' readiness follow the viewer's grants. `generatedAt` tells the
  // screen how fresh it is.
  const overviews = new ReadCache<RenderedOverview>(ctx.config.dashboardCacheSeconds);
  // The route's own serialiser (fast-json-stringify from the zod schema), run once per cache entry.
  const renderOverview = serializerCompiler({ schema: overviewDto, method: 'GET', url: '/api/dashboard/overview', httpStatus: '200' }) as (o: Overview) => string;

  app.get('/api/dashboard/metrics', { config: read, schema: { tags, summary: 'The metric registry: every figure with its definition, unit, feeding module and freshness', response: { 200: registryDto } } },
    async () => presentRegistry());

  app.get('/api/dashboard/home', { config: read, schema: { tags, summary: 'Where the actor\'s dashboard opens: one node per grant (city, district, street, community or compound)', response: { 200: homeDto } } },
    async (req) => ({ nodes: await homeNodes(db, actorOf(req)) }));

  app.get('/api/dashboard/overview', { config: read, schema: { tags, summary: 'Every registered figure of one node and of its children, monthly trends and breakdowns (from roll-ups)', querystring: nodeQuery, response: { 200: overviewDto, 304: notModified } } },
    async (req, reply) => {
      const rendered = await getRenderedOverview(db, actorOf(req), req.query, clock.now(), overviews, renderOverview);
      // private: per viewer; no-cache: a browser revalidates each time, and gets a 304 while the entry lasts.
      reply.header('etag', rendered.etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === rendered.etag) return reply.code(304).send(null);
      return sendRenderedJson(reply, rendered.body);
    });

  app.get('/api/dashboard/ranking', { config: read, schema: { tags, summary: 'The node\'s children ranked by one metric (competition ranks; too few to rate = unranked)', querystring: rankingQuery, response: { 200: rankingDto } } },
    async (req) => getRanking(db, actorOf(req), req.query, clock.now()));

  app.get('/api/dashboard/calendar', { config: read, schema: { tags, summary: 'Daily totals of one calendar counter over a year, for the heat map', querystring: calendarQuery, response: { 200: calendarDto } } },
    async (req) => getCalendar(db, actorOf(req), req.query, clock.now()));

  app.get('/api/dashboard/export.xlsx', { config: read, schema: { tags, summary: 'XLSX of a dashboard table: the node\'s figures, its children, a ranking or the monthly trends', querystring: exportQuery } },
    async (req, reply) => {
      const file = await exportDashboardTable(db, actorOf(req), req.query, clock.now());
      return sendDownload(reply, { filename: file.filename, format: 'xlsx', body: file.body });
    });

  app.get('/api/dashboard/report.pdf', { config: read, schema: { tags, summary: 'The monthly report (PDF, Chinese) of one node, rendered now', querystring: reportQuery } },
    async (req, reply) => {
      const file = await getMonthlyReport(db, actorOf(req), req.query, clock.now());
      return sendDownload(reply, { filename: file.filename, format: 'pdf', body: file.body });
    });

  app.get('/api/dashboard/reports', { config: read, schema: { tags, summary: 'The monthly reports the job kept for one node, newest first', querystring: storedReportsQuery, response: { 200: storedReportsDto } } },
    async (req) => listStoredReports(db, actorOf(req), req.query));

  app.get('/api/dashboard/reports/:reportId', { config: read, schema: { tags, summary: 'One kept monthly report (PDF)', params: reportIdParam } },
    async (req, reply) => {
      const file = await getStoredReport(ctx, actorOf(req), req.params.reportId);
      return sendDownload(reply, { filename: file.filename, format: 'pdf', body: file.body });
    });
}
