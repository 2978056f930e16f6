import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { loadDemo } from '../src/db/demo/seed.js';
import { FakeClock } from '../src/server/clock.js';
import { createTestApp, type TestApp } from './app.js';
import { openTestDatabase } from './db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by test/api/global-setup.ts on PGlite: this run's directory for the demo dump. */
    demoDumpDir: string | undefined;
  }
}

/**
 * The one clock every demo test file loads the demo with. On PGlite every file starts from one
 * load per run (a dump, see below); on a shared PostgreSQL the first file to arrive loads the demo
 * and every other file reads that same load — so all of them must stand on the same day, or one
 * file's "last 90 days" is another's next year.
 */
export const DEMO_TEST_NOW = '2026-12-01T10:00:00+08:00';

/**
 * The real app on a test database holding the demo city, loaded at `DEMO_TEST_NOW` if not yet there.
 * `loadedMs` is the time this call spent loading the demo: 0 when it found it loaded (PostgreSQL)
 * or started from the run's dump that another file built (PGlite).
 */
export async function createDemoTestApp(): Promise<TestApp & { loadedMs: number }> {
  const dumpDir = process.env.DATABASE_URL ? undefined : inject('demoDumpDir');
  if (!dumpDir) {
    // PostgreSQL (or a project without the api global setup): load into this file's database.
    const t = await createTestApp({ clock: new FakeClock(DEMO_TEST_NOW) });
    const started = performance.now();
    const { loaded } = await loadDemo(t.database.db, t.clock, { passwordCost: 10 });
    return Object.assign(t, { loadedMs: loaded ? performance.now() - started : 0 });
  }
  const { dump, loadedMs } = await demoDump(dumpDir);
  const database = await openTestDatabase({ loadDataDir: dump });
  try {
    const t = await createTestApp({ clock: new FakeClock(DEMO_TEST_NOW), database });
    // createTestApp leaves a database it was given open; this one is the file's own.
    return { ...t, loadedMs, close: async () => { try { await t.close(); } finally { await database.close(); } } };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/*
 * The run's demo dump, built by whichever worker asks first: `mkdir` of the lock is atomic, so
 * one file claims the build (and writes its pid there) while the others poll for the finished
 * dump. A build that throws leaves `failed` with its error; a builder that dies leaves its pid
 * behind — either way the waiting files fail at once, saying why, instead of hanging.
 */
const buildWaitLimitMs = 10 * 60_000;

async function demoDump(dir: string): Promise<{ dump: Blob; loadedMs: number }> {
  const files = { dump: join(dir, 'demo.tar'), failed: join(dir, 'demo.failed'), lock: join(dir, 'demo.lock'), pid: join(dir, 'demo.lock', 'pid') };
  try {
    await mkdir(files.lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { dump: await waitForDump(files), loadedMs: 0 };
  }
  await writeFile(files.pid, String(process.pid));
  try {
    return await buildDump(files.dump);
  } catch (error) {
    await writeFile(files.failed, error instanceof Error ? (error.stack ?? error.message) : String(error)).catch(() => undefined);
    throw error;
  }
}

async function buildDump(dumpFile: string): Promise<{ dump: Blob; loadedMs: number }> {
  const database = await openTestDatabase();
  try {
    const started = performance.now();
    await loadDemo(database.db, new FakeClock(DEMO_TEST_NOW), { passwordCost: 10 });
    const loadedMs = performance.now() - started;
    // A checkpoint first, so every copy starts without replaying the load's WAL.
    await database.pglite!.query('checkpoint');
    const dump = await database.pglite!.dumpDataDir('none');
    // Written aside and renamed, so a waiting file never reads half a dump.
    const partial = `${dumpFile}.${process.pid}.partial`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, dumpFile);
    return { dump, loadedMs };
  } finally {
    await database.close();
  }
}

async function waitForDump(files: { dump: string; failed: string; pid: string }): Promise<Blob> {
  const deadline = Date.now() + buildWaitLimitMs;
  for (;;) {
    if (await exists(files.dump)) return new Blob([await readFile(files.dump)]);
    if (await exists(files.failed)) throw new Error(`the demo dump of this run failed in the test file that built it:\n${await readFile(files.failed, 'utf8')}`);
    const builder = Number(await readFile(files.pid, 'utf8').catch(() => ''));
    if (builder && builder !== process.pid && !isAlive(builder)) {
      // It may have finished just before exiting.
      if (await exists(files.dump)) continue;
      throw new Error(`the test file building the demo dump (pid ${builder}) exited before finishing it`);
    }
    if (Date.now() > deadline) throw new Error(`the demo dump was not ready after ${buildWaitLimitMs / 1000} s (pid ${builder || '?'} building it)`);
    await sleep(250);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
