import { pointInRings } from '../../data/geo/point-in-polygon';
import type { Database } from '../db/database';

/** A place events can happen at: a point, its district and a name for titles. */
export interface Place {
  lon: number;
  lat: number;
  district: string | null;
  name: string;
}

/** District polygons and named places read once from the telemetry database, for locating events. */
export interface TelemetryPlaces {
  /** The district containing a point, or null outside every district. */
  districtOf(lon: number, lat: number): string | null;
  /** Named places by kind: waterlogging points, crowd cells, construction sites, metro stations. */
  anchors: Record<'waterlogging' | 'crowd' | 'construction' | 'metro', Place[]>;
  /** District names with their bounding boxes, for city-wide sampling. */
  districts: { name: string; bbox: [number, number, number, number] }[];
}

interface DistrictShape {
  name: string;
  bbox: [number, number, number, number];
  rings: [number, number][][];
}

const toRing = (flat: number[]): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
};

async function rowsOr(db: Database, sql: string): Promise<Record<string, unknown>[]> {
  try {
    return await db.queryRows(sql);
  } catch {
    return [];
  }
}

/** Loads districts and anchor places from the telemetry database (empty lists where a table is missing). */
export async function loadTelemetryPlaces(db: Database | null): Promise<TelemetryPlaces> {
  const shapes: DistrictShape[] = db
    ? (await rowsOr(db, 'SELECT name, xmin, ymin, xmax, ymax, rings FROM districts ORDER BY name')).map(
        (r) => ({
          name: String(r.name),
          bbox: [Number(r.xmin), Number(r.ymin), Number(r.xmax), Number(r.ymax)],
          rings: (r.rings as number[][]).map(toRing),
        }),
      )
    : [];
  const districtOf = (lon: number, lat: number) =>
    shapes.find(
      (d) =>
        lon >= d.bbox[0] &&
        lon <= d.bbox[2] &&
        lat >= d.bbox[1] &&
        lat <= d.bbox[3] &&
        pointInRings(lon, lat, d.rings),
    )?.name ?? null;
  const places = async (sql: string): Promise<Place[]> =>
    db
      ? (await rowsOr(db, sql)).map((r) => {
          const lon = Number(r.lon);
          const lat = Number(r.lat);
          return { lon, lat, name: String(r.name), district: districtOf(lon, lat) };
        })
      : [];
  return {
    districtOf,
    districts: shapes.map((s) => ({ name: s.name, bbox: s.bbox })),
    anchors: {
      waterlogging: await places('SELECT name, lon, lat FROM waterlogging_points ORDER BY id'),
      crowd: await places('SELECT cell_id AS name, lon, lat FROM crowd_cells ORDER BY cell_id'),
      construction: await places('SELECT name, lon, lat FROM construction_sites ORDER BY id'),
      metro: await places('SELECT name, lon, lat FROM metro_stations ORDER BY name'),
    },
  };
}
