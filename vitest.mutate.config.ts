import { defineConfig } from 'vitest/config';

/** Test files per scope of `npm run mutate` (MUTATE_SCOPE=pure|server|layers; pure and server when unset). */
const SCOPES: Record<string, string[]> = {
  pure: [
    'data/{crs,geo}/**/*.test.ts',
    'tiles/{extrude,quadtree}*.test.ts',
    'viewer/state/**/*.test.ts',
    'viewer/overlay/{color-rule,local-frame}*.test.ts',
  ],
  server: ['layers/**/*.test.ts', 'server/{query,db,encode}/**/*.test.ts'],
  layers: ['layers/**/*.test.ts'],
};

/**
 * The fast unit tests of the modules under mutation testing (stryker.config.json): no global setup (they build
 * their own fixtures), no browser, no slow tests. Used only by `npm run mutate`. `MUTATE_SCOPE=pure` keeps the
 * tests of the pure modules only: the server tests build DuckDB fixtures in `beforeAll`, which makes every
 * mutant of a module they load (layers, the Morton key) "static" and reruns all of them for each such mutant.
 */
export default defineConfig({
  test: {
    include: SCOPES[process.env.MUTATE_SCOPE ?? ''] ?? [...SCOPES.pure!, ...SCOPES.server!],
    exclude: ['**/*.browser.test.ts', '**/*.slow.test.ts', 'node_modules/**', 'out/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
