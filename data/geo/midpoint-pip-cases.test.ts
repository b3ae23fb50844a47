import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, isOutsideChina, parseCrs, toWgs84From } from '../crs/gcj02';
import { midpointOf } from './geometry-row';
import { pointInRings } from './point-in-polygon';
import { closeRing, type Position, vertexCentroid } from './rings';

describe('midpointOf', () => {
  it('is the point halfway along the path by length (turf.along), uneven segments and a repeated vertex', () => {
    const path: Position[] = [
      [121.4, 31.2],
      [121.4, 31.2],
      [121.41, 31.2],
      [121.44, 31.23],
      [121.45, 31.23],
    ];
    const line = turf.lineString(path);
    const want = turf.along(line, turf.length(line) / 2).geometry.coordinates;
    const got = midpointOf(path);
    // turf interpolates on the great circle, midpointOf linearly in degrees: ≈ 0.2 m apart here.
    expect(got[0]).toBeCloseTo(want[0]!, 4);
    expect(got[1]).toBeCloseTo(want[1]!, 4);
    // On a meridian, length is proportional to latitude: halfway along 31.2 → 31.3 → 31.6 is 31.4.
    const meridian = midpointOf([
      [121, 31.2],
      [121, 31.3],
      [121, 31.6],
    ]);
    expect(meridian[0]).toBe(121);
    expect(meridian[1]).toBeCloseTo(31.4, 9);
  });

  it('falls back to the first point for a path without length', () => {
    expect(
      midpointOf([
        [1, 2],
        [1, 2],
      ]),
    ).toEqual([1, 2]);
  });
});

describe('pointInRings against turf on a grid through the vertices', () => {
  it('agrees on every grid point off the boundary, including rays through vertices', () => {
    // A concave polygon with integer vertices and a hole: rays at integer latitudes pass through vertices.
    const outer: Position[] = [
      [0, 0],
      [10, 5],
      [6, 6],
      [9, 10],
      [0, 10],
      [3, 5],
      [0, 0],
    ];
    const hole: Position[] = [
      [4, 7],
      [5, 8],
      [6, 7],
      [4, 7],
    ];
    const poly = turf.polygon([outer, hole]);
    let checked = 0;
    for (let y = -1; y <= 11; y += 0.5)
      for (let x = -1; x <= 11; x += 0.25) {
        const pt = turf.point([x, y]);
        const inside = turf.booleanPointInPolygon(pt, poly, { ignoreBoundary: true });
        const onBoundary = inside !== turf.booleanPointInPolygon(pt, poly);
        if (onBoundary) continue; // the boundary may fall either way
        expect(pointInRings(x, y, [outer, hole]), `${x},${y}`).toBe(inside);
        checked++;
      }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('gcj02 edges', () => {
  it('treats the published bounds of China as inside, anything beyond as outside', () => {
    expect(isOutsideChina(72.004, 30)).toBe(false);
    expect(isOutsideChina(137.8347, 30)).toBe(false);
    expect(isOutsideChina(100, 0.8293)).toBe(false);
    expect(isOutsideChina(100, 55.8271)).toBe(false);
    expect(isOutsideChina(72.003, 30)).toBe(true);
    expect(isOutsideChina(137.8348, 30)).toBe(true);
    expect(isOutsideChina(100, 0.8292)).toBe(true);
    expect(isOutsideChina(100, 55.8272)).toBe(true);
  });

  it('picks the converter for a CRS: GCJ-02 inverted, WGS-84 unchanged', () => {
    expect(toWgs84From('gcj02')).toBe(gcj02ToWgs84);
    expect(toWgs84From('wgs84')(121.5, 31.2)).toEqual([121.5, 31.2]);
    expect(parseCrs('wgs84')).toBe('wgs84');
  });
});

describe('ring helpers by hand', () => {
  it('closeRing appends the first position to an open ring only', () => {
    expect(
      closeRing([
        [0, 0],
        [1, 0],
        [1, 1],
      ]),
    ).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
    expect(closeRing([])).toEqual([]);
    // first and last share one coordinate only: still open
    expect(
      closeRing([
        [0, 0],
        [1, 1],
        [2, 0],
      ]),
    ).toEqual([
      [0, 0],
      [1, 1],
      [2, 0],
      [0, 0],
    ]);
  });

  it('vertexCentroid drops the closing repeat only, and copes with a single point', () => {
    const open: Position[] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ];
    expect(vertexCentroid(open)).toEqual([1, 1]);
    expect(vertexCentroid([...open, [0, 0]])).toEqual([1, 1]);
    expect(vertexCentroid([[3, 4]])).toEqual([3, 4]);
    // first and last share a latitude but not a longitude: no closing repeat to drop, (0+3+6)/3, (0+3+0)/3
    expect(
      vertexCentroid([
        [0, 0],
        [3, 3],
        [6, 0],
      ]),
    ).toEqual([3, 1]);
  });
});
