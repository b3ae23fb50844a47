import {
  booleanPointInPolygon,
  distance,
  lineString,
  point,
  polygon,
  length as turfLength,
} from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { pointInFeature, pointInRings } from './point-in-polygon';
import {
  bboxOf,
  closeRing,
  flattenPath,
  haversineMeters,
  orientPolygon,
  orientRing,
  type Position,
  pathLengthMeters,
  signedRingArea,
  unflattenPath,
  vertexCentroid,
} from './rings';
import { PointIndex } from './spatial-index';

const ccwSquare: Position[] = [
  [0, 0],
  [2, 0],
  [2, 2],
  [0, 2],
];
const cw = [...ccwSquare].reverse();

describe('rings', () => {
  it('signed area by hand: a 2 × 2 square is +4 counter-clockwise, −4 clockwise, closed or not', () => {
    expect(signedRingArea(ccwSquare)).toBe(4);
    expect(signedRingArea(cw)).toBe(-4);
    expect(signedRingArea(closeRing(ccwSquare))).toBe(4);
    expect(
      signedRingArea([
        [0, 0],
        [3, 0],
        [0, 1],
      ]),
    ).toBe(1.5);
    expect(signedRingArea([])).toBe(0);
  });

  it('closes rings once and orients them (RFC 7946: exterior CCW, holes CW)', () => {
    expect(closeRing(ccwSquare)).toEqual([...ccwSquare, [0, 0]]);
    const closed = closeRing(ccwSquare);
    expect(closeRing(closed)).toBe(closed);
    expect(closeRing([])).toEqual([]);
    expect(
      closeRing([
        [1, 2],
        [3, 2],
        [1, 3],
      ]).at(-1),
    ).toEqual([1, 2]);
    expect(
      closeRing([
        [1, 2],
        [1, 3],
        [2, 3],
        [1, 2.5],
      ]).length,
    ).toBe(5); // same x, different y: not closed
    expect(orientRing(cw, true)).toEqual([
      [0, 2],
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
    expect(signedRingArea(orientRing(cw, true))).toBeGreaterThan(0);
    expect(signedRingArea(orientRing(ccwSquare, false))).toBeLessThan(0);
    expect(orientRing(ccwSquare, true)).toEqual(closed);
    const [outer, hole] = orientPolygon([
      cw,
      ccwSquare.map(([x, y]) => [x / 2 + 0.5, y / 2 + 0.5] as Position),
    ]);
    expect(signedRingArea(outer!)).toBe(4);
    expect(signedRingArea(hole!)).toBe(-1);
  });

  it('bbox, flatten and unflatten', () => {
    expect(
      bboxOf([
        [3, -1],
        [-2, 5],
        [0, 0],
      ]),
    ).toEqual([-2, -1, 3, 5]);
    expect(bboxOf([[7, 8]])).toEqual([7, 8, 7, 8]);
    expect(bboxOf([])).toEqual([Infinity, Infinity, -Infinity, -Infinity]);
    expect(
      flattenPath([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([1, 2, 3, 4]);
    expect(unflattenPath([1, 2, 3, 4, 5])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(unflattenPath([])).toEqual([]);
  });

  it('haversine and path length agree with turf', () => {
    const a: Position = [121.4737, 31.2304];
    const b: Position = [121.5055, 31.2397];
    const c: Position = [121.4, 31.1];
    expect(haversineMeters(a, b)).toBeCloseTo(distance(a, b, { units: 'meters' }), 3);
    expect(haversineMeters(a, c)).toBeCloseTo(distance(a, c, { units: 'meters' }), 3);
    expect(haversineMeters(a, a)).toBe(0);
    // antipodes: the asin argument is clamped to 1
    expect(haversineMeters([0, 0], [180, 0])).toBeCloseTo(Math.PI * 6_371_008.8, 0);
    expect(pathLengthMeters([a, b, c])).toBeCloseTo(
      turfLength(lineString([a, b, c]), { units: 'meters' }),
      3,
    );
    expect(pathLengthMeters([a])).toBe(0);
  });

  it('vertex centroid ignores the closing repeat', () => {
    expect(vertexCentroid(closeRing(ccwSquare))).toEqual([1, 1]);
    expect(vertexCentroid(ccwSquare)).toEqual([1, 1]);
    expect(
      vertexCentroid([
        [0, 0],
        [3, 0],
        [0, 3],
      ]),
    ).toEqual([1, 1]);
    expect(
      vertexCentroid([
        [0, 0],
        [4, 0],
        [4, 5],
        [0, 0.5],
      ]),
    ).toEqual([2, 1.375]);
    expect(
      vertexCentroid([
        [0, 0],
        [4, 0],
        [0, 4],
        [0, 1],
      ]),
    ).toEqual([1, 1.25]);
  });
});

describe('point in polygon', () => {
  const outer: Position[] = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ];
  const hole: Position[] = [
    [4, 4],
    [4, 6],
    [6, 6],
    [6, 4],
    [4, 4],
  ];

  it('even-odd over rings agrees with turf off the boundary (holes out)', () => {
    const poly = polygon([outer, hole]);
    let seed = 3;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let inside = 0;
    for (let k = 0; k < 2000; k++) {
      const p: Position = [rnd() * 12 - 1, rnd() * 12 - 1];
      const want = booleanPointInPolygon(point(p), poly);
      if (want) inside++;
      expect(pointInRings(p[0], p[1], [outer, hole])).toBe(want);
    }
    expect(inside).toBeGreaterThan(500);
    expect(pointInRings(5, 5, [outer, hole])).toBe(false);
    expect(pointInRings(5, 5, [outer])).toBe(true);
  });

  it('pointInFeature tests the bbox first, then any polygon', () => {
    const f = {
      xmin: 0,
      ymin: 0,
      xmax: 30,
      ymax: 10,
      polygons: [[outer, hole], [outer.map(([x, y]) => [x + 20, y] as Position)]],
    };
    expect(pointInFeature(1, 1, f)).toBe(true);
    expect(pointInFeature(21, 1, f)).toBe(true); // second polygon
    expect(pointInFeature(15, 5, f)).toBe(false);
    expect(pointInFeature(5, 5, f)).toBe(false); // hole
    for (const [x, y] of [
      [-0.5, 5],
      [30.5, 5],
      [5, -0.5],
      [5, 10.5],
    ] as Position[]) {
      const wide = {
        ...f,
        polygons: [
          [
            [
              [-1, -1],
              [31, -1],
              [31, 11],
              [-1, 11],
              [-1, -1],
            ] as Position[],
          ],
        ],
      };
      expect(pointInRings(x, y, wide.polygons[0]!)).toBe(true);
      expect(pointInFeature(x, y, wide)).toBe(false); // outside the declared bbox
    }
  });
});

describe('PointIndex', () => {
  const pts: Position[] = [];
  for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) pts.push([121.3 + i * 0.01, 31.1 + j * 0.01]);
  const idx = new PointIndex<number>(0.02);
  for (const [i, p] of pts.entries()) idx.add(p, i);

  it('within: exactly the points within the radius (turf), nearest first', () => {
    for (const [c, r] of [
      [[121.45, 31.25], 1500],
      [[121.3, 31.1], 2500],
      [[121.512, 31.333], 800],
    ] as [Position, number][]) {
      const got = idx.within(c, r);
      const want = pts.flatMap((p, i) => (distance(c, p, { units: 'meters' }) <= r ? [i] : []));
      expect(got.map((g) => g.item).sort((a, b) => a - b)).toEqual(want);
      for (let k = 1; k < got.length; k++) expect(got[k]!.dist).toBeGreaterThanOrEqual(got[k - 1]!.dist);
      for (const g of got) expect(g.dist).toBeCloseTo(distance(c, pts[g.item]!, { units: 'meters' }), 3);
    }
    expect(idx.within([121.45, 31.25], 1500).length).toBeGreaterThan(5);
    expect(idx.within(pts[494]!, 0).map((g) => g.item)).toEqual([494]);
  });

  it('nearest: the closest point, or null beyond maxMeters', () => {
    const c: Position = [121.4551, 31.2549];
    const best = pts.reduce((b, p, i) => (distance(c, p) < distance(c, pts[b]!) ? i : b), 0);
    expect(idx.nearest(c)?.item).toBe(best);
    const far: Position = [121.0, 31.2];
    const nearestFar = idx.nearest(far);
    expect(nearestFar?.item).toBe(10); // [121.3, 31.2]
    expect(nearestFar!.dist).toBeCloseTo(distance(far, [121.3, 31.2], { units: 'meters' }), 3);
    expect(idx.nearest(far, 20_000)).toBeNull(); // 28.6 km away
    expect(idx.nearest(far, 28_000)).toBeNull();
    expect(idx.nearest(far, 29_000)?.item).toBe(10);
    expect(new PointIndex<number>(0.01).nearest(c)).toBeNull();
  });
});
