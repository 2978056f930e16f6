import type { Authority } from './ledgers.authority.js';
import type { DecisionTimelineEntry } from './ledgers.decisions.js';
import type { DecisionRow, DisclosureRow, LedgerRow, ProjectRow } from './ledgers.schema.js';
import type { Totals } from './ledgers.service.js';

const day = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export function presentLedger(l: LedgerRow, compoundName: string, totals: Totals, head: string) {
  return { id: l.id, compoundId: l.compoundId, compoundName, kind: l.kind, name: l.name, totals, head, exportUrl: `/api/ledgers/${l.id}/export` };
}

export function presentAuthority(a: Authority | null) {
  return a ? { ref: a.ref, kind: a.kind, title: a.title, status: a.status, inForce: a.inForce } : null;
}

export function presentTimeline(t: DecisionTimelineEntry[]) {
  return t.map((e) => ({ at: e.at.toISOString(), action: e.action, note: e.note, actorName: e.actorName, actorRole: e.actorRole }));
}

export function presentDecision(d: DecisionRow, compoundName: string, timeline: DecisionTimelineEntry[]) {
  return {
    id: d.id, compoundId: d.compoundId, compoundName, kind: d.kind, title: d.title, summary: d.summary, basisRef: d.basisRef, amountFen: d.amountFen,
    state: d.state, createdAt: d.createdAt.toISOString(), reviewedAt: d.reviewedAt?.toISOString() ?? null, timeline: presentTimeline(timeline),
  };
}

export function presentDisclosure(d: DisclosureRow, compoundName: string, correctedBy: number | null) {
  return {
    id: d.id, compoundId: d.compoundId, compoundName, category: d.category, period: day(d.period).slice(0, 7), title: d.title, body: d.body,
    ledger: d.ledgerId !== null && d.ledgerHead !== null ? { ledgerId: d.ledgerId, head: d.ledgerHead, balanceFen: d.ledgerBalanceFen ?? 0 } : null,
    correctsId: d.correctsId, correctedBy, seq: d.seq, hash: d.hash, publisherName: d.publisherName, publishedAt: d.publishedAt.toISOString(),
    exportUrl: `/api/disclosures/${d.id}/export`,
  };
}

export function presentProject(p: ProjectRow, compoundName: string, spentFen: number, milestones: number, coverId: number | null) {
  return {
    id: p.id, compoundId: p.compoundId, compoundName, title: p.title, category: p.category, description: p.description, scope: p.scope,
    budgetFen: p.budgetFen, spentFen, ledgerId: p.ledgerId, fundingNote: p.fundingNote, contractor: p.contractor, decisionId: p.decisionId,
    state: p.state, startedOn: day(p.startedOn), acceptedAt: p.acceptedAt?.toISOString() ?? null, milestones,
    coverUrl: coverId === null ? null : `/api/projects/${p.id}/photos/${coverId}`,
  };
}
