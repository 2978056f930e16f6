import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/client.js';
import { dateTime, fen, line } from '../../kernel/dto.js';
import { getSecret } from '../../kernel/secrets.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../access/access.policy.js';
import { FeeErrors } from './fees.errors.js';
import { loadCompoundPlace } from './fees.places.js';
import { loadIntent, settlePayment } from './fees.payments.js';
import { feePaymentIntents, feeProviderEvents } from './fees.schema.js';

/*
 * The payment-provider seam. A provider signs its callbacks; we verify the signature over the
 * raw body before reading anything, ignore an event we have already seen (unique event id),
 * settle an intent at most once (its row lock and state), and refuse an amount that differs
 * from the intent's. The fake provider stands in for WeChat Pay / Alipay in the demo and tests:
 * it signs like a real one, with a secret only the server holds.
 *
 * Signature header:  gz-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 */

export interface PaymentProvider {
  id: string;
  /** Name of its shared secret (src/kernel/secrets.ts; GONGZHI_SECRET_<NAME> overrides). */
  secretName: string;
  /** Seconds a signed callback stays acceptable (replays of old ones are refused). */
  toleranceSeconds: number;
}

export const providers: Record<string, PaymentProvider> = {
  fake: { id: 'fake', secretName: 'fees_provider_fake', toleranceSeconds: 300 },
};

export const SIGNATURE_HEADER = 'gz-signature';

/** The callback body every provider adapter hands us (the fake provider sends exactly this). */
export const callbackBody = z.strictObject({
  eventId: line({ min: 1, max: 100 }),
  ref: line({ min: 1, max: 100 }),
  amountFen: fen,
  status: z.enum(['paid', 'failed']),
  paidAt: dateTime,
});
export type CallbackBody = z.infer<typeof callbackBody>;

export function signPayload(secret: string, timestamp: number, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Is the header a valid signature of this body, made within the tolerance of `now`? */
export function verifySignature(secret: string, header: string | undefined, rawBody: string, now: Date, toleranceSeconds: number): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isSafeInteger(t) || !parts.v1 || !/^[0-9a-f]{64}$/.test(parts.v1)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, t, rawBody).split('v1=')[1]!, 'hex');
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
}

export type CallbackOutcome = 'paid' | 'failed' | 'duplicate' | 'already_settled' | 'amount_mismatch' | 'nothing_owed';

export interface CallbackResult {
  outcome: CallbackOutcome;
  ref: string;
  paymentId: number | null;
}

/**
 * Handles one provider callback. Nothing is read from the body before its signature holds (401);
 * a body that is not a callback is 400; an unknown order reference is 400 too. A repeated event
 * id inserts nothing (`duplicate`); a second event for a settled intent changes nothing
 * (`already_settled`); a wrong amount settles nothing (`amount_mismatch`, answered 422).
 */
export async function handleCallback({ ctx, providerId, rawBody, signature }: { ctx: AppContext; providerId: string; rawBody: string; signature: string | undefined }): Promise<CallbackResult> {
  const provider = providers[providerId];
  if (!provider) throw new AppError(FeeErrors.FEES_PROVIDER_UNKNOWN, `No payment provider ${providerId}`);
  const now = ctx.clock.now();
  const secret = await getSecret(ctx.db, provider.secretName);
  if (!verifySignature(secret, signature, rawBody, now, provider.toleranceSeconds)) {
    throw new AppError(FeeErrors.FEES_CALLBACK_SIGNATURE_INVALID, 'The callback signature is missing, wrong or too old');
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError(FeeErrors.FEES_CALLBACK_INVALID, 'The callback body is not JSON');
  }
  const parsed = callbackBody.safeParse(json);
  if (!parsed.success) throw new AppError(FeeErrors.FEES_CALLBACK_INVALID, 'The callback body is not a payment event', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  const event = parsed.data;
  const [known] = await ctx.db.select({ id: feePaymentIntents.id, compoundId: feePaymentIntents.compoundId }).from(feePaymentIntents)
    .where(and(eq(feePaymentIntents.provider, provider.id), eq(feePaymentIntents.ref, event.ref)));
  if (!known) throw new AppError(FeeErrors.FEES_CALLBACK_INVALID, `No payment with reference ${event.ref}`, { ref: event.ref });
  const place = (await loadCompoundPlace(ctx.db, known.compoundId))!;

  const result = await ctx.db.transaction(async (tx): Promise<CallbackResult> => {
    const [intent] = await tx.select().from(feePaymentIntents).where(eq(feePaymentIntents.id, known.id)).for('update');
    let outcome: CallbackOutcome;
    let paymentId: number | null = null;
    if (intent!.state !== 'pending') outcome = 'already_settled';
    else if (event.status === 'failed') outcome = 'failed';
    else if (event.amountFen !== intent!.amountFen) outcome = 'amount_mismatch';
    else outcome = 'paid';
    // The event id decides duplicates: a second delivery of the same event inserts nothing and does nothing.
    const [logged] = await tx.insert(feeProviderEvents).values({
      communityId: intent!.communityId, provider: provider.id, eventId: event.eventId, ref: event.ref, amountFen: event.amountFen, status: event.status, outcome, receivedAt: now,
    }).onConflictDoNothing({ target: [feeProviderEvents.provider, feeProviderEvents.eventId] }).returning({ id: feeProviderEvents.id });
    if (!logged) return { outcome: 'duplicate', ref: event.ref, paymentId: intent!.paymentId };
    if (outcome === 'failed') {
      await tx.update(feePaymentIntents).set({ state: 'failed', settledAt: now, version: sql`${feePaymentIntents.version} + 1` }).where(eq(feePaymentIntents.id, intent!.id));
    } else if (outcome === 'paid') {
      const owed = await queryRows<{ n: number | null }>(tx, sql`select sum(amount_fen + adjust_fen - paid_fen)::bigint as n from fee_bills where household_id = ${intent!.householdId}`);
      if (Number(owed[0]?.n ?? 0) < event.amountFen) {
        // Paid at the office meanwhile: the money is recorded against nothing and flagged for a refund by the collector.
        outcome = 'nothing_owed';
      } else {
        const payment = await settlePayment(tx, {
          place, householdId: intent!.householdId, amountFen: event.amountFen, method: 'online', cashierAccountId: null,
          provider: provider.id, providerRef: event.ref, paidAt: new Date(event.paidAt), now,
        });
        paymentId = payment.id;
        await tx.update(feePaymentIntents).set({ state: 'paid', paymentId, settledAt: now, version: sql`${feePaymentIntents.version} + 1` }).where(eq(feePaymentIntents.id, intent!.id));
      }
    }
    return { outcome, ref: event.ref, paymentId };
  });
  if (result.outcome === 'amount_mismatch') {
    throw new AppError(FeeErrors.FEES_CALLBACK_AMOUNT_MISMATCH, 'The amount paid differs from the amount asked for; nothing was settled', { ref: event.ref });
  }
  return result;
}

/**
 * The fake provider's checkout: the resident confirms (or cancels) on its page, and the provider
 * sends its signed callback — through the same handler a real provider's request reaches.
 */
export async function completeFakeCheckout({ ctx, actor, ref, succeed }: { ctx: AppContext; actor: Actor; ref: string; succeed: boolean }): Promise<CallbackResult> {
  const { intent } = await loadIntent(ctx.db, actor, 'fake', ref);
  if (intent.state !== 'pending') throw new AppError(FeeErrors.FEES_INTENT_SETTLED, 'This payment is already settled', { state: intent.state });
  const now = ctx.clock.now();
  const rawBody = JSON.stringify({ eventId: `evt_${randomUUID()}`, ref, amountFen: intent.amountFen, status: succeed ? 'paid' : 'failed', paidAt: now.toISOString() });
  const secret = await getSecret(ctx.db, providers.fake!.secretName);
  return handleCallback({ ctx, providerId: 'fake', rawBody, signature: signPayload(secret, Math.floor(now.getTime() / 1000), rawBody) });
}
