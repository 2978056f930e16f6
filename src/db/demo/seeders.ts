import type { DemoSeeder } from './seed.js';
import { seedOpen311 } from '../../modules/open311/open311.demo.js';
import { seedRequestsDemo } from '../../modules/requests/requests.demo.js';

/** Modules' demo data, in order; each module adds one line. */
export const demoSeeders: { name: string; run: DemoSeeder }[] = [
  { name: 'open311', run: seedOpen311 },
  { name: 'requests', run: seedRequestsDemo },
];
