import { type FilterOp, isFilterOp, type Lang } from '../../layers';
import { renderScale } from './render-scale';

/** The three ways the viewer is used: the 4K kiosk wall, an analyst at a desk, a planner toggling layers. */
export type Mode = 'wall' | 'analyst' | 'planner';

/** A camera pose: position (degrees, metres above the ellipsoid) and orientation (degrees). */
export interface CameraPose {
  lon: number;
  lat: number;
  height: number;
  heading: number;
  pitch: number;
}

/** One attribute filter on a layer column, as the server's `filter=col:op:value` understands it. */
export interface FilterClause {
  column: string;
  op: FilterOp;
  value: string;
}

/** Everything a URL must carry to reopen the same view. */
export interface ViewState {
  camera: CameraPose;
  /** Ids of visible layers. */
  layers: string[];
  /** Per-layer opacity overrides (0–1); absent means the layer's default. */
  opacity: Record<string, number>;
  filters: Record<string, FilterClause[]>;
  /** Clock time, ms since epoch (UTC). */
  time: number;
  playing: boolean;
  /** Simulated seconds per real second. */
  speed: number;
  lang: Lang;
  mode: Mode;
  /** URLs of 3D Tilesets added next to ours (`?tileset=`, repeatable); absent means none. */
  tilesets?: string[];
  /** Fraction of device pixels the globe and overlay draw (`?res=`, see `renderScale`); absent means 1. */
  renderScale?: number;
}

/**
 * Opening view: the commander's overview from 1.5 km above People's Square side of the Bund, looking east-north-east
 * across the Huangpu bend to Lujiazui, so the whole demo core (Bund, river, Lujiazui) is on one screen.
 */
export const DEFAULT_CAMERA: CameraPose = {
  lon: 121.466,
  lat: 31.229,
  height: 1500,
  heading: 62,
  pitch: -28,
};

/** The demo day's storm: 2013-09-13 16:00 Shanghai time. */
export const DEFAULT_TIME = Date.parse('2013-09-13T08:00:00Z');

const MODES: Mode[] = ['wall', 'analyst', 'planner'];
const round = (x: number, d: number) => Number(x.toFixed(d));

/** Writes the view state as URL query parameters (stable order, compact numbers). */
export function encodeViewState(s: ViewState): string {
  const q = new URLSearchParams();
  const c = s.camera;
  q.set(
    'cam',
    [round(c.lon, 6), round(c.lat, 6), round(c.height, 1), round(c.heading, 2), round(c.pitch, 2)].join(','),
  );
  q.set('layers', s.layers.join(','));
  const op = Object.entries(s.opacity).map(([id, v]) => `${id}:${round(v, 2)}`);
  if (op.length) q.set('opacity', op.join(','));
  for (const [id, clauses] of Object.entries(s.filters))
    for (const f of clauses) q.append('filter', `${id}.${f.column}:${f.op}:${f.value}`);
  q.set('t', new Date(s.time).toISOString().replace('.000Z', 'Z'));
  if (s.playing) q.set('play', '1');
  q.set('speed', String(s.speed));
  q.set('lang', s.lang);
  q.set('mode', s.mode);
  for (const url of s.tilesets ?? []) q.append('tileset', url);
  if (s.renderScale && s.renderScale !== 1) q.set('res', String(s.renderScale));
  return q.toString();
}

/** Reads a view state from URL query parameters, falling back to `defaults` for anything absent or invalid. */
export function decodeViewState(search: string, defaults: ViewState): ViewState {
  const q = new URLSearchParams(search);
  const out: ViewState = structuredClone(defaults);
  const cam = q.get('cam')?.split(',').map(Number);
  if (cam && cam.length === 5 && cam.every(Number.isFinite)) {
    const [lon, lat, height, heading, pitch] = cam as [number, number, number, number, number];
    out.camera = { lon, lat, height, heading, pitch };
  }
  const layers = q.get('layers');
  if (layers !== null) out.layers = layers.split(',').filter(Boolean);
  const opacity = q.get('opacity');
  if (opacity)
    for (const part of opacity.split(',')) {
      const i = part.lastIndexOf(':');
      const v = Number(part.slice(i + 1));
      if (i > 0 && Number.isFinite(v)) out.opacity[part.slice(0, i)] = Math.min(1, Math.max(0, v));
    }
  const filters = q.getAll('filter');
  if (filters.length) out.filters = {};
  for (const f of filters) {
    const m = /^([^.]+)\.([^:]+):([a-z]+):(.*)$/.exec(f);
    const op = m?.[3];
    if (!m || !op || !isFilterOp(op)) continue;
    const list = out.filters[m[1]!] ?? [];
    out.filters[m[1]!] = list;
    list.push({ column: m[2]!, op, value: m[4]! });
  }
  const t = Date.parse(q.get('t') ?? '');
  if (Number.isFinite(t)) out.time = t;
  if (q.has('play')) out.playing = q.get('play') === '1';
  const speed = Number(q.get('speed'));
  if (q.has('speed') && Number.isFinite(speed) && speed > 0) out.speed = speed;
  const lang = q.get('lang');
  if (lang === 'en' || lang === 'zh-CN') out.lang = lang;
  const mode = q.get('mode') as Mode | null;
  if (mode && MODES.includes(mode)) out.mode = mode;
  const tilesets = [...new Set(q.getAll('tileset').filter(isTilesetUrl))];
  if (tilesets.length) out.tilesets = tilesets;
  const res = renderScale(search);
  if (res !== 1) out.renderScale = res;
  return out;
}

/** Whether a string may name a tileset: an absolute http(s) URL or a path on this origin (`/…`). */
export function isTilesetUrl(s: string): boolean {
  if (s.startsWith('/') && !s.startsWith('//')) return true;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The next mode in the cycle wall → analyst → planner (the `M` shortcut). */
export function nextMode(m: Mode): Mode {
  return MODES[(MODES.indexOf(m) + 1) % MODES.length]!;
}
