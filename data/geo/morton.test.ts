import { describe, expect, it } from 'vitest';
import { closeDb, exec, openDb, queryRows } from '../build/duckdb';
import { HKEY_EXTENT, mortonKey, mortonMacroSql } from './morton';

/** Reference written bit by bit (not with the spread masks): lon bit b → key bit 2b, lat bit b → key bit 2b + 1. */
function referenceKey(lon: number, lat: number): number {
  const [x0, y0, x1, y1] = [120.8, 30.6, 122.2, 31.95];
  const cell = (v: number, a: number, b: number) =>
    Math.min(65535, Math.max(0, Math.floor(((v - a) / (b - a)) * 65536)));
  const x = cell(lon, x0, x1);
  const y = cell(lat, y0, y1);
  let k = 0;
  for (let b = 0; b < 16; b++) k += ((x >> b) & 1) * 2 ** (2 * b) + ((y >> b) & 1) * 2 ** (2 * b + 1);
  return k;
}

const points: [number, number][] = [
  [120.8, 30.6],
  [122.2, 31.95],
  [119, 29],
  [123, 33],
  [121.4875, 31.2401],
  [121.45, 31.22],
];
let seed = 11;
for (let i = 0; i < 300; i++) {
  seed = (seed * 16807) % 2147483647;
  const a = seed / 2147483647;
  seed = (seed * 16807) % 2147483647;
  points.push([120.7 + a * 1.6, 30.5 + (seed / 2147483647) * 1.6]);
}

describe('the hkey Morton key', () => {
  it('covers all of Shanghai: the corners are the first and last keys', () => {
    expect(HKEY_EXTENT).toEqual([120.8, 30.6, 122.2, 31.95]);
    expect(mortonKey(120.8, 30.6)).toBe(0);
    expect(mortonKey(122.2, 31.95)).toBe(2 ** 32 - 1);
    // one cell east of the origin is key 1, one cell north is key 2
    expect(mortonKey(120.8 + 1.5 * (1.4 / 65536), 30.6)).toBe(1);
    expect(mortonKey(120.8, 30.6 + 1.5 * (1.35 / 65536))).toBe(2);
  });

  it('matches a bit-by-bit reference', () => {
    for (const [lon, lat] of points) expect(mortonKey(lon, lat)).toBe(referenceKey(lon, lat));
  });

  it('the SQL macro gives the same keys as the JS function in DuckDB', async () => {
    const db = await openDb(':memory:');
    try {
      await exec(db, mortonMacroSql());
      const values = points.map(([x, y]) => `(${x}::DOUBLE, ${y}::DOUBLE)`).join(', ');
      const rows = await queryRows(db, `SELECT x, y, hkey(x, y) AS k FROM (VALUES ${values}) t(x, y)`);
      expect(rows).toHaveLength(points.length);
      for (const r of rows) expect(Number(r.k)).toBe(mortonKey(Number(r.x), Number(r.y)));
    } finally {
      await closeDb(db);
    }
  });
});
