import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium against the real server on a real database, one file at a time. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    // One retry absorbs a slow machine's timing; a real failure fails twice.
    retry: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for what the user would see; 1 s (the default) is too little on a loaded machine.
    expect: { poll: { timeout: 20_000 } },
  },
});
