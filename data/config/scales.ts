/**
 * The build scales: `demo` (the Bund core; tests), `overview` (every district at reduced density; `npm start`) and
 * `city` (benchmarks). One code path builds all three; only these figures differ. City figures come from the seeds
 * (Shanghai's flood-control map: 1,418 pumping stations, 27,493 km of pipes, 64 waterlogging points, 736
 * evacuation points, 100+ flood teams) plus ~10,000 muck trucks.
 */

/** A bounding box [west, south, east, north] in WGS84 degrees. */
export type Bbox = [number, number, number, number];

/** Which build. */
export type ScaleName = 'demo' | 'overview' | 'city';

/** The scale names, smallest first (CLI and `TWIN_SCALE` validation). */
export const SCALE_NAMES: readonly ScaleName[] = ['demo', 'overview', 'city'];

/** Everything that differs between the demo and the city build. */
export interface ScaleConfig {
  name: ScaleName;
  /** Area the generators fill; the demo is the Bund/Lujiazui core. */
  bbox: Bbox;
  /** Whether to synthesise a road lattice over the districts where no real roads exist (city). */
  syntheticLattice: boolean;
  /** Lattice spacing in metres (city). */
  latticeSpacingM: number;
  pumpStations: number;
  /** Target total pipe length in km (city; the demo lays pipes along all real roads only). */
  pipeKm: number | null;
  /** Maximum pipe segment length in metres (manhole spacing). */
  pipeSegmentM: number;
  waterloggingPoints: number;
  rainGauges: number;
  crowdCellM: number;
  /** District names whose area the crowd grid covers (city); the demo covers its bbox. */
  crowdDistricts: string[] | null;
  constructionSites: number;
  disposalPoints: number;
  muckTrucks: number;
  evacuationPoints: number;
  floodTeams: number;
  /**
   * Synthetic buildings added to the real OSM core in the `buildings` table (tiles engineer's generator with its
   * default seed, so the table matches `npm run tiles -- --source synthetic --count N`); 0 = real only.
   */
  syntheticBuildings: number;
  /**
   * Keep the SQL-written bulk readings (pipes, crowd, trucks) as views over one Parquet file per hour instead of
   * copies inside twin.duckdb (city: ~10^8 rows a day).
   */
  hourlyViews: boolean;
}

/** The replay day: local (CST, UTC+8) date and its UTC start. */
export const REPLAY_DAY = {
  local: '2013-09-13',
  startUtcMs: Date.UTC(2013, 8, 12, 16, 0, 0),
  hours: 24,
} as const;

/** Fixed extent of the space-filling-curve key; its one home is data/geo/morton.ts. */
export { HKEY_EXTENT } from '../geo/morton';

/** The Bund/Lujiazui core, where real OSM buildings and roads exist. */
export const CORE_BBOX: Bbox = [121.4802, 31.2264, 121.5208, 31.251];

/** Central districts (pre-2015 names) covered by the city-scale crowd grid. */
export const CENTRAL_DISTRICTS = [
  '黄浦区',
  '静安区',
  '徐汇区',
  '长宁区',
  '普陀区',
  '闸北区',
  '虹口区',
  '杨浦区',
];

/** Scale presets by name. */
export const SCALES: Record<ScaleName, ScaleConfig> = {
  demo: {
    name: 'demo',
    bbox: CORE_BBOX,
    syntheticLattice: false,
    latticeSpacingM: 0,
    pumpStations: 8,
    pipeKm: null,
    pipeSegmentM: 80,
    waterloggingPoints: 8,
    rainGauges: 6,
    crowdCellM: 100,
    crowdDistricts: null,
    constructionSites: 12,
    disposalPoints: 3,
    muckTrucks: 300,
    evacuationPoints: 16,
    floodTeams: 6,
    syntheticBuildings: 0,
    hourlyViews: false,
  },
  // Every district at reduced density, for `npm start`: built in about a minute and a half on two cores.
  overview: {
    name: 'overview',
    bbox: [120.85, 30.67, 122.0, 31.88],
    syntheticLattice: true,
    latticeSpacingM: 1400,
    pumpStations: 1418,
    pipeKm: null,
    pipeSegmentM: 700,
    waterloggingPoints: 64,
    rainGauges: 60,
    crowdCellM: 250,
    crowdDistricts: CENTRAL_DISTRICTS,
    constructionSites: 120,
    disposalPoints: 12,
    muckTrucks: 600,
    evacuationPoints: 736,
    floodTeams: 60,
    syntheticBuildings: 0,
    hourlyViews: false,
  },
  city: {
    name: 'city',
    bbox: [120.85, 30.67, 122.0, 31.88],
    syntheticLattice: true,
    latticeSpacingM: 460,
    pumpStations: 1418,
    pipeKm: 27_493,
    pipeSegmentM: 120,
    waterloggingPoints: 64,
    rainGauges: 120,
    crowdCellM: 100,
    crowdDistricts: CENTRAL_DISTRICTS,
    constructionSites: 400,
    disposalPoints: 24,
    muckTrucks: 10_000,
    evacuationPoints: 736,
    floodTeams: 120,
    syntheticBuildings: 100_000,
    hourlyViews: true,
  },
};

/** Bumped whenever generated output changes; `ensureDemoData` rebuilds when the manifest differs. */
export const GENERATOR_VERSION = '1.6.0';

/** Default seed of the generators. */
export const DEFAULT_SEED = 20130913;
