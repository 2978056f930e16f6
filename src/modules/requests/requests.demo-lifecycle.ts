import type { Random } from '../../db/demo/random.js';
import type { RequestState } from '../../shared/request-states.js';

/**
 * Demo request lifecycles, pure: a target state becomes a chain of timed steps that a real
 * request would have gone through (most accepted within the hour, a few late; resolved within
 * hours, a few past the day; residents rate 4–5 almost always).
 */
export type DemoAction = 'dispatch' | 'accept' | 'start' | 'progress' | 'resolve' | 'confirm' | 'auto_close' | 'return' | 'reopen' | 'cancel' | 'escalate' | 'merge' | 'consult_dispatch';
export interface DemoStep {
  action: DemoAction;
  /** Minutes after the request was filed. */
  at: number;
  from: RequestState;
  to: RequestState;
}

const MIN = 1;
const HOUR = 60;

const moves: Record<DemoAction, RequestState> = {
  dispatch: 'dispatched', accept: 'accepted', start: 'in_progress', progress: 'in_progress', resolve: 'resolved', confirm: 'closed',
  auto_close: 'closed', return: 'returned', reopen: 'reopened', cancel: 'cancelled', escalate: 'escalated', merge: 'merged', consult_dispatch: 'dispatched',
};

/** Gaps between steps, in minutes. */
function gap(rng: Random, action: DemoAction): number {
  switch (action) {
    case 'dispatch': return rng.int(2, 15) * MIN;
    case 'accept': return rng.chance(0.03) ? rng.int(70, 200) : rng.int(3, 25);
    case 'start': return rng.int(10, 90);
    case 'progress': return rng.int(30, 4 * HOUR);
    case 'resolve': return rng.chance(0.04) ? rng.int(26 * HOUR, 40 * HOUR) : rng.int(1 * HOUR, 14 * HOUR);
    case 'confirm': return rng.int(1 * HOUR, 36 * HOUR);
    case 'auto_close': return 72 * HOUR + rng.int(1, 30);
    case 'return': return rng.int(10, 50);
    case 'reopen': return rng.int(2 * HOUR, 30 * HOUR);
    case 'cancel': return rng.int(5, 120);
    case 'escalate': return rng.int(1 * HOUR, 8 * HOUR);
    case 'merge': return rng.int(5, 40);
    case 'consult_dispatch': return rng.int(20 * HOUR, 48 * HOUR);
  }
}

const work: DemoAction[] = ['dispatch', 'accept', 'start'];

/** The actions that lead to `target`, with a detour now and then (a return, a reopen). */
export function pathTo(target: RequestState, rng: Random): DemoAction[] {
  switch (target) {
    case 'submitted': return [];
    case 'dispatched': return ['dispatch'];
    case 'accepted': return ['dispatch', 'accept'];
    case 'in_progress': return [...work, 'progress'];
    case 'resolved': return [...work, 'resolve'];
    case 'returned': return ['dispatch', 'return'];
    case 'reopened': return [...work, 'resolve', 'reopen'];
    case 'escalated': return ['dispatch', 'escalate'];
    case 'merged': return ['merge'];
    case 'cancelled': return rng.chance(0.5) ? ['cancel'] : ['dispatch', 'cancel'];
    case 'closed': {
      const detour = rng.next();
      if (detour < 0.04) return ['dispatch', 'return', 'dispatch', 'accept', 'start', 'resolve', 'confirm'];
      if (detour < 0.07) return [...work, 'resolve', 'reopen', 'accept', 'resolve', 'confirm'];
      const steps: DemoAction[] = [...work];
      if (rng.chance(0.3)) steps.push('progress');
      steps.push('resolve', rng.chance(0.9) ? 'confirm' : 'auto_close');
      return steps;
    }
  }
}

/** Timed steps along a path. */
export function timeline(path: DemoAction[], rng: Random): DemoStep[] {
  let at = 0;
  let state: RequestState = 'submitted';
  return path.map((action) => {
    at += gap(rng, action);
    const step = { action, at, from: state, to: moves[action] };
    state = step.to;
    return step;
  });
}

/** Ratings: mostly 5, some 4, rarely lower — a 处置合格率 near 98 %. */
export function demoRating(rng: Random): number {
  return rng.weighted([[5, 70], [4, 28], [3, 1.2], [2, 0.5], [1, 0.3]] as const);
}

/** How the requests of one community end up: most closed, a realistic open tail, every state present. */
export function targetStates(count: number, rng: Random): RequestState[] {
  const forced: RequestState[] = ['submitted', 'dispatched', 'accepted', 'in_progress', 'resolved', 'returned', 'reopened', 'escalated', 'cancelled'];
  const rest = Array.from({ length: Math.max(0, count - forced.length) }, () => rng.weighted<RequestState>([
    ['closed', 82], ['cancelled', 3], ['submitted', 2], ['dispatched', 2], ['accepted', 2], ['in_progress', 3], ['resolved', 4], ['returned', 0.7], ['reopened', 0.7], ['escalated', 0.6],
  ]));
  return [...forced, ...rest];
}
