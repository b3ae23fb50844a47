import { defineConfig } from 'vitest/config';

/**
 * Three projects, run one group after another (`sequence.groupOrder`), sharing a global setup that builds the
 * demo data, tiles and models into out/ when they are missing:
 * - `unit` (Node, files in parallel);
 * - `serial` (`*.serial.test.ts`: tests that measure latency under their own load — /health while slow queries run,
 *   a transition reaching another replica within a second — one file at a time, alone on the machine);
 * - `browser` (real Debian Chromium through playwright-core, one file at a time because software WebGL uses both
 *   cores).
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
          exclude: ['**/*.browser.test.ts', '**/*.serial.test.ts', 'node_modules/**', 'out/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: ['{layers,data,tiles,server,viewer,scenarios,scripts}/**/*.serial.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
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
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
