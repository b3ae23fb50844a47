import { type AlertLevel, PALETTE, type Rgba } from '../../layers';

/** The colour of an alert level from the shared palette (calm: null). */
export function levelRgba(level: AlertLevel | null | undefined): Rgba | null {
  return level ? PALETTE[level] : null;
}

/** CSS colour of an alert level, or `fallback` when calm. */
export function levelCss(level: AlertLevel | null | undefined, fallback = '#e8eef7', alpha = 1): string {
  const c = levelRgba(level);
  return c ? `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})` : fallback;
}
