import type { Crs } from '../crs/gcj02';
import { readCsvPoints } from './read-csv';
import { readGeoJsonFeatures, stringProp } from './read-geojson';

/** A metro station row, matching the `metro_stations` layer columns (before `hkey`). */
export interface MetroStationRow {
  id: string;
  name: string;
  name_en: string | null;
  lines: string | null;
  lon: number;
  lat: number;
}

/** Extracts line numbers ("2号线" → "2") from OSM free-text tags, comma-joined, or null. */
export function parseLines(text: string | null): string | null {
  if (!text) return null;
  const found = [...text.matchAll(/(\d+)\s*号线/g)].map((m) => m[1]!);
  return found.length > 0 ? [...new Set(found)].join(',') : null;
}

/**
 * Loads metro stations: OSM GeoJSON points (ids from `@id`, `node/123` → `osm-node-123`), or a CSV with `lon`,
 * `lat`, `name` and optional `id`, `name_en`, `lines` columns. Coordinates are converted from `crs` to WGS84.
 */
export function loadMetroStations(path: string, crs: Crs = 'wgs84'): MetroStationRow[] {
  if (path.toLowerCase().endsWith('.csv'))
    return readCsvPoints(path, { crs }).map((p, i) => ({
      id: p.props.id || `csv-${i + 1}`,
      name: p.props.name || `station ${i + 1}`,
      name_en: p.props.name_en || null,
      lines: p.props.lines || null,
      lon: p.lon,
      lat: p.lat,
    }));
  const rows: MetroStationRow[] = [];
  for (const f of readGeoJsonFeatures(path, crs)) {
    if (f.geometry?.type !== 'Point') continue;
    const ref = stringProp(f.properties, '@id') ?? `node/${rows.length}`;
    const [lon, lat] = f.geometry.coordinates;
    rows.push({
      id: `osm-${ref.replace('/', '-')}`,
      name: stringProp(f.properties, 'name') ?? stringProp(f.properties, 'name:en') ?? ref,
      name_en: stringProp(f.properties, 'name:en'),
      lines: parseLines(stringProp(f.properties, 'note') ?? stringProp(f.properties, 'name')),
      lon,
      lat,
    });
  }
  return rows;
}
