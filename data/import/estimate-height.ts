/**
 * Height estimation for OSM buildings that carry no `height`. Order of evidence: `volume / area` (Tilezen
 * publishes both), then levels × 3.2 m, then a documented default by `kind_detail`, then by `landuse_kind`
 * (the land use the building stands on), then by footprint area. The defaults are round figures close to the
 * measured heights of the same classes in the Bund/Lujiazui extract (median measured height 24 m).
 *
 * Building parts (OSM Simple 3D Buildings) span `min_height`…`height`. A part without a height of its own but with
 * levels stacks them on its `min_height`; otherwise it takes its outline's height when that lies above its
 * `min_height` (F4-style inheritance: a tower split into parts usually tags the height only on the outline);
 * otherwise the class default is stacked on `min_height`. Tilezen's `volume` is footprint area × absolute
 * `height` (checked on the extract's raised parts), so `volume / area` is a top height, not a thickness.
 */

/** Metres per storey used to turn a level count into a height. */
export const METRES_PER_LEVEL = 3.2;

/** Default height (m) by OSM `kind_detail` (the building=* value). */
export const HEIGHT_BY_KIND_DETAIL: Readonly<Record<string, number>> = {
  house: 7,
  shed: 4,
  garage: 3,
  residential: 18,
  apartments: 24,
  commercial: 15,
  retail: 9,
  shop: 8,
  mall: 20,
  office: 30,
  hotel: 36,
  bank: 15,
  school: 15,
  place_of_worship: 15,
  transportation: 10,
  construction: 12,
  attraction: 12,
  tower: 30,
  communications_tower: 30,
  arts_centre: 15,
  embassy: 12,
};

/** Default height (m) by the `landuse_kind` a building stands on. */
export const HEIGHT_BY_LANDUSE: Readonly<Record<string, number>> = {
  garden: 6,
  park: 6,
  forest: 6,
  grass: 6,
  protected_area: 9,
  footway: 6,
  pedestrian: 6,
  parking: 6,
  attraction: 12,
  place_of_worship: 12,
  residential: 18,
  retail: 15,
  commercial: 15,
  school: 15,
  hospital: 24,
};

/** Default height (m) by footprint area (m²), used when nothing else is known: [upper bound, height]. */
export const HEIGHT_BY_AREA: readonly [number, number][] = [
  [50, 4],
  [200, 9],
  [1000, 15],
  [5000, 21],
  [Number.POSITIVE_INFINITY, 24],
];

/** What is known about a building when estimating its height. */
export interface HeightEvidence {
  height: number | null;
  volume: number | null;
  area: number | null;
  levels: number | null;
  kindDetail: string | null;
  landuseKind: string | null;
  /** Footprint area in m² computed from the geometry (used when `area` is absent). */
  footprintArea: number;
  /** OSM `min_height` in metres (bottom of a raised building part); 0 or absent for ground buildings. */
  minHeight?: number;
  /** Height of the outline a building part belongs to, if any (inherited when the part has no evidence). */
  parentHeight?: number | null;
}

/**
 * Returns the top height in metres (> `minHeight`, so every building has a positive thickness) and whether it was
 * measured or estimated.
 */
export function estimateHeight(e: HeightEvidence): { height: number; source: 'measured' | 'estimated' } {
  const min = e.minHeight ?? 0;
  if (e.height !== null && e.height > min) return { height: e.height, source: 'measured' };
  const area = e.area ?? e.footprintArea;
  if (e.volume !== null && e.volume > 0 && area > 0 && e.volume / area > min)
    return { height: e.volume / area, source: 'estimated' };
  if (e.levels !== null && e.levels > 0)
    return { height: min + e.levels * METRES_PER_LEVEL, source: 'estimated' };
  if (e.parentHeight != null && e.parentHeight > min) return { height: e.parentHeight, source: 'estimated' };
  return { height: min + defaultHeight(e.kindDetail, e.landuseKind, area), source: 'estimated' };
}

function defaultHeight(kindDetail: string | null, landuseKind: string | null, area: number): number {
  const byDetail = kindDetail ? HEIGHT_BY_KIND_DETAIL[kindDetail] : undefined;
  if (byDetail) return byDetail;
  const byLanduse = landuseKind ? HEIGHT_BY_LANDUSE[landuseKind] : undefined;
  if (byLanduse) return byLanduse;
  return HEIGHT_BY_AREA.find(([max]) => area < max)![1];
}
