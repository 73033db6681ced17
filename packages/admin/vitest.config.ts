import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Component tests in jsdom; the browser tests have their own config (vitest.e2e.config.ts). */
export default defineConfig({
  resolve: { alias: { '@chorus/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // A loaded 2-core machine renders slowly: wait on what the user sees, generously.
    testTimeout: 30_000,
    expect: { poll: { timeout: 15_000 } },
  },
});
