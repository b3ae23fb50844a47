import { buildPolygonIndex } from './polygon-index';
import type { SpatialSelector } from './request-params';
import type { SqlParams } from './sql-params';

/** Mean earth radius in metres (the one turf uses), for haversine distances. */
export const EARTH_RADIUS_M = 6_371_008.8;

/**
 * How a table's rows are located: `point` tests `lon`/`lat` (points, grid cells, readings); `extent` tests the
 * feature's bbox columns for `bbox` (intersection) and its representative point `lon`/`lat` for radius and polygon.
 */
export type SpatialMode = 'point' | 'extent';

/** A spatial selector whose district has been looked up into polygons. */
export type ResolvedSpatial = Exclude<SpatialSelector, { kind: 'district' }>;

function haversine(p: SqlParams, lon: number, lat: number): string {
  const lo = p.double(lon);
  const la = p.double(lat);
  return `(2 * ${EARTH_RADIUS_M} * asin(sqrt(pow(sin(radians("lat" - ${la}) / 2), 2) + cos(radians(${la})) * cos(radians("lat")) * pow(sin(radians("lon" - ${lo}) / 2), 2))))`;
}

/** Returns `[dLon, dLat]` in degrees that surely contain a circle of `metres` around latitude `lat`. */
export function radiusBox(lat: number, metres: number): [number, number] {
  const dLat = ((metres / EARTH_RADIUS_M) * 180) / Math.PI + 1e-9;
  const cosLat = Math.cos((Math.min(89.9, Math.abs(lat) + dLat) * Math.PI) / 180);
  return [Math.min(180, dLat / cosLat), dLat];
}

function polygonPredicate(p: SqlParams, polygons: number[][][][]): string {
  const idx = buildPolygonIndex(polygons);
  const [x0, y0, x1, y1] = idx.bbox;
  const px0 = p.double(x0);
  const py0 = p.double(y0);
  const g = idx.grid;
  const cy = `least(${g - 1}, greatest(0, floor(("lat" - ${py0}) / ${p.double(idx.dy)})))::INTEGER`;
  const cx = `least(${g - 1}, greatest(0, floor(("lon" - ${px0}) / ${p.double(idx.dx)})))::INTEGER`;
  const band = `list_extract(${p.doubleList3(idx.bands)}, ${cy} + 1)`;
  const crossings = `coalesce(list_sum(list_transform(${band}, lambda e: CASE WHEN (e[2] > "lat") <> (e[4] > "lat") AND "lon" < (e[3] - e[1]) * ("lat" - e[2]) / (e[4] - e[2]) + e[1] THEN 1 ELSE 0 END)), 0) % 2 = 1`;
  const onEdge = `coalesce(list_bool_or(list_transform(${band}, lambda e: (e[3] - e[1]) * ("lat" - e[2]) - (e[4] - e[2]) * ("lon" - e[1]) = 0 AND "lon" BETWEEN least(e[1], e[3]) AND greatest(e[1], e[3]) AND "lat" BETWEEN least(e[2], e[4]) AND greatest(e[2], e[4]))), false)`;
  return `("lon" BETWEEN ${px0} AND ${p.double(x1)} AND "lat" BETWEEN ${py0} AND ${p.double(y1)} AND CASE list_extract(${p.doubleList(idx.classes)}, ${cy} * ${g} + ${cx} + 1) WHEN 1 THEN true WHEN 0 THEN false ELSE (${crossings} OR ${onEdge}) END)`;
}

/**
 * Builds the SQL predicate of a spatial selector for columns `lon`, `lat` (and `xmin…ymax` in `extent` mode):
 * a bbox prefilter the zone maps can prune with, then the exact test (haversine, point in polygon).
 */
export function buildSpatialPredicate(p: SqlParams, s: ResolvedSpatial, mode: SpatialMode): string {
  switch (s.kind) {
    case 'bbox': {
      const [x0, y0, x1, y1] = s.bbox.map((v) => p.double(v)) as [string, string, string, string];
      return mode === 'point'
        ? `("lon" BETWEEN ${x0} AND ${x1} AND "lat" BETWEEN ${y0} AND ${y1})`
        : `("xmax" >= ${x0} AND "xmin" <= ${x1} AND "ymax" >= ${y0} AND "ymin" <= ${y1})`;
    }
    case 'radius': {
      const [dLon, dLat] = radiusBox(s.lat, s.metres);
      const box = `("lon" BETWEEN ${p.double(s.lon - dLon)} AND ${p.double(s.lon + dLon)} AND "lat" BETWEEN ${p.double(s.lat - dLat)} AND ${p.double(s.lat + dLat)})`;
      return `(${box} AND ${haversine(p, s.lon, s.lat)} <= ${p.double(s.metres)})`;
    }
    case 'polygon':
      return polygonPredicate(p, s.polygons);
  }
}
