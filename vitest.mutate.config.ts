import { defineConfig } from 'vitest/config';

/**
 * The fast unit tests of the modules under mutation testing (stryker.config.json): no global setup (they build
 * their own fixtures), no browser, no slow tests. Used only by `npm run mutate`.
 */
export default defineConfig({
  test: {
    include: [
      'layers/**/*.test.ts',
      'server/{query,db,encode}/**/*.test.ts',
      'data/{crs,geo}/**/*.test.ts',
      'tiles/{extrude,quadtree}.test.ts',
      'viewer/state/**/*.test.ts',
      'viewer/overlay/{color-rule,local-frame}*.test.ts',
    ],
    exclude: ['**/*.browser.test.ts', '**/*.slow.test.ts', 'node_modules/**', 'out/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
