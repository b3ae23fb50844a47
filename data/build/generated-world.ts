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
import type { StationStep } from '../telemetry/drainage-model';
import {
  type ReadingRow,
  simulateStationReadings,
  simulateWaterloggingReadings,
} from '../telemetry/simulate-readings';

/**
 * The products of the generators and JS simulations, each made once on first use (in dependency order by
 * construction: asking for pipes places the stations first, and so on). Layer sources (`layer-sources.ts`) read
 * what they need from here; randomness comes from one PRNG stream per label, so the order in which layers ask
 * does not change any value.
 */
export class GeneratedWorld {
  private readonly memo = new Map<string, unknown>();

  /** Wraps the loaded world and the building footprints; `log` reports counts as products are made. */
  constructor(
    readonly ctx: WorldContext,
    readonly buildings: BuildingFootprint[],
    private readonly log: (msg: string) => void = () => {},
  ) {}

  private once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  /** Stations placed, pipes laid towards them, then stations sized for the catchment their pipes drain. */
  get drainage(): { stations: PumpStation[]; pipes: DrainagePipe[]; catchmentM2: number[] } {
    return this.once('drainage', () => {
      const stations = placePumpStations(this.ctx);
      const { pipes, catchmentM2 } = generateDrainagePipes(this.ctx, stations);
      sizeStations(stations, catchmentM2, this.ctx.seed);
      this.log(`stations ${stations.length}, pipes ${pipes.length}`);
      return { stations, pipes, catchmentM2 };
    });
  }

  /** Waterlogging-prone points (tunnel portals, busy junctions), each served by a station. */
  get points(): WaterloggingPoint[] {
    return this.once('points', () => generateWaterloggingPoints(this.ctx, this.drainage.stations));
  }

  /** Rain gauges. */
  get gauges(): RainGauge[] {
    return this.once('gauges', () => generateRainGauges(this.ctx));
  }

  /** Crowd grid cells. */
  get cells(): CrowdCell[] {
    return this.once('cells', () => {
      const cells = generateCrowdCells(this.ctx);
      this.log(`crowd cells ${cells.length}`);
      return cells;
    });
  }

  /** Construction sites with permits. */
  get sites(): ConstructionSite[] {
    return this.once('sites', () => generateConstructionSites(this.ctx));
  }

  /** Muck trucks and the points of their routes (site → disposal point along the network). */
  get trucks(): { trucks: MuckTruck[]; routePoints: RoutePoint[] } {
    return this.once('trucks', () => {
      const r = generateMuckTrucks(this.ctx, this.sites);
      this.log(
        `sites ${this.sites.length}, trucks ${r.trucks.length} (route points ${r.routePoints.length})`,
      );
      return r;
    });
  }

  /** Evacuation points. */
  get evacuation(): EvacuationPoint[] {
    return this.once('evacuation', () => generateEvacuationPoints(this.ctx));
  }

  /** Flood teams. */
  get teams(): FloodTeam[] {
    return this.once('teams', () => generateFloodTeams(this.ctx));
  }

  /** Station readings and each station's simulated steps (the waterlogging simulation reads them). */
  get stationSim(): { rows: ReadingRow[]; steps: StationStep[][] } {
    return this.once('stationSim', () =>
      simulateStationReadings(this.ctx, this.drainage.stations, this.drainage.catchmentM2),
    );
  }

  /** Waterlogging readings and the depth series per point (the flood teams react to them). */
  get waterloggingSim(): ReturnType<typeof simulateWaterloggingReadings> {
    return this.once('waterloggingSim', () =>
      simulateWaterloggingReadings(this.ctx, this.points, this.drainage.stations, this.stationSim.steps),
    );
  }
}
