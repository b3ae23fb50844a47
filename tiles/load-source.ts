import { resolve } from 'node:path';
import type { BuildingFootprint } from '../data/building-footprint';
import { sharedDataFile } from '../data/config/shared-data';
import { generateSyntheticBuildings } from '../data/generate/synthetic-buildings';
import { loadBuildingFootprints } from '../data/import/buildings';

/** Repository root (…/tiles/..). */
export const REPO_ROOT = resolve(import.meta.dirname, '..');
/** The OSM buildings of the Bund / Lujiazui core. */
export const REAL_BUILDINGS_PATH =
  process.env.TWIN_BUILDINGS_GEOJSON ?? sharedDataFile('shanghai', 'bund_lujiazui_buildings.geojson');
/** Where the real core's tileset goes (served as /tiles/buildings/tileset.json). */
export const REAL_TILES_DIR = resolve(REPO_ROOT, 'out/tiles/buildings');
/** Where the synthetic city's tileset goes. */
export const SYNTHETIC_TILES_DIR = resolve(REPO_ROOT, 'out/tiles/buildings-synthetic');

/** Which buildings to tile: the real OSM core or the seeded synthetic city. */
export type BuildingSource = 'real' | 'synthetic';

/** Loads the buildings of a source (`count` and `seed` only apply to the synthetic one). */
export async function loadBuildingsFromSource(
  source: BuildingSource,
  opts: { count?: number; seed?: number } = {},
): Promise<BuildingFootprint[]> {
  if (source === 'real') return loadBuildingFootprints(REAL_BUILDINGS_PATH);
  return generateSyntheticBuildings({ count: opts.count ?? 100_000, seed: opts.seed });
}
