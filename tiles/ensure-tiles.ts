import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTileset } from './build-tileset';
import { loadBuildingsFromSource, REAL_BUILDINGS_PATH, REAL_TILES_DIR, REPO_ROOT } from './load-source';

/** Hash of everything the real tileset depends on: the input GeoJSON and the code that reads and tiles it. */
export function hashTileInputs(): string {
  const h = createHash('sha256');
  h.update(readFileSync(REAL_BUILDINGS_PATH));
  const dirs = ['tiles', 'data/import', 'data/geo', 'data/crs'];
  for (const dir of dirs) {
    const abs = join(REPO_ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      h.update(`${dir}/${f}\n`);
      h.update(readFileSync(join(abs, f)));
    }
  }
  h.update(readFileSync(join(REPO_ROOT, 'data/building-footprint.ts')));
  return h.digest('hex').slice(0, 16);
}

/** Builds the demo tileset (the real Bund/Lujiazui core) into out/tiles/buildings when it is missing or stale. */
export async function ensureDemoTiles(opts: { quiet?: boolean; outDir?: string } = {}): Promise<void> {
  const outDir = opts.outDir ?? REAL_TILES_DIR;
  const hash = hashTileInputs();
  const tilesetPath = join(outDir, 'tileset.json');
  if (existsSync(tilesetPath)) {
    // The input hash is stored as asset.tilesetVersion (also a cache-buster for clients).
    const t = JSON.parse(readFileSync(tilesetPath, 'utf8')) as { asset?: { tilesetVersion?: string } };
    if (t.asset?.tilesetVersion === hash) return;
  }
  const t0 = performance.now();
  mkdirSync(outDir, { recursive: true });
  const buildings = await loadBuildingsFromSource('real');
  const r = await buildTileset(buildings, { outDir, version: hash });
  if (!opts.quiet) {
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`[tiles] built ${outDir}: ${r.buildingCount} buildings, ${r.tileCount} tiles in ${s} s`);
  }
}
