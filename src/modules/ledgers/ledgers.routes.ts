import { sendChainExport } from '../../kernel/chain/chain.envelope.js';
import { z } from 'zod';
import { idempotencyKeyHeader } from '../../kernel/idempotency.js';
import { readJsonOrMultipart } from '../../kernel/multipart.js';
import { actorOf, type App } from '../../server/context.js';
import { getDecision, listDecisions, proposeDecision, reviewDecision, decisionTimeline } from './ledgers.decisions.js';
import { exportDisclosure, getDisclosure, listDisclosures, publishDisclosure, requestInspection } from './ledgers.disclosures.js';
import {
  decisionBody, decisionDetailDto, decisionListQuery, decisionPage, disclosureBody, disclosureDetailDto, disclosureDto, disclosureListQuery, disclosurePage,
  entryBody, entryResult, evidenceParam, idParam, inspectionBody, inspectionDto, ledgerDetailDto, ledgerDetailQuery, ledgerList, ledgerListQuery,
  milestoneBody, photoParam, projectBody, projectDetailDto, projectDto, projectListQuery, projectPage, projectStepBody, decisionDto, reviewBody,
} from './ledgers.dto.js';
import { presentAuthority, presentDecision, presentDisclosure, presentLedger, presentProject } from './ledgers.presenter.js';
import { addMilestone, createProject, getProject, getProjectPhoto, listProjects, moveProject } from './ledgers.projects.js';
import { appendEntry, exportLedger, getEvidence, getLedger, listLedgers } from './ledgers.service.js';

const tags = ['ledgers'];
const perm = (permission: string) => ({ access: { permission } });
const fileLimits = { maxFiles: 6, maxBytes: 5 * 1024 * 1024 };

type ProjectView = Awaited<ReturnType<typeof getProject>>;
function presentProjectDetail(v: ProjectView) {
  const cover = v.events.flatMap((e) => e.attachment_ids)[0] ?? null;
  return {
    ...presentProject(v.row, v.compoundName, v.spentFen, v.events.filter((e) => e.action === 'milestone').length, cover),
    decision: { id: v.decision.id, title: v.decision.title, basisRef: v.decision.basisRef, state: v.decision.state },
    ledger: { id: v.ledger.id, name: v.ledger.name, kind: v.ledger.kind }, acceptanceNote: v.row.acceptanceNote,
    spending: v.entries.map((e) => ({ seq: e.seq, type: e.type, amountFen: e.amountFen, category: e.category, at: e.at.toISOString(), memo: e.memo })),
    timeline: v.events.map((e) => ({
      id: Number(e.id), at: e.at.toISOString(), action: e.action, title: e.data?.title ?? null, note: e.note, actorName: e.name,
      photos: (e.attachment_ids ?? []).map((p) => ({ id: p, url: `/api/projects/${v.row.id}/photos/${p}` })),
    })),
    abilities: { complete: v.abilities.complete, accept: v.abilities.accept, reject: v.abilities.reject, milestone: v.abilities.milestone },
  };
}

/** 账目公开 routes: ledgers, major decisions under review, disclosures, improvement projects. */
export function registerLedgerRoutes(app: App): void {
  const ctx = app.ctx;

  app.get('/api/ledgers', { config: perm('ledgers:read'), schema: { tags, summary: 'Ledgers in scope (a compound\'s three with compoundId), with totals and chain heads', querystring: ledgerListQuery, response: { 200: ledgerList } } },
    async (req) => ({ items: (await listLedgers({ ctx, actor: actorOf(req), compoundId: req.query.compoundId })).map((l) => presentLedger(l.ledger, l.compoundName, l.totals, l.head)) }));

  app.get('/api/ledgers/:id', { config: perm('ledgers:read'), schema: { tags, summary: 'One ledger: totals, head, a page of entries with evidence and corrections', params: idParam, querystring: ledgerDetailQuery, response: { 200: ledgerDetailDto } } },
    async (req) => {
      const v = await getLedger({ ctx, actor: actorOf(req), ledgerId: req.params.id, page: req.query.page, pageSize: req.query.pageSize });
      return {
        ...presentLedger(v.ledger, v.place.name, v.totals, v.head), selfGoverned: v.place.selfGoverned, abilities: v.abilities,
        entries: {
          total: v.totals.entries, page: req.query.page, pageSize: req.query.pageSize,
          items: v.entries.map((e) => ({
            seq: e.entry.seq, type: e.entry.type, amountFen: e.entry.amountFen, effectFen: e.entry.effectFen, category: e.entry.category, at: e.entry.at.toISOString(),
            memo: e.entry.memo, decisionRef: e.entry.decisionRef, authority: presentAuthority(e.authority), corrects: e.entry.correctsSeq, correctedBy: e.correctedBy, hash: e.entry.hash,
            evidence: e.evidence.map((x) => ({ id: x!.id, sha256: x!.sha256, mimeType: x!.mimeType, bytes: x!.bytes, filename: x!.filename, url: `/api/ledgers/${v.ledger.id}/evidence/${x!.id}` })),
          })),
        },
      };
    });

  app.post('/api/ledgers/:id/entries', { config: perm('ledgers:write'), schema: { tags, summary: '记账: income, expense (names its authorising decision) or correction (names the entry); JSON, or multipart with a "data" part and "evidence" files (invoice photo, contract PDF)', params: idParam, response: { 201: entryResult } } },
    async (req, reply) => {
      const { body, files } = await readJsonOrMultipart(req, entryBody, { fileFields: ['evidence'], ...fileLimits });
      const r = await appendEntry({ ctx, actor: actorOf(req), ledgerId: req.params.id, input: body, files: files.map((f) => ({ bytes: f.bytes, mimeType: f.mimeType, filename: f.filename })) });
      return reply.code(201).send({ seq: r.entry.seq, hash: r.entry.hash, data: r.data });
    });

  app.get('/api/ledgers/:id/export', { config: perm('ledgers:read'), schema: { tags, summary: 'The ledger\'s hash chain (gongzhi-chain/1, kind "ledger"): check it with scripts/verify-export.mjs', params: idParam } },
    async (req, reply) => sendChainExport(reply, 'ledger', () => exportLedger({ ctx, actor: actorOf(req), ledgerId: req.params.id })));

  app.get('/api/ledgers/:id/evidence/:evidenceId', { config: perm('ledgers:read'), schema: { tags, summary: 'The bytes of an invoice photo or contract behind an entry', params: evidenceParam } },
    async (req, reply) => {
      const f = await getEvidence({ ctx, actor: actorOf(req), ledgerId: req.params.id, evidenceId: req.params.evidenceId });
      return reply.type(f.mimeType).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(f.bytes);
    });

  app.get('/api/decisions', { config: perm('ledgers:read'), schema: { tags, summary: 'Major decisions in scope with their review record', querystring: decisionListQuery, response: { 200: decisionPage } } },
    async (req) => {
      const r = await listDecisions({ ctx, actor: actorOf(req), f: req.query });
      return { total: r.total, page: req.query.page, pageSize: req.query.pageSize, items: r.rows.map((x) => ({ ...presentDecision(x.d, x.compoundName, r.timelines.get(x.d.id) ?? []), canReview: r.reviewable.get(x.d.id) ?? false })) };
    });

  app.post('/api/decisions', { config: perm('ledgers:propose'), schema: { tags, summary: 'Propose a major decision (project, fee change, fund use); it waits for the party organisation\'s review', body: decisionBody, response: { 201: decisionDto } } },
    async (req, reply) => {
      const d = await proposeDecision({ ctx, actor: actorOf(req), input: req.body });
      return reply.code(201).send(presentDecision(d, '', (await decisionTimeline(ctx.db, [d.id])).get(d.id) ?? []));
    });

  app.get('/api/decisions/:id', { config: perm('ledgers:read'), schema: { tags, summary: 'One major decision with its basis, review record and abilities', params: idParam, response: { 200: decisionDetailDto } } },
    async (req) => {
      const v = await getDecision({ ctx, actor: actorOf(req), decisionId: req.params.id });
      return { ...presentDecision(v.row, v.compoundName, v.timeline), basis: presentAuthority(v.basis), abilities: v.abilities };
    });

  app.post('/api/decisions/:id/review', { config: perm('ledgers:read'), schema: { tags, summary: 'The party organisation approves or returns (with reasons); the proposer resubmits', params: idParam, body: reviewBody, response: { 200: decisionDetailDto } } },
    async (req) => {
      const actor = actorOf(req);
      await reviewDecision({ ctx, actor, decisionId: req.params.id, action: req.body.action, reason: req.body.reason });
      const v = await getDecision({ ctx, actor, decisionId: req.params.id });
      return { ...presentDecision(v.row, v.compoundName, v.timeline), basis: presentAuthority(v.basis), abilities: v.abilities };
    });

  app.get('/api/disclosures', { config: perm('ledgers:read'), schema: { tags, summary: '公示 in scope (a resident: their compound\'s), newest first', querystring: disclosureListQuery, response: { 200: disclosurePage } } },
    async (req) => {
      const r = await listDisclosures({ ctx, actor: actorOf(req), f: req.query });
      return { total: r.total, page: req.query.page, pageSize: req.query.pageSize, items: r.rows.map((x) => presentDisclosure(x.d, x.compoundName, x.correctedBy)) };
    });

  app.post('/api/disclosures', { config: perm('ledgers:publish'), schema: { tags, summary: 'Publish a disclosure to the compound\'s residents (or a correction naming the old one); never withdrawn', body: disclosureBody, response: { 201: disclosureDto } } },
    async (req, reply) => {
      const d = await publishDisclosure({ ctx, actor: actorOf(req), input: req.body });
      return reply.code(201).send(presentDisclosure(d, '', null));
    });

  app.get('/api/disclosures/:id', { config: perm('ledgers:read'), schema: { tags, summary: 'One disclosure with its correction chain', params: idParam, response: { 200: disclosureDetailDto } } },
    async (req) => {
      const v = await getDisclosure({ ctx, actor: actorOf(req), disclosureId: req.params.id });
      return { ...presentDisclosure(v.row, v.compoundName, v.correctedBy?.id ?? null), corrects: v.corrects && { ...v.corrects, publishedAt: v.corrects.publishedAt.toISOString() },
        correction: v.correctedBy && { ...v.correctedBy, publishedAt: v.correctedBy.publishedAt.toISOString() }, chainHead: v.chainHead, abilities: v.abilities };
    });

  app.get('/api/disclosures/:id/export', { config: perm('ledgers:read'), schema: { tags, summary: 'The compound\'s disclosure chain (gongzhi-chain/1, kind "disclosure") pointing at this disclosure', params: idParam } },
    async (req, reply) => sendChainExport(reply, 'disclosure', () => exportDisclosure({ ctx, actor: actorOf(req), disclosureId: req.params.id })));

  app.post('/api/disclosures/:id/inspection-requests', { config: perm('ledgers:inspect'), schema: { tags, summary: '申请查阅: an owner asks to see the records; it runs as a service request with its SLA', params: idParam, headers: z.object(idempotencyKeyHeader).passthrough(), body: inspectionBody, response: { 201: inspectionDto } } },
    async (req, reply) => {
      const r = await requestInspection({ ctx, actor: actorOf(req), disclosureId: req.params.id, note: req.body.note, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      return reply.code(201).send({ requestId: r.requestId, replayed: r.replayed, requestUrl: `/m/requests/${r.requestId}` });
    });

  app.get('/api/projects', { config: perm('ledgers:read'), schema: { tags, summary: 'Improvement projects in scope with budget and spending', querystring: projectListQuery, response: { 200: projectPage } } },
    async (req) => {
      const r = await listProjects({ ctx, actor: actorOf(req), f: req.query });
      return { total: r.total, page: req.query.page, pageSize: req.query.pageSize, items: r.rows.map((x) => presentProject(x.p, x.compoundName, x.spentFen, x.milestones, x.cover)) };
    });

  app.post('/api/projects', { config: perm('ledgers:projects'), schema: { tags, summary: 'A project under an approved decision, paid from one of the compound\'s ledgers', body: projectBody, response: { 201: projectDto } } },
    async (req, reply) => {
      const p = await createProject({ ctx, actor: actorOf(req), input: req.body });
      return reply.code(201).send(presentProject(p, '', 0, 0, null));
    });

  app.get('/api/projects/:id', { config: perm('ledgers:read'), schema: { tags, summary: 'One project: budget against ledger spending, milestones with photos', params: idParam, response: { 200: projectDetailDto } } },
    async (req) => presentProjectDetail(await getProject({ ctx, actor: actorOf(req), projectId: req.params.id })));

  app.post('/api/projects/:id/milestones', { config: perm('ledgers:projects'), schema: { tags, summary: 'A milestone with photos (JSON, or multipart with a "data" part and "photos")', params: idParam, response: { 201: projectDetailDto } } },
    async (req, reply) => {
      const { body, files } = await readJsonOrMultipart(req, milestoneBody, { fileFields: ['photos'], ...fileLimits });
      return reply.code(201).send(presentProjectDetail(await addMilestone({ ctx, actor: actorOf(req), projectId: req.params.id, input: body, photos: files })));
    });

  app.post('/api/projects/:id/steps', { config: perm('ledgers:read'), schema: { tags, summary: 'complete (the manager); accept or reject with reasons (the owners\' committee)', params: idParam, body: projectStepBody, response: { 200: projectDetailDto } } },
    async (req) => presentProjectDetail(await moveProject({ ctx, actor: actorOf(req), projectId: req.params.id, action: req.body.action, note: req.body.note })));

  app.get('/api/projects/:id/photos/:photoId', { config: perm('ledgers:read'), schema: { tags, summary: 'A milestone photo', params: photoParam } },
    async (req, reply) => {
      const f = await getProjectPhoto({ ctx, actor: actorOf(req), projectId: req.params.id, photoId: req.params.photoId });
      return reply.type(f.mimeType).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(f.bytes);
    });
}
