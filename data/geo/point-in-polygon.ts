import type { Position } from './rings';

/** Even-odd ray-casting test of a point against a polygon's rings (exterior and holes alike). */
export function pointInRings(lon: number, lat: number, rings: Position[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** A polygon feature row with its bounding box and polygons (e.g. a district or water row). */
export interface PolygonFeature {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  polygons: Position[][][];
}

/** True when the point lies inside the feature: a bounding-box test first, then the rings of each polygon. */
export function pointInFeature(lon: number, lat: number, f: PolygonFeature): boolean {
  if (lon < f.xmin || lon > f.xmax || lat < f.ymin || lat > f.ymax) return false;
  return f.polygons.some((poly) => pointInRings(lon, lat, poly));
}

/**
 * Prepares an exact even-odd test over all `rings` together (exteriors and holes; several polygons alike) in which
 * points on an edge count as inside — the rule the server's `district=` / polygon filters apply. Edges are
 * bucketed by latitude band, so a test reads only the edges whose latitude span holds the point (every edge that
 * a horizontal ray can cross, or that the point can lie on, spans the point's latitude).
 */
export function createRingsTester(rings: Position[][], bands = 512): (lon: number, lat: number) => boolean {
  const edges: [number, number, number, number][] = [];
  for (const ring of rings)
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[i + 1]!;
      if (x1 !== x2 || y1 !== y2) edges.push([x1, y1, x2, y2]);
    }
  let y0 = Number.POSITIVE_INFINITY;
  let y1max = Number.NEGATIVE_INFINITY;
  for (const e of edges) {
    y0 = Math.min(y0, e[1], e[3]);
    y1max = Math.max(y1max, e[1], e[3]);
  }
  const h = (y1max - y0) / bands || 1;
  const band = (y: number) => Math.min(bands - 1, Math.max(0, Math.floor((y - y0) / h)));
  const byBand: [number, number, number, number][][] = Array.from({ length: bands }, () => []);
  for (const e of edges)
    for (let b = band(Math.min(e[1], e[3])); b <= band(Math.max(e[1], e[3])); b++) byBand[b]!.push(e);
  return (x, y) => {
    if (!(y >= y0 && y <= y1max)) return false;
    let inside = false;
    for (const [x1, ya, x2, yb] of byBand[band(y)]!) {
      const onLine = (x2 - x1) * (y - ya) - (yb - ya) * (x - x1) === 0;
      if (
        onLine &&
        x >= Math.min(x1, x2) &&
        x <= Math.max(x1, x2) &&
        y >= Math.min(ya, yb) &&
        y <= Math.max(ya, yb)
      )
        return true;
      if (ya > y !== yb > y && x < ((x2 - x1) * (y - ya)) / (yb - ya) + x1) inside = !inside;
    }
    return inside;
  };
}
