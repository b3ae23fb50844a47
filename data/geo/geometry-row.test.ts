import { describe, expect, it } from 'vitest';
import { lineColumns, midpointOf, polygonColumns } from './geometry-row';
import { pointInFeature } from './point-in-polygon';
import { signedRingArea, unflattenPath } from './rings';

describe('geometry-row', () => {
  it('builds line columns: flattened path, bbox and the midpoint by length', () => {
    const path: [number, number][] = [
      [121.5, 31.2],
      [121.5, 31.21],
      [121.52, 31.21],
    ];
    const row = lineColumns(path);
    expect(row.path).toEqual([121.5, 31.2, 121.5, 31.21, 121.52, 31.21]);
    expect([row.xmin, row.ymin, row.xmax, row.ymax]).toEqual([121.5, 31.2, 121.52, 31.21]);
    expect([row.lon, row.lat]).toEqual(midpointOf(path));
    // the second leg (≈ 1.9 km) is longer than the first (≈ 1.1 km): the midpoint lies on it
    expect(row.lat).toBe(31.21);
    expect(row.lon).toBeGreaterThan(121.5);
  });

  it('builds polygon columns with RFC 7946 winding, bbox of the outer rings and a point inside', () => {
    const cw: [number, number][] = [
      [121.5, 31.2],
      [121.5, 31.21],
      [121.51, 31.21],
      [121.51, 31.2],
      [121.5, 31.2],
    ];
    const row = polygonColumns([[cw]]);
    expect(signedRingArea(unflattenPath(row.rings[0]!))).toBeGreaterThan(0);
    expect([row.xmin, row.ymin, row.xmax, row.ymax]).toEqual([121.5, 31.2, 121.51, 31.21]);
    const feature = { ...row, polygons: [[cw]] };
    expect(pointInFeature(row.lon, row.lat, feature)).toBe(true);
    expect(pointInFeature(121.52, 31.205, feature)).toBe(false);
    expect(pointInFeature(121.505, 31.205, { ...feature, xmax: 121.501 })).toBe(false); // bbox checked first
  });
});
