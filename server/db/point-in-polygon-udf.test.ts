import { describe, expect, it } from 'vitest';
import { buildPolygonIndex, type PolygonIndex } from '../query/polygon-index';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import {
  countLentPolygons,
  lendPolygon,
  MAX_POLYGON_ID,
  PIP_FUNCTION,
  polygonIdAfter,
  registerPointInPolygon,
} from './point-in-polygon-udf';

const mem = openMemoryDuckDbForFile({ threads: 1 });

// Hand-made polygons: a 1×1 square at (0,0) with a 0.2-wide square hole at its centre; a 1×1 square at (10,0).
const SQUARE_WITH_HOLE = buildPolygonIndex([
  [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
    [
      [0.4, 0.4],
      [0.4, 0.6],
      [0.6, 0.6],
      [0.6, 0.4],
      [0.4, 0.4],
    ],
  ],
]);
const FAR_SQUARE = buildPolygonIndex([
  [
    [
      [10, 0],
      [11, 0],
      [11, 1],
      [10, 1],
      [10, 0],
    ],
  ],
]);

async function pip(rows: [number, number, number][]): Promise<boolean[]> {
  const conn = await mem.instance.connect();
  registerPointInPolygon(conn);
  const values = rows.map(([id, x, y], i) => `(${i}, ${id}, ${x}::DOUBLE, ${y}::DOUBLE)`).join(', ');
  const reader = await conn.runAndReadAll(
    `SELECT ${PIP_FUNCTION}(id::INTEGER, x, y) AS inside FROM (VALUES ${values}) t(i, id, x, y) ORDER BY i`,
  );
  conn.closeSync();
  return reader.getRowObjectsJS().map((r) => r.inside as boolean);
}

describe('twin_pip (the point-in-polygon SQL function)', () => {
  it('answers per row by the polygon lent under that row’s id, holes and unknown ids included', async () => {
    const a = lendPolygon(SQUARE_WITH_HOLE);
    const b = lendPolygon(FAR_SQUARE);
    expect(countLentPolygons()).toBe(2);
    expect(b.id).not.toBe(a.id);
    // ids alternate within one chunk, so the function must switch polygons row by row
    const got = await pip([
      [a.id, 0.2, 0.2], // inside a
      [b.id, 0.2, 0.2], // outside b
      [a.id, 0.5, 0.5], // in a's hole
      [b.id, 10.5, 0.5], // inside b
      [b.id, 10.5, 0.5],
      [a.id, 10.5, 0.5], // outside a
      [a.id, 0.9, 0.1], // inside a
      [0, 0.2, 0.2], // no polygon lent under 0
    ]);
    expect(got).toEqual([true, false, false, true, true, false, true, false]);
    a.release();
    expect(countLentPolygons()).toBe(1);
    // a released polygon is gone: the same point is no longer inside
    expect(await pip([[a.id, 0.2, 0.2]])).toEqual([false]);
    b.release();
    expect(countLentPolygons()).toBe(0);
  });

  it('works across several chunks (more than 2048 rows)', async () => {
    const a = lendPolygon(SQUARE_WITH_HOLE);
    const conn = await mem.instance.connect();
    registerPointInPolygon(conn);
    // x runs over [0, 1.5): inside the square (not the hole) for x < 0.4 or 0.6 < x < 1 at y = 0.5
    const reader = await conn.runAndReadAll(
      `SELECT count(*) FILTER (WHERE ${PIP_FUNCTION}($1::INTEGER, i / 4000.0, 0.5)) AS n FROM range(0, 6000) t(i)`,
      [a.id],
    );
    conn.closeSync();
    a.release();
    // points on any edge (outer ring or hole) count as inside: x = i/4000 in [0, 0.4] → i = 0…1600 (1601 rows),
    // x in [0.6, 1] → i = 2400…4000 (1601 rows)
    expect(Number(reader.getRowObjectsJS()[0]!.n)).toBe(3202);
  });

  it('reports a broken polygon as a query error naming the function', async () => {
    const broken = lendPolygon({ bbox: [0, 0, 1, 1] } as unknown as PolygonIndex);
    await expect(pip([[broken.id, 0.5, 0.5]])).rejects.toThrow(/twin_pip: TypeError/);
    broken.release();
  });
});

describe('polygon ids', () => {
  it('count up by one and wrap to 1 after MAX_POLYGON_ID, which fits an INTEGER', () => {
    expect(polygonIdAfter(1)).toBe(2);
    expect(polygonIdAfter(MAX_POLYGON_ID - 1)).toBe(MAX_POLYGON_ID);
    expect(polygonIdAfter(MAX_POLYGON_ID)).toBe(1);
    expect(MAX_POLYGON_ID).toBeLessThan(2 ** 31);
    expect(MAX_POLYGON_ID).toBeGreaterThan(1_000_000);
  });

  it('consecutive loans get consecutive ids', () => {
    const a = lendPolygon(FAR_SQUARE);
    const b = lendPolygon(FAR_SQUARE);
    a.release();
    b.release();
    expect(b.id).toBe(polygonIdAfter(a.id));
    expect(a.id).toBeGreaterThan(0);
  });
});
