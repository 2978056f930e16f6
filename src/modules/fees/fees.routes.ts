import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../kernel/download.js';
import { callerKey, idempotencyKeyHeader, idempotent, requestHashOf } from '../../kernel/idempotency.js';
import { actorOf, type App } from '../../server/context.js';
import { createSchedule, generateBills, listSchedules } from './fees.bills.js';
import {
  adjustmentBody, adjustmentDto, arrearsDto, arrearsQuery, billDetailDto, billListQuery, billPage, callbackDto, completeBody, createScheduleBody, generateBody,
  generateDto, idParam, intentDto, payBody, payResult, paymentDto, providerParam, rateDto, rateQuery, refParam, refundBody, remindersBody, remindersDto,
  scheduleDto, scheduleList, scheduleQuery, feeCompoundList,
} from './fees.dto.js';
import { adjustBill, loadIntent, payBill, refundPayment } from './fees.payments.js';
import { presentIntent, presentSchedule } from './fees.presenter.js';
import { completeFakeCheckout, handleCallback, SIGNATURE_HEADER } from './fees.provider.js';
import { getArrears, getPaymentRate, listFeeCompounds, sendReminders } from './fees.rate.js';
import { getBillDetail, getBillPage, getPaymentView, getReceiptPdf } from './fees.read.js';

const tags = ['fees'];
const perm = (permission: string) => ({ access: { permission } });
const idempotencyHeaders = z.object(idempotencyKeyHeader).passthrough();

/** The raw bytes of a callback, kept for its signature check (the parsed JSON would not do). */
const rawBodies = new WeakMap<FastifyRequest, string>();

/** 物业费 routes: thin handlers (validate → one service call → present). */
export function registerFeeRoutes(app: App): void {
  const ctx = app.ctx;

  app.get('/api/fee-schedules', { config: perm('fees:read'), schema: { tags, summary: 'Fee schedules in scope (of one compound with compoundId)', querystring: scheduleQuery, response: { 200: scheduleList } } },
    async (req) => ({ items: (await listSchedules({ ctx, actor: actorOf(req), compoundId: req.query.compoundId })).map(presentSchedule) }));

  app.post('/api/fee-schedules', { config: perm('fees:manage'), schema: { tags, summary: 'A new fee schedule (a change of the fee names the approved fee_change decision); the collector only', body: createScheduleBody, response: { 201: scheduleDto } } },
    async (req, reply) => {
      const row = await createSchedule({ ctx, actor: actorOf(req), input: req.body });
      return reply.code(201).send(presentSchedule({ ...row, compoundName: '' }));
    });

  app.post('/api/compounds/:id/bills/generate', { config: perm('fees:manage'), schema: { tags, summary: '生成账单: one bill per household for the month (idempotent: a rerun creates nothing); the collector only', params: idParam, body: generateBody, response: { 200: generateDto } } },
    async (req) => generateBills({ ctx, actor: actorOf(req), compoundId: req.params.id, period: req.body.period }));

  app.get('/api/bills', { config: perm('fees:read'), schema: { tags, summary: 'Bills in scope (a resident: their household\'s), newest month first', querystring: billListQuery, response: { 200: billPage } } },
    async (req) => getBillPage(ctx, actorOf(req), req.query));

  app.get('/api/bills/:id', { config: perm('fees:read'), schema: { tags, summary: 'One bill with adjustments, payments, what settles it and abilities', params: idParam, response: { 200: billDetailDto } } },
    async (req) => getBillDetail(ctx, actorOf(req), req.params.id));

  app.post('/api/bills/:id/payments', {
    config: perm('fees:pay'),
    schema: { tags, summary: '缴费: cash or transfer at the office (the collector; spread oldest first), or online (the household: returns the provider\'s checkout)', params: idParam, headers: idempotencyHeaders, body: payBody, response: { 201: payResult } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const { result, replayed } = await idempotent({
      db: ctx.db, caller: callerKey({ accountId: actor.accountId }), operation: 'fees.pay', key: req.headers['idempotency-key'] as string | undefined,
      requestHash: requestHashOf({ billId: req.params.id, ...req.body }),
      run: async (tx) => {
        const outcome = await payBill({ ctx, actor, billId: req.params.id, input: req.body, tx });
        return outcome.kind === 'intent' ? { payment: null, intent: presentIntent(outcome.intent) } : { payment: await getPaymentView(ctx, actor, outcome.payment.id, tx), intent: null };
      },
    });
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(result);
  });

  app.post('/api/bills/:id/adjustments', { config: perm('fees:manage'), schema: { tags, summary: '减免: a discount or waiver with the reason (the collector only)', params: idParam, body: adjustmentBody, response: { 201: adjustmentDto } } },
    async (req, reply) => {
      const a = await adjustBill({ ctx, actor: actorOf(req), billId: req.params.id, ...req.body });
      return reply.code(201).send({ id: a.id, billId: a.billId, kind: a.kind, amountFen: a.amountFen, reason: a.reason, at: a.createdAt.toISOString() });
    });

  app.get('/api/payments/:id', { config: perm('fees:read'), schema: { tags, summary: 'One payment or refund and the bills it went to', params: idParam, response: { 200: paymentDto } } },
    async (req) => getPaymentView(ctx, actorOf(req), req.params.id));

  app.get('/api/payments/:id/receipt.pdf', { config: perm('fees:read'), schema: { tags, summary: '收据 (PDF, Chinese) of a payment or refund', params: idParam } },
    async (req, reply) => {
      const file = await getReceiptPdf(ctx, actorOf(req), req.params.id);
      return sendDownload(reply, { filename: file.filename, format: 'pdf', body: file.body });
    });

  app.post('/api/payments/:id/refunds', { config: perm('fees:manage'), schema: { tags, summary: '退款: a new negative entry naming the payment (the collector only)', params: idParam, body: refundBody, response: { 201: paymentDto } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const refund = await refundPayment({ ctx, actor, paymentId: req.params.id, amountFen: req.body.amountFen, reason: req.body.reason });
      return reply.code(201).send(await getPaymentView(ctx, actor, refund.id));
    });

  app.post('/api/payments/callback/:provider', {
    config: { access: { apiKey: true } },
    schema: { tags, summary: 'The payment provider\'s signed callback (header gz-signature: t=…,v1=HMAC-SHA256 of "t.body"); duplicates are ignored', params: providerParam, response: { 200: callbackDto } },
    preParsing: async (request, _reply, payload) => {
      const chunks: Buffer[] = [];
      for await (const chunk of payload) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
      const raw = Buffer.concat(chunks);
      rawBodies.set(request, raw.toString('utf8'));
      return Readable.from([raw]);
    },
  }, async (req) => {
    const result = await handleCallback({ ctx, providerId: req.params.provider, rawBody: rawBodies.get(req) ?? '', signature: req.headers[SIGNATURE_HEADER] as string | undefined });
    return { ok: true, outcome: result.outcome, ref: result.ref, paymentId: result.paymentId };
  });

  app.get('/api/payments/fake/:ref', { config: perm('fees:pay'), schema: { tags, summary: 'The fake provider\'s checkout: the order the resident is about to pay', params: refParam, response: { 200: intentDto.extend({ payeeName: z.string(), compoundName: z.string() }) } } },
    async (req) => {
      const { intent, place } = await loadIntent(ctx.db, actorOf(req), 'fake', req.params.ref);
      return { ...presentIntent(intent), payeeName: place.selfGoverned ? `${place.name}业主委员会` : place.companyName ?? place.name, compoundName: place.name };
    });

  app.post('/api/payments/fake/:ref/complete', { config: perm('fees:pay'), schema: { tags, summary: 'The fake provider\'s checkout: pay (or cancel); the provider then sends its signed callback', params: refParam, body: completeBody, response: { 200: callbackDto } } },
    async (req) => {
      const result = await completeFakeCheckout({ ctx, actor: actorOf(req), ref: req.params.ref, succeed: req.body.succeed });
      return { ok: result.outcome === 'paid' || result.outcome === 'failed', outcome: result.outcome, ref: result.ref, paymentId: result.paymentId };
    });

  app.get('/api/fees/compounds', { config: perm('fees:read'), schema: { tags, summary: 'Compounds whose fees the actor sees, with the collector and whether the actor collects', response: { 200: feeCompoundList } } },
    async (req) => ({ items: await listFeeCompounds({ ctx, actor: actorOf(req) }) }));

  app.get('/api/fees/payment-rate', { config: perm('fees:read'), schema: { tags, summary: '缴费率 of a compound, community or city, by households and by area, with the formulas', querystring: rateQuery, response: { 200: rateDto } } },
    async (req) => getPaymentRate({ ctx, actor: actorOf(req), q: req.query }));

  app.get('/api/fees/arrears', { config: perm('fees:read'), schema: { tags, summary: '欠费 of a compound by age (≤3, ≤6, ≤12, >12 months) and the households owing most', querystring: arrearsQuery, response: { 200: arrearsDto } } },
    async (req) => getArrears({ ctx, actor: actorOf(req), compoundId: req.query.compoundId }));

  app.post('/api/compounds/:id/arrears/reminders', { config: perm('fees:manage'), schema: { tags, summary: '催缴: notify households owing (once a month each; the collector only)', params: idParam, body: remindersBody, response: { 200: remindersDto } } },
    async (req) => sendReminders({ ctx, actor: actorOf(req), compoundId: req.params.id, minMonths: req.body.minMonths }));
}
