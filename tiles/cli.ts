/**
 * `npm run tiles -- [--source real|synthetic] [--count 100000] [--seed N] [--out DIR] [--check]`: builds a 3D Tiles
 * 1.1 building tileset (tileset.json + content/*.glb), prints progress and a summary; `--check` then validates it
 * (3D Tiles rules, glTF validator, metadata) and exits 1 on problems.
 */
import { parseArgs } from 'node:util';
import { buildTileset } from './build-tileset';
import { checkTileset } from './check-tileset';
import { hashTileInputs } from './ensure-tiles';
import {
  type BuildingSource,
  loadBuildingsFromSource,
  REAL_TILES_DIR,
  SYNTHETIC_TILES_DIR,
} from './load-source';

const { values } = parseArgs({
  options: {
    source: { type: 'string', default: 'real' },
    count: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});
const source = values.source as BuildingSource;
if (source !== 'real' && source !== 'synthetic') {
  console.error(`--source must be real or synthetic, got ${values.source}`);
  process.exit(2);
}
const count = Number(values.count);
if (!Number.isInteger(count) || count <= 0) {
  console.error(`--count must be a positive integer, got ${values.count}`);
  process.exit(2);
}
const outDir = values.out ?? (source === 'real' ? REAL_TILES_DIR : SYNTHETIC_TILES_DIR);

const t0 = performance.now();
const buildings = await loadBuildingsFromSource(source, {
  count,
  seed: values.seed === undefined ? undefined : Number(values.seed),
});
const t1 = performance.now();
console.log(`[tiles] ${buildings.length} ${source} buildings loaded in ${((t1 - t0) / 1000).toFixed(1)} s`);
let lastPct = -1;
const result = await buildTileset(buildings, {
  outDir,
  // The real core carries its input hash, so ensureDemoTiles accepts a CLI build as current.
  version: source === 'real' ? hashTileInputs() : `synthetic-${count}-${values.seed ?? 'default'}`,
  onProgress(done, total) {
    const pct = Math.floor((done / total) * 10) * 10;
    if (pct !== lastPct) {
      lastPct = pct;
      process.stdout.write(`[tiles] ${done}/${total} tiles (${pct}%)\n`);
    }
  },
});
const t2 = performance.now();
const mb = (x: number): string => (x / 1e6).toFixed(2);
console.log(
  `[tiles] wrote ${outDir}/tileset.json: ${result.tileCount} tiles, depth ${result.depth}, ` +
    `${result.triangleCount} triangles, ${mb(result.totalBytes)} MB ` +
    `(mean tile ${mb(result.totalBytes / result.tileCount)} MB, max ${mb(Math.max(...result.tileBytes))} MB) ` +
    `in ${((t2 - t1) / 1000).toFixed(1)} s`,
);

if (values.check) {
  const t3 = performance.now();
  const check = await checkTileset(outDir);
  const secs = ((performance.now() - t3) / 1000).toFixed(1);
  for (const p of check.problems.slice(0, 20)) console.error(`[tiles] problem: ${p}`);
  console.log(`[tiles] check: ${check.tileCount} tiles, ${check.problems.length} problems in ${secs} s`);
  if (check.problems.length > 0) process.exit(1);
}
