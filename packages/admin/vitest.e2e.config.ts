import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium against the real server on a real database, one file at a time. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    // One retry absorbs a slow machine's timing; a real failure fails twice.
    retry: 1,
    // Generous: CI may share two cores with other work. Every wait is on what the page shows;
    // a browser test took 130 s on a two-core machine at load 28.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
