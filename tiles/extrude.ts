import earcut from 'earcut';
import type { BuildingFootprint } from '../data/building-footprint';
import { type EnuFrame, projectToEnu } from './geodesy';

/** Triangle mesh of many buildings in glTF's y-up frame (x = east, y = up, z = −north), one feature id per vertex. */
export interface BuildingMesh {
  positions: Float32Array;
  normals: Float32Array;
  featureIds: Uint16Array;
  indices: Uint32Array;
}

type Vec3 = [number, number, number];

/** Growable arrays that `extrudeBuilding` appends to. */
export interface MeshBuilder {
  positions: number[];
  normals: number[];
  featureIds: number[];
  indices: number[];
}

/** Creates an empty mesh builder. */
export function createMeshBuilder(): MeshBuilder {
  return { positions: [], normals: [], featureIds: [], indices: [] };
}

/** Freezes a mesh builder into typed arrays. */
export function finishMesh(b: MeshBuilder): BuildingMesh {
  return {
    positions: new Float32Array(b.positions),
    normals: new Float32Array(b.normals),
    featureIds: new Uint16Array(b.featureIds),
    indices: new Uint32Array(b.indices),
  };
}

/** Removes the closing position and consecutive duplicates of a ring. */
export function cleanRing(ring: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/** Signed area of a 2D ring (positive when counter-clockwise). */
export function computeSignedArea(ring: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    s += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return s / 2;
}

function pushVertex(b: MeshBuilder, enu: Vec3, normal: Vec3, fid: number): number {
  const index = b.featureIds.length;
  // ENU (e, n, u) → glTF y-up (e, u, −n); a proper rotation, so winding and handedness are kept.
  b.positions.push(enu[0], enu[2], -enu[1]);
  b.normals.push(normal[0], normal[2], -normal[1]);
  b.featureIds.push(fid);
  return index;
}

function normalize(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function addWalls(b: MeshBuilder, bottom: Vec3[], top: Vec3[], fid: number): void {
  for (let i = 0; i < bottom.length; i++) {
    const j = (i + 1) % bottom.length;
    const a0 = bottom[i]!;
    const b0 = bottom[j]!;
    const b1 = top[j]!;
    const a1 = top[i]!;
    const edge = sub(b0, a0);
    if (Math.hypot(edge[0], edge[1]) < 1e-6) continue;
    // (b0 − a0) × (a1 − a0) points away from the solid for a CCW outer ring and a CW hole.
    const n = normalize(cross(edge, sub(a1, a0)));
    const i0 = pushVertex(b, a0, n, fid);
    const i1 = pushVertex(b, b0, n, fid);
    const i2 = pushVertex(b, b1, n, fid);
    const i3 = pushVertex(b, a1, n, fid);
    b.indices.push(i0, i1, i2, i0, i2, i3);
  }
}

/** Earcut cap over the rings: facing up (a roof) or, with `down`, facing down (the underside of a raised part). */
function addCap(b: MeshBuilder, rings: Vec3[][], fid: number, down = false): void {
  const flat: number[] = [];
  const holes: number[] = [];
  const verts: Vec3[] = [];
  rings.forEach((ring, r) => {
    if (r > 0) holes.push(verts.length);
    for (const p of ring) {
      flat.push(p[0], p[1]);
      verts.push(p);
    }
  });
  const tris = earcut(flat, holes, 2);
  const normal: Vec3 = [0, 0, down ? -1 : 1];
  const base = verts.map((p) => pushVertex(b, p, normal, fid));
  for (let t = 0; t < tris.length; t += 3) {
    const ia = tris[t]!;
    const ib = tris[t + 1]!;
    const ic = tris[t + 2]!;
    const pa = verts[ia]!;
    const pb = verts[ib]!;
    const pc = verts[ic]!;
    const area = (pb[0] - pa[0]) * (pc[1] - pa[1]) - (pc[0] - pa[0]) * (pb[1] - pa[1]);
    // CCW seen from above for a roof, CCW seen from below (clockwise from above) for an underside.
    if (area >= 0 !== down) b.indices.push(base[ia]!, base[ib]!, base[ic]!);
    else b.indices.push(base[ia]!, base[ic]!, base[ib]!);
  }
}

/**
 * Appends one building (walls from `minHeight` to `height` and an earcut roof, holes respected, CCW front faces,
 * outward normals; a raised part, `minHeight` > 0, also gets a downward-facing underside) to the builder, with
 * positions in the given ENU frame converted to glTF y-up. Returns the number of vertices added.
 */
export function extrudeBuilding(
  b: MeshBuilder,
  building: BuildingFootprint,
  frame: EnuFrame,
  fid: number,
): number {
  const before = b.featureIds.length;
  for (const polygon of building.polygons) {
    const bottoms: Vec3[][] = [];
    const tops: Vec3[][] = [];
    for (let r = 0; r < polygon.length; r++) {
      const ring = cleanRing(polygon[r]!);
      const area = ring.length >= 3 ? computeSignedArea(ring) : 0;
      if (area === 0) {
        if (r === 0) break; // no usable outer ring: skip the polygon
        continue;
      }
      // Outer rings CCW, holes CW (seen from above), whatever the input's winding.
      if (area > 0 !== (r === 0)) ring.reverse();
      bottoms.push(ring.map(([lon, lat]) => projectToEnu(frame, lon, lat, building.minHeight)));
      tops.push(ring.map(([lon, lat]) => projectToEnu(frame, lon, lat, building.height)));
    }
    if (bottoms.length === 0) continue;
    for (let r = 0; r < bottoms.length; r++) addWalls(b, bottoms[r]!, tops[r]!, fid);
    addCap(b, tops, fid);
    if (building.minHeight > 0) addCap(b, bottoms, fid, true);
  }
  return b.featureIds.length - before;
}
