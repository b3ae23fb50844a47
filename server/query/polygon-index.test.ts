import { BOOLEAN, DOUBLE, DuckDBScalarFunction, INTEGER } from '@duckdb/node-api';
import { booleanPointInPolygon, point } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PIP_FUNCTION, registerPointInPolygon } from '../db/point-in-polygon-udf';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import {
  buildPolygonIndex,
  chooseGridSize,
  coarseCellClasses,
  isPointInIndex,
  isPointInPolygons,
  polygonEdges,
  ringOfFlat,
} from './polygon-index';
import { buildSpatialPredicate } from './spatial-sql';
import { SqlParams } from './sql-params';

const mem = openMemoryDuckDbForFile();

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

function isNearButNotOnEdge(x: number, y: number, edges: [number, number, number, number][]): boolean {
  return edges.some(([ax, ay, bx, by]) => {
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    const len = Math.hypot(bx - ax, by - ay);
    const t = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / (len * len);
    return cross !== 0 && Math.abs(cross) / len < 1e-9 && t > -1e-9 && t < 1 + 1e-9;
  });
}

describe('polygon index', () => {
  it('hand-computed cases: a square with a square hole and a concave pentagon, edges and vertices inside', () => {
    // Huangpu-like square [0, 10]² with hole [4, 6]²; the answers below are worked out by hand, not computed.
    const square = [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [4, 4],
        [4, 6],
        [6, 6],
        [6, 4],
        [4, 4],
      ],
    ];
    // A pentagon with a notch: (0,0) (10,0) (10,10) (5,4) (0,10).
    const notch = [
      [
        [20, 0],
        [30, 0],
        [30, 10],
        [25, 4],
        [20, 10],
        [20, 0],
      ],
    ];
    const cases: [number, number, boolean][] = [
      [1, 1, true],
      [5, 5, false], // in the hole
      [4.5, 5.5, false],
      [4, 5, true], // on the hole's edge
      [6, 6, true], // the hole's vertex
      [3.9, 5, true],
      [0, 5, true], // west edge
      [10, 10, true], // vertex
      [10.0001, 5, false],
      [-1, 5, false],
      [5, 10, true], // north edge
      [25, 6, false], // in the notch
      [25, 3, true],
      [25, 4, true], // the notch vertex
      [20.5, 9, true], // the left arm spans x ∈ [20, 20.83] at y = 9
      [22, 9, false],
      [29.5, 9, true],
      [28, 9, false],
      [25, 9.9, false],
      [15, 5, false], // between the two
    ];
    for (const grid of [1, 3, 8, 32]) {
      const idx = buildPolygonIndex([square, notch], grid);
      for (const [x, y, inside] of cases)
        expect({ grid, x, y, inside: isPointInIndex(idx, x, y) }).toEqual({ grid, x, y, inside });
    }
  });

  it('the index answers like turf, also on vertices, edges and cell borders', () => {
    fc.assert(
      fc.property(starPolygon, fc.integer({ min: 4, max: 64 }), (rings, grid) => {
        const idx = buildPolygonIndex([rings], grid);
        const edges = polygonEdges([rings]);
        const probes: [number, number][] = rings.flat().map((v) => [v[0]!, v[1]!]);
        for (const [ax, ay, bx, by] of edges) probes.push([(ax + bx) / 2, (ay + by) / 2]);
        for (let j = 0; j <= grid; j++)
          for (let i = 0; i <= grid; i += 3)
            probes.push([idx.bbox[0] + i * idx.dx, idx.bbox[1] + j * idx.dy]);
        for (const [x, y] of probes) {
          // Within rounding of an edge (but not exactly on it) either answer is right; exact hits must agree.
          if (isNearButNotOnEdge(x, y, edges)) continue;
          const want = booleanPointInPolygon(point([x, y]), { type: 'Polygon', coordinates: rings });
          expect(isPointInIndex(idx, x, y)).toBe(want);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps reference points clear of edges that pass through cell centres (fast-check seed 235461557)', () => {
    // A diamond whose vertices line up with cell centres: the first reference point lay on an edge within
    // rounding, got the wrong inside/outside answer and turned its whole cell wrong.
    const rings = [
      [
        [121.59999999999992, 31.2],
        [121.5, 31.21],
        [121.40000000000005, 31.2],
        [121.5, 31.189999999999998],
        [121.59999999999992, 31.2],
      ],
    ];
    const idx = buildPolygonIndex([rings], 4);
    const edges = polygonEdges([rings]);
    for (const [x, y] of [
      [121.40000000000005, 31.195],
      [121.40000000000005, 31.205],
      [121.45, 31.2],
      [121.56, 31.2],
    ] as [number, number][])
      expect({ x, y, inside: isPointInIndex(idx, x, y) }).toEqual({
        x,
        y,
        inside: booleanPointInPolygon(point([x, y]), { type: 'Polygon', coordinates: rings }),
      });
    // and the plain even-odd test over the same edges agrees
    expect(isPointInPolygons(121.45, 31.2, edges)).toBe(true);
    expect(isPointInPolygons(121.40000000000005, 31.195, edges)).toBe(false);
  });

  it('SQL point-in-polygon equals turf on random polygons and points', async () => {
    const conn = await mem.instance.connect();
    registerPointInPolygon(conn);
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

  it('coarse cell classes agree with the index: class 0 cells hold no inside point, class 1 cells no outside one', () => {
    fc.assert(
      fc.property(
        starPolygon,
        fc.array(
          fc.tuple(
            fc.double({ min: 121.38, max: 121.62, noNaN: true }),
            fc.double({ min: 31.08, max: 31.32, noNaN: true }),
          ),
          { minLength: 200, maxLength: 400 },
        ),
        (rings, pts) => {
          const idx = buildPolygonIndex([rings]);
          const { factor, side, classes } = coarseCellClasses(idx, 16);
          expect(side).toBeLessThanOrEqual(16);
          const [x0, y0, x1, y1] = idx.bbox;
          for (const [x, y] of pts) {
            if (x < x0 || x > x1 || y < y0 || y > y1) continue;
            const cx = Math.min(idx.grid - 1, Math.max(0, Math.floor((x - x0) / idx.dx)));
            const cy = Math.min(idx.grid - 1, Math.max(0, Math.floor((y - y0) / idx.dy)));
            const c = classes[Math.floor(cy / factor) * side + Math.floor(cx / factor)]!;
            if (c < 2) expect({ x, y, inside: isPointInIndex(idx, x, y) }).toEqual({ x, y, inside: c === 1 });
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('SQL settles points in wholly inside or outside cells itself: JS is called only near the boundary', async () => {
    const conn = await mem.instance.connect();
    let calls = 0;
    // a stand-in for the registered function that counts the rows it is asked about
    conn.registerScalarFunction(
      DuckDBScalarFunction.create({
        name: PIP_FUNCTION,
        returnType: BOOLEAN,
        parameterTypes: [INTEGER, DOUBLE, DOUBLE],
        mainFunction: (_info, input, output) => {
          calls += input.rowCount;
          for (let i = 0; i < input.rowCount; i++) output.setItem(i, false);
          output.flush();
        },
      }),
    );
    const square = [
      [
        [121.4, 31.1],
        [121.6, 31.1],
        [121.6, 31.3],
        [121.4, 31.3],
        [121.4, 31.1],
      ],
    ];
    const p = new SqlParams();
    const pred = buildSpatialPredicate(p, { kind: 'polygon', polygons: [square] }, 'point');
    // 10,000 points on a regular lattice over the square
    const sql = `SELECT count(*) FROM (SELECT 121.4 + (i % 100 + 0.5) * 0.002 AS lon, 31.1 + (i // 100 + 0.5) * 0.002 AS lat FROM range(10000) t(i)) WHERE ${pred}`;
    const inside = Number((await conn.runAndReadAll(sql, p.values, p.types)).getRowsJS()[0]![0]);
    p.release();
    conn.closeSync();
    expect(calls).toBeGreaterThan(0);
    // every lattice point lies inside: the ones SQL settled itself are all counted, the rest went to JS (which
    // answers false here); on a 32-cell grid the boundary ring of cells holds about a sixth of them
    expect(calls).toBeLessThan(2500);
    expect(inside + calls).toBe(10000);
  });

  it('flat rings, zero-length edges and grid sizes, written out by hand', () => {
    expect(ringOfFlat([1, 2, 3, 4, 5, 6, 7])).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(ringOfFlat(Float64Array.from([121.5, 31.2]))).toEqual([[121.5, 31.2]]);
    expect(ringOfFlat([])).toEqual([]);
    // a repeated vertex makes no edge; the closing edge back to the start is kept
    const square = [
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    expect(polygonEdges([[square]])).toEqual([
      [0, 0, 1, 0],
      [1, 0, 1, 1],
      [1, 1, 0, 0],
    ]);
    // 4·√n cells a side, at least 32 and at most 256
    expect([0, 4, 64, 100, 1600, 1601, 4096, 5000].map(chooseGridSize)).toEqual([
      32, 32, 32, 40, 160, 161, 256, 256,
    ]);
  });

  it('a point on the line of an edge but beyond its ends is not on it (two squares one above the other, two side by side)', () => {
    const sq = (x: number, y: number, w: number, h: number) => [
      [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
        [x, y],
      ],
    ];
    const cases: { polygons: number[][][][]; probes: [number, number, boolean][] }[] = [
      {
        // a gap of 0.05 between y = 1 and y = 1.05: probes on the squares' left and right edges' lines
        polygons: [sq(0, 0, 1, 1), sq(0, 1.05, 1, 0.95)],
        probes: [
          [0, 1.02, false],
          [1, 1.03, false],
          [0, 1, true],
          [0, 1.05, true],
          [0, 0.5, true],
          [1, 1.5, true],
        ],
      },
      {
        polygons: [sq(0, 0, 1, 1), sq(1.05, 0, 0.95, 1)],
        probes: [
          [1.02, 0, false],
          [1.03, 1, false],
          [1, 0, true],
          [1.05, 1, true],
        ],
      },
    ];
    for (const { polygons, probes } of cases) {
      const edges = polygonEdges(polygons);
      const idx = buildPolygonIndex(polygons);
      const turfPolygon = { type: 'MultiPolygon' as const, coordinates: polygons };
      for (const [x, y, inside] of probes) {
        // the expectation is written by hand and agrees with turf (boundary counts as inside)
        expect(booleanPointInPolygon(point([x, y]), turfPolygon), `turf ${x},${y}`).toBe(inside);
        expect(isPointInPolygons(x, y, edges), `reference ${x},${y}`).toBe(inside);
        expect(isPointInIndex(idx, x, y), `index ${x},${y}`).toBe(inside);
      }
    }
  });

  it('points on the top and right edges count as inside (ray casting alone would say outside)', () => {
    const rings = [
      [
        [0, 0],
        [2, 0],
        [2, 1],
        [1, 1],
        [1, 2],
        [0, 2],
        [0, 0],
      ],
    ];
    const edges = polygonEdges([rings]);
    for (const [x, y] of [
      [0.5, 2],
      [1, 1.5],
      [2, 0.5],
      [1.5, 1],
      [0, 2],
      [2, 1],
    ] as [number, number][]) {
      expect(booleanPointInPolygon(point([x, y]), { type: 'Polygon', coordinates: rings })).toBe(true);
      expect(isPointInPolygons(x, y, edges), `${x},${y}`).toBe(true);
    }
  });

  it('query points on the line through a cell’s reference point and a polygon vertex', () => {
    // The segment from the reference point to such a point passes exactly through a vertex: the half-open rule
    // must count the two edges meeting there once together (or not at all), as turf decides.
    const rings = [
      [
        [0, 0],
        [4, 0],
        [4, 1],
        [2.6, 1.7],
        [4, 2.4],
        [4, 4],
        [0, 4],
        [1.3, 2.1],
        [0, 0],
      ],
    ];
    const idx = buildPolygonIndex([rings], 8);
    const turfPolygon = { type: 'Polygon' as const, coordinates: rings };
    const vertices = rings[0]!.slice(0, -1);
    let probes = 0;
    for (let cell = 0; cell < idx.codes.length; cell++) {
      const code = idx.codes[cell]!;
      if (code < 2) continue;
      const b = (code - 2) >> 1;
      const rx = idx.edges[idx.edgeStart[b]! * 6 + 4]!;
      const ry = idx.edges[idx.edgeStart[b]! * 6 + 5]!;
      const cx = cell % idx.grid;
      const cy = Math.floor(cell / idx.grid);
      const [x0, y0] = idx.bbox;
      const inCell = (x: number, y: number) =>
        Math.floor((x - x0) / idx.dx) === cx && Math.floor((y - y0) / idx.dy) === cy;
      for (const [vx, vy] of vertices as [number, number][])
        for (const t of [0.25, 0.5, 0.75, 1.25, 1.5, 2, 3]) {
          const x = rx + t * (vx - rx);
          const y = ry + t * (vy - ry);
          if (!inCell(x, y)) continue;
          probes++;
          expect(isPointInIndex(idx, x, y), `cell ${cx},${cy} t=${t} toward ${vx},${vy}`).toBe(
            booleanPointInPolygon(point([x, y]), turfPolygon),
          );
        }
    }
    expect(probes).toBeGreaterThan(20);
  });

  it('coarse classes of a triangle: the far corner is outside (0), the right-angle corner inside (1), one class per coarse cell', () => {
    const rings = [
      [
        [0, 0],
        [1, 0],
        [0, 1],
        [0, 0],
      ],
    ];
    const idx = buildPolygonIndex([rings], 64);
    for (const maxSide of [64, 16, 7]) {
      const { factor, side, classes } = coarseCellClasses(idx, maxSide);
      expect(factor).toBe(Math.ceil(64 / maxSide));
      expect(side).toBe(Math.ceil(64 / factor));
      expect(classes).toHaveLength(side * side);
      expect(classes.every((c) => c === 0 || c === 1 || c === 2)).toBe(true);
      expect(classes[side * side - 1], `far corner, ${maxSide}`).toBe(0);
      // fine cell (16, 16) holds (0.25, 0.25), far from every edge
      const k = Math.floor(16 / factor);
      expect(classes[k * side + k], `around (0.25, 0.25), ${maxSide}`).toBe(1);
      // the cells the hypotenuse crosses are mixed
      expect(classes[Math.floor(side / 2) * side + Math.floor(side / 2)]).toBe(2);
    }
  });
});
