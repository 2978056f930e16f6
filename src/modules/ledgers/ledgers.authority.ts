import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { AppError, CommonErrors } from '../../server/errors.js';
import { getMeetingDecision } from '../deliberation/deliberation.service.js';
import { findSchedule } from '../fees/fees.lookup.js';
import { getMatterOutcome, listPassedMatters } from '../votes/votes.outcome.js';
import { majorDecisions } from './ledgers.schema.js';

/*
 * THE authorising-decision lookup: what a ledger entry's `decisionRef` names, and whether it
 * authorises spending. References are text so the export stays readable:
 *   vote-matter:12       an owners' vote matter (votes module; passed or not)
 *   meeting-decision:5   a decision of a deliberation meeting (deliberation module)
 *   decision:7           a major decision of this module (approved by the party organisation or not)
 *   fee-schedule:3       a fee schedule (fees module), for fee income
 *
 * Vote matters and meeting decisions are answered by the votes and deliberation modules'
 * exported services (`getMatterOutcome`, `listPassedMatters`, `getMeetingDecision`); outside the
 * actor's scope they are "not found", and maintenance-fund spending is then refused. The three
 * lookups are seams a test may replace with stand-ins (`setVoteMatterLookup`, …).
 */

/** What the votes module's getMatterOutcome answers (issue 12's contract). */
export interface MatterOutcome {
  matterId: number;
  voteId: number;
  compoundId: number;
  communityId: number;
  title: string;
  class: 'ordinary' | 'special';
  status: 'open' | 'passed' | 'failed' | 'pending';
  closedAt: string | Date | null;
  chainHead: string | null;
}

/** What the deliberation module's getMeetingDecision answers (the fields used here). */
export interface MeetingDecisionOutcome {
  decisionId: number;
  compoundId: number | null;
  communityId: number;
  title: string;
}

export type MatterLookup = (input: { db: DbOrTx; actor: Actor; matterId: number }) => Promise<MatterOutcome | null>;
export type MeetingLookup = (input: { db: DbOrTx; actor: Actor; decisionId: number }) => Promise<MeetingDecisionOutcome | null>;

/** What the votes module's listPassedMatters answers (the fields used here). */
export type PassedMattersLister = (input: { db: DbOrTx; actor: Actor; compoundId: number }) => Promise<{ matterId: number; title: string }[]>;

/** A 404 from another module's service means "no such authority for this actor". */
async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.code === CommonErrors.NOT_FOUND) return null;
    throw err;
  }
}

let matterLookup: MatterLookup = (input) => orNull(getMatterOutcome(input));
let passedMatters: PassedMattersLister = async (input) => (await orNull(listPassedMatters(input))) ?? [];
let meetingLookup: MeetingLookup = (input) => orNull(getMeetingDecision(input));

/** Wires the votes module's getMatterOutcome (or a test's stand-in); returns the previous lookup. */
export function setVoteMatterLookup(lookup: MatterLookup): MatterLookup {
  const before = matterLookup;
  matterLookup = lookup;
  return before;
}

/** Wires the votes module's listPassedMatters (the demo names the matters its spending stands on). */
export function setPassedMattersLister(lister: PassedMattersLister): PassedMattersLister {
  const before = passedMatters;
  passedMatters = lister;
  return before;
}

/** The passed vote matters of a compound. */
export function listPassedVoteMatters(input: { db: DbOrTx; actor: Actor; compoundId: number }) {
  return passedMatters(input);
}

/** Wires the deliberation module's getMeetingDecision; returns the previous lookup. */
export function setMeetingDecisionLookup(lookup: MeetingLookup): MeetingLookup {
  const before = meetingLookup;
  meetingLookup = lookup;
  return before;
}

export type RefKind = 'vote-matter' | 'meeting-decision' | 'decision' | 'fee-schedule';
const refPattern = /^(vote-matter|meeting-decision|decision|fee-schedule):([1-9]\d{0,15})$/;

/** Parses 'decision:7' → { kind, id }; null when it is not a reference. */
export function parseRef(ref: string): { kind: RefKind; id: number } | null {
  const m = refPattern.exec(ref);
  if (!m) return null;
  const id = Number(m[2]);
  return Number.isSafeInteger(id) ? { kind: m[1] as RefKind, id } : null;
}

export interface Authority {
  ref: string;
  kind: RefKind;
  id: number;
  compoundId: number | null;
  communityId: number | null;
  title: string;
  /** A vote matter passed, a major decision approved; a meeting decision or a schedule simply exists. */
  inForce: boolean;
  /** The state as its module tells it (passed, open, approved, returned…). */
  status: string;
  /** For a major decision: what the owners decided it under (itself resolved). */
  basis?: Authority | null;
  /** For a major decision: its kind (project, fee_change, fund_use). */
  decisionKind?: string;
}

/** Resolves a reference, or null when nothing by that reference exists for this actor. */
export async function lookupAuthority({ db, actor, ref }: { db: DbOrTx; actor: Actor; ref: string }): Promise<Authority | null> {
  const parsed = parseRef(ref);
  if (!parsed) return null;
  const base = { ref, kind: parsed.kind, id: parsed.id };
  switch (parsed.kind) {
    case 'vote-matter': {
      const m = await matterLookup({ db, actor, matterId: parsed.id });
      return m && { ...base, compoundId: m.compoundId, communityId: m.communityId, title: m.title, inForce: m.status === 'passed', status: m.status };
    }
    case 'meeting-decision': {
      const d = await meetingLookup({ db, actor, decisionId: parsed.id });
      return d && { ...base, compoundId: d.compoundId, communityId: d.communityId, title: d.title, inForce: true, status: 'decided' };
    }
    case 'fee-schedule': {
      const s = await findSchedule(db, parsed.id);
      return s ? { ...base, compoundId: s.compoundId, communityId: null, title: s.name, inForce: true, status: 'effective' } : null;
    }
    case 'decision': {
      const [d] = await db.select().from(majorDecisions).where(eq(majorDecisions.id, parsed.id));
      if (!d) return null;
      const basis = d.basisRef ? await lookupAuthority({ db, actor, ref: d.basisRef }) : null;
      return { ...base, compoundId: d.compoundId, communityId: d.communityId, title: d.title, inForce: d.state === 'approved', status: d.state, basis, decisionKind: d.kind };
    }
  }
}

/** Does this authority stand on a passed owners' vote (itself, or the basis of an approved decision)? */
export function restsOnPassedVote(a: Authority): boolean {
  if (a.kind === 'vote-matter') return a.inForce;
  if (a.kind === 'decision') return a.inForce && !!a.basis && a.basis.kind === 'vote-matter' && a.basis.inForce;
  return false;
}
