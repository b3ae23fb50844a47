import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { createRingsTester, pointInRings } from './point-in-polygon';
import type { Position } from './rings';

// createRingsTester is the build's district rule (data/import/districts.ts): even-odd over all rings, a point on
// an edge counts as inside. Expectations come from hand-placed points on integer coordinates (every edge test is
// exact in float64) and from turf, whose booleanPointInPolygon also counts the boundary as inside.

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const OUTER = square(0, 0, 10, 10);
const HOLE = square(4, 4, 6, 6);

/**
 * A star-shaped ring of `n` integer vertices around (50, 50) (angles in order, so the ring is simple), radii from
 * a fixed sequence: concave notches, horizontal and vertical edges where neighbours round alike.
 */
function star(n: number): Position[] {
  const radii = [40, 12, 35, 35, 8, 30, 20, 44, 16, 28, 38, 10];
  const ring: Position[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const r = radii[k % radii.length]!;
    ring.push([Math.round(50 + r * Math.cos(a)), Math.round(50 + r * Math.sin(a))]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** Every point of a half-unit lattice over [x0, x1] × [y0, y1]: vertices, edge points and points between. */
function lattice(x0: number, y0: number, x1: number, y1: number): Position[] {
  const out: Position[] = [];
  for (let x = x0; x <= x1; x += 0.5) for (let y = y0; y <= y1; y += 0.5) out.push([x, y]);
  return out;
}

describe('createRingsTester (district rule of the data build)', () => {
  it('square with a hole: inside, in the hole, on every edge and vertex of both rings, outside', () => {
    const inside = createRingsTester([OUTER, HOLE]);
    const cases: [number, number, boolean][] = [
      [2, 2, true],
      [5, 5, false], // in the hole
      [4.5, 5, false],
      [0, 5, true], // left edge
      [10, 5, true], // right edge
      [5, 0, true], // bottom edge (horizontal)
      [5, 10, true], // top edge (horizontal)
      [0, 0, true], // vertex
      [10, 10, true],
      [4, 5, true], // hole's edge
      [5, 6, true], // hole's top edge
      [4, 4, true], // hole's vertex
      [11, 5, false],
      [-1, 5, false],
      [5, -1, false], // below every edge
      [5, 10.5, false], // above every edge
      [-0.001, 0, false],
    ];
    expect(cases.map(([x, y]) => inside(x, y))).toEqual(cases.map((c) => c[2]));
  });

  it('a point on the line of a vertical edge but past its end is outside (an L-shaped ring, one band or many)', () => {
    const l: Position[] = [
      [0, 0],
      [4, 0],
      [4, 10],
      [2, 10],
      [2, 5],
      [0, 5],
      [0, 0],
    ];
    for (const bands of [1, 512]) {
      const inside = createRingsTester([l], bands);
      expect([inside(0, 7), inside(0, 5), inside(0, 3), inside(2, 7), inside(1, 7), inside(3, 7)]).toEqual([
        false, // above the left edge (0,0)–(0,5), on its line
        true,
        true,
        true,
        false,
        true,
      ]);
    }
  });

  it('rings of several polygons together; repeated vertices (zero-length edges) change nothing', () => {
    const a = square(0, 0, 2, 2);
    const b = square(5, 5, 7, 7);
    const bRepeated: Position[] = [
      [5, 5],
      [5, 5],
      [7, 5],
      [7, 7],
      [7, 7],
      [5, 7],
      [5, 5],
    ];
    for (const rings of [
      [a, b],
      [a, bRepeated],
    ]) {
      const inside = createRingsTester(rings);
      expect([inside(1, 1), inside(6, 6), inside(3, 3), inside(7, 6), inside(6, 8)]).toEqual([
        true,
        true,
        false,
        true,
        false,
      ]);
    }
  });

  it('no rings, a one-point ring, and a flat ring (all on one latitude): only points on the flat edge', () => {
    expect(createRingsTester([])(0, 0)).toBe(false);
    expect(createRingsTester([[[3, 3]]])(3, 3)).toBe(false);
    const flat = createRingsTester([
      [
        [0, 2],
        [10, 2],
        [0, 2],
      ],
    ]);
    expect([flat(5, 2), flat(0, 2), flat(10, 2), flat(11, 2), flat(5, 3), flat(5, 1)]).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('equals turf (boundary inside) on every half-unit lattice point around star rings, for any band count', () => {
    for (const n of [5, 12, 31]) {
      const ring = star(n);
      const poly = polygon([ring]);
      const points = lattice(2, 2, 98, 98);
      const want = points.map((p) => booleanPointInPolygon(point(p), poly));
      expect(want.filter(Boolean).length).toBeGreaterThan(100); // not an empty expectation
      expect(want.filter((w) => !w).length).toBeGreaterThan(100);
      for (const bands of [1, 2, 7, 512]) {
        const inside = createRingsTester([ring], bands);
        const got = points.map(([x, y]) => inside(x!, y!));
        const wrong = points.filter((_, i) => got[i] !== want[i]);
        expect({ n, bands, wrong: wrong.slice(0, 5) }).toEqual({ n, bands, wrong: [] });
      }
    }
  });

  it('with a hole, off the edges it answers as pointInRings (the plain even-odd test) and turf', () => {
    const ring = star(12);
    const hole = square(45, 45, 55, 55);
    const inside = createRingsTester([ring, hole], 16);
    const poly = polygon([ring, hole]);
    // irregular offsets from the lattice, so that no point lies on an edge of these rings (where the plain
    // even-odd test has no rule)
    const points = lattice(2, 2, 98, 98).map(([x, y]) => [x! + 0.1234567, y! + 0.3456789] as Position);
    const got = points.map(([x, y]) => inside(x!, y!));
    expect(got).toEqual(points.map(([x, y]) => pointInRings(x!, y!, [ring, hole])));
    expect(got).toEqual(points.map((p) => booleanPointInPolygon(point(p), poly)));
    expect(inside(50, 50)).toBe(false);
  });
});
