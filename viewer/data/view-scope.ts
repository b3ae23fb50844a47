/**
 * What the camera needs fetched: a zoom class (street, district, city) and a bbox around the visible ground
 * with a margin, snapped to a grid so small camera moves reuse the same requests (and cache keys). Pure:
 * `viewer/globe/view-scope-provider.tsx` feeds it from Cesium's camera.
 */

/** lon/lat bbox `[west, south, east, north]`, degrees. */
export type Bbox = [number, number, number, number];

/** How far out the camera is: each class fetches differently (see `readingsPlan`). */
export type ViewScale = 'street' | 'district' | 'city';

/** The part of the world a view needs. */
export interface ViewScope {
  scale: ViewScale;
  /** The ground to fetch (view + margin, snapped); null = everything (no camera yet). */
  bbox: Bbox | null;
}

/** Camera heights (m above the ellipsoid) where the zoom classes change. */
export const SCALE_HEIGHTS = { street: 4_000, district: 30_000 } as const;

/** The zoom class of a camera height. */
export function viewScale(height: number): ViewScale {
  if (height < SCALE_HEIGHTS.street) return 'street';
  if (height < SCALE_HEIGHTS.district) return 'district';
  return 'city';
}

/** Snap step of the bbox per class (degrees, ~0.5 km / ~2 km / ~10 km). */
const SNAP: Record<ViewScale, number> = { street: 0.005, district: 0.02, city: 0.1 };

const M_PER_DEG_LAT = 111_320;

/**
 * The bbox to fetch for a camera at (lon, lat, height) whose visible ground is `visible` (null when the view
 * sees the horizon everywhere or Cesium cannot tell): the visible ground clipped to a square of
 * `reach(height)` around the camera (a low, tilted camera sees to the horizon, but what lies kilometres away
 * is a few pixels), grown by `margin` of its size on each side, then snapped outwards.
 */
export function scopeBbox(
  camera: { lon: number; lat: number; height: number },
  visible: Bbox | null,
  margin = 0.25,
): Bbox {
  const scale = viewScale(camera.height);
  const reachM = Math.max(3_000, camera.height * 6);
  const dLat = reachM / M_PER_DEG_LAT;
  const dLon = dLat / Math.cos((camera.lat * Math.PI) / 180);
  const around: Bbox = [camera.lon - dLon, camera.lat - dLat, camera.lon + dLon, camera.lat + dLat];
  const v = visible ?? around;
  let w = Math.max(v[0], around[0]);
  let s = Math.max(v[1], around[1]);
  let e = Math.min(v[2], around[2]);
  let n = Math.min(v[3], around[3]);
  if (!(w < e && s < n)) [w, s, e, n] = around;
  const mx = (e - w) * margin;
  const my = (n - s) * margin;
  const step = SNAP[scale];
  // (a value on a step stays there: ±1e-9 absorbs the float error of x / step)
  const down = (x: number) => Math.floor(x / step + 1e-9) * step;
  const up = (x: number) => Math.ceil(x / step - 1e-9) * step;
  return [down(w - mx), down(s - my), up(e + mx), up(n + my)].map((x) => Math.round(x * 1e6) / 1e6) as Bbox;
}

/** A stable string of a scope, for cache keys and effect dependencies. */
export function scopeKey(s: ViewScope): string {
  return `${s.scale}|${s.bbox ? s.bbox.join(',') : '*'}`;
}

/** True when bbox `outer` contains bbox `inner`. */
export function bboxContains(outer: Bbox, inner: Bbox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

/**
 * How a layer's readings are fetched at a zoom class. Today the server aggregates by grid cell
 * (`bucket` + `grid=` metres); per-district summaries and pipe LOD plug in here as new plan kinds when the
 * server offers them.
 */
export type ReadingsPlan =
  | { kind: 'raw' }
  | { kind: 'grid'; gridMetres: number; bucket: '5m' | '15m' | '1h' };

/**
 * The readings plan of a layer at a scale: raw near the ground; at city zoom the high-volume kinds (crowd
 * grids, moving vehicles) come as grid buckets of `gridMetres`, everything else (a few thousand stations)
 * stays raw.
 */
export function readingsPlan(kind: string, scale: ViewScale): ReadingsPlan {
  if (scale !== 'city' || (kind !== 'grid' && kind !== 'hexagon' && kind !== 'heatmap' && kind !== 'trips'))
    return { kind: 'raw' };
  return { kind: 'grid', gridMetres: kind === 'trips' ? 1_000 : 500, bucket: '5m' };
}
