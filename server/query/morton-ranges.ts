import { HKEY_EXTENT } from '../../data/config/scales';

/** Bits per axis of the `hkey` Morton key (data/geo/morton.ts). */
const BITS = 16;
const CELLS = 1 << BITS;

function cellOf(v: number, min: number, max: number): number {
  const q = Math.floor(((v - min) / (max - min)) * CELLS);
  return Math.min(CELLS - 1, Math.max(0, q));
}

function spread(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/**
 * The closed range `[lo, hi]` of `hkey` (Morton key over the fixed extent, lon bits even, lat bits odd) that holds
 * the key of every point in a lon/lat box. Morton order is monotone in each axis, so the keys of the box's
 * lower-left and upper-right cells bound it; the box is widened by one cell each side so that rounding can never
 * drop a point on its edge. A superset: the exact lon/lat test stays, the range only lets row-group statistics on
 * `hkey` prune (rows are ordered by hour, then hkey).
 */
export function mortonKeyRange(bbox: readonly [number, number, number, number]): [number, number] {
  const [ex0, ey0, ex1, ey1] = HKEY_EXTENT;
  const x0 = Math.max(0, cellOf(bbox[0], ex0, ex1) - 1);
  const y0 = Math.max(0, cellOf(bbox[1], ey0, ey1) - 1);
  const x1 = Math.min(CELLS - 1, cellOf(bbox[2], ex0, ex1) + 1);
  const y1 = Math.min(CELLS - 1, cellOf(bbox[3], ey0, ey1) + 1);
  return [spread(x0) + spread(y0) * 2, spread(x1) + spread(y1) * 2];
}
