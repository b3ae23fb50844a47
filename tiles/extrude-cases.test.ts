import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { BuildingFootprint } from '../data/building-footprint';
import { cleanRing, computeSignedArea, createMeshBuilder, extrudeBuilding, finishMesh } from './extrude';
import { createEnuFrame } from './geodesy';

const LON = 121.5;
const LAT = 31.24;
const D = 0.0002;
const frame = createEnuFrame(LON, LAT);

function footprint(polygons: [number, number][][][], height = 30, minHeight = 0): BuildingFootprint {
  return {
    id: 'osm-2',
    osmId: 2,
    name: null,
    height,
    minHeight,
    heightSource: 'measured',
    levels: null,
    kind: 'building',
    synthetic: false,
    polygons,
  };
}

const square = (cx: number, cy: number, d: number): [number, number][] => [
  [cx - d, cy - d],
  [cx + d, cy - d],
  [cx + d, cy + d],
  [cx - d, cy + d],
  [cx - d, cy - d],
];

/** Min and max of one coordinate (0 = x east, 1 = y up, 2 = z south) over all vertices. */
function range(positions: Float32Array, axis: number): [number, number] {
  const v = positions.filter((_, i) => i % 3 === axis);
  return [Math.min(...v), Math.max(...v)];
}

describe('extrude by hand', () => {
  it('cleanRing drops repeats and the closing point, and nothing else', () => {
    expect(
      cleanRing([
        [0, 0],
        [0, 0],
        [1, 0],
        [1, 1],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ]);
    const open: [number, number][] = [
      [0, 0],
      [1, 0],
      [0, 1],
    ];
    expect(cleanRing(open)).toEqual(open);
    expect(
      cleanRing([
        [2, 3],
        [2, 3],
      ]),
    ).toEqual([[2, 3]]);
    expect(cleanRing([])).toEqual([]);
  });

  it('computeSignedArea: a 4 × 3 right triangle is +6 counter-clockwise and −6 clockwise', () => {
    expect(
      computeSignedArea([
        [0, 0],
        [4, 0],
        [0, 3],
      ]),
    ).toBe(6);
    expect(
      computeSignedArea([
        [0, 0],
        [0, 3],
        [4, 0],
      ]),
    ).toBe(-6);
  });

  it('puts east on +x, up on +y and north on −z, at the distances turf measures', () => {
    // A square 2D wide centred 2D north of the frame origin.
    const b = createMeshBuilder();
    const added = extrudeBuilding(b, footprint([[square(LON, LAT + 2 * D, D)]], 30, 10), frame, 3);
    const m = finishMesh(b);
    const east = turf.distance([LON - D, LAT + 2 * D], [LON + D, LAT + 2 * D], { units: 'meters' });
    const north = turf.distance([LON, LAT + D], [LON, LAT + 3 * D], { units: 'meters' });
    const centre = turf.distance([LON, LAT], [LON, LAT + 2 * D], { units: 'meters' });
    const [x0, x1] = range(m.positions, 0);
    const [y0, y1] = range(m.positions, 1);
    const [z0, z1] = range(m.positions, 2);
    // The ellipsoid and turf's sphere differ by < 0.5 % here; an axis swap or sign flip is off by > 10 %.
    expect(x1 - x0).toBeCloseTo(east, -Math.log10(east * 0.005));
    expect(Math.abs(x0 + x1)).toBeLessThan(0.01);
    expect(y0).toBeCloseTo(10, 1);
    expect(y1).toBeCloseTo(30, 1);
    expect(z1 - z0).toBeGreaterThan(north * 0.995);
    expect(z1 - z0).toBeLessThan(north * 1.005);
    expect(-(z0 + z1) / 2).toBeGreaterThan(centre * 0.995);
    expect(-(z0 + z1) / 2).toBeLessThan(centre * 1.005);
    // 4 walls × 4 vertices, a roof and an underside of 4 each; one feature id throughout.
    expect(added).toBe(24);
    expect([...m.featureIds]).toEqual(new Array(24).fill(3));
    // Roof normals (0, 1, 0), underside (0, −1, 0), walls horizontal (the local vertical tilts ~7e-6 rad here).
    const ny = [...m.normals].filter((_, i) => i % 3 === 1);
    expect(ny.filter((v) => v === 1).length).toBe(4);
    expect(ny.filter((v) => v === -1).length).toBe(4);
    expect(ny.filter((v) => Math.abs(v) < 1e-4).length).toBe(16);
  });

  it('gives unit normals facing out along the axes of an axis-aligned box, and winds caps to match', () => {
    const b = createMeshBuilder();
    extrudeBuilding(b, footprint([[square(LON + 3 * D, LAT + 2 * D, D)]], 30, 10), frame, 0);
    const m = finishMesh(b);
    const normals: string[] = [];
    for (let i = 0; i < m.normals.length; i += 3) {
      const n = [m.normals[i]!, m.normals[i + 1]!, m.normals[i + 2]!];
      expect(Math.hypot(...n)).toBeCloseTo(1, 6);
      normals.push(n.map((v) => Math.round(v * 1000) / 1000 + 0).join(','));
    }
    const count = (n: string) => normals.filter((x) => x === n).length;
    // Walls east (+x), west (−x), north (−z), south (+z); roof up, underside down: 4 vertices each.
    for (const n of ['1,0,0', '-1,0,0', '0,0,-1', '0,0,1', '0,1,0', '0,-1,0']) expect(count(n), n).toBe(4);
    // Each cap triangle's own normal (CCW) agrees with the stored one: [sign of its y, stored y] per cap triangle.
    const caps: [number, number][] = [];
    for (let t = 0; t < m.indices.length; t += 3) {
      const [a, c, d] = [0, 1, 2].map((k) => m.indices[t + k]! * 3) as [number, number, number];
      const ux = m.positions[c]! - m.positions[a]!;
      const uz = m.positions[c + 2]! - m.positions[a + 2]!;
      const vx = m.positions[d]! - m.positions[a]!;
      const vz = m.positions[d + 2]! - m.positions[a + 2]!;
      caps.push([Math.sign(uz * vx - ux * vz), m.normals[a + 1]!]); // y of (u × v), stored y
    }
    expect(caps.filter(([, stored]) => Math.abs(stored) === 1)).toEqual([
      [1, 1],
      [1, 1],
      [-1, -1],
      [-1, -1],
    ]);
  });

  it('keeps the holes after a degenerate one', () => {
    const flat: [number, number][] = [
      [LON, LAT],
      [LON + D, LAT],
      [LON, LAT],
    ];
    const b = createMeshBuilder();
    // Outer 4 walls, the courtyard's 4 walls, a roof over 8 vertices: 16 + 16 + 8.
    expect(
      extrudeBuilding(b, footprint([[square(LON, LAT, 2 * D), flat, square(LON, LAT, D)]]), frame, 0),
    ).toBe(40);
  });

  it('draws a triangle and skips an edge shorter than a micrometre', () => {
    const tri: [number, number][] = [
      [LON, LAT],
      [LON + D, LAT],
      [LON, LAT + D],
    ];
    const b = createMeshBuilder();
    expect(extrudeBuilding(b, footprint([[tri]]), frame, 0)).toBe(3 * 4 + 3);
    const near: [number, number][] = [
      [LON, LAT],
      [LON + D, LAT],
      [LON + D + 1e-12, LAT], // a distinct point ≈ 1e-7 m away: no wall for that edge
      [LON + D, LAT + D],
      [LON, LAT + D],
    ];
    expect(extrudeBuilding(createMeshBuilder(), footprint([[near]]), frame, 0)).toBe(4 * 4 + 5);
  });

  it('counts what each call adds and keeps indices pointing into the shared builder', () => {
    const b = createMeshBuilder();
    expect(extrudeBuilding(b, footprint([[square(LON, LAT, D)]]), frame, 0)).toBe(20);
    expect(extrudeBuilding(b, footprint([[square(LON + 4 * D, LAT, D)]]), frame, 1)).toBe(20);
    const m = finishMesh(b);
    expect([...m.featureIds]).toEqual([...new Array(20).fill(0), ...new Array(20).fill(1)]);
    expect(m.indices.length).toBe(2 * 10 * 3);
    expect(Math.min(...m.indices.slice(30))).toBe(20);
    expect(Math.max(...m.indices)).toBe(39);
  });

  it('draws every polygon of a multipolygon, skips one without an outer ring, ignores a degenerate hole', () => {
    const flat: [number, number][] = [
      [LON, LAT],
      [LON + D, LAT],
      [LON + 2 * D, LAT],
      [LON, LAT],
    ];
    const b = createMeshBuilder();
    const added = extrudeBuilding(
      b,
      footprint([
        [flat, square(LON, LAT, D / 2)], // no usable outer ring: the hole must not become a building
        [square(LON + 4 * D, LAT, D), flat], // degenerate hole: a plain square
        [square(LON - 4 * D, LAT, D)],
      ]),
      frame,
      5,
    );
    expect(added).toBe(40);
    const m = finishMesh(b);
    expect(m.indices.length / 3).toBe(20);
    const [x0, x1] = range(m.positions, 0);
    const half = turf.distance([LON, LAT], [LON + 5 * D, LAT], { units: 'meters' });
    expect(x0).toBeCloseTo(-half, 0);
    expect(x1).toBeCloseTo(half, 0);
  });
});
