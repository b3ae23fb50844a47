import { destination, distance, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { mortonKey } from '../../data/geo/morton';
import { registerPointInPolygon } from '../db/point-in-polygon-udf';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import { buildPolygonIndex } from './polygon-index';
import { buildSpatialPredicate, EARTH_RADIUS_M, type ResolvedSpatial, radiusBox } from './spatial-sql';
import { SqlParams } from './sql-params';

const mem = openMemoryDuckDbForFile();

/** A grid of points around (121.5, 31.2), with their Morton keys and feature extents of ±0.001°. */
const POINTS = (() => {
  const out: { id: number; lon: number; lat: number }[] = [];
  let id = 0;
  for (let i = -20; i <= 20; i++)
    for (let j = -20; j <= 20; j++) out.push({ id: id++, lon: 121.5 + i * 0.0005, lat: 31.2 + j * 0.0005 });
  return out;
})();

/** The ids of POINTS that `where` selects, run on DuckDB (columns lon, lat, hkey, xmin…ymax). */
async function select(where: (p: SqlParams) => string): Promise<number[]> {
  const p = new SqlParams();
  const w = where(p);
  const values = POINTS.map(
    (q) => `(${q.id}, ${q.lon}::DOUBLE, ${q.lat}::DOUBLE, ${mortonKey(q.lon, q.lat)}::BIGINT)`,
  ).join(', ');
  const sql = `SELECT id FROM (SELECT *, lon - 0.001 AS xmin, lon + 0.001 AS xmax, lat - 0.001 AS ymin, lat + 0.001 AS ymax
    FROM (VALUES ${values}) t(id, lon, lat, hkey)) WHERE ${w} ORDER BY id`;
  const conn = await mem.instance.connect();
  registerPointInPolygon(conn);
  const rows = (await conn.runAndReadAll(sql, p.values, p.types)).getRowObjectsJS();
  conn.closeSync();
  p.release();
  return rows.map((r) => r.id as number);
}

describe('radiusBox', () => {
  it('holds the circle: turf destinations at 16 bearings lie inside, and the box is not much larger', () => {
    for (const [lat, metres] of [
      [31.2, 1000],
      [-31.2, 1000],
      [60, 50_000],
      [0, 10],
    ] as const) {
      const [dLon, dLat] = radiusBox(lat, metres);
      for (let b = 0; b < 360; b += 22.5) {
        const [x, y] = destination(point([121.5, lat]), metres / 1000, b, { units: 'kilometers' }).geometry
          .coordinates as [number, number];
        expect(Math.abs(x - 121.5)).toBeLessThanOrEqual(dLon);
        expect(Math.abs(y - lat)).toBeLessThanOrEqual(dLat);
      }
      // tight: the north point is within 1e-6 of the box's edge, the east point within 2 %
      const north = destination(point([121.5, lat]), metres / 1000, 0, { units: 'kilometers' }).geometry
        .coordinates[1]!;
      expect(dLat - Math.abs(north - lat)).toBeLessThan(1e-6);
      const east = destination(point([121.5, lat]), metres / 1000, 90, { units: 'kilometers' }).geometry
        .coordinates[0]!;
      expect(dLon / Math.abs(east - 121.5)).toBeLessThan(1.02);
    }
  });

  it('hand-computed at 31.2° N for 1 km, and capped near the poles and for huge radii', () => {
    const dLat = (1000 / 6_371_008.8) * (180 / Math.PI) + 1e-9;
    const [dLon, dl] = radiusBox(31.2, 1000);
    expect(dl).toBeCloseTo(0.0089932046, 9);
    expect(dl).toBe(dLat);
    expect(dLon).toBeCloseTo(dLat / Math.cos(((31.2 + dLat) * Math.PI) / 180), 12);
    // at the pole the cosine is taken at 89.9°, not 90° (which would give an infinite box)
    const [poleLon] = radiusBox(89.99, 10);
    expect(poleLon).toBeCloseTo(radiusBox(0, 10)[1] / Math.cos((89.9 * Math.PI) / 180), 9);
    expect(radiusBox(0, 30_000_000)[0]).toBe(180);
    expect(EARTH_RADIUS_M).toBe(6_371_008.8);
  });
});

describe('buildSpatialPredicate on DuckDB rows', () => {
  const inBox = ([x0, y0, x1, y1]: number[]) =>
    POINTS.filter((q) => q.lon >= x0! && q.lon <= x1! && q.lat >= y0! && q.lat <= y1!).map((q) => q.id);

  it('bbox, point mode: points inside or on the border (with and without the hkey range)', async () => {
    const bbox = [121.4971, 31.1985, 121.5025, 31.2035] as [number, number, number, number];
    const want = inBox(bbox);
    expect(want.length).toBeGreaterThan(50);
    expect(want.length).toBeLessThan(POINTS.length / 2);
    const s: ResolvedSpatial = { kind: 'bbox', bbox };
    expect(await select((p) => buildSpatialPredicate(p, s, 'point'))).toEqual(want);
    expect(await select((p) => buildSpatialPredicate(p, s, 'point', { hkey: true }))).toEqual(want);
    // border points: a box whose edges run through grid points keeps them
    const edge = [121.5 + -2 * 0.0005, 31.2 + -2 * 0.0005, 121.5 + 2 * 0.0005, 31.2 + 2 * 0.0005] as [
      number,
      number,
      number,
      number,
    ];
    expect(await select((p) => buildSpatialPredicate(p, { kind: 'bbox', bbox: edge }, 'point'))).toEqual(
      inBox(edge),
    );
    expect(inBox(edge)).toHaveLength(25);
  });

  it('bbox, extent mode: features whose ±0.001° extent intersects the box', async () => {
    const bbox = [121.5101, 31.2101, 121.52, 31.22] as [number, number, number, number];
    const want = inBox([bbox[0] - 0.001, bbox[1] - 0.001, bbox[2] + 0.001, bbox[3] + 0.001]);
    expect(want.length).toBeGreaterThan(0);
    expect(await select((p) => buildSpatialPredicate(p, { kind: 'bbox', bbox }, 'extent'))).toEqual(want);
    // the extent test is not the point test
    expect(inBox(bbox).length).toBeLessThan(want.length);
  });

  it('radius: points within the haversine distance (turf), for both modes and with hkey', async () => {
    const s: ResolvedSpatial = { kind: 'radius', lon: 121.5003, lat: 31.2002, metres: 700 };
    const want = POINTS.filter(
      (q) => distance(point([s.lon, s.lat]), point([q.lon, q.lat]), { units: 'kilometers' }) * 1000 <= 700,
    ).map((q) => q.id);
    expect(want.length).toBeGreaterThan(50);
    // some points of the circle's bounding box are outside the circle
    const [dLon, dLat] = radiusBox(s.lat, s.metres);
    expect(inBox([s.lon - dLon, s.lat - dLat, s.lon + dLon, s.lat + dLat]).length).toBeGreaterThan(
      want.length,
    );
    for (const [mode, hkey] of [
      ['point', false],
      ['point', true],
      ['extent', false],
    ] as const)
      expect(await select((p) => buildSpatialPredicate(p, s, mode, { hkey }))).toEqual(want);
  });

  it('the hkey range is a real bound: a box far from the points selects none, even by hkey alone', async () => {
    const far = [121.6, 31.3, 121.61, 31.31] as [number, number, number, number];
    expect(
      await select((p) => buildSpatialPredicate(p, { kind: 'bbox', bbox: far }, 'point', { hkey: true })),
    ).toEqual([]);
    const sql = buildSpatialPredicate(new SqlParams(), { kind: 'bbox', bbox: far }, 'point', { hkey: true });
    expect(
      sql.startsWith('("hkey" BETWEEN $1 AND $2 AND "lon" BETWEEN $3 AND $5 AND "lat" BETWEEN $4 AND $6)'),
    ).toBe(true);
    // the key range bounds the box's keys (bound as BIGINT parameters $1, $2)
    const p = new SqlParams();
    buildSpatialPredicate(p, { kind: 'bbox', bbox: far }, 'point', { hkey: true });
    const [lo, hi] = p.values as bigint[];
    expect(lo! <= BigInt(mortonKey(121.605, 31.305)) && BigInt(mortonKey(121.605, 31.305)) <= hi!).toBe(true);
    expect(POINTS.every((q) => BigInt(mortonKey(q.lon, q.lat)) < lo!)).toBe(true);
    // without the option, or in extent mode, no hkey (feature tables have none)
    expect(buildSpatialPredicate(new SqlParams(), { kind: 'bbox', bbox: far }, 'point')).not.toContain(
      'hkey',
    );
    expect(
      buildSpatialPredicate(new SqlParams(), { kind: 'bbox', bbox: far }, 'extent', { hkey: true }),
    ).not.toContain('hkey');
  });

  it('extent mode never bounds hkey, whatever the option (feature tables have no hkey)', () => {
    const radius: ResolvedSpatial = { kind: 'radius', lon: 121.5, lat: 31.2, metres: 100 };
    expect(buildSpatialPredicate(new SqlParams(), radius, 'extent', { hkey: true })).not.toContain('hkey');
    expect(buildSpatialPredicate(new SqlParams(), radius, 'point', { hkey: true })).toContain(
      '"hkey" BETWEEN',
    );
    const p = new SqlParams();
    buildSpatialPredicate(p, { kind: 'bbox', bbox: [121.5, 31.2, 121.6, 31.3] }, 'extent', { hkey: true });
    expect(p.values).toEqual([121.5, 31.2, 121.6, 31.3]);
  });

  it('polygon: points inside or on any edge (top and right included), from rings or a prepared index', async () => {
    // a hand-made square on grid points with a square hole; grid points on the outer edges count as inside
    const o = (i: number) => 121.5 + i * 0.0005;
    const a = (j: number) => 31.2 + j * 0.0005;
    const rings = [
      [
        [o(-6), a(-6)],
        [o(6), a(-6)],
        [o(6), a(6)],
        [o(-6), a(6)],
        [o(-6), a(-6)],
      ],
      [
        [o(-2), a(-2)],
        [o(-2), a(2)],
        [o(2), a(2)],
        [o(2), a(-2)],
        [o(-2), a(-2)],
      ],
    ];
    // by hand: the 13×13 grid points of the square minus the 3×3 strictly inside the hole (its edges count in)
    const want = POINTS.filter((q) => {
      const i = Math.round((q.lon - 121.5) / 0.0005);
      const j = Math.round((q.lat - 31.2) / 0.0005);
      return Math.abs(i) <= 6 && Math.abs(j) <= 6 && !(Math.abs(i) < 2 && Math.abs(j) < 2);
    }).map((q) => q.id);
    expect(want).toHaveLength(169 - 9);
    for (const s of [
      { kind: 'polygon', polygons: [rings] },
      { kind: 'polygon', index: buildPolygonIndex([rings]) },
      { kind: 'polygon', index: buildPolygonIndex([rings], 3) },
    ] as ResolvedSpatial[]) {
      expect(await select((p) => buildSpatialPredicate(p, s, 'point'))).toEqual(want);
      expect(await select((p) => buildSpatialPredicate(p, s, 'point', { hkey: true }))).toEqual(want);
    }
  });

  it('polygon: points on the bbox’s right edge fall in the last grid column, not the next row’s first cell', async () => {
    // A triangle whose right side is the bbox's right edge and whose left column (above the bottom vertex) is
    // outside: (lon - x0) / dx is exactly `grid` on that edge, clamped to the last column. Unclamped, the cell
    // index would wrap to the start of the next row (outside) and drop the right-edge points.
    const o = (i: number) => 121.5 + i * 0.0005;
    const a = (j: number) => 31.2 + j * 0.0005;
    const rings = [
      [
        [o(-6), a(-6)],
        [o(6), a(-6)],
        [o(6), a(6.5)],
        [o(-6), a(-6)],
      ],
    ];
    // by hand: the hypotenuse runs from grid point (-6, -6) to (6, 6.5), through no other grid point: grid point
    // (i, j) with |i|, |j| <= 6 is inside when j <= i (j + 6 <= 25 / 24 · (i + 6)); the 13 with i = 6 lie on the
    // right edge
    const want = POINTS.filter((q) => {
      const i = Math.round((q.lon - 121.5) / 0.0005);
      const j = Math.round((q.lat - 31.2) / 0.0005);
      return Math.abs(i) <= 6 && Math.abs(j) <= 6 && j <= i;
    }).map((q) => q.id);
    expect(want).toHaveLength(91);
    const idx = buildPolygonIndex([rings]);
    expect(idx.grid).toBe(32);
    expect((o(6) - idx.bbox[0]) / idx.dx).toBe(idx.grid);
    expect(await select((p) => buildSpatialPredicate(p, { kind: 'polygon', index: idx }, 'point'))).toEqual(
      want,
    );
  });

  it('polygon: a diamond, whose bottom grid row is mostly outside, keeps the points of every row', async () => {
    // The cell row comes from "lat": with a wrong row every point would take a bottom-row cell's class (outside
    // away from the bottom vertex). Vertices at half steps, so no grid point lies on an edge.
    const o = (i: number) => 121.5 + i * 0.0005;
    const a = (j: number) => 31.2 + j * 0.0005;
    const rings = [
      [
        [o(0), a(-6.5)],
        [o(6.5), a(0)],
        [o(0), a(6.5)],
        [o(-6.5), a(0)],
        [o(0), a(-6.5)],
      ],
    ];
    // by hand: grid point (i, j) is inside when |i| + |j| <= 6: 1 + 4 · (1 + 2 + … + 6) = 85 points
    const want = POINTS.filter((q) => {
      const i = Math.round((q.lon - 121.5) / 0.0005);
      const j = Math.round((q.lat - 31.2) / 0.0005);
      return Math.abs(i) + Math.abs(j) <= 6;
    }).map((q) => q.id);
    expect(want).toHaveLength(85);
    const idx = buildPolygonIndex([rings]);
    expect(await select((p) => buildSpatialPredicate(p, { kind: 'polygon', index: idx }, 'point'))).toEqual(
      want,
    );
  });
});
