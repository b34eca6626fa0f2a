// Unit and integration tests (plain Node); the browser tests run under Playwright instead.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // PGlite starts in seconds, more on a busy 2-core machine; backend tests start several.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
