import type { Crs } from '../crs/gcj02';
import { type PolygonGeometry, polygonColumns } from '../geo/geometry-row';
import { orientPolygon, type Position } from '../geo/rings';
import { numberProp, readGeoJsonFeatures, stringProp } from './read-geojson';

/** A water polygon row, matching the `water` layer columns (before `hkey`). */
export interface WaterRow extends PolygonGeometry {
  id: string;
  name: string | null;
  kind: string;
  /** Kept for the generators: the polygons as positions. */
  polygons: Position[][][];
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
    rows.push({
      id: `osm-${osmId}-${n}`,
      name: stringProp(f.properties, 'name'),
      kind: stringProp(f.properties, 'kind') ?? 'water',
      ...polygonColumns(polygons),
      polygons: polygons.map((p) => orientPolygon(p)),
    });
  }
  return rows;
}
