import type { Table } from 'apache-arrow';

/** How to turn a row's geometry columns into a GeoJSON geometry. */
export type GeometryRule = 'point' | 'line' | 'polygon';

/** Columns that are geometry or sort keys, left out of GeoJSON properties. */
export const GEOMETRY_COLUMNS: ReadonlySet<string> = new Set([
  'lon',
  'lat',
  'path',
  'rings',
  'xmin',
  'ymin',
  'xmax',
  'ymax',
  'hkey',
]);

function pairs(flat: ArrayLike<number>): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

type Geometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Twice the signed area of a ring (positive = counter-clockwise). */
function signedArea2(ring: number[][]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    a += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return a;
}

/**
 * Groups the contract's ring list (exteriors counter-clockwise, each followed by its clockwise holes) into a
 * Polygon, or a MultiPolygon when there are several exteriors.
 */
export function buildPolygonGeometry(rings: number[][][]): Geometry {
  const polys: number[][][][] = [];
  for (const ring of rings) {
    if (polys.length === 0 || signedArea2(ring) > 0) polys.push([ring]);
    else polys[polys.length - 1]!.push(ring);
  }
  return polys.length === 1
    ? { type: 'Polygon', coordinates: polys[0]! }
    : { type: 'MultiPolygon', coordinates: polys };
}

/** A GeoJSON Feature as the API writes it. */
export interface GeoJsonFeature {
  type: 'Feature';
  id: string | number;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

/**
 * Converts an Arrow result into GeoJSON Features (the interoperability path: OGC API and `format=geojson`).
 * Timestamps become ISO strings, 64-bit integers numbers; `idOf` names each feature.
 */
export function buildGeoJsonFeatures(
  table: Table,
  rule: GeometryRule,
  idOf: (props: Record<string, unknown>, row: number) => string | number,
): GeoJsonFeature[] {
  const fields = table.schema.fields;
  const cols = fields.map((f) => table.getChild(f.name)!);
  const timestamp = fields.map((f) => String(f.type).startsWith('Timestamp'));
  const lon = table.getChild('lon');
  const lat = table.getChild('lat');
  const path = table.getChild('path');
  const rings = table.getChild('rings');
  const out: GeoJsonFeature[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const props: Record<string, unknown> = {};
    for (let c = 0; c < fields.length; c++) {
      const name = fields[c]!.name;
      if (GEOMETRY_COLUMNS.has(name)) continue;
      let v: unknown = cols[c]!.get(r);
      if (v !== null && timestamp[c]) v = new Date(v as number).toISOString();
      else if (typeof v === 'bigint') v = Number(v);
      props[name] = v;
    }
    let geometry: Geometry | null = null;
    if (rule === 'line' && path) {
      const v = path.get(r);
      if (v) geometry = { type: 'LineString', coordinates: pairs(v.toArray()) };
    } else if (rule === 'polygon' && rings) {
      const v = rings.get(r);
      if (v) geometry = buildPolygonGeometry([...v].map((ring) => pairs(ring!.toArray())));
    } else if (lon && lat) {
      const x = lon.get(r);
      const y = lat.get(r);
      if (x !== null && y !== null) geometry = { type: 'Point', coordinates: [x, y] };
    }
    out[r] = { type: 'Feature', id: idOf(props, r), geometry, properties: props };
  }
  return out;
}
