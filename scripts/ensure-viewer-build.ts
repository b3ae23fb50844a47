import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Absolute path of the repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** Where `vite build` writes the viewer (served by the server at `/`). */
export const VIEWER_OUT_DIR = join(REPO_ROOT, 'out', 'viewer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when out/viewer is missing or older than any source the bundle is built from (viewer/, layers/, config). */
export function isViewerBuildStale(): boolean {
  const index = join(VIEWER_OUT_DIR, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(join(REPO_ROOT, 'viewer')),
    newestMtime(join(REPO_ROOT, 'layers')),
    statSync(join(REPO_ROOT, 'vite.config.ts')).mtimeMs,
  );
  return sources > built;
}

/** Runs `vite build` (production bundle into out/viewer) when the build is missing or stale. */
export async function ensureViewerBuild(opts: { quiet?: boolean } = {}): Promise<void> {
  if (!isViewerBuildStale()) return;
  const started = performance.now();
  if (!opts.quiet) console.error('[viewer] building the production bundle (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: opts.quiet ? 'silent' : 'warn' });
  if (!opts.quiet) console.error(`[viewer] built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
