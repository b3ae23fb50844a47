import type { Text } from '../layers';
import type { Annotation, Scenario, ScenarioCamera, StoryStep, TimelineEvent } from './schema';

/** A filter clause (same shape as the viewer's). */
export type ScenarioFilter = Scenario['layers'][number]['filters'][number];

/** Everything the viewer needs to draw a scenario at one instant. */
export interface ScenarioState {
  /** The instant, ms since epoch, clamped to the window. */
  time: number;
  camera: ScenarioCamera | null;
  /** Visible layer ids, in the scenario's order (the active step's list when it has one). */
  layers: string[];
  opacity: Record<string, number>;
  filters: Record<string, ScenarioFilter[]>;
  /** Style overrides per layer (layer default < scenario < user). */
  styles: Record<string, Record<string, unknown>>;
  /** Index of the active story step, or -1. */
  stepIndex: number;
  caption: { title: Text; narration: Text } | null;
  highlights: StoryStep['highlights'];
  annotations: Annotation[];
  /** "What was known at t": timeline events at or before t, oldest first; nothing from the future. */
  known: TimelineEvent[];
}

const ms = (iso: string) => Date.parse(iso);

/** The camera path: explicit keyframes plus each step's camera at the step's time, ordered by time. */
export function cameraTrack(s: Scenario): { at: number; camera: ScenarioCamera }[] {
  const keys = s.cameraKeyframes.map((k) => ({ at: ms(k.at), camera: k.camera }));
  for (const st of s.steps) if (st.camera) keys.push({ at: ms(st.at), camera: st.camera });
  return keys.map((k, i) => ({ ...k, i })).sort((a, b) => a.at - b.at || a.i - b.i);
}

/** Linear blend of two poses; heading turns the short way round and is normalised to [0, 360). */
export function blendCamera(a: ScenarioCamera, b: ScenarioCamera, f: number): ScenarioCamera {
  const lerp = (x: number, y: number) => x + (y - x) * f;
  const dh = ((((b.heading - a.heading) % 360) + 540) % 360) - 180;
  return {
    lon: lerp(a.lon, b.lon),
    lat: lerp(a.lat, b.lat),
    height: lerp(a.height, b.height),
    heading: (((a.heading + dh * f) % 360) + 360) % 360,
    pitch: lerp(a.pitch, b.pitch),
  };
}

/** The camera at time t: held before the first and after the last keyframe, interpolated linearly between. */
export function cameraAt(s: Scenario, t: number): ScenarioCamera | null {
  const track = cameraTrack(s);
  if (track.length === 0) return null;
  if (t <= track[0]!.at) return track[0]!.camera;
  for (let i = 1; i < track.length; i++) {
    const b = track[i]!;
    if (t < b.at) {
      const a = track[i - 1]!;
      return blendCamera(a.camera, b.camera, (t - a.at) / (b.at - a.at));
    }
  }
  return track[track.length - 1]!.camera;
}

/** Index of the story step active at t: the last step starting at or before t whose `until` (if any) is later. */
export function stepIndexAt(s: Scenario, t: number): number {
  let idx = -1;
  s.steps.forEach((st, i) => {
    if (ms(st.at) <= t && (idx < 0 || ms(st.at) >= ms(s.steps[idx]!.at))) idx = i;
  });
  if (idx < 0) return -1;
  const until = s.steps[idx]!.until;
  return until && t >= ms(until) ? -1 : idx;
}

/** Everything the viewer shows of scenario `s` at time `t` (ms since epoch). Pure: same input, same output. */
export function stateAt(s: Scenario, t: number): ScenarioState {
  const time = Math.min(ms(s.window.to), Math.max(ms(s.window.from), t));
  const stepIndex = stepIndexAt(s, time);
  const step = stepIndex >= 0 ? s.steps[stepIndex]! : null;
  const opacity: Record<string, number> = {};
  const filters: Record<string, ScenarioFilter[]> = {};
  const styles: Record<string, Record<string, unknown>> = {};
  for (const l of s.layers) {
    if (l.opacity !== undefined) opacity[l.id] = l.opacity;
    if (l.filters.length) filters[l.id] = l.filters;
    if (l.style) styles[l.id] = l.style;
  }
  return {
    time,
    camera: cameraAt(s, time),
    layers: step?.layers ?? s.layers.filter((l) => l.visible).map((l) => l.id),
    opacity,
    filters,
    styles,
    stepIndex,
    caption: step ? { title: step.title, narration: step.narration } : null,
    highlights: step?.highlights ?? [],
    annotations: s.annotations.filter((a) => ms(a.from) <= time && (!a.to || time < ms(a.to))),
    known: s.events.filter((e) => ms(e.at) <= time).sort((a, b) => ms(a.at) - ms(b.at)),
  };
}

/** The first timeline event strictly after t (the clock's "jump to next event"), or null. */
export function nextEventAfter(s: Scenario, t: number): TimelineEvent | null {
  let best: TimelineEvent | null = null;
  for (const e of s.events) if (ms(e.at) > t && (!best || ms(e.at) < ms(best.at))) best = e;
  return best;
}

/** The last timeline event strictly before t, or null (jump back). */
export function previousEventBefore(s: Scenario, t: number): TimelineEvent | null {
  let best: TimelineEvent | null = null;
  for (const e of s.events) if (ms(e.at) < t && (!best || ms(e.at) > ms(best.at))) best = e;
  return best;
}
