import { sendDownload } from '../../kernel/download.js';
import { toCsv, toXlsx, type ExportColumn } from '../../kernel/export.js';
import { actorOf, type App } from '../../server/context.js';
import {
  countsExportQuery, countsQuery, decisionBody, followBody, idParam, listMeetingsQuery, listTopicsQuery, meetingBody, minutesBody, moderationBody,
  moderationParams, opinionBody, spawnBody, topicBody,
} from './deliberation.dto.js';
import { deliberationCounts, deliberationCountsWithMonths, getMeeting, getTopic, listMeetings, listTopics, type CommunityCounts } from './deliberation.read.js';
import { followDecision, makeDecision, moderateOpinion, raiseTopic, recordMinutes, scheduleMeeting, spawnRequest, visibleDecision, writeOpinion } from './deliberation.service.js';

const tags = ['deliberation'];
type P = 'deliberation:read' | 'deliberation:raise' | 'deliberation:opine' | 'deliberation:moderate' | 'deliberation:convene';
const perm = (permission: P) => ({ access: { permission } });

const countColumns: ExportColumn<CommunityCounts>[] = [
  { header: '社区', value: (r) => r.communityName },
  { header: '召开会议（次）', value: (r) => r.meetings },
  { header: '其中小板凳议事会（次）', value: (r) => r.meetingsByType.small_bench ?? 0 },
  { header: '收集意见建议（条）', value: (r) => r.opinions },
  { header: '参与（人次）', value: (r) => r.personTimes },
  { header: '形成决定（项）', value: (r) => r.decisions },
  { header: '已办结（项）', value: (r) => r.decisionsDone },
  { header: '表述', value: (r) => r.sentence },
];

/** 协商共治 routes: topics and opinions, meetings with minutes and decisions, counts. */
export function registerDeliberationRoutes(app: App): void {
  const ctx = app.ctx;
  const now = () => ctx.clock.now();

  app.get('/api/topics', { config: perm('deliberation:read'), schema: { tags, summary: 'Topics (议题) in the actor\'s scope', querystring: listTopicsQuery } },
    async (req) => listTopics(ctx.db, actorOf(req), req.query));
  app.post('/api/topics', { config: perm('deliberation:raise'), schema: { tags, summary: 'Raise a topic for a compound or a community, with a period for opinions', body: topicBody } },
    async (req, reply) => {
      const id = await raiseTopic({ db: ctx.db, actor: actorOf(req), now: now(), input: { ...req.body, opinionsUntil: new Date(req.body.opinionsUntil) } });
      return reply.code(201).send(await getTopic(ctx.db, actorOf(req), id, now()));
    });
  app.get('/api/topics/:id', { config: perm('deliberation:read'), schema: { tags, summary: 'A topic with its opinions', params: idParam } },
    async (req) => getTopic(ctx.db, actorOf(req), req.params.id, now()));
  app.post('/api/topics/:id/opinions', { config: perm('deliberation:opine'), schema: { tags, summary: 'Write one\'s opinion (one per person per topic; editable until the period closes)', params: idParam, body: opinionBody } },
    async (req, reply) => {
      await writeOpinion({ db: ctx.db, actor: actorOf(req), topicId: req.params.id, stance: req.body.stance, body: req.body.body, now: now() });
      return reply.code(201).send(await getTopic(ctx.db, actorOf(req), req.params.id, now()));
    });
  app.post('/api/topics/:id/opinions/:opinionId/moderation', { config: perm('deliberation:moderate'), schema: { tags, summary: 'Hide an opinion from the public record, or show it again (the original is kept)', params: moderationParams, body: moderationBody } },
    async (req) => {
      await moderateOpinion({ db: ctx.db, actor: actorOf(req), topicId: req.params.id, opinionId: req.params.opinionId, action: req.body.action, reason: req.body.reason, now: now() });
      return getTopic(ctx.db, actorOf(req), req.params.id, now());
    });

  app.get('/api/meetings', { config: perm('deliberation:read'), schema: { tags, summary: 'Meetings in the actor\'s scope', querystring: listMeetingsQuery } },
    async (req) => listMeetings(ctx.db, actorOf(req), req.query));
  app.post('/api/meetings', { config: perm('deliberation:convene'), schema: { tags, summary: 'Convene a meeting of one of the seven types with its agenda and invited parties', body: meetingBody } },
    async (req, reply) => {
      const id = await scheduleMeeting({ db: ctx.db, actor: actorOf(req), now: now(), input: { ...req.body, scheduledAt: new Date(req.body.scheduledAt) } });
      return reply.code(201).send(await getMeeting(ctx.db, actorOf(req), id));
    });
  app.get('/api/meetings/:id', { config: perm('deliberation:read'), schema: { tags, summary: 'The public record of a meeting: agenda, attendance, minutes, decisions and their progress', params: idParam } },
    async (req) => getMeeting(ctx.db, actorOf(req), req.params.id));
  app.post('/api/meetings/:id/minutes', { config: perm('deliberation:convene'), schema: { tags, summary: 'Record the minutes and attendance (once): the meeting is held', params: idParam, body: minutesBody } },
    async (req) => {
      await recordMinutes({ db: ctx.db, actor: actorOf(req), meetingId: req.params.id, now: now(), input: { ...req.body, heldAt: new Date(req.body.heldAt) } });
      return getMeeting(ctx.db, actorOf(req), req.params.id);
    });
  app.post('/api/meetings/:id/decisions', { config: perm('deliberation:convene'), schema: { tags, summary: 'A decision of the held meeting, with an owner and a due date', params: idParam, body: decisionBody } },
    async (req, reply) => {
      await makeDecision({ db: ctx.db, actor: actorOf(req), meetingId: req.params.id, input: req.body, now: now() });
      return reply.code(201).send(await getMeeting(ctx.db, actorOf(req), req.params.id));
    });
  app.post('/api/decisions/:id/progress', { config: perm('deliberation:convene'), schema: { tags, summary: 'Follow a decision up: a note, or done', params: idParam, body: followBody } },
    async (req) => {
      await followDecision({ db: ctx.db, actor: actorOf(req), decisionId: req.params.id, note: req.body.note, done: req.body.done, now: now() });
      const { decision } = await visibleDecision(ctx.db, actorOf(req), req.params.id);
      return getMeeting(ctx.db, actorOf(req), decision.meetingId);
    });
  app.post('/api/decisions/:id/requests', { config: perm('deliberation:convene'), schema: { tags, summary: 'Spawn a service request for the decision (done when its requests are)', params: idParam, body: spawnBody } },
    async (req, reply) => {
      const requestId = await spawnRequest({ ctx, actor: actorOf(req), decisionId: req.params.id, input: req.body });
      return reply.code(201).send({ requestId });
    });

  app.get('/api/deliberation/counts', { config: perm('deliberation:read'), schema: { tags, summary: 'Per community: meetings held (by type), opinions collected, person-times, decisions and done — with the sentence; and month by month', querystring: countsQuery } },
    async (req) => deliberationCountsWithMonths(ctx.db, actorOf(req), req.query));
  app.get('/api/deliberation/counts/export', { config: perm('deliberation:read'), schema: { tags, summary: 'The counts as CSV or XLSX', querystring: countsExportQuery } },
    async (req, reply) => {
      const rows = await deliberationCounts(ctx.db, actorOf(req), req.query);
      const body = req.query.format === 'xlsx' ? await toXlsx(countColumns, rows, '协商共治') : toCsv(countColumns, rows);
      return sendDownload(reply, { filename: `协商共治统计.${req.query.format}`, format: req.query.format, body });
    });

}
