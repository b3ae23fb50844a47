/**
 * The `hkey` space-filling-curve key, the one home of its formula: Morton (Z-order) interleave of lon/lat quantised
 * to `HKEY_BITS` bits each over the fixed Shanghai extent `HKEY_EXTENT`, so keys are comparable across tables,
 * scales and builds. The JS form (`mortonKey`), the cell-range form (`mortonKeyOfCells`, used by the server's
 * key ranges) and the SQL macro (`mortonMacroSql`) are all generated from the constants below. No imports on
 * purpose: the data build, the server and the test fixture all read it.
 */

/** Fixed extent `[west, south, east, north]` of the key: all of Shanghai municipality with margin. */
export const HKEY_EXTENT: [number, number, number, number] = [120.8, 30.6, 122.2, 31.95];

/** Bits per axis of the key (the key itself has twice as many). */
export const HKEY_BITS = 16;

const CELLS = 2 ** HKEY_BITS;

/** The spread masks: bit i of a 16-bit value moves to bit 2i after the four steps (shift, mask). */
const SPREAD_STEPS: readonly [number, number][] = [
  [8, 0x00ff00ff],
  [4, 0x0f0f0f0f],
  [2, 0x33333333],
  [1, 0x55555555],
];

/** Cell index `0 … 2^HKEY_BITS − 1` of a coordinate along one axis of the extent (clamped at the edges). */
export function mortonCell(v: number, min: number, max: number): number {
  const q = Math.floor(((v - min) / (max - min)) * CELLS);
  return Math.min(CELLS - 1, Math.max(0, q));
}

function spread(v: number): number {
  let x = v;
  for (const [shift, mask] of SPREAD_STEPS) x = (x | (x << shift)) & mask;
  return x >>> 0;
}

/** Key of the cell `(ix, iy)`: lon bits even, lat bits odd. */
export function mortonKeyOfCells(ix: number, iy: number): number {
  return spread(ix) + spread(iy) * 2;
}

/** Morton key of a lon/lat over the fixed extent (lon bits even, lat bits odd). */
export function mortonKey(lon: number, lat: number): number {
  const [x0, y0, x1, y1] = HKEY_EXTENT;
  return mortonKeyOfCells(mortonCell(lon, x0, x1), mortonCell(lat, y0, y1));
}

/** SQL defining the `hkey(lon, lat)` macro with the same result as `mortonKey`. */
export function mortonMacroSql(): string {
  const [x0, y0, x1, y1] = HKEY_EXTENT;
  const q = (v: string, min: number, max: number) =>
    `least(${CELLS - 1}, greatest(0, floor((${v} - ${min}) / ${max - min} * ${CELLS})))::BIGINT`;
  const steps = SPREAD_STEPS.map(
    ([shift, mask], i) => `CREATE OR REPLACE MACRO spread_${i}(v) AS (v | (v << ${shift})) & ${mask};`,
  );
  const nested = SPREAD_STEPS.reduce((inner, _, i) => `spread_${i}(${inner})`, 'v');
  return `
${steps.join('\n')}
CREATE OR REPLACE MACRO spread16(v) AS ${nested};
CREATE OR REPLACE MACRO hkey(lon, lat) AS (
  spread16(${q('lon', x0, x1)}) | (spread16(${q('lat', y0, y1)}) << 1)
);`;
}
