import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { appendToChain, chainEnvelope, findChain, readChain, type ChainEnvelope } from '../../kernel/chain/chain.js';
import { recordFigures, type FiguresContributor } from '../../kernel/figures.js';
import { storeUploads, type StoredUpload, type UploadInput } from '../../kernel/uploads.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { offsetOf } from '../../server/pagination.js';
import { can, type Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import { compoundLevelScope, compoundScopeFor, loadCompoundPlace, scopeOf, type CompoundPlace } from '../fees/fees.places.js';
import { compounds } from '../places/places.schema.js';
import { lookupAuthority, restsOnPassedVote, type Authority } from './ledgers.authority.js';
import { LedgerErrors } from './ledgers.errors.js';
import { ledgerEntries, ledgerEvidence, ledgers, type LedgerKind, type LedgerRow } from './ledgers.schema.js';

export const LEDGER_CHAIN = 'ledger';

export const ledgerNames: Record<LedgerKind, string> = {
  property_service: '物业服务费账户',
  maintenance_fund: '专项维修资金',
  common_income: '公共收益账户',
};

/** Family `ledgers`: income, expense and corrections per compound, by ledger kind (dim) and day. */
export const ledgerFigures: FiguresContributor = {
  family: 'ledgers',
  description: '账目: 收入、支出、更正金额（分），按小区、账户类型（dim）和日期',
  counters: { income_fen: '收入 (fen)', expense_fen: '支出 (fen)', correction_fen: '更正 (fen, signed: positive raises the balance)' },
  dimension: 'ledger kind (property_service, maintenance_fund, common_income)',
  sourceTables: ['ledger_entries'],
  recount: (communityIds) => sql`
    select e.community_id, l.compound_id, coalesce(k.property_company_id, 0) as company_id, l.kind as dim,
      (e.at at time zone 'Asia/Shanghai')::date as day, e.type || '_fen' as counter, sum(e.amount_fen) as n
    from ledger_entries e join ledgers l on l.id = e.ledger_id join compounds k on k.id = l.compound_id
    ${communityIds ? sql`where e.community_id = any(${`{${communityIds.join(',')}}`}::bigint[])` : sql``}
    group by 1, 2, 3, 4, 5, 6`,
};

/** The compound's three ledgers, created on first use (idempotent). */
export async function ensureLedgers(db: DbOrTx, place: CompoundPlace): Promise<LedgerRow[]> {
  await db.insert(ledgers).values((Object.keys(ledgerNames) as LedgerKind[]).map((kind) => ({
    communityId: place.communityId, compoundId: place.compoundId, kind, name: `${place.name} ${ledgerNames[kind]}`,
  }))).onConflictDoNothing({ target: [ledgers.compoundId, ledgers.kind] });
  return db.select().from(ledgers).where(eq(ledgers.compoundId, place.compoundId)).orderBy(asc(ledgers.id));
}

/** Who records on a ledger: the company on a served compound's service account, the owners' committee on the funds of the owners. */
export function recordPermissions(kind: LedgerKind, selfGoverned: boolean): string[] {
  if (kind === 'maintenance_fund') return ['ledgers:record_owners'];
  if (kind === 'property_service') return [selfGoverned ? 'ledgers:record_owners' : 'ledgers:record'];
  return ['ledgers:record_owners', 'ledgers:record'];
}

export async function loadVisibleLedger(db: DbOrTx, actor: Actor, ledgerId: number): Promise<{ ledger: LedgerRow; place: CompoundPlace }> {
  const [ledger] = await db.select().from(ledgers).where(eq(ledgers.id, ledgerId));
  const place = ledger ? await loadCompoundPlace(db, ledger.compoundId) : undefined;
  requireAccess(actor, 'ledgers:read', place ? await compoundScopeFor(db, actor, 'ledgers:read', place) : null, 'Ledger');
  return { ledger: ledger!, place: place! };
}

export interface Totals {
  incomeFen: number;
  expenseFen: number;
  correctionFen: number;
  balanceFen: number;
  entries: number;
}

/** Totals of ledgers from their entries (the chain's index), by ledger id. */
export async function ledgerTotals(db: DbOrTx, ledgerIds: number[]): Promise<Map<number, Totals>> {
  const out = new Map<number, Totals>();
  if (!ledgerIds.length) return out;
  const rows = await queryRows<{ ledger_id: number; income: number; expense: number; correction: number; n: number }>(db, sql`
    select ledger_id, coalesce(sum(amount_fen) filter (where type = 'income'), 0)::bigint as income,
      coalesce(sum(amount_fen) filter (where type = 'expense'), 0)::bigint as expense,
      coalesce(sum(amount_fen) filter (where type = 'correction'), 0)::bigint as correction, count(*)::int as n
    from ledger_entries where ledger_id = any(${`{${ledgerIds.join(',')}}`}::bigint[]) group by ledger_id`);
  for (const id of ledgerIds) out.set(id, { incomeFen: 0, expenseFen: 0, correctionFen: 0, balanceFen: 0, entries: 0 });
  for (const r of rows) {
    const [i, e, c] = [Number(r.income), Number(r.expense), Number(r.correction)];
    out.set(Number(r.ledger_id), { incomeFen: i, expenseFen: e, correctionFen: c, balanceFen: i - e + c, entries: r.n });
  }
  return out;
}

/** The ledgers in scope (a compound's three, created if missing), with their totals and chain heads. */
export async function listLedgers({ ctx, actor, compoundId }: { ctx: AppContext; actor: Actor; compoundId?: number }) {
  let rows: (LedgerRow & { compoundName: string })[];
  if (compoundId) {
    const place = await loadCompoundPlace(ctx.db, compoundId);
    requireAccess(actor, 'ledgers:read', place ? await compoundScopeFor(ctx.db, actor, 'ledgers:read', place) : null, 'Compound');
    rows = (await ensureLedgers(ctx.db, place!)).map((l) => ({ ...l, compoundName: place!.name }));
  } else {
    const found = await ctx.db.select({ l: ledgers, compoundName: compounds.name }).from(ledgers).innerJoin(compounds, eq(compounds.id, ledgers.compoundId))
      .where(compoundLevelScope(actor, 'ledgers:read', ledgers.communityId, ledgers.compoundId)).orderBy(asc(compounds.name), asc(ledgers.id)).limit(300);
    rows = found.map((r) => ({ ...r.l, compoundName: r.compoundName }));
  }
  const totals = await ledgerTotals(ctx.db, rows.map((r) => r.id));
  const heads = await queryRows<{ subject_id: number; head_hash: string }>(ctx.db, sql`
    select subject_id, head_hash from chain_heads where kind = ${LEDGER_CHAIN} and subject_id = any(${`{${rows.map((r) => r.id).join(',') || '0'}}`}::bigint[])`);
  const headOf = new Map(heads.map((h) => [Number(h.subject_id), h.head_hash]));
  return rows.map((r) => ({ ledger: r, compoundName: r.compoundName, totals: totals.get(r.id)!, head: headOf.get(r.id) ?? '0'.repeat(64) }));
}

export interface EntryInput {
  type: 'income' | 'expense' | 'correction';
  amountFen: number;
  category: string;
  at?: string;
  memo: string;
  decisionRef?: string | null;
  corrects?: number | null;
}

/** Why an entry cannot go on this ledger, checked before anything is stored. */
async function authorise(db: DbOrTx, actor: Actor, ledger: LedgerRow, place: CompoundPlace, input: EntryInput): Promise<Authority | null> {
  if (input.type === 'expense' && !input.decisionRef) {
    throw new AppError(LedgerErrors.LEDGER_DECISION_REQUIRED, 'An expense names the decision that authorised it', { field: 'decisionRef' });
  }
  if (!input.decisionRef) return null;
  const authority = await lookupAuthority({ db, actor, ref: input.decisionRef });
  if (!authority || (authority.compoundId !== null && authority.compoundId !== place.compoundId) || (authority.communityId !== null && authority.communityId !== place.communityId)) {
    throw new AppError(LedgerErrors.LEDGER_DECISION_NOT_FOUND, `${input.decisionRef} names no decision of this compound`, { decisionRef: input.decisionRef });
  }
  if (input.type === 'expense' && !authority.inForce) {
    throw new AppError(authority.kind === 'vote-matter' ? LedgerErrors.LEDGER_VOTE_NOT_PASSED : LedgerErrors.LEDGER_DECISION_NOT_APPROVED,
      authority.kind === 'vote-matter' ? 'The owners\' vote on this matter has not passed' : 'The decision has not passed the party organisation\'s review', { decisionRef: input.decisionRef, status: authority.status });
  }
  if (input.type === 'expense' && ledger.kind === 'maintenance_fund' && !restsOnPassedVote(authority)) {
    throw new AppError(LedgerErrors.LEDGER_VOTE_NOT_PASSED, 'Spending from the maintenance fund needs a passed owners\' vote (or an approved decision taken under one)', { decisionRef: input.decisionRef });
  }
  return authority;
}

/**
 * 记账: appends one entry to a ledger's chain and its index, in one transaction. The ledger row is
 * locked first, so the balance an expense is checked against is the one it is appended to; an
 * expense needs an authorising decision in force (from the maintenance fund: a passed owners'
 * vote), a correction names the entry it corrects. Evidence files are stored and named by SHA-256.
 */
export async function appendEntry({ ctx, actor, ledgerId, input, files = [] }: { ctx: AppContext; actor: Actor; ledgerId: number; input: EntryInput; files?: (UploadInput & { filename?: string })[] }) {
  const { ledger, place } = await loadVisibleLedger(ctx.db, actor, ledgerId);
  if (!recordPermissions(ledger.kind, place.selfGoverned).some((p) => can(actor, p, scopeOf(place)))) {
    throw new AppError(LedgerErrors.LEDGER_KIND_NOT_ALLOWED, ledger.kind === 'maintenance_fund' ? 'The owners\' committee keeps the maintenance fund' : 'You do not keep this ledger');
  }
  checkEntryShape(input);
  await authorise(ctx.db, actor, ledger, place, input);
  const stored = files.length
    ? await storeUploads({ storage: ctx.storage, module: 'ledgers', communityId: place.communityId, files, policy: {
      maxFiles: 6, maxBytes: 5 * 1024 * 1024, accept: ['image', 'pdf'], label: 'Evidence file',
      codes: { invalidType: LedgerErrors.LEDGER_EVIDENCE_TYPE, tooLarge: LedgerErrors.LEDGER_EVIDENCE_TOO_LARGE, tooMany: LedgerErrors.LEDGER_EVIDENCE_TOO_MANY, empty: LedgerErrors.LEDGER_EVIDENCE_EMPTY },
    } })
    : [];
  return ctx.db.transaction((tx) => writeEntry(tx, { ledger, place, input, recordedBy: actor.accountId, now: ctx.clock.now(), evidence: stored.map((s, i) => ({ ...s, filename: files[i]?.filename ?? null })) }));
}

function checkEntryShape(input: EntryInput): void {
  if (input.type === 'correction') {
    if (!input.corrects || input.amountFen === 0) throw new AppError(LedgerErrors.LEDGER_CORRECTION_INVALID, 'A correction names the entry it corrects (corrects) and a non-zero signed amount');
  } else {
    if (input.corrects) throw new AppError(LedgerErrors.LEDGER_CORRECTION_INVALID, 'Only a correction names an entry it corrects');
    if (input.amountFen <= 0) throw new AppError(LedgerErrors.LEDGER_CORRECTION_INVALID, 'Income and expense amounts are positive');
  }
}

/**
 * The same rules without the HTTP edge (no access check, no files): for the demo seeder and
 * other modules' transactions (a fee payment crediting the service account). The authority
 * of an expense is still checked, with `actor` as who asks.
 */
export async function recordEntry(db: DbOrTx, input: { actor: Actor; ledger: LedgerRow; place: CompoundPlace; entry: EntryInput; now: Date }) {
  checkEntryShape(input.entry);
  await authorise(db, input.actor, input.ledger, input.place, input.entry);
  const run = (tx: DbOrTx) => writeEntry(tx, { ledger: input.ledger, place: input.place, input: input.entry, recordedBy: input.actor.accountId, now: input.now, evidence: [] });
  return db instanceof PgTransaction ? run(db) : db.transaction(run);
}

async function writeEntry(tx: DbOrTx, { ledger, place, input, recordedBy, now, evidence: files }: { ledger: LedgerRow; place: CompoundPlace; input: EntryInput; recordedBy: number | null; now: Date; evidence: (StoredUpload & { filename: string | null })[] }) {
  const ledgerId = ledger.id;
  const at = input.at ? new Date(input.at) : now;
  await tx.select({ id: ledgers.id }).from(ledgers).where(eq(ledgers.id, ledgerId)).for('update');
  const [{ balance } = { balance: 0 }] = await queryRows<{ balance: number }>(tx, sql`select coalesce(sum(effect_fen), 0)::bigint as balance from ledger_entries where ledger_id = ${ledgerId}`);
  if (input.type === 'correction') {
    const [target] = await tx.select({ seq: ledgerEntries.seq }).from(ledgerEntries).where(and(eq(ledgerEntries.ledgerId, ledgerId), eq(ledgerEntries.seq, input.corrects!)));
    if (!target) throw new AppError(LedgerErrors.LEDGER_CORRECTION_INVALID, `Entry ${input.corrects} is not on this ledger`, { corrects: input.corrects });
  }
  const effect = input.type === 'expense' ? -input.amountFen : input.amountFen;
  if (Number(balance) + effect < 0) throw new AppError(LedgerErrors.LEDGER_OVERDRAWN, `The balance is ${Number(balance)} fen; this entry would take it below zero`, { balanceFen: Number(balance) });
  const evidence = files.length
    ? await tx.insert(ledgerEvidence).values(files.map((s) => ({ communityId: place.communityId, ledgerId, storageKey: s.storageKey, sha256: s.sha256, mimeType: s.mimeType, bytes: s.bytes, filename: s.filename, uploadedBy: recordedBy, createdAt: now }))).returning()
    : [];
  const data = {
    type: input.type, amountFen: input.amountFen, category: input.category, at: at.toISOString(), memo: input.memo,
    decisionRef: input.decisionRef ?? null, evidenceRefs: evidence.map((e) => `sha256:${e.sha256}`), corrects: input.corrects ?? null,
  };
  const appended = await appendToChain({ tx, kind: LEDGER_CHAIN, subjectId: ledgerId, communityId: place.communityId, data, at: now });
  const [entry] = await tx.insert(ledgerEntries).values({
    communityId: place.communityId, ledgerId, seq: appended.seq, type: input.type, amountFen: input.amountFen, effectFen: effect, category: input.category,
    at, memo: input.memo, decisionRef: input.decisionRef ?? null, correctsSeq: input.corrects ?? null, hash: appended.hash, recordedBy, createdAt: now,
  }).returning();
  await recordFigures(tx, ledgerFigures, [{ communityId: place.communityId, compoundId: place.compoundId, companyId: place.companyId, dim: ledger.kind, day: at, counter: `${input.type}_fen`, delta: input.amountFen }]);
  return { entry: entry!, data, evidence };
}

/** One ledger with its totals, chain head and a page of entries (newest first), each with its evidence and corrections. */
export async function getLedger({ ctx, actor, ledgerId, page, pageSize }: { ctx: AppContext; actor: Actor; ledgerId: number; page: number; pageSize: number }) {
  const { ledger, place } = await loadVisibleLedger(ctx.db, actor, ledgerId);
  const [totals, head, entries] = await Promise.all([
    ledgerTotals(ctx.db, [ledgerId]),
    findChain({ db: ctx.db, kind: LEDGER_CHAIN, subjectId: ledgerId }),
    ctx.db.select().from(ledgerEntries).where(eq(ledgerEntries.ledgerId, ledgerId)).orderBy(desc(ledgerEntries.seq)).limit(pageSize).offset(offsetOf(page, pageSize)),
  ]);
  const evidence = await ctx.db.select().from(ledgerEvidence).where(eq(ledgerEvidence.ledgerId, ledgerId));
  const chainData = entries.length ? await queryRows<{ seq: number; data: { evidenceRefs: string[] } }>(ctx.db, sql`
    select e.seq, e.data from chain_entries e join chain_heads h on h.id = e.chain_id
    where h.kind = ${LEDGER_CHAIN} and h.subject_id = ${ledgerId} and e.seq = any(${`{${entries.map((e) => e.seq).join(',')}}`}::int[])`) : [];
  const refsBySeq = new Map(chainData.map((c) => [Number(c.seq), c.data.evidenceRefs ?? []]));
  const corrections = await ctx.db.select({ seq: ledgerEntries.seq, correctsSeq: ledgerEntries.correctsSeq }).from(ledgerEntries)
    .where(and(eq(ledgerEntries.ledgerId, ledgerId), eq(ledgerEntries.type, 'correction')));
  const refs = [...new Set(entries.map((e) => e.decisionRef).filter((r): r is string => !!r))];
  const authorities = new Map<string, Authority | null>();
  for (const ref of refs) authorities.set(ref, await lookupAuthority({ db: ctx.db, actor, ref }));
  const scope = scopeOf(place);
  return {
    ledger, place, totals: totals.get(ledgerId)!, head: head?.headHash ?? '0'.repeat(64),
    entries: entries.map((e) => ({
      entry: e,
      evidence: (refsBySeq.get(e.seq) ?? []).map((ref) => evidence.find((x) => `sha256:${x.sha256}` === ref)).filter((x) => !!x),
      correctedBy: corrections.filter((c) => c.correctsSeq === e.seq).map((c) => c.seq),
      authority: e.decisionRef ? authorities.get(e.decisionRef) ?? null : null,
    })),
    abilities: { record: recordPermissions(ledger.kind, place.selfGoverned).some((p) => can(actor, p, scope)) },
  };
}

/** The ledger's chain as the verifiable export (docs/VERIFY.md, kind "ledger"); totals recomputed from the chain itself. */
export async function exportLedger({ ctx, actor, ledgerId }: { ctx: AppContext; actor: Actor; ledgerId: number }): Promise<ChainEnvelope> {
  const { ledger, place } = await loadVisibleLedger(ctx.db, actor, ledgerId);
  const [entries, head] = await Promise.all([
    readChain({ db: ctx.db, kind: LEDGER_CHAIN, subjectId: ledgerId, communityId: place.communityId }),
    findChain({ db: ctx.db, kind: LEDGER_CHAIN, subjectId: ledgerId }),
  ]);
  return chainEnvelope({ kind: LEDGER_CHAIN, id: ledger.id, title: ledger.name, generatedAt: ctx.clock.now(), entries, head: head?.headHash, summary: { ...ledgerSummary(entries.map((e) => e.data as { type: string; amountFen: number })) } });
}

/** The summary rule of kind "ledger", as scripts/verify-export.mjs restates it. */
export function ledgerSummary(data: readonly { type: string; amountFen: number }[]): Totals {
  let incomeFen = 0;
  let expenseFen = 0;
  let correctionFen = 0;
  for (const d of data) {
    if (d.type === 'income') incomeFen += d.amountFen;
    else if (d.type === 'expense') expenseFen += d.amountFen;
    else correctionFen += d.amountFen;
  }
  return { incomeFen, expenseFen, correctionFen, balanceFen: incomeFen - expenseFen + correctionFen, entries: data.length };
}

/** The bytes of an evidence file of a ledger the actor may read. */
export async function getEvidence({ ctx, actor, ledgerId, evidenceId }: { ctx: AppContext; actor: Actor; ledgerId: number; evidenceId: number }) {
  await loadVisibleLedger(ctx.db, actor, ledgerId);
  const [e] = await ctx.db.select().from(ledgerEvidence).where(and(eq(ledgerEvidence.id, evidenceId), eq(ledgerEvidence.ledgerId, ledgerId)));
  const bytes = e ? await ctx.storage.get(e.storageKey) : undefined;
  if (!e || !bytes) throw notFound('Evidence', evidenceId);
  return { bytes, mimeType: e.mimeType, filename: e.filename };
}

/** What the ledger entries naming a decision add up to (a project's spending against its budget). */
export async function spendingByDecision(db: DbOrTx, refs: string[]): Promise<Map<string, { expenseFen: number; correctionFen: number; entries: number }>> {
  const out = new Map<string, { expenseFen: number; correctionFen: number; entries: number }>();
  if (!refs.length) return out;
  const rows = await queryRows<{ ref: string; expense: number; n: number }>(db, sql`
    select e.decision_ref as ref, coalesce(sum(e.amount_fen) filter (where e.type = 'expense'), 0)::bigint as expense, count(*)::int as n
    from ledger_entries e where e.decision_ref = any(${`{${refs.map((r) => `"${r}"`).join(',')}}`}::text[]) group by e.decision_ref`);
  // Corrections of those expenses count against the same decision.
  const corr = await queryRows<{ ref: string; correction: number }>(db, sql`
    select t.decision_ref as ref, coalesce(sum(c.amount_fen), 0)::bigint as correction
    from ledger_entries c join ledger_entries t on t.ledger_id = c.ledger_id and t.seq = c.corrects_seq
    where c.type = 'correction' and t.decision_ref = any(${`{${refs.map((r) => `"${r}"`).join(',')}}`}::text[]) group by t.decision_ref`);
  for (const r of rows) out.set(r.ref, { expenseFen: Number(r.expense), correctionFen: 0, entries: r.n });
  for (const c of corr) {
    const known = out.get(c.ref) ?? { expenseFen: 0, correctionFen: 0, entries: 0 };
    known.correctionFen = Number(c.correction);
    out.set(c.ref, known);
  }
  return out;
}

export const ledgerKindIn = (kinds: LedgerKind[]): SQL => inArray(ledgers.kind, kinds);
