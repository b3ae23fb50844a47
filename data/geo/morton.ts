import { HKEY_EXTENT } from '../config/scales';

/**
 * The `hkey` space-filling-curve key: Morton (Z-order) interleave of lon/lat quantised to 16 bits each over the
 * fixed Shanghai extent `HKEY_EXTENT`, so keys are comparable across tables and builds. Same formula in JS and SQL.
 */

const BITS = 16;
const CELLS = 1 << BITS;

function quantise(v: number, min: number, max: number): number {
  const q = Math.floor(((v - min) / (max - min)) * CELLS);
  return Math.min(CELLS - 1, Math.max(0, q));
}

function spread(v: number): bigint {
  let x = BigInt(v);
  x = (x | (x << 8n)) & 0x00ff00ffn;
  x = (x | (x << 4n)) & 0x0f0f0f0fn;
  x = (x | (x << 2n)) & 0x33333333n;
  x = (x | (x << 1n)) & 0x55555555n;
  return x;
}

/** Morton key of a lon/lat over the fixed extent (lon bits even, lat bits odd). */
export function mortonKey(lon: number, lat: number): number {
  const [x0, y0, x1, y1] = HKEY_EXTENT;
  return Number(spread(quantise(lon, x0, x1)) | (spread(quantise(lat, y0, y1)) << 1n));
}

/** SQL defining the `hkey(lon, lat)` macro with the same result as `mortonKey`. */
export function mortonMacroSql(): string {
  const [x0, y0, x1, y1] = HKEY_EXTENT;
  const q = (v: string, min: number, max: number) =>
    `least(${CELLS - 1}, greatest(0, floor((${v} - ${min}) / ${max - min} * ${CELLS})))::BIGINT`;
  return `
CREATE OR REPLACE MACRO spread_a(v) AS (v | (v << 8)) & 16711935;
CREATE OR REPLACE MACRO spread_b(v) AS (v | (v << 4)) & 252645135;
CREATE OR REPLACE MACRO spread_c(v) AS (v | (v << 2)) & 858993459;
CREATE OR REPLACE MACRO spread_d(v) AS (v | (v << 1)) & 1431655765;
CREATE OR REPLACE MACRO spread16(v) AS spread_d(spread_c(spread_b(spread_a(v))));
CREATE OR REPLACE MACRO hkey(lon, lat) AS (
  spread16(${q('lon', x0, x1)}) | (spread16(${q('lat', y0, y1)}) << 1)
);`;
}
