import { booleanPointInPolygon } from '@turf/turf';
import { Cartesian3, Color, type Entity, PolygonHierarchy } from 'cesium';
import { useEffect, useMemo, useRef } from 'react';
import { useCesium } from 'resium';
import { type AlertLevel, alertRank } from '../../layers';
import type { ActiveAlert } from './alert-feed';
import { levelRgba } from './level-color';

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

const CALM = Color.fromCssColorString('#3a5a86').withAlpha(0.12);
const EDGE = Color.fromCssColorString('#8fb4e3').withAlpha(0.75);

function fill(level: AlertLevel | undefined): Color {
  const c = levelRgba(level);
  return c ? Color.fromBytes(c[0], c[1], c[2], level === 'critical' ? 120 : 95) : CALM;
}

/**
 * Districts on the globe, each filled by its worst active alert (calm blue when none) with a light outline, so
 * the whole city reads at a glance.
 */
export function DistrictShading(props: {
  districts: readonly DistrictFeature[];
  alerts: readonly ActiveAlert[];
}) {
  const { viewer } = useCesium();
  const entities = useRef(new Map<string, Entity[]>());
  const applied = useRef(new Map<string, AlertLevel | undefined>());
  const worst = useMemo(
    () => worstByDistrict(props.districts, props.alerts),
    [props.districts, props.alerts],
  );
  useEffect(() => {
    if (!viewer) return;
    const made = new Map<string, Entity[]>();
    for (const d of props.districts) {
      const name = String(d.properties.name ?? d.id);
      const polys = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
      const list: Entity[] = [];
      for (const rings of polys) {
        const [outer, ...holes] = rings.map((r) => Cartesian3.fromDegreesArray(r.flat()));
        if (!outer) continue;
        list.push(
          viewer.entities.add({
            polygon: {
              hierarchy: new PolygonHierarchy(
                outer,
                holes.map((h) => new PolygonHierarchy(h)),
              ),
              material: CALM,
              height: 0,
            },
          }),
          viewer.entities.add({ polyline: { positions: [...outer, outer[0]!], width: 2, material: EDGE } }),
        );
      }
      made.set(name, list);
    }
    entities.current = made;
    applied.current = new Map();
    viewer.scene.requestRender();
    return () => {
      if (viewer.isDestroyed()) return;
      for (const list of made.values()) for (const e of list) viewer.entities.remove(e);
    };
  }, [viewer, props.districts]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-apply after the district entities are rebuilt
  useEffect(() => {
    if (!viewer) return;
    for (const [name, list] of entities.current) {
      const level = worst.get(name);
      if (applied.current.has(name) && applied.current.get(name) === level) continue;
      applied.current.set(name, level);
      const c = fill(level);
      for (const e of list) if (e.polygon) e.polygon.material = c as never;
    }
    viewer.scene.requestRender();
  }, [viewer, worst, props.districts]);
  return null;
}
