import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BuildingFootprint } from '../building-footprint';
import type { Crs } from '../crs/gcj02';
import { orientPolygon, type Position } from '../geo/rings';
import { capUnderStackedParts } from './building-parts';
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

/** True when the pieces of an OSM id are a `building:part` (Tilezen `kind: building_part`). */
export function isBuildingPart(pieces: GeoJsonFeature[]): boolean {
  return firstProp(pieces, (p) => stringProp(p, 'kind')) === 'building_part';
}

/** Merges the pieces of one OSM id into a footprint; a part inherits name, kind and height from `parent`. */
function toFootprint(
  osmId: number,
  pieces: GeoJsonFeature[],
  parent: BuildingFootprint | null,
): BuildingFootprint {
  const polygons = mergePieces(piecesToPolygons(pieces)).map((p) => orientPolygon(p));
  const part = isBuildingPart(pieces);
  const minHeight = Math.max(0, firstProp(pieces, (p) => numberProp(p, 'min_height')) ?? 0);
  const levels = firstProp(
    pieces,
    (p) => numberProp(p, 'levels') ?? numberProp(p, 'building:levels') ?? numberProp(p, 'building_levels'),
  );
  const kindDetail = firstProp(pieces, (p) => stringProp(p, 'kind_detail'));
  const { height, source } = estimateHeight({
    height: firstProp(pieces, (p) => numberProp(p, 'height')),
    volume: firstProp(pieces, (p) => numberProp(p, 'volume')),
    area: firstProp(pieces, (p) => numberProp(p, 'area')),
    levels,
    kindDetail,
    landuseKind: firstProp(pieces, (p) => stringProp(p, 'landuse_kind')),
    footprintArea: footprintAreaM2(polygons),
    minHeight,
    parentHeight: parent?.height ?? null,
  });
  const ownKind = part ? null : firstProp(pieces, (p) => stringProp(p, 'kind'));
  return {
    id: `osm-${osmId}`,
    osmId,
    name: firstProp(pieces, (p) => stringProp(p, 'name')) ?? parent?.name ?? null,
    height,
    minHeight,
    heightSource: source,
    levels: levels === null ? null : Math.round(levels),
    kind: kindDetail ?? ownKind ?? parent?.kind ?? (part ? 'building_part' : 'building'),
    synthetic: false,
    polygons,
  };
}

const byId = (a: BuildingFootprint, b: BuildingFootprint): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Loads OSM buildings: merges the pieces that share an OSM `id`, keeps name/height from whichever piece has them,
 * estimates missing heights (see `estimate-height.ts`) and returns them sorted by id. Per Simple 3D Buildings, an
 * outline that has parts (`root_id` of a `building_part`) is left out and its parts are returned instead, each
 * spanning `minHeight`…`height` (see `building-parts.ts`).
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
  const outlines = new Map<number, BuildingFootprint>();
  const partsByRoot = new Map<number | null, [number, GeoJsonFeature[]][]>();
  for (const [osmId, pieces] of groups) {
    if (!isBuildingPart(pieces)) {
      outlines.set(osmId, toFootprint(osmId, pieces, null));
      continue;
    }
    const root = firstProp(pieces, (p) => numberProp(p, 'root_id'));
    const key = root !== null && groups.has(root) && !isBuildingPart(groups.get(root)!) ? root : null;
    const list = partsByRoot.get(key);
    if (list) list.push([osmId, pieces]);
    else partsByRoot.set(key, [[osmId, pieces]]);
  }
  const out: BuildingFootprint[] = [];
  for (const [root, parts] of partsByRoot) {
    const parent = root === null ? null : outlines.get(root)!;
    const footprints = parts.map(([osmId, pieces]) => toFootprint(osmId, pieces, parent));
    // Parts without a known outline are independent buildings: nothing to stack them against.
    out.push(...(root === null ? footprints : capUnderStackedParts(footprints)));
    if (root !== null) outlines.delete(root);
  }
  out.push(...outlines.values());
  return out.sort(byId);
}
