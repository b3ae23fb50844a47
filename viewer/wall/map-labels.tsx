import {
  Cartesian2,
  Cartesian3,
  Color,
  DistanceDisplayCondition,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  NearFarScalar,
  VerticalOrigin,
} from 'cesium';
import { useEffect } from 'react';
import { useCesium } from 'resium';
import type { Lang } from '../../layers';

/** One map label: Chinese name first, the English one under it in English mode. */
export interface MapLabel {
  text: string;
  lon: number;
  lat: number;
  kind: 'district' | 'inner-district' | 'landmark' | 'core' | 'metro' | 'pump';
}

/**
 * Camera distances (m) at which each kind of label shows: districts from far out, landmarks and the core when
 * zoomed to the city centre, station names only close in — so labels never pile up at any zoom.
 */
export const LABEL_RANGES: Record<MapLabel['kind'], [number, number]> = {
  district: [18_000, 2_000_000],
  'inner-district': [9_000, 110_000],
  core: [18_000, 2_000_000],
  landmark: [0, 18_000],
  pump: [0, 9_000],
  metro: [0, 5_000],
};

const STYLE: Record<MapLabel['kind'], { px: number; weight: number; color: string }> = {
  district: { px: 26, weight: 600, color: '#dfe8f5' },
  'inner-district': { px: 22, weight: 600, color: '#dfe8f5' },
  core: { px: 22, weight: 700, color: '#9fe3ff' },
  landmark: { px: 26, weight: 700, color: '#ffffff' },
  pump: { px: 18, weight: 600, color: '#b8f0e0' },
  metro: { px: 17, weight: 500, color: '#c9d3ff' },
};

/** The system CJK font (Debian fonts-noto-cjk); nothing is downloaded at run time. */
const FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

/**
 * Draws map labels with a Cesium LabelCollection (one primitive for all), each kind shown only within its
 * distance range; `scale` multiplies the type size for the wall's resolution.
 */
export function MapLabels({
  labels,
  scale,
  lang,
}: {
  labels: readonly MapLabel[];
  scale: number;
  lang: Lang;
}) {
  const { viewer } = useCesium();
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels are rebuilt on a language switch
  useEffect(() => {
    if (!viewer || labels.length === 0) return;
    const collection = new LabelCollection({ scene: viewer.scene });
    for (const l of labels) {
      const st = STYLE[l.kind];
      const [near, far] = LABEL_RANGES[l.kind];
      collection.add({
        text: l.text,
        position: Cartesian3.fromDegrees(
          l.lon,
          l.lat,
          l.kind === 'district' || l.kind === 'inner-district' || l.kind === 'core' ? 0 : 60,
        ),
        font: `${st.weight} ${Math.round(st.px * scale)}px ${FONT_FAMILY}`,
        fillColor: Color.fromCssColorString(st.color),
        outlineColor: Color.fromCssColorString('#050a14'),
        outlineWidth: Math.max(2, Math.round(3 * scale)),
        style: LabelStyle.FILL_AND_OUTLINE,
        horizontalOrigin: HorizontalOrigin.CENTER,
        verticalOrigin:
          l.kind === 'district' || l.kind === 'inner-district' || l.kind === 'core'
            ? VerticalOrigin.CENTER
            : VerticalOrigin.BOTTOM,
        pixelOffset: l.kind === 'core' ? new Cartesian2(0, 28 * scale) : new Cartesian2(0, -8 * scale),
        distanceDisplayCondition: new DistanceDisplayCondition(near, far),
        scaleByDistance: l.kind === 'district' ? new NearFarScalar(40_000, 1.15, 400_000, 0.8) : undefined,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
    }
    viewer.scene.primitives.add(collection);
    viewer.scene.requestRender();
    const w = window as unknown as { __twin?: Record<string, unknown> };
    w.__twin = { ...(w.__twin ?? {}), labels: collection };
    return () => {
      if (!viewer.isDestroyed()) viewer.scene.primitives.remove(collection);
    };
  }, [viewer, labels, scale, lang]);
  return null;
}
