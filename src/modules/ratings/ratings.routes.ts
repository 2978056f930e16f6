import { actorOf, type App } from '../../server/context.js';
import { sendDownload } from '../../kernel/download.js';
import { renderCertificate } from './ratings.certificate.js';
import { createCycle, getCycle, listCycles } from './ratings.cycles.js';
import {
  assessmentBody, certifyBody, companyHistoryDto, createCycleBody, createRatingBody, cycleDto, cycleListDto, cycleListQuery, districtQuery, honourListsDto, idParam,
  lowerBody, publishedDto, ratingDetailDto, ratingDistrictsDto, ratingListQuery, ratingPage, selfEvaluationBody,
} from './ratings.dto.js';
import { companyHistory, getRatingDetail, honourLists, listRatings, publishedRatings, ratingDistricts } from './ratings.read.js';
import { certifyRating, createRating, lowerRating, submitAssessment, submitSelfEvaluation } from './ratings.service.js';

const tags = ['ratings'];
type RatingPermission = 'ratings:read' | 'ratings:apply' | 'ratings:assess' | 'ratings:certify';
const perm = (permission: RatingPermission) => ({ access: { permission } });

/** 星级物业企业 routes: thin handlers (validate → one service call → present). */
export function registerRatingRoutes(app: App): void {
  const ctx = app.ctx;
  const detail = (req: Parameters<typeof actorOf>[0], ratingId: number) => getRatingDetail({ ctx, actor: actorOf(req), ratingId });

  app.get('/api/rating-cycles', { config: perm('ratings:read'), schema: { tags, summary: 'The city\'s yearly cycles, newest first, with their rubric version and ratings per state', querystring: cycleListQuery, response: { 200: cycleListDto } } },
    async (req) => listCycles({ ctx, actor: actorOf(req), cityId: req.query.cityId }));

  app.post('/api/rating-cycles', { config: perm('ratings:certify'), schema: { tags, summary: '开启年度评定: a cycle with its rubric (a changed rubric is published as a new version)', body: createCycleBody, response: { 201: cycleDto } } },
    async (req, reply) => {
      const id = await createCycle({ ctx, actor: actorOf(req), input: req.body });
      return reply.code(201).send(await getCycle({ ctx, actor: actorOf(req), cycleId: id }));
    });

  app.get('/api/rating-cycles/:id', { config: perm('ratings:read'), schema: { tags, summary: 'One cycle with the rubric version it keeps', params: idParam, response: { 200: cycleDto } } },
    async (req) => getCycle({ ctx, actor: actorOf(req), cycleId: req.params.id }));

  app.get('/api/ratings', { config: perm('ratings:read'), schema: { tags, summary: 'Ratings in the actor\'s scope (the department: its city; a company: its own; a committee: companies serving its communities)', querystring: ratingListQuery, response: { 200: ratingPage } } },
    async (req) => listRatings({ ctx, actor: actorOf(req), query: req.query }));

  app.post('/api/ratings', { config: perm('ratings:read'), schema: { tags, summary: '自评申报: open a company\'s rating in a cycle (the company, or the department)', body: createRatingBody, response: { 201: ratingDetailDto } } },
    async (req, reply) => reply.code(201).send(await detail(req, await createRating({ ctx, actor: actorOf(req), input: req.body }))));

  app.get('/api/ratings/:id', { config: perm('ratings:read'), schema: { tags, summary: 'One rating: self-score, committees\' scores, measured criteria beside them, the suggested level, decisions, history, abilities', params: idParam, response: { 200: ratingDetailDto } } },
    async (req) => detail(req, req.params.id));

  app.post('/api/ratings/:id/self-evaluation', { config: perm('ratings:apply'), schema: { tags, summary: '自评: the company scores every criterion, with evidence', params: idParam, body: selfEvaluationBody, response: { 200: ratingDetailDto } } },
    async (req) => {
      await submitSelfEvaluation({ ctx, actor: actorOf(req), ratingId: req.params.id, input: req.body });
      return detail(req, req.params.id);
    });

  app.post('/api/ratings/:id/assessments', { config: perm('ratings:assess'), schema: { tags, summary: '把关测评: the party committee of a served community scores the rating (once per community)', params: idParam, body: assessmentBody, response: { 201: ratingDetailDto } } },
    async (req, reply) => {
      await submitAssessment({ ctx, actor: actorOf(req), ratingId: req.params.id, input: req.body });
      return reply.code(201).send(await detail(req, req.params.id));
    });

  app.post('/api/ratings/:id/certify', { config: perm('ratings:certify'), schema: { tags, summary: '复核认定: the department decides the level (0 = refuse) with a written reason', params: idParam, body: certifyBody, response: { 200: ratingDetailDto } } },
    async (req) => {
      await certifyRating({ ctx, actor: actorOf(req), ratingId: req.params.id, input: req.body });
      return detail(req, req.params.id);
    });

  app.post('/api/ratings/:id/lower', { config: perm('ratings:read'), schema: { tags, summary: '动态降级: propose (department), answer (company), decide (department, after the answer or its deadline)', params: idParam, body: lowerBody, response: { 200: ratingDetailDto } } },
    async (req) => {
      await lowerRating({ ctx, actor: actorOf(req), ratingId: req.params.id, input: req.body });
      return detail(req, req.params.id);
    });

  app.get('/api/ratings/:id/certificate.pdf', { config: perm('ratings:read'), schema: { tags, summary: '证书 / 牌匾 (PDF, Chinese) of a certified rating', params: idParam } },
    async (req, reply) => {
      const file = await renderCertificate({ ctx, actor: actorOf(req), ratingId: req.params.id });
      return sendDownload(reply, { filename: file.filename, format: 'pdf', body: file.body });
    });

  app.get('/api/companies/:id/ratings', { config: perm('ratings:read'), schema: { tags, summary: 'A company\'s history: every year\'s scores, level and reasons', params: idParam, response: { 200: companyHistoryDto } } },
    async (req) => companyHistory({ ctx, actor: actorOf(req), companyId: req.params.id }));

  app.get('/api/published-ratings', { config: { access: { public: true } }, schema: { tags, summary: '星级物业企业 of a district: certified ratings in force (public)', querystring: districtQuery, response: { 200: publishedDto } } },
    async (req) => publishedRatings({ ctx, districtId: req.query.districtId }));

  app.get('/api/rating-lists', { config: { access: { public: true } }, schema: { tags, summary: '红榜 and 警示榜 of a district (public)', querystring: districtQuery, response: { 200: honourListsDto } } },
    async (req) => honourLists({ ctx, districtId: req.query.districtId }));

  app.get('/api/rating-districts', { config: { access: { public: true } }, schema: { tags, summary: 'Districts with the number of companies serving them that hold a rating in force (public)', response: { 200: ratingDistrictsDto } } },
    async () => ratingDistricts({ ctx }));
}
