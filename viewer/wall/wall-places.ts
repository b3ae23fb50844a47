import { type AlertLevel, type Text, t } from '../../layers';
import type { CameraPose } from '../state/view-state';
import type { ActiveAlert } from './alert-feed';

/** A place the wall can fly to: a camera pose with a caption. */
export interface WallStop {
  id: string;
  caption: Text;
  camera: CameraPose;
  /** Set when the stop is an active alert. */
  level?: AlertLevel;
}

/** The whole city (all districts), looking straight down: the wall's opening view. */
export const CITY_STOP: WallStop = {
  id: 'city',
  caption: t('全市总览', 'Whole city'),
  camera: { lon: 121.41, lat: 31.27, height: 125_000, heading: 0, pitch: -90 },
};

/** Shanghai's extent in km (east–west, north–south), the span the city view must hold. */
const CITY_SPAN_KM: [number, number] = [107, 131];

/**
 * Camera height (m) looking straight down that holds the whole city in a map of `w`×`h` pixels: Cesium's 60°
 * field of view spans the larger side, so a 32:9 wall needs more height than a 16:9 screen.
 */
export function cityHeight(w: number, h: number, margin = 1.08): number {
  const big = Math.max(w, h, 1);
  const need = Math.max((CITY_SPAN_KM[0] * big) / Math.max(w, 1), (CITY_SPAN_KM[1] * big) / Math.max(h, 1));
  return ((need * 1000) / (2 * Math.tan(Math.PI / 6))) * margin;
}

/** Oblique view from the south-west at about 1.2 km, `distance` metres back from a point. */
export function lookAt(lon: number, lat: number, height = 1200, heading = 30, pitch = -35): CameraPose {
  // Step back from the target along the heading so the target sits near the screen centre.
  const back = height / Math.tan((-pitch * Math.PI) / 180);
  const h = (heading * Math.PI) / 180;
  const dLat = (-Math.cos(h) * back) / 111_320;
  const dLon = (-Math.sin(h) * back) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { lon: lon + dLon, lat: lat + dLat, height, heading, pitch };
}

/** The key places of the demo core, by keyboard digit 1…n (0 is the whole city). */
export const KEY_PLACES: readonly WallStop[] = [
  { id: 'bund', caption: t('外滩', 'The Bund'), camera: lookAt(121.4905, 31.2397, 1100, 70, -30) },
  { id: 'lujiazui', caption: t('陆家嘴', 'Lujiazui'), camera: lookAt(121.5055, 31.2397, 1500, 250, -32) },
  { id: 'yuyuan', caption: t('豫园', 'Yuyuan Garden'), camera: lookAt(121.4921, 31.2272, 900, 20, -35) },
  {
    id: 'nanjing-road',
    caption: t('南京路步行街', 'Nanjing Road'),
    camera: lookAt(121.4835, 31.2378, 800, 90, -35),
  },
  {
    id: 'core',
    caption: t('外滩—陆家嘴核心区', 'Bund–Lujiazui core'),
    camera: { lon: 121.466, lat: 31.229, height: 1500, heading: 62, pitch: -28 },
  },
];

/** A stop for an active alert: its place, level and rule label as the caption. */
export function alertStop(a: ActiveAlert): WallStop {
  return {
    id: `alert:${a.id}`,
    caption: t(`${a.place} · ${a.label['zh-CN']}`, `${a.place} · ${a.label.en}`),
    camera: lookAt(a.lon, a.lat, 700, 20, -35),
    level: a.level,
  };
}

/**
 * The auto tour: the places that matter now — active alerts first (most severe, newest; one per place, at most
 * `maxAlerts`), then the whole city and the key places.
 */
export function tourStops(alerts: readonly ActiveAlert[], maxAlerts = 4): WallStop[] {
  const seen = new Set<string>();
  const stops: WallStop[] = [];
  for (const a of alerts) {
    if (!Number.isFinite(a.lon) || !Number.isFinite(a.lat)) continue;
    const place = `${a.layer}|${a.place}`;
    if (seen.has(place)) continue;
    seen.add(place);
    stops.push(alertStop(a));
    if (stops.length >= maxAlerts) break;
  }
  return [...stops, CITY_STOP, ...KEY_PLACES];
}
