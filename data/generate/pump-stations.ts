import type { Position } from '../geo/rings';
import { PointIndex } from '../geo/spatial-index';
import { formatId, roadNameAt, spreadPick, type WorldContext } from './context';
import { createRng } from './prng';

/** A generated pumping station (feature row fields plus what the simulation needs). */
export interface PumpStation {
  id: string;
  name: string;
  district: string;
  pumps_total: number;
  capacity_m3s: number;
  receiving_water: string;
  synthetic: true;
  lon: number;
  lat: number;
  /** Network node the station sits at (pipes drain to it). */
  node: number;
}

const CITY_RIVERS = [
  '黄浦江',
  '苏州河',
  '蕴藻浜',
  '川杨河',
  '淀浦河',
  '大治河',
  '张家浜',
  '虹口港',
  '杨浦港',
  '新泾港',
];

/**
 * Places pumping stations at network nodes by the river and creeks (within 250 m of a water polygon vertex
 * where water data exists), spread apart; elsewhere (city lattice) spread evenly over the network. Capacities
 * are filled in later from the catchment (see `sizeStations`).
 */
export function placePumpStations(ctx: WorldContext): PumpStation[] {
  const rng = createRng(ctx.seed, 'pump-stations');
  const waterIdx = new PointIndex<string>(0.004);
  for (const w of ctx.water)
    if (w.kind !== 'swimming_pool')
      for (const poly of w.polygons) for (const p of poly[0]!) waterIdx.add(p, w.name ?? '黄浦江');
  const nodes = ctx.network.nodes;
  const nearWater: number[] = [];
  const elsewhere: number[] = [];
  const receiving = new Map<number, string>();
  nodes.forEach((p, i) => {
    const [x0, y0, x1, y1] = ctx.scale.bbox;
    if (p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1) return;
    const hit = ctx.water.length > 0 ? waterIdx.within(p, 250)[0] : undefined;
    if (hit) {
      nearWater.push(i);
      receiving.set(i, hit.item);
    } else elsewhere.push(i);
  });
  const n = ctx.scale.pumpStations;
  const byWater = Math.min(nearWater.length, ctx.scale.name === 'demo' ? n : Math.min(n, 24));
  const pickFrom = (cands: number[], k: number) => {
    const sample =
      cands.length > 20_000 ? cands.filter((_, i) => i % Math.ceil(cands.length / 20_000) === 0) : cands;
    return spreadPick(
      sample.map((c) => nodes[c]!),
      k,
      rng.int(sample.length),
    ).map((i) => sample[i]!);
  };
  const chosen = [...pickFrom(nearWater, byWater), ...pickFrom(elsewhere, n - byWater)];
  const usedNames = new Map<string, number>();
  return chosen.map((node, i) => {
    const [lon, lat] = nodes[node]!;
    const base = `${(roadNameAt(ctx, node) ?? ctx.districtOf(lon, lat).replace(/区|新区|县$/, '')) || '浦江'}`;
    const k = (usedNames.get(base) ?? 0) + 1;
    usedNames.set(base, k);
    return {
      id: formatId('ps', i + 1, 4),
      name: `${base}${k > 1 ? k : ''}泵站`,
      district: ctx.districtOf(lon, lat),
      pumps_total: 2,
      capacity_m3s: 0,
      receiving_water: receiving.get(node) ?? rng.pick(CITY_RIVERS),
      synthetic: true,
      lon,
      lat,
      node,
    };
  });
}

/** Design rain intensity (mm/h) of Shanghai's 1-in-1-year standard used to size the stations. */
export const DESIGN_RAIN_MM_H = 36;
/** Runoff coefficient of the dense urban catchments. */
export const RUNOFF_COEFFICIENT = 0.65;
/** Catchment width (m) drained by one metre of pipe: road plus the adjoining blocks. */
export const CATCHMENT_WIDTH_M = 60;

/** Sizes each station for the design rain over its catchment (m²), with seeded ±20 % spread. */
export function sizeStations(stations: PumpStation[], catchmentM2: number[], seed: number): void {
  const rng = createRng(seed, 'station-size');
  stations.forEach((s, i) => {
    const q = (RUNOFF_COEFFICIENT * DESIGN_RAIN_MM_H * (catchmentM2[i] ?? 0)) / 3.6e6;
    s.capacity_m3s = Math.max(0.5, Math.round(q * rng.range(0.8, 1.2) * 100) / 100);
    s.pumps_total = Math.min(8, Math.max(2, Math.ceil(s.capacity_m3s / 2)));
  });
}

/** Positions of stations, for spatial lookups. */
export function stationPositions(stations: PumpStation[]): Position[] {
  return stations.map((s) => [s.lon, s.lat]);
}
