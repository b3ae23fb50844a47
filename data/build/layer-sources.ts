import { LAYERS } from '../../layers/registry';
import { polygonColumns } from '../geo/geometry-row';
import { simulateRainReadings, simulateTeamPositions } from '../telemetry/simulate-readings';
import { planPreDeployment } from '../telemetry/team-predeploy';
import type { GeneratedWorld } from './generated-world';
import {
  type SqlReadingsWriter,
  writeCrowdReadings,
  writePipeReadings,
  writeTruckPositions,
} from './write-telemetry';

/**
 * How a layer's readings are made: rows simulated in JS (loaded like features), or written in SQL straight into
 * the readings table — the bulk tables (10^7–10^8 rows a day at city scale) that are kept as hourly Parquet views.
 */
export type ReadingsSource =
  | { kind: 'rows'; rows: (w: GeneratedWorld) => Iterable<object> }
  | { kind: 'sql'; write: SqlReadingsWriter };

/** Where one registry layer's data comes from: its feature rows and, for layers with readings, their source. */
export interface LayerSource {
  features: (w: GeneratedWorld) => Iterable<object>;
  readings?: ReadingsSource;
}

/**
 * The data build's registry, keyed by the layer ids of `layers/registry.ts`: each layer's generator (or importer)
 * and simulator. The build loops over `LAYERS` and looks each one up here; adding a layer means its definition,
 * its generator and one entry here.
 */
export const LAYER_SOURCES: Readonly<Record<string, LayerSource>> = {
  districts: { features: (w) => w.ctx.districts },
  water: { features: (w) => w.ctx.water },
  roads: { features: (w) => w.ctx.roads },
  buildings: {
    features: (w) =>
      w.buildings.map((b) => ({
        id: b.id,
        osm_id: b.osmId,
        name: b.name,
        height: b.height,
        min_height: b.minHeight,
        height_source: b.heightSource,
        levels: b.levels,
        kind: b.kind,
        synthetic: b.synthetic,
        ...polygonColumns(b.polygons),
      })),
  },
  'metro-stations': { features: (w) => w.ctx.metro },
  'rain-gauges': {
    features: (w) => w.gauges,
    readings: { kind: 'rows', rows: (w) => simulateRainReadings(w.ctx, w.gauges) },
  },
  'pump-stations': {
    features: (w) => w.drainage.stations,
    readings: { kind: 'rows', rows: (w) => w.stationSim.rows },
  },
  'drainage-pipes': {
    features: (w) => w.drainage.pipes,
    readings: { kind: 'sql', write: writePipeReadings },
  },
  'waterlogging-points': {
    features: (w) => w.points,
    readings: { kind: 'rows', rows: (w) => w.waterloggingSim.rows },
  },
  'crowd-density': { features: (w) => w.cells, readings: { kind: 'sql', write: writeCrowdReadings } },
  'construction-sites': { features: (w) => w.sites },
  'muck-trucks': {
    features: (w) => w.trucks.trucks,
    readings: { kind: 'sql', write: writeTruckPositions },
  },
  'evacuation-points': { features: (w) => w.evacuation },
  'flood-teams': {
    features: (w) => w.teams,
    readings: {
      kind: 'rows',
      rows: (w) =>
        simulateTeamPositions(
          w.points,
          w.waterloggingSim.depths,
          w.teams,
          w.ctx.rain5min.length,
          planPreDeployment(w.ctx.network, w.points, w.teams),
        ),
    },
  },
};

/** The source of a registry layer; throws naming the layer when it has none (or a readings source is missing). */
export function layerSource(id: string): LayerSource {
  const s = LAYER_SOURCES[id];
  if (!s) throw new Error(`data/build/layer-sources.ts: no source registered for layer "${id}"`);
  const l = LAYERS.find((x) => x.id === id);
  if (l?.temporal && !s.readings)
    throw new Error(`data/build/layer-sources.ts: layer "${id}" has readings but no readings source`);
  return s;
}
