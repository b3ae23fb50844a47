import { DuckDBInstance } from '@duckdb/node-api';
import { booleanPointInPolygon, point } from '@turf/turf';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPolygonIndex, isPointInPolygons, polygonEdges } from './polygon-index';
import { buildSpatialPredicate } from './spatial-sql';
import { SqlParams } from './sql-params';

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
});
afterAll(() => instance.closeSync());

/** A random star-shaped polygon around (121.5, 31.2), optionally with a square hole at its centre. */
const starPolygon = fc
  .record({
    radii: fc.array(fc.double({ min: 0.01, max: 0.1, noNaN: true }), { minLength: 3, maxLength: 40 }),
    hole: fc.boolean(),
  })
  .map(({ radii, hole }) => {
    const ring = radii.map((r, i) => {
      const a = (2 * Math.PI * i) / radii.length;
      return [121.5 + r * Math.cos(a), 31.2 + r * Math.sin(a)];
    });
    ring.push(ring[0]!);
    const rings = [ring];
    if (hole)
      rings.push([
        [121.497, 31.197],
        [121.497, 31.203],
        [121.503, 31.203],
        [121.503, 31.197],
        [121.497, 31.197],
      ]);
    return rings;
  });

describe('polygon index', () => {
  it('classifies cells consistently with the exact test', () => {
    fc.assert(
      fc.property(starPolygon, (rings) => {
        const idx = buildPolygonIndex([rings], 16);
        const edges = polygonEdges([rings]);
        for (let j = 0; j < idx.grid; j++)
          for (let i = 0; i < idx.grid; i++) {
            const cls = idx.classes[j * idx.grid + i];
            if (cls === 2) continue;
            const x = idx.bbox[0] + (i + 0.5) * idx.dx;
            const y = idx.bbox[1] + (j + 0.5) * idx.dy;
            expect(isPointInPolygons(x, y, edges)).toBe(cls === 1);
          }
      }),
      { numRuns: 50 },
    );
  });

  it('SQL point-in-polygon equals turf on random polygons and points', async () => {
    const conn = await instance.connect();
    await fc.assert(
      fc.asyncProperty(
        starPolygon,
        fc.array(
          fc.tuple(
            fc.double({ min: 121.38, max: 121.62, noNaN: true }),
            fc.double({ min: 31.08, max: 31.32, noNaN: true }),
          ),
          {
            minLength: 20,
            maxLength: 200,
          },
        ),
        async (rings, pts) => {
          const p = new SqlParams();
          const pred = buildSpatialPredicate(p, { kind: 'polygon', polygons: [rings] }, 'point');
          const lons = p.doubleList(pts.map((q) => q[0]));
          const lats = p.doubleList(pts.map((q) => q[1]));
          const sql = `SELECT i FROM (SELECT unnest(range(1, len(${lons}) + 1)) AS i, unnest(${lons}) AS lon, unnest(${lats}) AS lat) WHERE ${pred} ORDER BY i`;
          const rows = (await conn.runAndReadAll(sql, p.values, p.types))
            .getRowsJS()
            .map((r) => Number(r[0]) - 1);
          const want = pts.flatMap((q, i) =>
            booleanPointInPolygon(point(q), { type: 'Polygon', coordinates: rings }) ? [i] : [],
          );
          expect(rows).toEqual(want);
        },
      ),
      { numRuns: 40 },
    );
    conn.closeSync();
  });
});
