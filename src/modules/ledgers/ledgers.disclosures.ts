import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { appendToChain, chainEnvelope, findChain, readChain, type ChainEnvelope } from '../../kernel/chain/chain.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { can, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { compoundLevelScope, compoundScopeFor, loadCompoundPlace, scopeOf } from '../fees/fees.places.js';
import { compounds } from '../places/places.schema.js';
import { fileRequest } from '../requests/requests.service.js';
import { LedgerErrors } from './ledgers.errors.js';
import { disclosures, ledgers, type DisclosureRow, type disclosureCategories } from './ledgers.schema.js';
import { ledgerTotals, LEDGER_CHAIN } from './ledgers.service.js';

/*
 * 公示. A compound's disclosures form ONE hash chain (kind "disclosure", subject = the compound),
 * so a disclosure cannot disappear or change without breaking the chain every later entry stands
 * on; a correction is a new disclosure naming the one it corrects (at most one correction each).
 * A disclosure about a ledger carries that ledger's chain head and balance at publication: the
 * head to check a later ledger export against (`--head`).
 */
export const DISCLOSURE_CHAIN = 'disclosure';

export interface PublishInput {
  compoundId: number;
  category: (typeof disclosureCategories)[number];
  /** YYYY-MM */
  period: string;
  title: string;
  body: string;
  ledgerId?: number | null;
  correctsId?: number | null;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505' || (err as { cause?: { code?: string } })?.cause?.code === '23505';

/** Publishes a disclosure (or a correction of one) to the compound's residents, on the compound's chain. */
export async function publishDisclosure({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: PublishInput }): Promise<DisclosureRow> {
  const place = await loadCompoundPlace(ctx.db, input.compoundId);
  requireAccess(actor, 'ledgers:publish', place ? scopeOf(place) : null, 'Compound');
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      let corrected: DisclosureRow | undefined;
      if (input.correctsId) {
        [corrected] = await tx.select().from(disclosures).where(eq(disclosures.id, input.correctsId));
        if (!corrected || corrected.compoundId !== place!.compoundId) throw new AppError(LedgerErrors.DISCLOSURE_CORRECTION_INVALID, `Disclosure ${input.correctsId} is not one of this compound`, { correctsId: input.correctsId });
        const [already] = await tx.select({ id: disclosures.id }).from(disclosures).where(eq(disclosures.correctsId, corrected.id));
        if (already) throw new AppError(LedgerErrors.DISCLOSURE_ALREADY_CORRECTED, `Disclosure ${corrected.id} was already corrected by ${already.id}; correct that one`, { correctedBy: already.id });
      }
      let ledger: { ledgerId: number; head: string; balanceFen: number } | null = null;
      if (input.ledgerId) {
        const [l] = await tx.select().from(ledgers).where(eq(ledgers.id, input.ledgerId));
        if (!l || l.compoundId !== place!.compoundId) throw new AppError(LedgerErrors.DISCLOSURE_LEDGER_INVALID, `Ledger ${input.ledgerId} is not one of this compound`);
        const head = await findChain({ db: tx, kind: LEDGER_CHAIN, subjectId: l.id });
        ledger = { ledgerId: l.id, head: head?.headHash ?? '0'.repeat(64), balanceFen: (await ledgerTotals(tx, [l.id])).get(l.id)!.balanceFen };
      }
      // The id goes into the chain entry, and the row cannot be updated after (append-only): take it first.
      const [{ id }] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('disclosures', 'id'))::bigint as id`) as [{ id: number }];
      const data = {
        type: corrected ? 'correction' : 'publish', disclosureId: Number(id), category: input.category, period: input.period, title: input.title, body: input.body,
        ledger, corrects: corrected ? corrected.seq : null, publishedAt: now.toISOString(), publisher: actor.name,
      };
      const appended = await appendToChain({ tx, kind: DISCLOSURE_CHAIN, subjectId: place!.compoundId, communityId: place!.communityId, data, at: now });
      const [row] = await queryRows<DisclosureRow>(tx, sql`
        insert into disclosures (id, community_id, compound_id, category, period, title, body, ledger_id, ledger_head, ledger_balance_fen, corrects_id, seq, hash, published_by, publisher_name, published_at)
        overriding system value values (${Number(id)}, ${place!.communityId}, ${place!.compoundId}, ${input.category}, ${`${input.period}-01`}::date, ${input.title}, ${input.body},
          ${ledger?.ledgerId ?? null}, ${ledger?.head ?? null}, ${ledger?.balanceFen ?? null}, ${corrected?.id ?? null}, ${appended.seq}, ${appended.hash},
          ${actor.accountId}, ${actor.name}, ${now.toISOString()}::timestamptz)
        returning id`);
      const [full] = await tx.select().from(disclosures).where(eq(disclosures.id, Number(row!.id)));
      return full!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(LedgerErrors.DISCLOSURE_ALREADY_CORRECTED, 'That disclosure was corrected just now; correct the correction');
    throw err;
  }
}

export async function loadVisibleDisclosure(ctx: AppContext, actor: Actor, disclosureId: number) {
  const [row] = await ctx.db.select().from(disclosures).where(eq(disclosures.id, disclosureId));
  const place = row ? await loadCompoundPlace(ctx.db, row.compoundId) : undefined;
  requireAccess(actor, 'ledgers:read', place ? await compoundScopeFor(ctx.db, actor, 'ledgers:read', place) : null, 'Disclosure');
  return { row: row!, place: place! };
}

/** One disclosure with what corrected it and what it corrects (both ways along the chain). */
export async function getDisclosure({ ctx, actor, disclosureId }: { ctx: AppContext; actor: Actor; disclosureId: number }) {
  const { row, place } = await loadVisibleDisclosure(ctx, actor, disclosureId);
  const [correctedBy] = await ctx.db.select({ id: disclosures.id, title: disclosures.title, publishedAt: disclosures.publishedAt }).from(disclosures).where(eq(disclosures.correctsId, row.id));
  const [corrects] = row.correctsId ? await ctx.db.select({ id: disclosures.id, title: disclosures.title, publishedAt: disclosures.publishedAt }).from(disclosures).where(eq(disclosures.id, row.correctsId)) : [];
  const head = await findChain({ db: ctx.db, kind: DISCLOSURE_CHAIN, subjectId: row.compoundId });
  const home = await compoundScopeFor(ctx.db, actor, 'ledgers:inspect', place);
  return {
    row, compoundName: place.name, correctedBy: correctedBy ?? null, corrects: corrects ?? null, chainHead: head?.headHash ?? null,
    abilities: { correct: can(actor, 'ledgers:publish', scopeOf(place)) && !correctedBy, inspect: !!home.householdId && can(actor, 'ledgers:inspect', home) },
  };
}

/** Disclosures in scope, newest first; filter by compound, category and period. */
export async function listDisclosures({ ctx, actor, f }: { ctx: AppContext; actor: Actor; f: { compoundId?: number; category?: string[]; period?: string; page: number; pageSize: number } }) {
  const parts: (SQL | undefined)[] = [compoundLevelScope(actor, 'ledgers:read', disclosures.communityId, disclosures.compoundId)];
  if (f.compoundId) parts.push(eq(disclosures.compoundId, f.compoundId));
  if (f.category?.length) parts.push(inArray(disclosures.category, f.category as DisclosureRow['category'][]));
  if (f.period) parts.push(eq(disclosures.period, `${f.period}-01`));
  const where = and(...parts);
  const [rows, [count]] = await Promise.all([
    ctx.db.select({ d: disclosures, compoundName: compounds.name, correctedBy: sql<number | null>`(select c.id from disclosures c where c.corrects_id = ${disclosures.id})`.mapWith((v) => (v === null ? null : Number(v))) })
      .from(disclosures).innerJoin(compounds, eq(compounds.id, disclosures.compoundId)).where(where)
      .orderBy(desc(disclosures.publishedAt), desc(disclosures.id)).limit(f.pageSize).offset(offsetOf(f.page, f.pageSize)),
    ctx.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(disclosures).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The compound's disclosure chain as the verifiable export (kind "disclosure"), pointing at this disclosure. */
export async function exportDisclosure({ ctx, actor, disclosureId }: { ctx: AppContext; actor: Actor; disclosureId: number }): Promise<ChainEnvelope> {
  const { row, place } = await loadVisibleDisclosure(ctx, actor, disclosureId);
  const [entries, head] = await Promise.all([
    readChain({ db: ctx.db, kind: DISCLOSURE_CHAIN, subjectId: row.compoundId, communityId: place.communityId }),
    findChain({ db: ctx.db, kind: DISCLOSURE_CHAIN, subjectId: row.compoundId }),
  ]);
  const types = entries.map((e) => (e.data as { type: string }).type);
  return chainEnvelope({
    kind: DISCLOSURE_CHAIN, id: row.id, title: `${place.name} 公示登记簿 · ${row.title}`, generatedAt: ctx.clock.now(), entries, head: head?.headHash,
    summary: { entries: entries.length, publications: types.filter((t) => t === 'publish').length, corrections: types.filter((t) => t === 'correction').length, disclosureId: row.id, seq: row.seq },
  });
}

/**
 * 申请查阅: an owner asks to inspect the records behind a disclosure. It runs as a service
 * request (requests module's fileRequest) with that module's SLA, timeline and rating.
 */
export async function requestInspection({ ctx, actor, disclosureId, note, idempotencyKey }: { ctx: AppContext; actor: Actor; disclosureId: number; note?: string | null; idempotencyKey?: string | null }) {
  const { row, place } = await loadVisibleDisclosure(ctx, actor, disclosureId);
  const home = await compoundScopeFor(ctx.db, actor, 'ledgers:inspect', place);
  requireAccess(actor, 'ledgers:inspect', home.householdId ? home : null, 'Disclosure');
  const description = `【申请查阅】${row.title}（公示 #${row.id}，${String(row.period).slice(0, 7)}）：申请查阅相关原始凭证、合同及会议记录。${note ? `说明：${note}` : ''}`;
  return fileRequest(ctx, {
    reporter: { kind: 'account', actor }, compoundId: place.compoundId, description, locationKind: 'other', locationText: '资料查阅',
    source: 'app', idempotencyKey: idempotencyKey ?? null,
  });
}
