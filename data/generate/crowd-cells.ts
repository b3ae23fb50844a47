import { HKEY_EXTENT } from '../config/scales';
import { pointInFeature } from '../geo/point-in-polygon';
import { haversineMeters, type Position } from '../geo/rings';
import { PointIndex } from '../geo/spatial-index';
import type { WorldContext } from './context';
import { createRng } from './prng';

/** A crowd grid cell with the weights that drive its daily rhythm (see telemetry/crowd-readings-sql.ts). */
export interface CrowdCell {
  cell_id: string;
  area_name: string | null;
  capacity: number;
  synthetic: true;
  cell_size_m: number;
  lon: number;
  lat: number;
  /** Peak commuters from metro stations nearby. */
  commuteW: number;
  /** Peak visitors from scenic / shopping hot spots. */
  leisureW: number;
  /** Residents and workers in the background. */
  residentW: number;
  /** Extra evening visitors during the riverside event (the Bund / Lujiazui light show). */
  eventW: number;
  /** Walkable area (m²) used for density. */
  walkM2: number;
}

/** Hot spots of central Shanghai: a point or a segment, its reach (m), peak visitors per cell and event share. */
export const HOT_SPOTS: {
  name: string;
  a: Position;
  b?: Position;
  reachM: number;
  peak: number;
  event: number;
}[] = [
  { name: '外滩', a: [121.4912, 31.233], b: [121.4905, 31.242], reachM: 110, peak: 6000, event: 0.9 },
  { name: '南京路步行街', a: [121.476, 31.235], b: [121.4855, 31.238], reachM: 90, peak: 4500, event: 0.2 },
  { name: '豫园', a: [121.492, 31.2272], reachM: 180, peak: 3500, event: 0.1 },
  { name: '陆家嘴', a: [121.4997, 31.2397], reachM: 220, peak: 3000, event: 0.6 },
  { name: '人民广场', a: [121.4737, 31.2317], reachM: 280, peak: 2500, event: 0 },
  { name: '新天地', a: [121.4747, 31.2196], reachM: 160, peak: 2000, event: 0 },
  { name: '静安寺', a: [121.4455, 31.2237], reachM: 180, peak: 1800, event: 0 },
  { name: '徐家汇', a: [121.437, 31.1955], reachM: 250, peak: 2200, event: 0 },
  { name: '五角场', a: [121.514, 31.3], reachM: 250, peak: 1800, event: 0 },
  { name: '中山公园', a: [121.417, 31.221], reachM: 200, peak: 1500, event: 0 },
];

function distToSpot(p: Position, a: Position, b?: Position): number {
  if (!b) return haversineMeters(p, a);
  const cos = Math.cos((p[1] * Math.PI) / 180);
  const ax = a[0] * cos;
  const bx = b[0] * cos;
  const px = p[0] * cos;
  const dx = bx - ax;
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return haversineMeters(p, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
}

/**
 * Lays a fixed grid (anchored at the hkey extent origin, so cell ids agree across builds) over the demo bbox or
 * the central districts, drops cells on water, and weights each by nearby metro stations and hot spots.
 */
export function generateCrowdCells(ctx: WorldContext): CrowdCell[] {
  const rng = createRng(ctx.seed, 'crowd');
  const size = ctx.scale.crowdCellM;
  const dLat = size / 111_320;
  const dLon = size / (111_320 * Math.cos((31.2 * Math.PI) / 180));
  const areas = ctx.scale.crowdDistricts
    ? ctx.districts.filter((d) => ctx.scale.crowdDistricts!.includes(d.name))
    : [];
  const [bx0, by0, bx1, by1] =
    areas.length > 0
      ? [
          Math.min(...areas.map((d) => d.xmin)),
          Math.min(...areas.map((d) => d.ymin)),
          Math.max(...areas.map((d) => d.xmax)),
          Math.max(...areas.map((d) => d.ymax)),
        ]
      : ctx.scale.bbox;
  const metro = new PointIndex<string>(0.005);
  for (const m of ctx.metro) metro.add([m.lon, m.lat], m.name);
  const waterPolys = ctx.water.filter((w) => w.kind !== 'swimming_pool');
  const inWater = (p: Position) => waterPolys.some((w) => pointInFeature(p[0], p[1], w));
  const inAreas = (p: Position) => areas.length === 0 || areas.some((d) => pointInFeature(p[0], p[1], d));
  const [ox, oy] = HKEY_EXTENT;
  const cells: CrowdCell[] = [];
  for (let iy = Math.floor((by0 - oy) / dLat); oy + iy * dLat < by1; iy++)
    for (let ix = Math.floor((bx0 - ox) / dLon); ox + ix * dLon < bx1; ix++) {
      const p: Position = [ox + (ix + 0.5) * dLon, oy + (iy + 0.5) * dLat];
      if (areas.length === 0 && (p[0] < bx0 || p[0] > bx1 || p[1] < by0 || p[1] > by1)) continue;
      if (!inAreas(p) || inWater(p)) continue;
      let commuteW = 0;
      let nearestStation: string | null = null;
      for (const hit of metro.within(p, 450)) {
        commuteW += 1500 * Math.exp(-(hit.dist * hit.dist) / (2 * 160 * 160));
        nearestStation ??= hit.item;
      }
      let leisureW = 0;
      let eventW = 0;
      let spot: string | null = null;
      let spotW = 0;
      for (const s of HOT_SPOTS) {
        const d = distToSpot(p, s.a, s.b);
        if (d > s.reachM * 3) continue;
        const w = s.peak * Math.exp(-(d * d) / (2 * s.reachM * s.reachM));
        leisureW += w;
        eventW += w * s.event;
        if (w > spotW) {
          spotW = w;
          spot = s.name;
        }
      }
      const residentW = (areas.length > 0 ? 120 : 80) * rng.range(0.6, 1.4);
      const walkM2 = size * size * (0.2 + 0.15 * rng.next() + (spotW > 500 ? 0.1 : 0));
      cells.push({
        cell_id: `cell${size}-${ix}-${iy}`,
        area_name: spotW > 300 ? spot : commuteW > 300 ? `${nearestStation}站` : null,
        capacity: Math.round(walkM2 * 2),
        synthetic: true,
        cell_size_m: size,
        lon: p[0],
        lat: p[1],
        commuteW,
        leisureW,
        residentW,
        eventW,
        walkM2,
      });
    }
  return cells;
}
