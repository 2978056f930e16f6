import { requestStateLabels, requestStates, type RequestState } from '../../shared/request-states.js';

export type Open311Status = 'open' | 'closed';
export const open311Statuses = ['open', 'closed'] as const;

/**
 * Open311 knows two statuses. "closed: it has been resolved" (the spec), so a request the
 * assignee marked resolved and that awaits the resident's confirmation is already closed, as
 * FixMyStreet reports its "fixed" states closed although the reporter may still reopen them; a
 * reopen makes it open again. Merged (a duplicate) and cancelled (withdrawn) requests are
 * closed too, as FixMyStreet's "duplicate" and "not responsible" are.
 */
export const open311StatusOf: Record<RequestState, Open311Status> = {
  submitted: 'open',
  dispatched: 'open',
  accepted: 'open',
  in_progress: 'open',
  returned: 'open',
  reopened: 'open',
  escalated: 'open',
  resolved: 'closed',
  closed: 'closed',
  merged: 'closed',
  cancelled: 'closed',
};

/** Our states that an Open311 status filter stands for. */
export function statesOf(statuses: readonly Open311Status[]): RequestState[] {
  return requestStates.filter((s) => statuses.includes(open311StatusOf[s]));
}

/** Timeline actions whose note is written for the public (the assignee's report of the work). */
export const publicNoteActions = ['accept', 'start', 'progress', 'resolve', 'consult_resolve'] as const;

/** States a public note can explain: those the public actions lead to, and closed after them. */
export const explainedByNote: ReadonlySet<RequestState> = new Set(['accepted', 'in_progress', 'resolved', 'closed']);

const fixedNotes: Partial<Record<RequestState, string>> = {
  merged: '与其他诉求重复，已合并办理',
  cancelled: '诉求已撤销',
};

/**
 * status_notes: the state in words, then the latest public note when it explains this state.
 * A note from before a reopen or a return would describe work that no longer stands.
 */
export function statusNotesOf(state: RequestState, latestPublicNote: string | null): string {
  const label = requestStateLabels[state].zh;
  const fixed = fixedNotes[state];
  if (fixed) return `${label}：${fixed}`;
  if (latestPublicNote && explainedByNote.has(state)) return `${label}：${latestPublicNote}`;
  return label;
}
