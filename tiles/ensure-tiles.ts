import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildTileset } from './build-tileset';
import { loadBuildingsFromSource, REAL_BUILDINGS_PATH, REAL_TILES_DIR, REPO_ROOT } from './load-source';

/** The tiles/ sources whose change changes the output (not the CLI, checker, bench or test pages). */
const TILE_SOURCES = [
  'build-tileset.ts',
  'building-metadata.ts',
  'extrude.ts',
  'glb-binary.ts',
  'geodesy.ts',
  'load-source.ts',
  'quadtree.ts',
  'tileset-json.ts',
  'write-glb.ts',
];

/** Hash of everything the real tileset depends on: the input GeoJSON and the code that reads and tiles it. */
export function hashTileInputs(): string {
  const h = createHash('sha256');
  h.update(readFileSync(REAL_BUILDINGS_PATH));
  for (const f of TILE_SOURCES) h.update(`tiles/${f}\n`).update(readFileSync(join(REPO_ROOT, 'tiles', f)));
  for (const dir of ['data/import', 'data/geo', 'data/crs']) {
    const abs = join(REPO_ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      h.update(`${dir}/${f}\n`).update(readFileSync(join(abs, f)));
    }
  }
  h.update(readFileSync(join(REPO_ROOT, 'data/building-footprint.ts')));
  return h.digest('hex').slice(0, 16);
}

/** Reads `asset.tilesetVersion` of a built tileset, or null when there is none. */
function readTilesetVersion(dir: string): string | null {
  const path = join(dir, 'tileset.json');
  if (!existsSync(path)) return null;
  try {
    return (
      (JSON.parse(readFileSync(path, 'utf8')) as { asset?: { tilesetVersion?: string } }).asset
        ?.tilesetVersion ?? null
    );
  } catch {
    return null;
  }
}

/**
 * Builds the demo tileset (the real Bund/Lujiazui core) into out/tiles/buildings when it is missing or stale (the
 * input hash is kept as `asset.tilesetVersion`). Builds into a sibling folder and swaps it in with renames, so a
 * reader (a server, another test run) never sees a half-written tileset.
 */
export async function ensureDemoTiles(opts: { quiet?: boolean; outDir?: string } = {}): Promise<void> {
  const outDir = opts.outDir ?? REAL_TILES_DIR;
  const hash = hashTileInputs();
  if (readTilesetVersion(outDir) === hash) return;
  const t0 = performance.now();
  const tag = `${process.pid}-${Date.now()}`;
  const tmp = join(dirname(outDir), `.building-tiles-new-${tag}`);
  const old = join(dirname(outDir), `.building-tiles-old-${tag}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const buildings = await loadBuildingsFromSource('real');
    const r = await buildTileset(buildings, { outDir: tmp, version: hash });
    if (readTilesetVersion(outDir) !== hash) {
      if (existsSync(outDir)) renameSync(outDir, old);
      renameSync(tmp, outDir);
    }
    if (!opts.quiet) {
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(`[tiles] built ${outDir}: ${r.buildingCount} buildings, ${r.tileCount} tiles in ${s} s`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}
