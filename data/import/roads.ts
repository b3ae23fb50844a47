import type { Crs } from '../crs/gcj02';
import { type LineGeometry, lineColumns } from '../geo/geometry-row';
import { type Position, pathLengthMeters } from '../geo/rings';
import { numberProp, readGeoJsonFeatures, stringProp } from './read-geojson';

/** A road centreline row, matching the `roads` layer columns (before `hkey`). */
export interface RoadRow extends LineGeometry {
  id: string;
  name: string | null;
  kind: string;
  is_bridge: boolean;
  is_tunnel: boolean;
  length_m: number;
  /** Kept for the generators: OSM kind_detail (e.g. `primary`, `footway`, `subway`). */
  kindDetail: string | null;
  synthetic: boolean;
}

const KINDS = new Set(['major_road', 'minor_road', 'path', 'rail', 'ferry']);

/** Builds a road row from one line's positions. */
export function toRoadRow(
  id: string,
  path: Position[],
  attrs: {
    name: string | null;
    kind: string;
    kindDetail: string | null;
    isBridge: boolean;
    isTunnel: boolean;
  },
  synthetic: boolean,
): RoadRow {
  return {
    id,
    name: attrs.name,
    kind: attrs.kind,
    is_bridge: attrs.isBridge,
    is_tunnel: attrs.isTunnel,
    length_m: pathLengthMeters(path),
    ...lineColumns(path),
    kindDetail: attrs.kindDetail,
    synthetic,
  };
}

/**
 * Loads OSM road lines: one row per LineString, MultiLineStrings split into parts; ids are `osm-<id>` with a
 * `-<n>` suffix when one OSM id yields several lines (tile pieces or multi-parts), numbered in file order.
 */
export function loadRoads(path: string, crs: Crs = 'wgs84'): RoadRow[] {
  const features = readGeoJsonFeatures(path, crs);
  const lines: { osmId: number; path: Position[]; props: Record<string, unknown> }[] = [];
  for (const f of features) {
    const g = f.geometry;
    const osmId = numberProp(f.properties, 'id') ?? 0;
    if (g?.type === 'LineString') lines.push({ osmId, path: g.coordinates, props: f.properties });
    else if (g?.type === 'MultiLineString')
      for (const part of g.coordinates) lines.push({ osmId, path: part, props: f.properties });
  }
  const countById = new Map<number, number>();
  for (const l of lines) countById.set(l.osmId, (countById.get(l.osmId) ?? 0) + 1);
  const seen = new Map<number, number>();
  const rows: RoadRow[] = [];
  for (const l of lines) {
    if (l.path.length < 2) continue;
    const n = seen.get(l.osmId) ?? 0;
    seen.set(l.osmId, n + 1);
    const id = countById.get(l.osmId)! > 1 ? `osm-${l.osmId}-${n}` : `osm-${l.osmId}`;
    const kind = stringProp(l.props, 'kind') ?? 'minor_road';
    rows.push(
      toRoadRow(
        id,
        l.path,
        {
          name: stringProp(l.props, 'name'),
          kind: KINDS.has(kind) ? kind : 'minor_road',
          kindDetail: stringProp(l.props, 'kind_detail'),
          isBridge: l.props.is_bridge === true,
          isTunnel: l.props.is_tunnel === true,
        },
        false,
      ),
    );
  }
  return rows;
}
