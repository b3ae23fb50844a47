import { type Data, Field, Float64, List, makeData } from 'apache-arrow';

/**
 * Arrow list columns whose children start inside their buffers, as `Data.slice` leaves a child (its `values` or
 * `valueOffsets` moved to the child's first element, `offset` > 0 for the validity bitmap): the shape a reader
 * meets when a list's child has itself been sliced, which `table.slice` alone never makes (it leaves a list's
 * child whole). Junk values and junk lists fill the skipped part, so a reader that skips them twice reads junk.
 */

/** `list<float64>`, as the API's `path` column and the inner lists of `rings`. */
export const FLOAT64_LIST = new List(new Field('item', new Float64(), true));
/** `list<list<float64>>`, as the API's `rings` column. */
export const FLOAT64_LIST_LIST = new List(new Field('item', FLOAT64_LIST, true));

const JUNK = -999;

/** A validity bitmap of `valid` (LSB first), and the count of nulls. */
function bitmapOf(valid: boolean[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((ok, i) => {
    if (ok) nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { nullBitmap, nullCount: valid.filter((ok) => !ok).length };
}

/** Offsets of consecutive lists of the given lengths, from 0. */
function offsetsOf(lengths: number[]): Int32Array {
  const out = new Int32Array(lengths.length + 1);
  lengths.forEach((n, i) => {
    out[i + 1] = out[i]! + n;
  });
  return out;
}

/**
 * A `list<float64>` of `lists` (null → a null slot) whose float child is a slice starting 3 values into its
 * buffer, and which is itself a slice starting 2 junk lists in (`offset` 2).
 */
export function offsetFloatLists(lists: (number[] | null)[]): Data<List<Float64>> {
  const all = [[JUNK, JUNK], [JUNK], ...lists];
  const flat = all.flatMap((l) => l ?? []);
  const leaf = makeData({
    type: new Float64(),
    length: 3 + flat.length,
    data: Float64Array.from([JUNK, JUNK, JUNK, ...flat]),
  }).slice(3, flat.length);
  const list = makeData({
    type: FLOAT64_LIST,
    length: all.length,
    ...bitmapOf(all.map((l) => l !== null)),
    valueOffsets: offsetsOf(all.map((l) => l?.length ?? 0)),
    child: leaf,
  });
  return list.slice(2, lists.length);
}

/**
 * A `list<list<float64>>` of `polygons` (lists of rings; null → a null slot) whose ring child is an
 * `offsetFloatLists` (a slice, over a sliced float child), and which is itself a slice starting 1 junk polygon in.
 */
export function offsetRingLists(polygons: (number[][] | null)[]): Data<List<List<Float64>>> {
  const all = [[[JUNK, JUNK, JUNK, JUNK]], ...polygons];
  const rings = offsetFloatLists(all.flatMap((p) => p ?? []));
  const list = makeData({
    type: FLOAT64_LIST_LIST,
    length: all.length,
    ...bitmapOf(all.map((p) => p !== null)),
    valueOffsets: offsetsOf(all.map((p) => p?.length ?? 0)),
    child: rings,
  });
  return list.slice(1, polygons.length);
}

/** A counter-clockwise square (an exterior ring) of side `d` at (x, y); `cw` reverses it into a hole. */
export const square = (x: number, y: number, d: number, cw = false): number[] => {
  const ring = [x, y, x + d, y, x + d, y + d, x, y + d, x, y];
  if (!cw) return ring;
  const out: number[] = [];
  for (let i = ring.length - 2; i >= 0; i -= 2) out.push(ring[i]!, ring[i + 1]!);
  return out;
};
