import type { TestProject } from 'vitest/node';
import { prepareDemoTemplate } from './harness.js';

/** One demo load for the whole browser run; each test file's server starts from a copy of it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const { template, remove } = await prepareDemoTemplate();
  process.stdout.write(`browser tests: demo template ready in ${Math.round((Date.now() - started) / 1000)} s (${template.database ? 'PostgreSQL' : 'PGlite'})\n`);
  project.provide('demoTemplate', template);
  return remove;
}
