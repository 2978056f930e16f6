import { describe, expect, it } from 'vitest';
import type { AppError } from '../../server/errors.js';
import { requestStates, type RequestState } from '../../shared/request-states.js';
import { actorKinds, canMove, nextState, requestActions, terminalStates, type ActorKind, type RequestAction } from './requests.transitions.js';

// The expected machine, written out independently of the table: "state action → next (kinds)".
const legal = `
submitted dispatch → dispatched (dispatcher)
returned dispatch → dispatched (dispatcher)
reopened dispatch → dispatched (dispatcher)
escalated dispatch → dispatched (dispatcher)
submitted merge → merged (dispatcher)
dispatched merge → merged (dispatcher)
returned merge → merged (dispatcher)
dispatched accept → accepted (assignee)
reopened accept → accepted (assignee)
dispatched return → returned (assignee)
accepted return → returned (assignee)
in_progress return → returned (assignee)
reopened return → returned (assignee)
accepted start → in_progress (assignee)
in_progress progress → in_progress (assignee)
accepted resolve → resolved (assignee)
in_progress resolve → resolved (assignee)
resolved confirm → closed (reporter)
resolved reopen → reopened (reporter)
submitted cancel → cancelled (reporter,dispatcher)
dispatched cancel → cancelled (reporter,dispatcher)
returned cancel → cancelled (reporter,dispatcher)
reopened cancel → cancelled (reporter,dispatcher)
accepted cancel → cancelled (dispatcher)
in_progress cancel → cancelled (dispatcher)
escalated cancel → cancelled (dispatcher)
submitted escalate → escalated (dispatcher)
dispatched escalate → escalated (dispatcher)
returned escalate → escalated (dispatcher)
reopened escalate → escalated (dispatcher)
accepted escalate → escalated (dispatcher)
in_progress escalate → escalated (dispatcher)
escalated consult_dispatch → dispatched (consultant)
escalated consult_resolve → resolved (consultant)
escalated consult_record → escalated (consultant)
resolved auto_close → closed (system)
`.trim().split('\n').map((line) => {
  const m = /^(\w+) (\w+) → (\w+) \(([\w,]+)\)$/.exec(line)!;
  return { from: m[1] as RequestState, action: m[2] as RequestAction, to: m[3] as RequestState, by: m[4]!.split(',') as ActorKind[] };
});

const key = (s: string, a: string) => `${s}/${a}`;
const expected = new Map(legal.map((l) => [key(l.from, l.action), l]));

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
}

describe('request transition table', () => {
  const pairs = requestStates.flatMap((state) => requestActions.map((action) => ({ state, action })));

  it('covers all 11 states × 15 actions', () => {
    expect(pairs).toHaveLength(requestStates.length * requestActions.length);
  });

  it.each(pairs)('$state × $action', ({ state, action }) => {
    const want = expected.get(key(state, action));
    for (const kind of actorKinds) {
      if (want && want.by.includes(kind)) {
        expect(nextState(state, action, [kind])).toBe(want.to);
        expect(canMove(state, action, [kind])).toBe(true);
      } else if (want) {
        const err = errorOf(() => nextState(state, action, [kind]));
        expect(err.code).toBe('REQUEST_ACTOR_NOT_ALLOWED');
        expect(err.status).toBe(403);
        expect(canMove(state, action, [kind])).toBe(false);
      } else {
        const err = errorOf(() => nextState(state, action, [kind]));
        expect(err.code).toBe('REQUEST_ILLEGAL_TRANSITION');
        expect(err.status).toBe(409);
        expect(canMove(state, action, [kind])).toBe(false);
      }
    }
  });

  it('an actor holding several kinds may take a move any of them allows', () => {
    expect(nextState('accepted', 'cancel', ['reporter', 'dispatcher'])).toBe('cancelled');
  });

  it('closed, merged and cancelled are terminal', () => {
    expect(terminalStates.sort()).toEqual(['cancelled', 'closed', 'merged']);
  });
});
