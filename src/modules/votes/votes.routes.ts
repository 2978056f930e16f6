import { sendChainExport } from '../../kernel/chain/chain.envelope.js';
import { readJsonOrMultipart } from '../../kernel/multipart.js';
import { actorOf, type App } from '../../server/context.js';
import { castBody, castDto, createVoteBody, idParam, listVotesQuery, paperBallotBody, paperPhotoParams, receiptParam } from './votes.dto.js';
import { exportVote, getPaperBallotPhoto, getReceipt, getTally, getVote, listPaperBallots, listVotes } from './votes.read.js';
import { castBallot, closeVote, createVote, openVote } from './votes.service.js';

const tags = ['votes'];
const perm = (permission: 'votes:read' | 'votes:cast' | 'votes:manage') => ({ access: { permission } });

/** 业主共同决定 routes: thin handlers (validate → one service call → present). */
export function registerVoteRoutes(app: App): void {
  const ctx = app.ctx;

  app.get('/api/votes', { config: perm('votes:read'), schema: { tags, summary: 'Votes in the actor\'s scope (an owner: their compound\'s)', querystring: listVotesQuery } },
    async (req) => listVotes(ctx.db, actorOf(req), { ...req.query, state: req.query.state }));

  app.post('/api/votes', { config: perm('votes:manage'), schema: { tags, summary: 'Draft a vote of a compound with its matters', body: createVoteBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await createVote({ db: ctx.db, actor, now: ctx.clock.now(), input: { ...req.body, endsAt: new Date(req.body.endsAt) } });
      return reply.code(201).send(await getVote(ctx, actor, id));
    });

  app.get('/api/votes/:id', { config: perm('votes:read'), schema: { tags, summary: 'One vote: matters, participation, one\'s own ballot, abilities; the published result once closed', params: idParam } },
    async (req) => getVote(ctx, actorOf(req), req.params.id));

  app.post('/api/votes/:id/open', { config: perm('votes:manage'), schema: { tags, summary: 'Open: fix the electorate from the households register and start the chain', params: idParam } },
    async (req) => {
      await openVote({ db: ctx.db, actor: actorOf(req), voteId: req.params.id, now: ctx.clock.now() });
      return getVote(ctx, actorOf(req), req.params.id);
    });

  app.post('/api/votes/:id/close', { config: perm('votes:manage'), schema: { tags, summary: 'Close: tally the ballots and publish the result with the chain head', params: idParam } },
    async (req) => {
      await closeVote({ db: ctx.db, actor: actorOf(req), voteId: req.params.id, now: ctx.clock.now() });
      return getVote(ctx, actorOf(req), req.params.id);
    });

  app.post('/api/votes/:id/ballots', { config: perm('votes:cast'), schema: { tags, summary: 'Cast one\'s ballot online (once; never changed); answers a receipt code', params: idParam, body: castBody, response: { 201: castDto } } },
    async (req, reply) => {
      const r = await castBallot({ ctx, actor: actorOf(req), input: { voteId: req.params.id, answers: req.body.answers } });
      return reply.code(201).send({ ...r, castAt: r.castAt.toISOString() });
    });

  app.post('/api/votes/:id/paper-ballots', { config: perm('votes:manage'), schema: { tags, summary: 'Enter a paper ballot (multipart: a "data" JSON part {householdId, answers} and the "photo" of the signed paper)', params: idParam, response: { 201: castDto } } },
    async (req, reply) => {
      const { body, files } = await readJsonOrMultipart(req, paperBallotBody, { fileFields: ['photo'], maxFiles: 1, maxBytes: 5 * 1024 * 1024 });
      const photo = files[0] ? { bytes: files[0].bytes, mimeType: files[0].mimeType } : null;
      const r = await castBallot({ ctx, actor: actorOf(req), input: { voteId: req.params.id, answers: body.answers, paper: { householdId: body.householdId, photo } } });
      return reply.code(201).send({ ...r, castAt: r.castAt.toISOString() });
    });

  app.get('/api/votes/:id/paper-ballots', { config: perm('votes:manage'), schema: { tags, summary: 'The paper ballots entered: unit, who entered it, when, the photo (never the answers)', params: idParam } },
    async (req) => ({ items: await listPaperBallots(ctx, actorOf(req), req.params.id) }));

  app.get('/api/votes/:id/paper-ballots/:ballotId/photo', { config: perm('votes:manage'), schema: { tags, summary: 'The photo of a paper ballot', params: paperPhotoParams } },
    async (req, reply) => {
      const photo = await getPaperBallotPhoto(ctx, actorOf(req), req.params.id, req.params.ballotId);
      return reply.type(photo.mimeType).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(photo.bytes);
    });

  app.get('/api/votes/:id/tally', { config: perm('votes:read'), schema: { tags, summary: 'Participation against the thresholds; the canvassing view by building (committee, while open); the result once closed', params: idParam } },
    async (req) => getTally(ctx, actorOf(req), req.params.id));

  app.get('/api/votes/:id/export', { config: perm('votes:read'), schema: { tags, summary: 'The vote\'s hash chain (gongzhi-chain/1, kind "vote"): check it with scripts/verify-export.mjs', params: idParam } },
    async (req, reply) => sendChainExport(reply, 'vote', () => exportVote(ctx, actorOf(req), req.params.id)));

  app.get('/api/ballot-receipts/:receipt', { config: perm('votes:read'), schema: { tags, summary: 'Check a ballot by its receipt: as recorded, and held unchanged by the chain', params: receiptParam } },
    async (req) => getReceipt(ctx, actorOf(req), req.params.receipt));
}
