import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BuildingFootprint } from '../building-footprint';
import type { Crs } from '../crs/gcj02';
import { orientPolygon, type Position } from '../geo/rings';
import { estimateHeight } from './estimate-height';
import { type GeoJsonFeature, numberProp, readGeoJsonFeatures, stringProp } from './read-geojson';

type Polys = Position[][][];

function piecesToPolygons(pieces: GeoJsonFeature[]): Polys {
  const polys: Polys = [];
  for (const p of pieces) {
    const g = p.geometry;
    if (g?.type === 'Polygon') polys.push(g.coordinates);
    else if (g?.type === 'MultiPolygon') polys.push(...g.coordinates);
  }
  return polys;
}

/** Unions polygon pieces (cut at vector-tile edges) into one footprint; falls back to the pieces on failure. */
export function mergePieces(polys: Polys): Polys {
  if (polys.length <= 1) return polys;
  const fc = turf.featureCollection(polys.map((c) => turf.polygon(c)));
  let merged: Feature<Polygon | MultiPolygon> | null = null;
  try {
    merged = turf.union(fc);
  } catch {
    merged = null;
  }
  if (!merged) return polys;
  const g = merged.geometry;
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Polys;
}

function firstProp<T>(pieces: GeoJsonFeature[], read: (p: Record<string, unknown>) => T | null): T | null {
  for (const p of pieces) {
    const v = read(p.properties);
    if (v !== null) return v;
  }
  return null;
}

/** Area in m² of a MultiPolygon coordinate list (geodesic, via turf). */
export function footprintAreaM2(polys: Polys): number {
  return polys.reduce((s, c) => s + turf.area(turf.polygon(c)), 0);
}

/**
 * Loads OSM building footprints: merges the pieces that share an OSM `id`, keeps name/height from whichever
 * piece has them, estimates missing heights (see `estimate-height.ts`) and returns them sorted by id.
 */
export async function loadBuildingFootprints(
  path: string,
  opts: { crs?: Crs } = {},
): Promise<BuildingFootprint[]> {
  const features = readGeoJsonFeatures(path, opts.crs ?? 'wgs84');
  const groups = new Map<number, GeoJsonFeature[]>();
  for (const f of features) {
    const id = numberProp(f.properties, 'id');
    if (id === null || !f.geometry) continue;
    const list = groups.get(id);
    if (list) list.push(f);
    else groups.set(id, [f]);
  }
  const out: BuildingFootprint[] = [];
  for (const [osmId, pieces] of groups) {
    const polygons = mergePieces(piecesToPolygons(pieces)).map((p) => orientPolygon(p));
    const levels = firstProp(
      pieces,
      (p) => numberProp(p, 'levels') ?? numberProp(p, 'building:levels') ?? numberProp(p, 'building_levels'),
    );
    const { height, source } = estimateHeight({
      height: firstProp(pieces, (p) => numberProp(p, 'height')),
      volume: firstProp(pieces, (p) => numberProp(p, 'volume')),
      area: firstProp(pieces, (p) => numberProp(p, 'area')),
      levels,
      kindDetail: firstProp(pieces, (p) => stringProp(p, 'kind_detail')),
      landuseKind: firstProp(pieces, (p) => stringProp(p, 'landuse_kind')),
      footprintArea: footprintAreaM2(polygons),
    });
    out.push({
      id: `osm-${osmId}`,
      osmId,
      name: firstProp(pieces, (p) => stringProp(p, 'name')),
      height,
      heightSource: source,
      levels: levels === null ? null : Math.round(levels),
      kind:
        firstProp(pieces, (p) => stringProp(p, 'kind_detail')) ??
        firstProp(pieces, (p) => stringProp(p, 'kind')) ??
        'building',
      synthetic: false,
      polygons,
    });
  }
  out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}
