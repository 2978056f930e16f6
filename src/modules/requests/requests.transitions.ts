import { defineStateMachine, type Move as MachineMove } from '../../kernel/workflow.js';
import type { RequestState } from '../../shared/request-states.js';
import { requestStates } from '../../shared/request-states.js';
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

type Move = MachineMove<RequestState, ActorKind>;

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

/** The machine (kernel workflow); the request module's own codes keep the API as it was. */
export const requestMachine = defineStateMachine({
  name: 'request',
  states: requestStates,
  actions: requestActions,
  actorKinds,
  transitions: transitionTable,
  errors: { illegal: RequestErrors.REQUEST_ILLEGAL_TRANSITION, notAllowed: RequestErrors.REQUEST_ACTOR_NOT_ALLOWED, stale: RequestErrors.REQUEST_STALE },
});

/** Where `action` leads from `state`, or undefined when the move does not exist. */
export const moveOf = (state: RequestState, action: RequestAction): Move | undefined => requestMachine.moveOf(state, action);

/** Is the move legal for one of these actor kinds? */
export const canMove = (state: RequestState, action: RequestAction, kinds: readonly ActorKind[]): boolean => requestMachine.canMove(state, action, kinds);

/**
 * The next state, or a 409 when the action is not possible from this state. A legal move taken
 * by the wrong kind of actor is a 403 (the route-level permission passed, the role does not fit).
 */
export const nextState = (state: RequestState, action: RequestAction, kinds: readonly ActorKind[]): RequestState => requestMachine.nextState(state, action, kinds);

/** States from which no action leads anywhere. */
export const terminalStates: RequestState[] = [...requestMachine.terminalStates];
