import { lendPolygon, PIP_FUNCTION } from '../db/point-in-polygon-udf';
import { mortonKeyRange } from './morton-ranges';
import { buildPolygonIndex, coarseCellClasses, type PolygonIndex } from './polygon-index';
import type { SpatialSelector } from './request-params';
import type { SqlParams } from './sql-params';

/** Mean earth radius in metres (the one turf uses), for haversine distances. */
export const EARTH_RADIUS_M = 6_371_008.8;

/**
 * How a table's rows are located: `point` tests `lon`/`lat` (points, grid cells, readings); `extent` tests the
 * feature's bbox columns for `bbox` (intersection) and its representative point `lon`/`lat` for radius and polygon.
 */
export type SpatialMode = 'point' | 'extent';

/**
 * A spatial selector whose district has been looked up into polygons; a polygon carries its prepared index when
 * one was built already (off the event loop, or cached per district), else it is built here.
 */
export type ResolvedSpatial =
  | Exclude<SpatialSelector, { kind: 'district' }>
  | { kind: 'polygon'; index: PolygonIndex };

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

function polygonPredicate(
  p: SqlParams,
  s: Extract<ResolvedSpatial, { kind: 'polygon' }>,
  hkey: boolean,
): string {
  const idx = 'index' in s ? s.index : buildPolygonIndex(s.polygons);
  const [x0, y0, x1, y1] = idx.bbox;
  const lent = lendPolygon(idx);
  p.onRelease(lent.release);
  // Coarse classes of the grid's cells (0 outside, 1 inside, 2 boundary) answer most points in DuckDB's own
  // threads, the fine cell found by the same arithmetic as `isPointInIndex`; only points in boundary cells call
  // back into JS (on the event loop), so a district's readings hold up other requests far less.
  const coarse = coarseCellClasses(idx);
  const cell = (v: string, lo: number, d: number) =>
    `CAST(least(${idx.grid - 1}, greatest(0, floor((${v} - ${p.double(lo)}) / ${p.double(d)}))) AS INTEGER) // ${coarse.factor}`;
  const at = `(${cell('"lat"', y0, idx.dy)}) * ${coarse.side} + (${cell('"lon"', x0, idx.dx)}) + 1`;
  return `(${hkeyRange(p, [x0, y0, x1, y1], hkey)}"lon" BETWEEN ${p.double(x0)} AND ${p.double(x1)} AND "lat" BETWEEN ${p.double(y0)} AND ${p.double(y1)} AND CASE list_extract(${p.intList(coarse.classes)}, ${at}) WHEN 0 THEN false WHEN 1 THEN true ELSE ${PIP_FUNCTION}(${p.int(lent.id)}, "lon", "lat") END)`;
}

/**
 * With `hkey`, the range of Morton keys that holds the box, as a leading conjunct: the Parquet telemetry is ordered
 * by (hour, hkey), so row-group statistics on `hkey` prune groups that the lon/lat statistics alone keep (≈ 28 %
 * fewer row groups read for 2 km² truck viewports at city scale). A superset; the lon/lat test stays exact.
 */
function hkeyRange(p: SqlParams, box: [number, number, number, number], hkey: boolean): string {
  if (!hkey) return '';
  const [lo, hi] = mortonKeyRange(box);
  return `"hkey" BETWEEN ${p.bigint(BigInt(lo))} AND ${p.bigint(BigInt(hi))} AND `;
}

/**
 * Builds the SQL predicate of a spatial selector for columns `lon`, `lat` (and `xmin…ymax` in `extent` mode):
 * a bbox prefilter the zone maps can prune with, then the exact test (haversine, point in polygon). With `hkey`
 * (tables with an `hkey` column: readings), the prefilter also bounds the Morton key (see `hkeyRange`).
 */
export function buildSpatialPredicate(
  p: SqlParams,
  s: ResolvedSpatial,
  mode: SpatialMode,
  opts: { hkey?: boolean } = {},
): string {
  const hkey = mode === 'point' && opts.hkey === true;
  switch (s.kind) {
    case 'bbox': {
      const h = hkeyRange(p, s.bbox, hkey);
      const [x0, y0, x1, y1] = s.bbox.map((v) => p.double(v)) as [string, string, string, string];
      return mode === 'point'
        ? `(${h}"lon" BETWEEN ${x0} AND ${x1} AND "lat" BETWEEN ${y0} AND ${y1})`
        : `("xmax" >= ${x0} AND "xmin" <= ${x1} AND "ymax" >= ${y0} AND "ymin" <= ${y1})`;
    }
    case 'radius': {
      const [dLon, dLat] = radiusBox(s.lat, s.metres);
      const h = hkeyRange(p, [s.lon - dLon, s.lat - dLat, s.lon + dLon, s.lat + dLat], hkey);
      const box = `(${h}"lon" BETWEEN ${p.double(s.lon - dLon)} AND ${p.double(s.lon + dLon)} AND "lat" BETWEEN ${p.double(s.lat - dLat)} AND ${p.double(s.lat + dLat)})`;
      return `(${box} AND ${haversine(p, s.lon, s.lat)} <= ${p.double(s.metres)})`;
    }
    case 'polygon':
      return polygonPredicate(p, s, hkey);
  }
}
