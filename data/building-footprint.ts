/**
 * A building (or OSM building part) ready to extrude: merged footprint (all OSM pieces sharing an id), the
 * vertical span `minHeight`…`height` in metres and where the height came from. Produced by data/import (real OSM) and data/generate (synthetic), consumed by the buildings
 * table writer and by tiles/.
 */
export interface BuildingFootprint {
  /** Stable id, e.g. `osm-40778072` or `syn-000123`. */
  id: string;
  /** OSM id when real, else 0. */
  osmId: number;
  name: string | null;
  /** Height of the top above ground in metres (> minHeight). */
  height: number;
  /** Height of the bottom above ground in metres (OSM `min_height`; 0 when absent, > 0 for raised building parts). */
  minHeight: number;
  heightSource: 'measured' | 'estimated';
  levels: number | null;
  /** OSM kind / kind_detail, e.g. `building`, `commercial`, `residential`. */
  kind: string;
  synthetic: boolean;
  /** MultiPolygon coordinates in WGS84: polygons → rings → [lon, lat] positions (RFC 7946 winding, closed rings). */
  polygons: [number, number][][][];
}
