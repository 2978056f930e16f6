import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * On PGlite, a directory for this run's demo dump (test/demo.ts): the first demo file to need it
 * loads the demo and dumps it there, every other file starts from a copy. Nothing is loaded here,
 * so a run without demo files pays nothing. On PostgreSQL the files share one database instead.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) {
    project.provide('demoDumpDir', undefined);
    return undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'gongzhi-api-demo-'));
  project.provide('demoDumpDir', dir);
  // Watch mode: a rerun may follow an edit of the seeders, so it builds its own dump.
  project.onTestsRerun(async () => {
    for (const entry of await readdir(dir)) await rm(join(dir, entry), { recursive: true, force: true });
  });
  return () => rm(dir, { recursive: true, force: true });
}
