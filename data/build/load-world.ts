import { CORE_BBOX, REPLAY_DAY, type ScaleConfig } from '../config/scales';
import { sharedDataFile } from '../config/shared-data';
import type { Crs } from '../crs/gcj02';
import type { WorldContext } from '../generate/context';
import { buildRoadNetwork } from '../generate/road-network';
import { generateRoadLattice } from '../generate/synthetic-lattice';
import { unflattenPath } from '../geo/rings';
import { createDistrictLookup, loadDistricts } from '../import/districts';
import { loadMetroStations } from '../import/metro-stations';
import { loadHourlyRainfall, rainHoursFrom } from '../import/rainfall';
import { loadRoads } from '../import/roads';
import { loadWater } from '../import/water';
import { interpolateRain } from '../telemetry/rain-field';

/** Paths of the real inputs (GeoJSON / CSV) and the CRS their coordinates are in. */
export interface DataSources {
  buildings: string;
  roads: string;
  water: string;
  metro: string;
  districts: string;
  rainfall: string;
  crs: Crs;
}

/** The shared public data beside the repository (WGS84); see `sharedDataDir`. */
export const DEFAULT_SOURCES: DataSources = {
  buildings: sharedDataFile('shanghai', 'bund_lujiazui_buildings.geojson'),
  roads: sharedDataFile('shanghai', 'bund_lujiazui_roads.geojson'),
  water: sharedDataFile('shanghai', 'bund_lujiazui_water.geojson'),
  metro: sharedDataFile('shanghai', 'metro_stations.geojson'),
  districts: sharedDataFile('shanghai', 'districts_wgs84_pre2015.geojson'),
  rainfall: sharedDataFile('weather', 'shanghai_hourly_2010_2015.csv'),
  crs: 'wgs84',
};

/** Road kinds that carry traffic and drainage (rail, ferries and footpaths do not). */
export const DRIVABLE_KINDS = new Set(['major_road', 'minor_road']);

/** Loads the real layers, adds the synthetic lattice (city), builds the road network and the rain driver. */
export function loadWorld(
  scale: ScaleConfig,
  seed: number,
  sources: DataSources,
): WorldContext & { rainMissingHours: number } {
  const districts = loadDistricts(sources.districts, sources.crs);
  const realRoads = loadRoads(sources.roads, sources.crs);
  const lattice = scale.syntheticLattice
    ? generateRoadLattice({
        districts,
        bbox: scale.bbox,
        spacingM: scale.latticeSpacingM,
        exclude: [CORE_BBOX],
        seed,
      })
    : [];
  const roads = [...realRoads.map((r) => ({ ...r, synthetic: false })), ...lattice];
  const networkRoads = roads.filter(
    (r) => DRIVABLE_KINDS.has(r.kind) && !(r.is_tunnel && r.kindDetail === 'subway'),
  );
  const network = buildRoadNetwork(
    networkRoads.map((r) => unflattenPath(r.path)),
    scale.pipeSegmentM,
  );
  const rain = rainHoursFrom(loadHourlyRainfall(sources.rainfall), REPLAY_DAY.startUtcMs, REPLAY_DAY.hours);
  return {
    scale,
    seed,
    districts,
    roads,
    water: loadWater(sources.water, sources.crs),
    metro: loadMetroStations(sources.metro, sources.crs),
    network,
    networkRoads,
    districtOf: createDistrictLookup(districts),
    rain5min: interpolateRain(rain.mm),
    rainMissingHours: rain.missing,
  };
}
