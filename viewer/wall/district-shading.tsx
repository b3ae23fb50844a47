import { COORDINATE_SYSTEM } from '@deck.gl/core';
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { booleanPointInPolygon } from '@turf/turf';
import { useEffect, useMemo } from 'react';
import { type AlertLevel, alertRank, type Rgba } from '../../layers';
import { useOverlay } from '../overlay/deck-overlay';
import { toLocal } from '../overlay/local-frame';
import { GROUND_PARAMETERS, NO_POLYGON_OFFSET } from '../overlay/render-kinds';
import type { ActiveAlert } from './alert-feed';
import { levelRgba } from './level-color';

/** Owner id of the district layers in the deck overlay (drawn first, under every layer). */
export const DISTRICT_OWNER = 'wall-districts';

/** A district polygon as GeoJSON (the server's `features?format=geojson` answer for `districts`). */
export interface DistrictFeature {
  type: 'Feature';
  id?: string | number;
  geometry:
    | { type: 'Polygon'; coordinates: number[][][] }
    | { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: { name?: string; name_en?: string; lon?: number; lat?: number } & Record<string, unknown>;
}

/** The worst active alert level per district name (point in polygon of each alert's position). */
export function worstByDistrict(
  districts: readonly DistrictFeature[],
  alerts: readonly ActiveAlert[],
): Map<string, AlertLevel> {
  const out = new Map<string, AlertLevel>();
  for (const a of alerts) {
    if (!Number.isFinite(a.lon) || !Number.isFinite(a.lat)) continue;
    for (const d of districts) {
      const name = String(d.properties.name ?? d.id);
      if (alertRank(a.level) <= alertRank(out.get(name))) continue;
      if (booleanPointInPolygon([a.lon, a.lat], d as never)) out.set(name, a.level);
    }
  }
  return out;
}

const CALM: Rgba = [74, 111, 165, 60];
const EDGE: Rgba = [156, 194, 240, 230];

function fill(level: AlertLevel | undefined): Rgba {
  const c = levelRgba(level);
  return c ? [c[0], c[1], c[2], level === 'critical' ? 130 : 105] : CALM;
}

interface DistrictShape {
  name: string;
  /** Rings (outer first, then holes) in the overlay's local frame. */
  polygon: [number, number, number][][];
}

/**
 * Districts drawn by deck.gl under the wall's layers, each filled by its worst active alert (calm blue when
 * none) with a light outline, so the whole city reads at a glance.
 */
export function DistrictShading(props: {
  districts: readonly DistrictFeature[];
  alerts: readonly ActiveAlert[];
}) {
  const overlay = useOverlay();
  const worst = useMemo(
    () => worstByDistrict(props.districts, props.alerts),
    [props.districts, props.alerts],
  );
  const shapes = useMemo(() => {
    if (!overlay) return [];
    const out: DistrictShape[] = [];
    for (const d of props.districts) {
      const name = String(d.properties.name ?? d.id);
      const polys = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
      for (const rings of polys)
        out.push({
          name,
          polygon: rings.map((r) => r.map(([lon, lat]) => toLocal(overlay.frame, lon!, lat!, 0))),
        });
    }
    return out;
  }, [overlay, props.districts]);
  const key = [...worst].map(([k, v]) => `${k}:${v}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: colours change only when the key (levels) changes
  useEffect(() => {
    if (!overlay) return;
    const common = {
      coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
      getPolygonOffset: NO_POLYGON_OFFSET,
      parameters: GROUND_PARAMETERS,
    } as const;
    overlay.setLayers(DISTRICT_OWNER, [
      new SolidPolygonLayer<DistrictShape>({
        ...common,
        id: `${DISTRICT_OWNER}-fill`,
        data: shapes,
        getPolygon: (d) => d.polygon,
        getFillColor: (d) => fill(worst.get(d.name)),
        updateTriggers: { getFillColor: key },
        _normalize: true,
      }),
      new PathLayer<DistrictShape>({
        ...common,
        id: `${DISTRICT_OWNER}-edge`,
        data: shapes,
        getPath: (d) => d.polygon[0]!,
        getColor: EDGE,
        widthUnits: 'pixels',
        getWidth: 2,
      }),
    ]);
  }, [overlay, shapes, key]);
  useEffect(() => () => overlay?.setLayers(DISTRICT_OWNER, []), [overlay]);
  return null;
}
