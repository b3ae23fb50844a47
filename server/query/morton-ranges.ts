import { HKEY_BITS, HKEY_EXTENT, mortonCell, mortonKeyOfCells } from '../../data/geo/morton';

const LAST_CELL = 2 ** HKEY_BITS - 1;

/**
 * The closed range `[lo, hi]` of `hkey` (data/geo/morton.ts) that holds the key of every point in a lon/lat box.
 * Morton order is monotone in each axis, so the keys of the box's lower-left and upper-right cells bound it; the
 * box is widened by one cell each side so that rounding can never drop a point on its edge. A superset: the exact
 * lon/lat test stays, the range only lets row-group statistics on `hkey` prune (rows are ordered by hour, then hkey).
 */
export function mortonKeyRange(bbox: readonly [number, number, number, number]): [number, number] {
  const [ex0, ey0, ex1, ey1] = HKEY_EXTENT;
  const x0 = Math.max(0, mortonCell(bbox[0], ex0, ex1) - 1);
  const y0 = Math.max(0, mortonCell(bbox[1], ey0, ey1) - 1);
  const x1 = Math.min(LAST_CELL, mortonCell(bbox[2], ex0, ex1) + 1);
  const y1 = Math.min(LAST_CELL, mortonCell(bbox[3], ey0, ey1) + 1);
  return [mortonKeyOfCells(x0, y0), mortonKeyOfCells(x1, y1)];
}
