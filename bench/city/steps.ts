import type { SqlSession } from './session.js';

/**
 * PostgreSQL runs each statement on one backend, so one loading session keeps one core busy. The
 * seed's steps form chains that share nothing (the requests and their roll-ups; the modules'
 * rows and their figures), so they run on as many sessions as there are lanes.
 */

/** A loading session and the name its log lines carry. */
export interface Lane {
  name: string;
  s: SqlSession;
  log: (phase: string, rows?: number) => void;
}

/** One step of the seed; it runs on whichever lane is free once the steps it follows are done. */
export interface SeedStep {
  name: string;
  /** Names of steps listed before this one that must finish first. */
  after?: readonly string[];
  run: (lane: Lane) => Promise<void>;
}

/**
 * Runs the steps on the lanes: a free lane takes the first step, in list order, whose
 * predecessors are done, so the list order is also the priority. Predecessors must be listed
 * earlier: one lane then runs the steps exactly in list order (PGlite has one session), and
 * whenever nothing runs the first waiting step is ready (no lane can wait forever). After a
 * failure no step starts; the running ones finish, then the first error is thrown.
 */
export async function runSteps(lanes: readonly Lane[], steps: readonly SeedStep[]): Promise<void> {
  checkOrder(steps);
  const waiting = [...steps];
  const done = new Set<string>();
  let failure: { err: unknown } | undefined;
  let wake: () => void = () => undefined;
  let changed = new Promise<void>((resolve) => { wake = resolve; });
  const announce = () => {
    const resolve = wake;
    changed = new Promise<void>((r) => { wake = r; });
    resolve();
  };
  const work = async (lane: Lane) => {
    while (!failure && waiting.length > 0) {
      const i = waiting.findIndex((step) => (step.after ?? []).every((name) => done.has(name)));
      if (i < 0) {
        await changed;
        continue;
      }
      const [step] = waiting.splice(i, 1);
      try {
        await step!.run(lane);
        done.add(step!.name);
      } catch (err) {
        failure ??= { err };
      }
      announce();
    }
  };
  await Promise.all(lanes.map(work));
  if (failure) throw failure.err;
}

function checkOrder(steps: readonly SeedStep[]): void {
  const seen = new Set<string>();
  for (const step of steps) {
    for (const name of step.after ?? []) if (!seen.has(name)) throw new Error(`seed step "${step.name}" follows "${name}", which is not listed before it`);
    if (seen.has(step.name)) throw new Error(`seed step "${step.name}" is listed twice`);
    seen.add(step.name);
  }
}
