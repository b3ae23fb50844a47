/**
 * The geometry columns every line and polygon feature table shares (flattened coordinates, bounding box and a
 * representative point), as types and as the functions that compute them from positions.
 */
import * as turf from '@turf/turf';
import { bboxOf, flattenPath, orientPolygon, type Position, pathLengthMeters } from './rings';

/** Bounding box (`xmin`…`ymax`, degrees) and representative point (`lon`, `lat`) of a feature row. */
export interface BBoxFields {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  lon: number;
  lat: number;
}

/** Geometry columns of a line row: the path as `[lon, lat, lon, lat, …]` plus bbox and its midpoint. */
export interface LineGeometry extends BBoxFields {
  path: number[];
}

/** Geometry columns of a polygon row: every ring flattened (RFC 7946 winding) plus bbox and an inside point. */
export interface PolygonGeometry extends BBoxFields {
  rings: number[][];
}

/** Point halfway along a path, used as the representative lon/lat of a line. */
export function midpointOf(path: Position[]): Position {
  const total = pathLengthMeters(path);
  let acc = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const seg = pathLengthMeters([a, b]);
    if (acc + seg >= total / 2 && seg > 0) {
      const f = (total / 2 - acc) / seg;
      return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])];
    }
    acc += seg;
  }
  return path[0]!;
}

/** Representative point of polygons: turf's point-on-feature (always inside). */
export function representativePoint(polygons: Position[][][]): Position {
  const p = turf.pointOnFeature(turf.multiPolygon(polygons));
  return p.geometry.coordinates as Position;
}

/** Builds a line table's geometry columns (`path`, bbox, midpoint lon/lat) from its positions. */
export function lineColumns(path: Position[]): LineGeometry {
  const [xmin, ymin, xmax, ymax] = bboxOf(path);
  const [lon, lat] = midpointOf(path);
  return { path: flattenPath(path), xmin, ymin, xmax, ymax, lon, lat };
}

/** Builds a polygon table's geometry columns (`rings`, bbox, lon/lat) from polygons (RFC 7946 winding). */
export function polygonColumns(polygons: Position[][][]): PolygonGeometry {
  const oriented = polygons.map((p) => orientPolygon(p));
  const [xmin, ymin, xmax, ymax] = bboxOf(oriented.flatMap((p) => p[0]!));
  const [lon, lat] = representativePoint(oriented);
  return { rings: oriented.flatMap((p) => p.map((r) => flattenPath(r))), xmin, ymin, xmax, ymax, lon, lat };
}
