import * as turf from '@turf/turf';
import type { Crs } from '../crs/gcj02';
import { bboxOf, flattenPath, orientPolygon, type Position } from '../geo/rings';
import { numberProp, readGeoJsonFeatures, stringProp } from './read-geojson';

/** A water polygon row, matching the `water` layer columns (before `hkey`). */
export interface WaterRow {
  id: string;
  name: string | null;
  kind: string;
  rings: number[][];
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  lon: number;
  lat: number;
  /** Kept for the generators: the polygons as positions. */
  polygons: Position[][][];
}

/** Representative point of polygons: turf's point-on-feature (always inside). */
export function representativePoint(polygons: Position[][][]): Position {
  const p = turf.pointOnFeature(turf.multiPolygon(polygons));
  return p.geometry.coordinates as Position;
}

/** Builds a polygon table's geometry columns (`rings`, bbox, lon/lat) from polygons (RFC 7946 winding). */
export function polygonColumns(polygons: Position[][][]) {
  const oriented = polygons.map((p) => orientPolygon(p));
  const [xmin, ymin, xmax, ymax] = bboxOf(oriented.flatMap((p) => p[0]!));
  const [lon, lat] = representativePoint(oriented);
  return { rings: oriented.flatMap((p) => p.map((r) => flattenPath(r))), xmin, ymin, xmax, ymax, lon, lat };
}

/** Loads OSM water polygons (Polygon and MultiPolygon features only; lines and points are skipped). */
export function loadWater(path: string, crs: Crs = 'wgs84'): WaterRow[] {
  const rows: WaterRow[] = [];
  const seen = new Map<number, number>();
  for (const f of readGeoJsonFeatures(path, crs)) {
    const g = f.geometry;
    let polygons: Position[][][];
    if (g?.type === 'Polygon') polygons = [g.coordinates];
    else if (g?.type === 'MultiPolygon') polygons = g.coordinates;
    else continue;
    const osmId = numberProp(f.properties, 'id') ?? 0;
    const n = seen.get(osmId) ?? 0;
    seen.set(osmId, n + 1);
    const cols = polygonColumns(polygons);
    rows.push({
      id: `osm-${osmId}-${n}`,
      name: stringProp(f.properties, 'name'),
      kind: stringProp(f.properties, 'kind') ?? 'water',
      ...cols,
      polygons: polygons.map((p) => orientPolygon(p)),
    });
  }
  return rows;
}
