/**
 * OSM Simple 3D Buildings: an outline (`building=*`) that has `building:part`s is not drawn; its parts are, each
 * from `min_height` to `height`. Parts whose height is only estimated are stopped under any sibling part stacked
 * on top of them, so two solids never share a roof plane (which would z-fight).
 */
import * as turf from '@turf/turf';
import type { BuildingFootprint } from '../building-footprint';

/** Smallest overlap (m²) between two parts' footprints that counts as one standing on the other. */
export const STACK_OVERLAP_M2 = 1;

type Box = [number, number, number, number];

function bboxOf(b: BuildingFootprint): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of b.polygons)
    for (const [lon, lat] of poly[0] ?? []) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
  return box;
}

const boxesMeet = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Overlap area in m² of two footprints (0 when they only touch or turf fails on them). */
export function overlapAreaM2(a: BuildingFootprint, b: BuildingFootprint): number {
  try {
    const inter = turf.intersect(
      turf.featureCollection([turf.multiPolygon(a.polygons), turf.multiPolygon(b.polygons)]),
    );
    return inter ? turf.area(inter) : 0;
  } catch {
    return 0;
  }
}

/**
 * Lowers the top of every estimated part of one building to the lowest `minHeight` of a sibling part that stands
 * on it (footprints overlapping ≥ `STACK_OVERLAP_M2`, bottom above the part's bottom and below its top). Measured
 * heights are kept as tagged. Returns new objects for the parts it changed, the others unchanged.
 */
export function capUnderStackedParts(parts: readonly BuildingFootprint[]): BuildingFootprint[] {
  const boxes = parts.map(bboxOf);
  return parts.map((p, i) => {
    if (p.heightSource === 'measured') return p;
    let top = p.height;
    parts.forEach((q, j) => {
      if (j === i || q.minHeight <= p.minHeight || q.minHeight >= top) return;
      if (!boxesMeet(boxes[i]!, boxes[j]!)) return;
      if (overlapAreaM2(p, q) >= STACK_OVERLAP_M2) top = q.minHeight;
    });
    return top === p.height ? p : { ...p, height: top };
  });
}
