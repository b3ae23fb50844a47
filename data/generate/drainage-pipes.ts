import { type LineGeometry, lineColumns } from '../geo/geometry-row';
import type { WorldContext } from './context';
import { createRng } from './prng';
import { CATCHMENT_WIDTH_M, type PumpStation } from './pump-stations';
import { shortestPathsFrom } from './road-network';

/** A generated pipe segment (feature row fields plus the simulation's per-pipe load factor). */
export interface DrainagePipe extends LineGeometry {
  id: string;
  diameter_mm: number;
  material: 'concrete' | 'hdpe' | 'cast_iron';
  upstream_node: string;
  downstream_node: string;
  station_id: string;
  length_m: number;
  synthetic: true;
  /** Pipe length (m) draining through this segment, itself included. */
  carriedM: number;
  /** Station index in the stations array. */
  stationIndex: number;
}

/** Standard storm-sewer diameters (mm). */
export const DIAMETERS_MM = [300, 400, 500, 600, 800, 1000, 1200, 1350, 1500, 1800, 2000, 2400];

/** Diameter for the pipe length (m) that drains through a segment: grows with the square root of it. */
export function diameterFor(carriedM: number): number {
  const want = 300 + 16 * Math.sqrt(carriedM);
  return DIAMETERS_MM.find((d) => d >= want) ?? DIAMETERS_MM.at(-1)!;
}

/**
 * Lays one pipe segment on every network edge, oriented downhill towards the nearest station along the network
 * (multi-source shortest paths), so pipes form trees rooted at the stations; diameters grow with the length
 * drained through each segment. Returns pipes and the catchment area (m²) of each station.
 */
export function generateDrainagePipes(
  ctx: WorldContext,
  stations: PumpStation[],
): { pipes: DrainagePipe[]; catchmentM2: number[] } {
  const net = ctx.network;
  const rng = createRng(ctx.seed, 'pipes');
  const sp = shortestPathsFrom(
    net,
    stations.map((s) => s.node),
  );
  const n = net.nodes.length;
  // Length drained into each node: own upstream edges, accumulated down the shortest-path tree.
  const acc = new Float64Array(n);
  const downOf = (ei: number) => {
    const e = net.edges[ei]!;
    return sp.dist[e.a]! <= sp.dist[e.b]! ? e.a : e.b;
  };
  net.edges.forEach((e, ei) => {
    acc[downOf(ei)]! += e.length;
  });
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => Number.isFinite(sp.dist[i]!))
    .sort((a, b) => sp.dist[b]! - sp.dist[a]! || a - b);
  for (const u of order) {
    const via = sp.viaEdge[u]!;
    if (via < 0) continue;
    const e = net.edges[via]!;
    const parent = e.a === u ? e.b : e.a;
    acc[parent]! += acc[u]!;
  }
  const catchmentM2 = stations.map(() => 0);
  const pipes: DrainagePipe[] = [];
  net.edges.forEach((e, ei) => {
    const down = downOf(ei);
    const up = down === e.a ? e.b : e.a;
    const st = Math.max(sp.source[down]!, 0);
    const path = down === e.b ? e.path : [...e.path].reverse();
    const carried = acc[up]! + e.length;
    const diameter = diameterFor(carried);
    catchmentM2[st]! += e.length * CATCHMENT_WIDTH_M;
    pipes.push({
      id: `pipe-${String(ei).padStart(6, '0')}`,
      diameter_mm: diameter,
      material:
        diameter >= 1000 ? 'concrete' : rng.chance(0.1) ? 'cast_iron' : rng.chance(0.5) ? 'hdpe' : 'concrete',
      upstream_node: `mh-${String(up).padStart(6, '0')}`,
      downstream_node: `mh-${String(down).padStart(6, '0')}`,
      station_id: stations[st]!.id,
      length_m: e.length,
      synthetic: true,
      ...lineColumns(path),
      carriedM: carried,
      stationIndex: st,
    });
  });
  return { pipes, catchmentM2 };
}
