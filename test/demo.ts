import { loadDemo } from '../src/db/demo/seed.js';
import { FakeClock } from '../src/server/clock.js';
import { createTestApp, type TestApp } from './app.js';

/**
 * The one clock every demo test file loads the demo with. On PGlite each file has its own
 * database; on a shared PostgreSQL the first file to arrive loads the demo and every other file
 * reads that same load — so all of them must stand on the same day, or one file's "last 90 days"
 * is another's next year.
 */
export const DEMO_TEST_NOW = '2026-12-01T10:00:00+08:00';

/** The real app on a test database holding the demo city, loaded at `DEMO_TEST_NOW` if not yet there. */
export async function createDemoTestApp(): Promise<TestApp & { loadedMs: number }> {
  const t = await createTestApp({ clock: new FakeClock(DEMO_TEST_NOW) });
  const started = performance.now();
  const { loaded } = await loadDemo(t.database.db, t.clock, { passwordCost: 10 });
  return Object.assign(t, { loadedMs: loaded ? performance.now() - started : 0 });
}
