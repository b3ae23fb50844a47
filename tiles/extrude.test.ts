import { describe, expect, it } from 'vitest';
import type { BuildingFootprint } from '../data/building-footprint';
import { type BuildingMesh, createMeshBuilder, extrudeBuilding, finishMesh } from './extrude';
import { createEnuFrame } from './geodesy';

const LON = 121.5;
const LAT = 31.24;
const D = 0.0002; // ≈ 19 m × 22 m

function building(rings: [number, number][][], height = 30, minHeight = 0): BuildingFootprint {
  return {
    id: 'osm-1',
    osmId: 1,
    name: null,
    height,
    minHeight,
    heightSource: 'measured',
    levels: null,
    kind: 'building',
    synthetic: false,
    polygons: [rings],
  };
}

const square = (cx: number, cy: number, d: number): [number, number][] => [
  [cx - d, cy - d],
  [cx + d, cy - d],
  [cx + d, cy + d],
  [cx - d, cy + d],
  [cx - d, cy - d],
];

function extrude(b: BuildingFootprint): BuildingMesh {
  const builder = createMeshBuilder();
  extrudeBuilding(builder, b, createEnuFrame(LON, LAT), 7);
  return finishMesh(builder);
}

type V = [number, number, number];
const vert = (m: BuildingMesh, i: number): V => [
  m.positions[i * 3]!,
  m.positions[i * 3 + 1]!,
  m.positions[i * 3 + 2]!,
];
const norm = (m: BuildingMesh, i: number): V => [
  m.normals[i * 3]!,
  m.normals[i * 3 + 1]!,
  m.normals[i * 3 + 2]!,
];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: V, b: V): V => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const dot = (a: V, b: V): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** For every triangle: its geometric normal (CCW), its area, its centroid and the stored vertex normal. */
function triangles(m: BuildingMesh) {
  const out: { n: V; area: number; c: V; stored: V }[] = [];
  for (let t = 0; t < m.indices.length; t += 3) {
    const [a, b, c] = [m.indices[t]!, m.indices[t + 1]!, m.indices[t + 2]!].map((i) => vert(m, i)) as [
      V,
      V,
      V,
    ];
    const n = cross(sub(b, a), sub(c, a));
    const area = Math.hypot(...n) / 2;
    const centroid: V = [(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3, (a[2] + b[2] + c[2]) / 3];
    out.push({ n, area, c: centroid, stored: norm(m, m.indices[t]!) });
  }
  return out;
}

describe('extrudeBuilding', () => {
  it('builds 4 walls and a 2-triangle roof for a square, all with the same feature id', () => {
    const m = extrude(building([square(LON, LAT, D)]));
    expect(m.indices.length / 3).toBe(4 * 2 + 2);
    expect(m.featureIds.length).toBe(4 * 4 + 4);
    expect([...new Set(m.featureIds)]).toEqual([7]);
    const ys = Array.from({ length: m.featureIds.length }, (_, i) => vert(m, i)[1]);
    expect(Math.max(...ys)).toBeCloseTo(30, 1); // glTF y is up
    expect(Math.min(...ys)).toBeCloseTo(0, 1);
  });

  it('winds every triangle CCW seen from outside, with outward normals', () => {
    for (const ring of [square(LON, LAT, D), [...square(LON, LAT, D)].reverse()]) {
      const m = extrude(building([ring]));
      for (const t of triangles(m)) {
        // geometric normal agrees with the stored normal…
        expect(dot(t.n, t.stored)).toBeGreaterThan(0);
        // …and points away from the building's axis (walls) or up (roof).
        const isRoof = t.stored[1] > 0.99;
        if (isRoof) expect(t.c[1]).toBeCloseTo(30, 1);
        else expect(dot([t.c[0], 0, t.c[2]], t.stored)).toBeGreaterThan(0);
      }
    }
  });

  it('respects holes: roof area is outer minus hole and the courtyard walls face the courtyard', () => {
    const outer = square(LON, LAT, D);
    const hole = square(LON, LAT, D / 2).reverse();
    const m = extrude(building([outer, hole]));
    const tris = triangles(m);
    const roofArea = tris.filter((t) => t.stored[1] > 0.99).reduce((s, t) => s + t.area, 0);
    const solid = extrude(building([outer]));
    const fullArea = triangles(solid)
      .filter((t) => t.stored[1] > 0.99)
      .reduce((s, t) => s + t.area, 0);
    expect(roofArea).toBeCloseTo(fullArea * 0.75, 0);
    expect(tris.filter((t) => t.stored[1] < 0.5).length).toBe(8 * 2);
    for (const t of tris.filter((x) => x.stored[1] < 0.5)) {
      const r = Math.hypot(t.c[0], t.c[2]);
      const outward = dot([t.c[0], 0, t.c[2]], t.stored) > 0;
      // inner walls (closer to the axis) point inward, towards the courtyard
      expect(outward).toBe(r > 12);
    }
  });

  it('skips degenerate rings and repeated points', () => {
    const m = extrude(
      building([
        [
          [LON, LAT],
          [LON, LAT],
          [LON + D, LAT],
          [LON, LAT],
        ],
      ]),
    );
    expect(m.indices.length).toBe(0);
    const dup = square(LON, LAT, D);
    dup.splice(1, 0, dup[1]!);
    expect(extrude(building([dup])).indices.length / 3).toBe(10);
  });

  it('draws a raised part from minHeight to height, with a downward underside and outward walls', () => {
    for (const ring of [square(LON, LAT, D), [...square(LON, LAT, D)].reverse()]) {
      const m = extrude(building([ring], 492, 470));
      const tris = triangles(m);
      // 4 walls × 2 + roof 2 + underside 2
      expect(tris.length).toBe(12);
      const ys = Array.from({ length: m.featureIds.length }, (_, i) => vert(m, i)[1]);
      expect(Math.min(...ys)).toBeCloseTo(470, 1);
      expect(Math.max(...ys)).toBeCloseTo(492, 1);
      const under = tris.filter((t) => t.stored[1] < -0.99);
      expect(under.length).toBe(2);
      for (const t of tris) {
        expect(dot(t.n, t.stored)).toBeGreaterThan(0); // CCW from outside, whichever face
        if (t.stored[1] < -0.99) expect(t.c[1]).toBeCloseTo(470, 1);
        else if (t.stored[1] > 0.99) expect(t.c[1]).toBeCloseTo(492, 1);
        else expect(dot([t.c[0], 0, t.c[2]], t.stored)).toBeGreaterThan(0);
      }
      const area = (list: typeof tris): number => list.reduce((s, t) => s + t.area, 0);
      expect(area(under)).toBeCloseTo(area(tris.filter((t) => t.stored[1] > 0.99)), 0);
    }
  });

  it('adds no underside to a building standing on the ground', () => {
    const m = extrude(building([square(LON, LAT, D)], 30, 0));
    expect(triangles(m).filter((t) => t.stored[1] < -0.5).length).toBe(0);
  });
});
