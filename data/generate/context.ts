import type { ScaleConfig } from '../config/scales';
import type { Position } from '../geo/rings';
import type { DistrictRow } from '../import/districts';
import type { MetroStationRow } from '../import/metro-stations';
import type { RoadRow } from '../import/roads';
import type { WaterRow } from '../import/water';
import type { RoadNetwork } from './road-network';

/** Everything the generators read: scale, seed, the real layers and the road network built from them. */
export interface WorldContext {
  scale: ScaleConfig;
  seed: number;
  districts: DistrictRow[];
  roads: RoadRow[];
  water: WaterRow[];
  metro: MetroStationRow[];
  /** Drivable network (major and minor roads, plus the synthetic lattice at city scale). */
  network: RoadNetwork;
  /** Road row of each network source line (`network.edges[i].line` indexes this). */
  networkRoads: RoadRow[];
  districtOf: (lon: number, lat: number) => string;
  /** Rain intensity (mm/h) of the regional series at every 5-minute step of the replay day (288 values). */
  rain5min: number[];
}

/** Picks `n` indices from candidate positions spread apart (greedy farthest-point sampling, seeded start). */
export function spreadPick(points: Position[], n: number, startIndex: number): number[] {
  if (points.length === 0 || n <= 0) return [];
  const cos = Math.cos(((points[0]![1] ?? 31) * Math.PI) / 180);
  const best = new Float64Array(points.length).fill(Number.POSITIVE_INFINITY);
  const chosen: number[] = [];
  let cur = Math.min(startIndex, points.length - 1);
  for (let k = 0; k < Math.min(n, points.length); k++) {
    chosen.push(cur);
    const [cx, cy] = points[cur]!;
    let far = -1;
    let farD = -1;
    for (let i = 0; i < points.length; i++) {
      const dx = (points[i]![0] - cx) * cos;
      const dy = points[i]![1] - cy;
      const d = dx * dx + dy * dy;
      if (d < best[i]!) best[i] = d;
      if (best[i]! > farD) {
        farD = best[i]!;
        far = i;
      }
    }
    if (farD <= 0) break;
    cur = far;
  }
  return chosen;
}

/** Name of the nearest named road to a network node, or null. */
export function roadNameAt(ctx: WorldContext, node: number): string | null {
  for (const ei of ctx.network.incident[node] ?? []) {
    const line = ctx.network.edges[ei]!.line;
    const name = line >= 0 ? ctx.networkRoads[line]?.name : null;
    if (name) return name;
  }
  return null;
}

/** Zero-padded sequence id, e.g. `formatId('ps', 7, 4)` → `ps-0007`. */
export function formatId(prefix: string, i: number, width: number): string {
  return `${prefix}-${String(i).padStart(width, '0')}`;
}
