import type { Rgba } from './types';

/** Colours shared by layers so that the same meaning looks the same everywhere on the wall. */
export const PALETTE = {
  ok: [46, 204, 113, 255] as Rgba,
  info: [52, 152, 219, 255] as Rgba,
  notice: [241, 196, 15, 255] as Rgba,
  warning: [230, 126, 34, 255] as Rgba,
  critical: [231, 76, 60, 255] as Rgba,
  offline: [149, 165, 166, 255] as Rgba,
  water: [64, 164, 223, 255] as Rgba,
  building: [210, 215, 223, 255] as Rgba,
  road: [180, 180, 180, 255] as Rgba,
  district: [255, 255, 255, 200] as Rgba,
  /** Metro stations: calm violet-blue (red and amber are kept for alarms). */
  metro: [140, 156, 255, 255] as Rgba,
  /** Construction sites: calm sand-brown, not an alarm colour. */
  construction: [176, 152, 118, 255] as Rgba,
  truck: [155, 89, 182, 255] as Rgba,
  evacuation: [26, 188, 156, 255] as Rgba,
  team: [41, 128, 185, 255] as Rgba,
  /** A team out on a job: bright cyan, busy but not an alarm. */
  deployed: [0, 214, 255, 255] as Rgba,
} as const;

/** Five-step sequential ramp from pale yellow to deep red, for densities and depths. */
export const HEAT_RAMP: Rgba[] = [
  [255, 255, 178, 255],
  [254, 204, 92, 255],
  [253, 141, 60, 255],
  [240, 59, 32, 255],
  [189, 0, 38, 255],
];

/** Four calm violet steps for quantities below any alert (crowds under the warning density). */
export const CALM_RAMP: Rgba[] = [
  [190, 186, 218, 255],
  [158, 154, 200, 255],
  [128, 125, 186, 255],
  [106, 81, 163, 255],
];

/** Five-step sequential ramp of blues, for rain and fill ratios. */
export const BLUE_RAMP: Rgba[] = [
  [222, 235, 247, 255],
  [158, 202, 225, 255],
  [66, 146, 198, 255],
  [33, 113, 181, 255],
  [8, 48, 107, 255],
];
