import type { TrendPoint } from './wall-feed';

/** SVG polyline points of a day's trend: x over [dayStart, dayStart + 24 h], y from 0 to the series maximum. */
export function trendPoints(points: readonly TrendPoint[], dayStart: number, w: number, h: number): string {
  let max = 0;
  for (const p of points) max = Math.max(max, p[1]);
  return points
    .map(([t, v]) => {
      const x = ((t - dayStart) / 86_400_000) * w;
      const y = h - 1 - (max > 0 ? (v / max) * (h - 2) : 0);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** A day-so-far trend line under a vital sign (hours 0–24 across; no axis text, no hover). */
export function TrendChart(props: {
  points: readonly TrendPoint[];
  dayStart: number;
  now: number;
  color: string;
}) {
  const { points, dayStart, now, color } = props;
  const x = Math.min(240, Math.max(0, ((now - dayStart) / 86_400_000) * 240));
  return (
    <svg className="trend" viewBox="0 0 240 40" preserveAspectRatio="none" role="img" aria-hidden="true">
      <line x1="0" y1="39" x2="240" y2="39" className="trend-axis" />
      {[60, 120, 180].map((gx) => (
        <line key={gx} x1={gx} y1="34" x2={gx} y2="39" className="trend-axis" />
      ))}
      <polyline
        points={trendPoints(points, dayStart, 240, 40)}
        fill="none"
        stroke={color}
        strokeWidth="2.5"
      />
      <line x1={x} y1="0" x2={x} y2="40" className="trend-now" />
    </svg>
  );
}
