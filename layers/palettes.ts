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
  metro: [227, 0, 43, 255] as Rgba,
  construction: [243, 156, 18, 255] as Rgba,
  truck: [155, 89, 182, 255] as Rgba,
  evacuation: [26, 188, 156, 255] as Rgba,
  team: [41, 128, 185, 255] as Rgba,
} as const;

/** Five-step sequential ramp from pale yellow to deep red, for densities and depths. */
export const HEAT_RAMP: Rgba[] = [
  [255, 255, 178, 255],
  [254, 204, 92, 255],
  [253, 141, 60, 255],
  [240, 59, 32, 255],
  [189, 0, 38, 255],
];

/** Five-step sequential ramp of blues, for rain and fill ratios. */
export const BLUE_RAMP: Rgba[] = [
  [222, 235, 247, 255],
  [158, 202, 225, 255],
  [66, 146, 198, 255],
  [33, 113, 181, 255],
  [8, 48, 107, 255],
];
