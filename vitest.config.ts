import { defineConfig } from 'vitest/config';

// Vitest 5's reporters call Map.groupBy / Object.groupBy, which Node 20 lacks (they arrive in Node 21): without
// these the reporter crashes and a failing test prints no reason. The config runs in the main process, where the
// reporters live, so the polyfill goes here.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;
const mapCtor = Map as unknown as { groupBy?: GroupBy };
mapCtor.groupBy ??= <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => {
  const groups = new Map<K, T[]>();
  let i = 0;
  for (const item of items) {
    const k = key(item, i++);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};
const objectCtor = Object as unknown as {
  groupBy?: (items: Iterable<unknown>, key: (item: unknown, i: number) => PropertyKey) => object;
};
objectCtor.groupBy ??= (items, key) => Object.fromEntries(mapCtor.groupBy!(items, key));

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
