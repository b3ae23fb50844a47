import type { BuildingFootprint } from '../building-footprint';
import { type ConstructionSite, generateConstructionSites } from '../generate/construction-sites';
import type { WorldContext } from '../generate/context';
import { type CrowdCell, generateCrowdCells } from '../generate/crowd-cells';
import { type DrainagePipe, generateDrainagePipes } from '../generate/drainage-pipes';
import {
  type EvacuationPoint,
  type FloodTeam,
  generateEvacuationPoints,
  generateFloodTeams,
} from '../generate/emergency';
import { generateMuckTrucks, type MuckTruck, type RoutePoint } from '../generate/muck-trucks';
import { type PumpStation, placePumpStations, sizeStations } from '../generate/pump-stations';
import { generateRainGauges, type RainGauge } from '../generate/rain-gauges';
import { generateWaterloggingPoints, type WaterloggingPoint } from '../generate/waterlogging-points';
import { polygonColumns } from '../geo/geometry-row';
import {
  type ReadingRow,
  simulateRainReadings,
  simulateStationReadings,
  simulateTeamPositions,
  simulateWaterloggingReadings,
} from '../telemetry/simulate-readings';
import { planPreDeployment } from '../telemetry/team-predeploy';

/** Everything generated in JS: features of every synthetic layer, plus the JS-simulated readings. */
export interface GeneratedWorld {
  stations: PumpStation[];
  pipes: DrainagePipe[];
  points: WaterloggingPoint[];
  gauges: RainGauge[];
  cells: CrowdCell[];
  sites: ConstructionSite[];
  trucks: MuckTruck[];
  routePoints: RoutePoint[];
  evacuation: EvacuationPoint[];
  teams: FloodTeam[];
  readings: {
    rain: ReadingRow[];
    stations: ReadingRow[];
    waterlogging: ReadingRow[];
    teams: ReadingRow[];
  };
}

/** Runs every generator and the JS simulations in dependency order (stations → pipes → sizing → points …). */
export function generateAll(ctx: WorldContext, log: (msg: string) => void): GeneratedWorld {
  const stations = placePumpStations(ctx);
  const { pipes, catchmentM2 } = generateDrainagePipes(ctx, stations);
  sizeStations(stations, catchmentM2, ctx.seed);
  log(`stations ${stations.length}, pipes ${pipes.length}`);
  const points = generateWaterloggingPoints(ctx, stations);
  const gauges = generateRainGauges(ctx);
  const cells = generateCrowdCells(ctx);
  log(`waterlogging points ${points.length}, gauges ${gauges.length}, crowd cells ${cells.length}`);
  const sites = generateConstructionSites(ctx);
  const { trucks, routePoints } = generateMuckTrucks(ctx, sites);
  const evacuation = generateEvacuationPoints(ctx);
  const teams = generateFloodTeams(ctx);
  log(
    `sites ${sites.length}, trucks ${trucks.length} (route points ${routePoints.length}), teams ${teams.length}`,
  );
  const rain = simulateRainReadings(ctx, gauges);
  const st = simulateStationReadings(ctx, stations, catchmentM2);
  const wl = simulateWaterloggingReadings(ctx, points, stations, st.steps);
  const plan = planPreDeployment(ctx.network, points, teams);
  const teamRows = simulateTeamPositions(points, wl.depths, teams, ctx.rain5min.length, plan);
  return {
    stations,
    pipes,
    points,
    gauges,
    cells,
    sites,
    trucks,
    routePoints,
    evacuation,
    teams,
    readings: { rain, stations: st.rows, waterlogging: wl.rows, teams: teamRows },
  };
}

/** Converts building footprints to rows of the `buildings` table. */
export function buildingRows(buildings: BuildingFootprint[]): Record<string, unknown>[] {
  return buildings.map((b) => ({
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
  }));
}
