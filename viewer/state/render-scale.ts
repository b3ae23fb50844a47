/** Smallest and largest render scale `?res=` accepts. */
export const RENDER_SCALE_RANGE = [0.25, 2] as const;

/**
 * The render scale from the page URL (`?res=0.5`): the fraction of device pixels the globe and the overlay draw,
 * scaled up by the browser. A wall driven by a weak GPU (or software WebGL in tests) trades sharpness for
 * frames; CSS layout and type are unaffected. Missing or out-of-range values give 1.
 */
export function renderScale(search: string): number {
  const raw = new URLSearchParams(search).get('res');
  if (raw === null) return 1;
  const v = Number(raw);
  return Number.isFinite(v) && v >= RENDER_SCALE_RANGE[0] && v <= RENDER_SCALE_RANGE[1] ? v : 1;
}
