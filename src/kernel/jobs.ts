import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.js';
import type { App, AppContext } from '../server/context.js';

/**
 * Background jobs declared by module manifests (the SLA sweep, stalled claims returning to the
 * pool, roll calls, monthly reports…). Every process starts the runner; before each run a
 * conditional UPDATE on the job's row claims it, so one process runs a job per interval and a
 * long run is never overlapped — a job therefore needs no lock of its own, though it should
 * still be written so that running it twice does no harm.
 */
export interface JobSpec {
  /** `<module>.<what>`, e.g. `requests.sla-sweep`. */
  name: string;
  description: string;
  /** How often it runs. */
  everySeconds: number;
  /** One run; `now` is the app clock's time. Returns something worth logging (counts). */
  run: (ctx: AppContext, now: Date) => Promise<unknown>;
}

/** Which jobs this process runs: all declared ones, all but some, none, or the named ones (config `JOBS`). */
export type JobSelection = 'all' | 'none' | readonly string[] | { except: readonly string[] };

/** A run is presumed dead (the process crashed) after this long, and another process may take the job. */
const RUN_TIMEOUT_SECONDS = 600;

const holder = `${process.pid}-${randomUUID().slice(0, 8)}`;

/** Claims the job's next run for this process, or answers false (another process ran it recently or runs it now). */
export async function claimJobRun(db: DbOrTx, job: Pick<JobSpec, 'name' | 'everySeconds'>): Promise<boolean> {
  await db.execute(sql`insert into kernel_jobs (name) values (${job.name}) on conflict do nothing`);
  // The interval is counted with a little slack so processes with jittery timers don't skip a beat.
  const rows = await queryRows<{ name: string }>(db, sql`
    update kernel_jobs set holder = ${holder}, running_until = now() + make_interval(secs => ${RUN_TIMEOUT_SECONDS}), last_started_at = now()
    where name = ${job.name}
      and (running_until is null or running_until < now())
      and (last_started_at is null or last_started_at < now() - make_interval(secs => ${job.everySeconds * 0.9}))
    returning name`);
  return rows.length === 1;
}

async function finishJobRun(db: DbOrTx, name: string, error: string | null): Promise<void> {
  await db.execute(sql`
    update kernel_jobs set running_until = null, last_finished_at = now(), runs = runs + 1, last_error = ${error}
    where name = ${name} and holder = ${holder}`);
}

/** Claims and runs one job now (the runner's tick; also what tests and operators call). Returns false when not claimed. */
export async function runJob(ctx: AppContext, job: JobSpec): Promise<boolean> {
  if (!(await claimJobRun(ctx.db, job))) return false;
  try {
    await job.run(ctx, ctx.clock.now());
    await finishJobRun(ctx.db, job.name, null);
  } catch (err) {
    await finishJobRun(ctx.db, job.name, err instanceof Error ? err.message.slice(0, 500) : String(err)).catch(() => undefined);
    throw err;
  }
  return true;
}

export function selectJobs(jobs: readonly JobSpec[], selection: JobSelection): JobSpec[] {
  if (selection === 'none') return [];
  if (selection === 'all') return [...jobs];
  if ('except' in selection) return jobs.filter((j) => !selection.except.includes(j.name));
  const unknown = selection.filter((n) => !jobs.some((j) => j.name === n));
  if (unknown.length) throw new Error(`JOBS names unknown jobs: ${unknown.join(', ')} (declared: ${jobs.map((j) => j.name).join(', ')})`);
  return jobs.filter((j) => selection.includes(j.name));
}

/** Starts a timer per selected job; timers stop when the app closes. A tick that finds the previous one still running skips. */
export function startJobRunner(app: App, jobs: readonly JobSpec[]): void {
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      runJob(app.ctx, job)
        .catch((err: unknown) => app.log.error({ err, job: job.name }, 'job failed'))
        .finally(() => { busy = false; });
    };
    const timer = setInterval(tick, job.everySeconds * 1000);
    timer.unref();
    timers.push(timer);
  }
  app.addHook('onClose', async () => {
    for (const t of timers) clearInterval(t);
  });
}
