import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Component suites run in Chromium through web-test-runner; end-to-end suites drive Chromium from here.
    exclude: ['test/widgets/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only make every PGlite start slower.
    maxWorkers: 2,
  },
});
