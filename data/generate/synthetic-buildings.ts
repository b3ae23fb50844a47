import type { BuildingFootprint } from '../building-footprint';
import { mulberry32 } from './prng';

/** Options of the synthetic city: how many buildings, the seed, and the extent [west, south, east, north] in degrees. */
export interface SyntheticBuildingOptions {
  count: number;
  seed?: number;
  bbox?: [number, number, number, number];
}

/** Central Shanghai, roughly inside the Middle Ring (≈ 15 × 14 km). */
export const CENTRAL_CITY_BBOX: [number, number, number, number] = [121.4, 31.17, 121.56, 31.3];
/** The real OSM core (bund_lujiazui_buildings.geojson); synthetic buildings stay out of it. */
export const REAL_CORE_BBOX: [number, number, number, number] = [121.4802, 31.2264, 121.5208, 31.251];

/** A rough Huangpu River centreline (lon, lat), kept free of synthetic buildings. */
const HUANGPU: [number, number][] = [
  [121.5, 31.17],
  [121.487, 31.195],
  [121.497, 31.215],
  [121.492, 31.233],
  [121.497, 31.245],
  [121.51, 31.251],
  [121.53, 31.256],
  [121.56, 31.262],
];
const RIVER_HALF_WIDTH_M = 260;

/** Centres that pull heights up: Lujiazui, People's Square, Xujiahui, Jing'an, Wujiaochang (lon, lat, peak m). */
const CENTRES: [number, number, number][] = [
  [121.505, 31.238, 260],
  [121.475, 31.232, 150],
  [121.437, 31.195, 140],
  [121.448, 31.228, 130],
  [121.514, 31.3, 90],
];

const M_PER_DEG_LAT = 110_574;

/** Returns a seeded PRNG (mulberry32) yielding floats in [0, 1). */
export function createRandom(seed: number): () => number {
  return mulberry32(seed);
}

function distanceToPolylineM(lon: number, lat: number, line: [number, number][], mPerDegLon: number): number {
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i]!;
    const [bx, by] = line[i + 1]!;
    const px = (lon - ax) * mPerDegLon;
    const py = (lat - ay) * M_PER_DEG_LAT;
    const dx = (bx - ax) * mPerDegLon;
    const dy = (by - ay) * M_PER_DEG_LAT;
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(px - t * dx, py - t * dy));
  }
  return best;
}

function inBox(lon: number, lat: number, b: readonly number[]): boolean {
  return lon >= b[0]! && lon <= b[2]! && lat >= b[1]! && lat <= b[3]!;
}

function peakHeightAt(lon: number, lat: number, mPerDegLon: number): number {
  let h = 40; // the ordinary 6–18 floor fabric of the central districts
  for (const [cx, cy, peak] of CENTRES) {
    const d = Math.hypot((lon - cx) * mPerDegLon, (lat - cy) * M_PER_DEG_LAT);
    h = Math.max(h, peak * Math.exp(-d / 1800));
  }
  return h;
}

type Ring = [number, number][];

/** Closed CCW rectangle of half-sizes `hw` × `hd` centred on (0, 0). */
function rectangle(hw: number, hd: number): Ring {
  return [
    [-hw, -hd],
    [hw, -hd],
    [hw, hd],
    [-hw, hd],
    [-hw, -hd],
  ];
}

/** Shapes in a cell's local metres, centred on (0, 0): outer ring CCW, optional holes CW. */
function makeShape(rand: () => number, w: number, d: number): Ring[] {
  const r = rand();
  const hw = w / 2;
  const hd = d / 2;
  if (r < 0.12 && w > 24 && d > 24) {
    // Courtyard block: outer rectangle with a rectangular hole.
    const iw = hw * (0.35 + 0.2 * rand());
    const id = hd * (0.35 + 0.2 * rand());
    return [rectangle(hw, hd), rectangle(iw, id).reverse()];
  }
  if (r < 0.3) {
    // L-shape.
    const cx = -hw + w * (0.45 + 0.25 * rand());
    const cy = -hd + d * (0.45 + 0.25 * rand());
    return [
      [
        [-hw, -hd],
        [hw, -hd],
        [hw, cy],
        [cx, cy],
        [cx, hd],
        [-hw, hd],
        [-hw, -hd],
      ],
    ];
  }
  return [rectangle(hw, hd)];
}

function pickKind(rand: () => number, peak: number): string {
  const r = rand();
  if (peak > 120) return r < 0.45 ? 'office' : r < 0.7 ? 'commercial' : r < 0.95 ? 'apartments' : 'hotel';
  if (peak > 50) return r < 0.55 ? 'residential' : r < 0.8 ? 'commercial' : r < 0.9 ? 'office' : 'school';
  return r < 0.65 ? 'residential' : r < 0.8 ? 'industrial' : r < 0.93 ? 'commercial' : 'retail';
}

const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

/**
 * Generates `count` synthetic buildings over central Shanghai (seeded, deterministic): an axis-aligned grid of
 * blocks with streets between them, each block split into a grid of plots holding a rectangle, an L or a courtyard
 * block (or, in residential compounds, rows of slabs of one height), turned by a slowly varying street angle; heights peak around the CBDs (Lujiazui, People's Square,
 * Xujiahui…). The Huangpu and the real OSM core are left empty. Every building has `synthetic: true`, id `syn-…`.
 */
export function generateSyntheticBuildings(opts: SyntheticBuildingOptions): BuildingFootprint[] {
  const { count, seed = 20261122, bbox = CENTRAL_CITY_BBOX } = opts;
  if (count <= 0) return [];
  const rand = createRandom(seed);
  const [w, s, e, n] = bbox;
  const mPerDegLon = 111_320 * Math.cos((((s + n) / 2) * Math.PI) / 180);
  const widthM = (e - w) * mPerDegLon;
  const heightM = (n - s) * M_PER_DEG_LAT;
  const perBlock = 16; // 4 × 4 plots
  const usable = 0.85; // share of the extent left after river and core exclusion, roughly
  const blockM = Math.sqrt((widthM * heightM * usable * perBlock) / count);
  const cols = Math.max(1, Math.floor(widthM / blockM));
  const rows = Math.max(1, Math.floor(heightM / blockM));
  const blocks: { lon: number; lat: number }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const lon = w + ((c + 0.5) * blockM) / mPerDegLon;
      const lat = s + ((r + 0.5) * blockM) / M_PER_DEG_LAT;
      const pad = blockM / 2 / mPerDegLon;
      const core = REAL_CORE_BBOX;
      if (inBox(lon, lat, [core[0] - pad, core[1] - pad, core[2] + pad, core[3] + pad])) continue;
      if (distanceToPolylineM(lon, lat, HUANGPU, mPerDegLon) < RIVER_HALF_WIDTH_M + blockM / 2) continue;
      blocks.push({ lon, lat });
    }
  }
  // Share `count` among the kept blocks exactly; a block holds up to (grid)² plots.
  const grid = Math.ceil(Math.sqrt(Math.ceil(count / blocks.length)));
  const out: BuildingFootprint[] = [];
  const street = Math.min(30, blockM * 0.15);
  const plotM = (blockM - street) / grid;
  blocks.forEach((block, bi) => {
    const quota = Math.floor(((bi + 1) * count) / blocks.length) - Math.floor((bi * count) / blocks.length);
    const angle = 0.14 * Math.sin(block.lon * 90) * Math.cos(block.lat * 70) + (rand() - 0.5) * 0.04;
    const cosA = Math.cos(angle);
    const sinA = Math.sin(angle);
    const peak = peakHeightAt(block.lon, block.lat, mPerDegLon);
    // About a third of the non-CBD blocks are residential compounds (小区): rows of south-facing slabs of one height.
    const compound = peak < 80 && rand() < 0.35;
    const compoundFloors = [6, 6, 7, 11, 18, 24][Math.floor(rand() * 6)]!;
    for (let k = 0; k < quota; k++) {
      const gx = k % grid;
      const gy = Math.floor(k / grid);
      const px = -(blockM - street) / 2 + (gx + 0.5) * plotM;
      const py = -(blockM - street) / 2 + (gy + 0.5) * plotM;
      const fw = plotM * (compound ? 0.8 + 0.12 * rand() : 0.45 + 0.35 * rand());
      const fd = plotM * (compound ? 0.22 + 0.1 * rand() : 0.35 + 0.4 * rand());
      const rings = compound ? makeShape(() => 0.99, fw, fd) : makeShape(rand, fw, fd);
      const polygon = rings.map((ring) =>
        ring.map(([x, y]): [number, number] => {
          const rx = (px + x) * cosA * 0.92 - (py + y) * sinA * 0.92;
          const ry = (px + x) * sinA * 0.92 + (py + y) * cosA * 0.92;
          return [round7(block.lon + rx / mPerDegLon), round7(block.lat + ry / M_PER_DEG_LAT)];
        }),
      );
      const tower = rand() < 0.1;
      const base = compound
        ? compoundFloors * 3 + (rand() < 0.2 ? 3 : 0)
        : peak * (tower ? 0.8 + 0.6 * rand() : 0.2 + 0.45 * rand());
      const height = Math.max(4, Math.round(base * 10) / 10);
      const levels = Math.max(1, Math.round(height / 3.2));
      const i = out.length + 1;
      out.push({
        id: `syn-${String(i).padStart(6, '0')}`,
        osmId: 0,
        name: null,
        height,
        minHeight: 0,
        heightSource: 'estimated',
        levels,
        kind: compound ? 'residential' : pickKind(rand, peak),
        synthetic: true,
        polygons: [polygon],
      });
    }
  });
  return out;
}
