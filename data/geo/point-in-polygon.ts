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
