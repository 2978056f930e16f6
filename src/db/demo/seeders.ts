import type { DemoSeeder } from './seed.js';

/** Modules' demo data, in order; each module adds one line. */
export const demoSeeders: { name: string; run: DemoSeeder }[] = [];
