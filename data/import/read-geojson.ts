import { readFileSync } from 'node:fs';
import { type Crs, toWgs84From } from '../crs/gcj02';

/** A GeoJSON geometry of the kinds the importers accept. */
export type GeoJsonGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'MultiLineString'; coordinates: [number, number][][] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

/** One GeoJSON feature with loose properties. */
export interface GeoJsonFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: GeoJsonGeometry | null;
}

type Coords = number | Coords[];

function convertCoords(c: Coords, conv: (lon: number, lat: number) => [number, number]): Coords {
  if (!Array.isArray(c)) return c;
  if (typeof c[0] === 'number') return conv(c[0] as number, c[1] as number);
  return c.map((x) => convertCoords(x, conv));
}

/** Reads a GeoJSON FeatureCollection, converting coordinates from `crs` to WGS84. */
export function readGeoJsonFeatures(path: string, crs: Crs = 'wgs84'): GeoJsonFeature[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { features?: GeoJsonFeature[] };
  if (!Array.isArray(doc.features)) throw new Error(`${path}: not a GeoJSON FeatureCollection`);
  if (crs === 'wgs84') return doc.features;
  const conv = toWgs84From(crs);
  return doc.features.map((f) =>
    f.geometry
      ? ({
          ...f,
          geometry: { ...f.geometry, coordinates: convertCoords(f.geometry.coordinates as Coords, conv) },
        } as GeoJsonFeature)
      : f,
  );
}

/** Reads a property as a finite number, or null. */
export function numberProp(props: Record<string, unknown>, key: string): number | null {
  const v = props[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

/** Reads a property as a non-empty string, or null. */
export function stringProp(props: Record<string, unknown>, key: string): string | null {
  const v = props[key];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}
