import type { RequestState } from '../../shared/request-states.js';
import { requestStates } from '../../shared/request-states.js';
import { AppError } from '../../server/errors.js';
import { RequestErrors } from './requests.errors.js';

/**
 * The 三单服务 state machine as data: for each action, the states it may start from, where it
 * leads, and which kinds of actor may take it there. Services never decide a next state
 * themselves; they ask `nextState`, then write it with a conditional UPDATE.
 */
export const actorKinds = ['reporter', 'dispatcher', 'assignee', 'consultant', 'system'] as const;
export type ActorKind = (typeof actorKinds)[number];

export const requestActions = [
  'dispatch', 'merge', 'accept', 'return', 'start', 'progress', 'resolve',
  'confirm', 'reopen', 'cancel', 'escalate', 'consult_dispatch', 'consult_resolve', 'consult_record', 'auto_close',
] as const;
export type RequestAction = (typeof requestActions)[number];

interface Move {
  to: RequestState;
  by: readonly ActorKind[];
}

type Table = Record<RequestAction, Partial<Record<RequestState, Move>>>;

const D = ['dispatcher'] as const;
const A = ['assignee'] as const;
const R = ['reporter'] as const;
const C = ['consultant'] as const;

/** Open, not yet accepted: the community still owns the next step. */
const waiting = ['submitted', 'dispatched', 'returned', 'reopened'] as const;

function from<S extends RequestState>(states: readonly S[], move: Move): Partial<Record<RequestState, Move>> {
  return Object.fromEntries(states.map((s) => [s, move]));
}

export const transitionTable: Table = {
  // No dispatched → dispatched: a second dispatcher racing the first must get a 409, not silently
  // re-route the order. A wrong assignee returns it, and it is dispatched again.
  dispatch: from(['submitted', 'returned', 'reopened', 'escalated'], { to: 'dispatched', by: D }),
  merge: from(['submitted', 'dispatched', 'returned'], { to: 'merged', by: D }),
  accept: from(['dispatched', 'reopened'], { to: 'accepted', by: A }),
  return: from(['dispatched', 'accepted', 'in_progress', 'reopened'], { to: 'returned', by: A }),
  start: from(['accepted'], { to: 'in_progress', by: A }),
  progress: from(['in_progress'], { to: 'in_progress', by: A }),
  resolve: from(['accepted', 'in_progress'], { to: 'resolved', by: A }),
  confirm: from(['resolved'], { to: 'closed', by: R }),
  reopen: from(['resolved'], { to: 'reopened', by: R }),
  cancel: {
    // The reporter may withdraw only while nobody has taken the work on.
    ...from(waiting, { to: 'cancelled', by: ['reporter', 'dispatcher'] }),
    ...from(['accepted', 'in_progress', 'escalated'], { to: 'cancelled', by: D }),
  },
  escalate: from([...waiting, 'accepted', 'in_progress'], { to: 'escalated', by: D }),
  consult_dispatch: from(['escalated'], { to: 'dispatched', by: C }),
  consult_resolve: from(['escalated'], { to: 'resolved', by: C }),
  consult_record: from(['escalated'], { to: 'escalated', by: C }),
  auto_close: from(['resolved'], { to: 'closed', by: ['system'] }),
};

/** Where `action` leads from `state`, or undefined when the move does not exist. */
export function moveOf(state: RequestState, action: RequestAction): Move | undefined {
  return transitionTable[action][state];
}

/** Is the move legal for one of these actor kinds? */
export function canMove(state: RequestState, action: RequestAction, kinds: readonly ActorKind[]): boolean {
  const move = moveOf(state, action);
  return !!move && move.by.some((k) => kinds.includes(k));
}

/**
 * The next state, or a 409 when the action is not possible from this state. A legal move taken
 * by the wrong kind of actor is a 403 (the route-level permission passed, the role does not fit).
 */
export function nextState(state: RequestState, action: RequestAction, kinds: readonly ActorKind[]): RequestState {
  const move = moveOf(state, action);
  if (!move) {
    throw new AppError(RequestErrors.REQUEST_ILLEGAL_TRANSITION, `Cannot ${action} a request that is ${state}`, { state, action });
  }
  if (!move.by.some((k) => kinds.includes(k))) {
    throw new AppError(RequestErrors.REQUEST_ACTOR_NOT_ALLOWED, `Only the ${move.by.join(' or ')} may ${action} this request`, { state, action });
  }
  return move.to;
}

/** States from which no action leads anywhere. */
export const terminalStates: RequestState[] = requestStates.filter((s) => requestActions.every((a) => !moveOf(s, a)));
