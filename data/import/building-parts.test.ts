import { describe, expect, it } from 'vitest';
import type { BuildingFootprint } from '../building-footprint';
import { capUnderStackedParts, overlapAreaM2 } from './building-parts';

const D = 0.0002; // ≈ 19 m × 22 m
const square = (cx: number, cy: number, d: number): [number, number][][][] => [
  [
    [
      [cx - d, cy - d],
      [cx + d, cy - d],
      [cx + d, cy + d],
      [cx - d, cy + d],
      [cx - d, cy - d],
    ],
  ],
];

function part(
  id: number,
  minHeight: number,
  height: number,
  source: 'measured' | 'estimated',
  at = 121.5,
): BuildingFootprint {
  return {
    id: `osm-${id}`,
    osmId: id,
    name: null,
    height,
    minHeight,
    heightSource: source,
    levels: null,
    kind: 'building_part',
    synthetic: false,
    polygons: square(at, 31.24, D),
  };
}

describe('capUnderStackedParts', () => {
  it('stops an estimated part under the lowest part stacked on it', () => {
    const [body, crown, spire] = capUnderStackedParts([
      part(1, 0, 492, 'estimated'),
      part(2, 470, 492, 'estimated'),
      part(3, 480, 500, 'measured'),
    ]);
    expect(body!.height).toBe(470);
    expect(crown!.height).toBe(480);
    expect(spire!.height).toBe(500);
  });

  it('keeps measured heights, parts beside each other and parts stacked above the top', () => {
    const input = [
      part(1, 0, 300, 'measured'),
      part(2, 200, 320, 'estimated'),
      part(3, 0, 100, 'estimated', 121.51), // ≈ 950 m east: no overlap
      part(4, 0, 150, 'estimated'),
      part(5, 320, 330, 'measured'), // on top of 2, above 4's top
    ];
    const out = capUnderStackedParts(input);
    expect(out[0]).toBe(input[0]);
    expect(out[1]!.height).toBe(320);
    expect(out[2]).toBe(input[2]);
    expect(out[3]!.height).toBe(150);
    expect(input[1]!.height).toBe(320); // inputs are not mutated
  });

  it('measures overlaps in m²', () => {
    const a = part(1, 0, 10, 'measured');
    expect(overlapAreaM2(a, a)).toBeGreaterThan(1500);
    expect(overlapAreaM2(a, part(2, 0, 10, 'measured', 121.51))).toBe(0);
  });
});
