/**
 * Small planar helpers on lon/lat rings and paths: winding, closing, bounding boxes, lengths in metres and
 * flattening to the contract's `[lon, lat, lon, lat, …]` lists.
 */

/** A position as [lon, lat]. */
export type Position = [number, number];

const EARTH_RADIUS_M = 6_371_008.8;

/** Signed shoelace area in square degrees: positive when the ring runs counter-clockwise. */
export function signedRingArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

/** Returns the ring closed (first position repeated at the end) and wound CCW (`ccw`) or clockwise. */
export function orientRing(ring: Position[], ccw: boolean): Position[] {
  const closed = closeRing(ring);
  const isCcw = signedRingArea(closed) > 0;
  return isCcw === ccw ? closed : [...closed].reverse();
}

/** Returns the ring with its first position repeated at the end when it is not already. */
export function closeRing(ring: Position[]): Position[] {
  const a = ring[0];
  const b = ring[ring.length - 1];
  if (!a || !b) return ring;
  return a[0] === b[0] && a[1] === b[1] ? ring : [...ring, a];
}

/** Orients a polygon per RFC 7946: exterior counter-clockwise, holes clockwise. */
export function orientPolygon(polygon: Position[][]): Position[][] {
  return polygon.map((ring, i) => orientRing(ring, i === 0));
}

/** Bounding box [xmin, ymin, xmax, ymax] of any number of positions. */
export function bboxOf(positions: Iterable<Position>): [number, number, number, number] {
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  for (const [x, y] of positions) {
    if (x < xmin) xmin = x;
    if (y < ymin) ymin = y;
    if (x > xmax) xmax = x;
    if (y > ymax) ymax = y;
  }
  return [xmin, ymin, xmax, ymax];
}

/** Great-circle distance in metres between two positions (haversine). */
export function haversineMeters(a: Position, b: Position): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Length in metres of a path of positions. */
export function pathLengthMeters(path: Position[]): number {
  let len = 0;
  for (let i = 1; i < path.length; i++) len += haversineMeters(path[i - 1]!, path[i]!);
  return len;
}

/** Flattens positions to the contract's flat `[lon, lat, lon, lat, …]` list. */
export function flattenPath(path: Position[]): number[] {
  const out: number[] = [];
  for (const [x, y] of path) out.push(x, y);
  return out;
}

/** Converts a flat `[lon, lat, …]` list back to positions. */
export function unflattenPath(flat: number[]): Position[] {
  const out: Position[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

/** Centroid of a ring's vertices (without the closing repeat): a cheap representative point. */
export function vertexCentroid(ring: Position[]): Position {
  const pts =
    ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]
      ? ring.slice(0, -1)
      : ring;
  let x = 0;
  let y = 0;
  for (const p of pts) {
    x += p[0];
    y += p[1];
  }
  return [x / pts.length, y / pts.length];
}
