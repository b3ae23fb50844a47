import { COORDINATE_SYSTEM } from '@deck.gl/core';
import { SolidPolygonLayer } from '@deck.gl/layers';
import { useEffect } from 'react';
import { featuresUrl } from '../data/api';
import { cachedArrowPage } from '../data/arrow-cache';
import { readNumbers, readRings } from '../data/arrow-columns';
import { scopeKey } from '../data/view-scope';
import { useViewScope } from '../globe/view-scope-provider';
import { useOverlay } from './deck-overlay';
import { type LocalFrame, toLocalPositions } from './local-frame';
import { DEPTH_ONLY_PARAMETERS, NO_POLYGON_OFFSET } from './render-kinds';

/** Owner id of the occluder in the overlay (drawn first). */
export const OCCLUDER_ID = '__occluder';

/**
 * Binary extruded footprints for the occluder: exterior rings placed at their part's `min_height` (0 when the
 * column is absent or null), each vertex carrying the extrusion `height - min_height`, so a raised part (a
 * crown on a tower, a skybridge) hides nothing below its base.
 */
export function buildOccluderData(
  table: Parameters<typeof readRings>[0],
  frame: LocalFrame,
): { length: number; startIndices: Uint32Array; positions: Float32Array; elevations: Float32Array } | null {
  const rings = readRings(table, 'rings');
  const heights = readNumbers(table, 'height');
  if (!rings || !heights) return null;
  const bases = readNumbers(table, 'min_height');
  const chosen: number[] = [];
  for (let r = 0; r < rings.ringRow.length; r++) if (rings.exterior[r]) chosen.push(r);
  const startIndices = new Uint32Array(chosen.length + 1);
  let total = 0;
  chosen.forEach((r, k) => {
    startIndices[k] = total;
    total += rings.starts[r + 1]! - rings.starts[r]!;
  });
  startIndices[chosen.length] = total;
  const positions = new Float32Array(total * 3);
  const elevations = new Float32Array(total);
  chosen.forEach((r, k) => {
    const row = rings.ringRow[r]!;
    const top = heights[row] || 0;
    const bottom = Math.min(Math.max(bases?.[row] || 0, 0), top);
    const from = startIndices[k]!;
    const to = startIndices[k + 1]!;
    const ll = rings.coords.subarray(2 * rings.starts[r]!, 2 * rings.starts[r + 1]!);
    toLocalPositions(frame, ll, positions.subarray(3 * from, 3 * to), bottom);
    elevations.fill(top - bottom, from, to);
  });
  return { length: chosen.length, startIndices, positions, elevations };
}

/**
 * Depth for the overlay: the buildings' footprints extruded to their heights, drawn first into deck.gl's
 * depth buffer leaving the colour as it is (`DEPTH_ONLY_PARAMETERS`). Deck features behind a tower (from the camera) then fail the depth
 * test and are hidden, as they would be in Cesium, while Cesium draws the visible tower itself from 3D Tiles.
 * Only the footprints of the view's bbox are fetched, and only at street zoom: from district height up towers
 * are a few pixels and the mask would cost megabytes (6.7 MB at the city dataset's district camera).
 */
export function BuildingOccluder() {
  const overlay = useOverlay();
  const scope = useViewScope();
  const key = scopeKey(scope);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key captures the scope
  useEffect(() => {
    if (!overlay) return;
    if (scope.scale !== 'street') {
      overlay.setLayers(OCCLUDER_ID, []);
      return;
    }
    const ac = new AbortController();
    const url = featuresUrl('buildings', {
      columns: ['id', 'height', 'min_height'],
      bbox: scope.bbox ?? undefined,
      limit: 100_000,
    });
    cachedArrowPage(url, ac.signal)
      .then(({ table: t }) => {
        const d = buildOccluderData(t, overlay.frame);
        if (!d) return;
        overlay.setLayers(OCCLUDER_ID, [
          new SolidPolygonLayer({
            id: OCCLUDER_ID,
            coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
            data: {
              length: d.length,
              startIndices: d.startIndices,
              attributes: {
                getPolygon: { value: d.positions, size: 3 },
                getElevation: { value: d.elevations, size: 1 },
              },
            },
            _normalize: false,
            extruded: true,
            getFillColor: [0, 0, 0, 255],
            pickable: false,
            getPolygonOffset: NO_POLYGON_OFFSET,
            parameters: DEPTH_ONLY_PARAMETERS,
          }),
        ]);
      })
      .catch(() => {
        /* without footprints the overlay simply draws on top: the buildings layer reports its own errors */
      });
    return () => ac.abort();
  }, [overlay, key]);
  useEffect(() => {
    if (!overlay) return;
    return () => overlay.setLayers(OCCLUDER_ID, []);
  }, [overlay]);
  return null;
}
