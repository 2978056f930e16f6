import { describe, expect, it } from 'vitest';
import { verifyEnvelope } from '../../../scripts/verify-export.mjs';
import { chainEnvelope, chainHash, ZERO_HASH } from '../../kernel/chain/chain.js';
import { ledgerSummary } from './ledgers.service.js';

/** A chain built from data the way appendToChain hashes it. */
function chain(data: object[]) {
  let prev = ZERO_HASH;
  return data.map((d, i) => {
    const hash = chainHash(prev, d);
    const e = { seq: i + 1, prevHash: prev, hash, data: d as never };
    prev = hash;
    return e;
  });
}

const entry = (type: string, amountFen: number, extra: object = {}) => ({ type, amountFen, category: '测试', at: '2026-05-01T00:00:00.000Z', memo: '测试', decisionRef: type === 'expense' ? 'decision:1' : null, evidenceRefs: [], corrects: null, ...extra });

describe('the ledger summary rule (server and verifier agree)', () => {
  const data = [entry('income', 100_000), entry('expense', 30_000), entry('correction', -500, { corrects: 2 })];
  const envelope = chainEnvelope({ kind: 'ledger', id: 1, title: '测试账', generatedAt: '2026-06-01T00:00:00Z', entries: chain(data), summary: { ...ledgerSummary(data) } });

  it('balances as income − expense + corrections', () => {
    expect(envelope.summary).toEqual({ incomeFen: 100_000, expenseFen: 30_000, correctionFen: -500, balanceFen: 69_500, entries: 3 });
    expect(verifyEnvelope(envelope).ok).toBe(true);
  });

  it('refuses entries that break the ledger\'s rules even with every hash recomputed', () => {
    const bad = (d: object[]) => verifyEnvelope(chainEnvelope({ kind: 'ledger', id: 1, title: 't', generatedAt: '2026-06-01T00:00:00Z', entries: chain(d), summary: { ...ledgerSummary(d as never) } })).line;
    expect(bad([entry('income', 10.5)])).toMatch(/amountFen is not an integer/);
    expect(bad([entry('expense', -3)])).toMatch(/must be positive/);
    expect(bad([entry('expense', 3, { decisionRef: null })])).toMatch(/names its authorising decision/);
    expect(bad([entry('income', 5), entry('correction', 1, { corrects: 2 })])).toMatch(/earlier entry/);
    expect(bad([entry('gift', 5)])).toMatch(/expected income, expense or correction/);
  });
});

describe('the disclosure summary rule', () => {
  const pub = (id: number) => ({ type: 'publish', disclosureId: id, title: `公示${id}`, body: '内容', period: '2026-05', category: 'fees', corrects: null });
  const fix = (id: number, corrects: number) => ({ ...pub(id), type: 'correction', corrects });
  const envelope = (data: object[], summary: object) => chainEnvelope({ kind: 'disclosure', id: 1, title: 't', generatedAt: '2026-06-01T00:00:00Z', entries: chain(data), summary: summary as never });

  it('accepts a register with a correction and points at the disclosure', () => {
    expect(verifyEnvelope(envelope([pub(1), fix(2, 1)], { entries: 2, publications: 1, corrections: 1, disclosureId: 2, seq: 2 })).ok).toBe(true);
  });

  it('catches a second correction of one entry, a wrong pointer and wrong counts', () => {
    expect(verifyEnvelope(envelope([pub(1), fix(2, 1), fix(3, 1)], { entries: 3, publications: 1, corrections: 2, disclosureId: 3, seq: 3 })).line).toMatch(/corrected twice/);
    expect(verifyEnvelope(envelope([pub(1), pub(2)], { entries: 2, publications: 2, corrections: 0, disclosureId: 2, seq: 1 })).line).toMatch(/not the entry of disclosure 2/);
    expect(verifyEnvelope(envelope([pub(1)], { entries: 1, publications: 0, corrections: 0, disclosureId: 1, seq: 1 })).line).toMatch(/publications/);
  });
});
