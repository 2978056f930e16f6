import { defineConfig } from 'vitest/config';

// Three tiers: pure unit tests, API/service tests against a real database (PGlite in-process,
// or PostgreSQL when DATABASE_URL is set), and browser tests driving Debian's chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.api.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          sequence: { groupOrder: 1 },
          include: ['src/**/*.api.test.ts', 'test/api/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite is WASM and memory-hungry; two files at a time suit a 2-core machine.
          maxWorkers: 2,
          env: { PASSWORD_COST: '10', LOG_LEVEL: 'silent' },
        },
      },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 2 },
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
