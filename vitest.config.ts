import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (Node, parallel) and `browser` (real Debian Chromium through playwright-core, run one file
 * at a time because software WebGL uses both cores). Both share a global setup that builds the demo data and
 * tiles into out/ when they are missing.
 */
export default defineConfig({
  test: {
    globalSetup: ['scripts/test-global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{layers,data,tiles,server,viewer,scenarios,scripts}/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', 'node_modules/**', 'out/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['{viewer,tiles,server}/**/*.browser.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
