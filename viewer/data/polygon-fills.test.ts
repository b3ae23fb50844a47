import { area, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { BUND, createLocalFrame } from '../overlay/local-frame';
import type { RingList } from './arrow-columns';
import { buildPolygonFills } from './polygon-fills';

const frame = createLocalFrame(BUND.lon, BUND.lat);

/** Area (m²) covered by the triangles of `indices` over local xyz positions (shoelace per triangle). */
function triangleArea(pos: Float32Array, idx: Uint32Array): number {
  let a = 0;
  for (let i = 0; i < idx.length; i += 3) {
    const [p, q, r] = [idx[i]!, idx[i + 1]!, idx[i + 2]!];
    a +=
      Math.abs(
        (pos[3 * q]! - pos[3 * p]!) * (pos[3 * r + 1]! - pos[3 * p + 1]!) -
          (pos[3 * r]! - pos[3 * p]!) * (pos[3 * q + 1]! - pos[3 * p + 1]!),
      ) / 2;
  }
  return a;
}

// A 0.004° square with a 0.002° square hole in its middle (RFC 7946: exterior CCW, hole CW), then a plain
// triangle as a second row.
const outer = [121.49, 31.23, 121.494, 31.23, 121.494, 31.234, 121.49, 31.234, 121.49, 31.23];
const hole = [121.491, 31.231, 121.491, 31.233, 121.493, 31.233, 121.493, 31.231, 121.491, 31.231];
const tri = [121.5, 31.24, 121.502, 31.24, 121.5, 31.242, 121.5, 31.24];
const rings: RingList = {
  coords: Float64Array.from([...outer, ...hole, ...tri]),
  starts: Uint32Array.from([0, 5, 10, 14]),
  ringRow: Uint32Array.from([0, 0, 1]),
  exterior: Uint8Array.from([1, 0, 1]),
};
const pair = (a: number[]) => Array.from({ length: a.length / 2 }, (_, i) => [a[2 * i]!, a[2 * i + 1]!]);

describe('buildPolygonFills', () => {
  const colors = Uint8Array.from([10, 20, 30, 255, 40, 50, 60, 255]);
  const fills = buildPolygonFills(rings, colors, frame, () => true);

  it('keeps the hole open: triangles cover the outer ring less the hole (turf areas as oracle)', () => {
    expect(fills.length).toBe(2);
    expect(Array.from(fills.startIndices)).toEqual([0, 10, 14]);
    const expected = area(polygon([pair(outer), pair(hole)])) + area(polygon([pair(tri)]));
    const got = triangleArea(fills.positions, fills.indices);
    expect(Math.abs(got - expected) / expected).toBeLessThan(0.005);
    // the solid square alone would be larger by the hole's area (~ 36 000 m²)
    expect(got).toBeLessThan(area(polygon([pair(outer)])) + area(polygon([pair(tri)])) - 30_000);
  });

  it('colours every vertex of a part by its row and maps parts back to rows', () => {
    expect(Array.from(fills.rowOf)).toEqual([0, 1]);
    expect(Array.from(fills.colors.subarray(4 * 9, 4 * 10))).toEqual([10, 20, 30, 255]);
    expect(Array.from(fills.colors.subarray(4 * 10, 4 * 11))).toEqual([40, 50, 60, 255]);
  });

  it('drops rows that are filtered out', () => {
    const only = buildPolygonFills(rings, colors, frame, (r) => r === 1);
    expect(only.length).toBe(1);
    expect(only.indices.length).toBe(3);
  });
});
