import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { defineConfig } from 'vitest/config';
import { LoadFailureReporter } from './scripts/mutate-load-failures';

const DATA = ['data/{crs,geo}/**/*.test.ts'];
const TILES = ['tiles/{extrude,quadtree}*.test.ts'];
const VIEWER = ['viewer/state/**/*.test.ts', 'viewer/overlay/{color-rule,local-frame}*.test.ts'];
const LAYERS = ['layers/**/*.test.ts'];

/** Test files per scope of `npm run mutate` (MUTATE_SCOPE, comma-separated; `pure,server` when unset). */
const SCOPES: Record<string, string[]> = {
  data: DATA,
  tiles: TILES,
  viewer: VIEWER,
  layers: LAYERS,
  pure: [...DATA, ...TILES, ...VIEWER],
  server: [...LAYERS, 'server/{query,db,encode}/**/*.test.ts'],
  // one server module at a time (each run stays under ~25 min on two shared cores)
  db: ['server/db/**/*.test.ts', 'server/query/polygon-index.test.ts'],
  encode: ['server/encode/**/*.test.ts', 'server/deadline.test.ts'],
  query: ['server/query/**/*.test.ts'],
};

const scopes = (process.env.MUTATE_SCOPE || 'pure,server').split(',');
for (const s of scopes)
  if (!SCOPES[s]) throw new Error(`MUTATE_SCOPE: unknown scope "${s}" (${Object.keys(SCOPES)})`);
/** MUTATE_TESTS (comma-separated globs) replaces the scopes' test files, to narrow a run to one module's tests. */
const only = process.env.MUTATE_TESTS?.split(',').filter((g) => g.length > 0);

// Stryker copies the repository into .stryker-tmp/sandbox-*/ without out/ (ignorePatterns): tests that read the
// built demo dataset (district codes, summaries, instant snapshots) would skip there and let every mutant they
// cover survive. Link the sandbox's out/data/demo to the worktree's (opened read-only by those tests). Any temp
// dir name that starts with `.stryker-tmp` counts (`--tempDirName .stryker-tmp-db` lets two runs share a
// worktree); a sandbox without the link made the HTTP deadline test read a missing dataset (X-Row-Count null).
const parts = process.cwd().split(sep);
const sandbox = parts.findLastIndex((p) => p.startsWith('.stryker-tmp'));
if (sandbox > 0 && sandbox === parts.length - 2) {
  const demo = join(process.cwd(), 'out', 'data', 'demo');
  const real = resolve(process.cwd(), '..', '..', 'out', 'data', 'demo');
  if (!existsSync(demo) && existsSync(real)) {
    mkdirSync(dirname(demo), { recursive: true });
    symlinkSync(real, demo, 'dir');
  }
}

/**
 * The fast unit tests of the modules under mutation testing (stryker.config.json): no global setup (they build
 * their own fixtures), no browser, no slow tests. Used only by `npm run mutate`. A narrow MUTATE_SCOPE keeps a
 * run fast: a mutant of a module-level constant is "static" and reruns every test in scope, and the server tests
 * build DuckDB fixtures in `beforeAll`, which makes every mutant of a module they load (layers, the Morton key)
 * static.
 */
export default defineConfig({
  test: {
    // A file that cannot even load counts as a failed test (see scripts/mutate-load-failures.ts).
    reporters: ['default', new LoadFailureReporter()],
    include: only ?? [...new Set(scopes.flatMap((s) => SCOPES[s]!))],
    exclude: ['**/*.browser.test.ts', '**/*.slow.test.ts', 'node_modules/**', 'out/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
