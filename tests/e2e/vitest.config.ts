import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Browser tests: the real app (in-memory PGlite) and Debian's Chromium, one file at a time (2 shared cores).
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/e2e/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
