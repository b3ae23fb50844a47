/**
 * The rain driver: the real UCI hourly series interpolated to 5-minute steps, times a smooth seeded spatial
 * field (±25 %, wavelength ~7 km) so nearby places see similar rain. The same field is written as SQL.
 */

/** Seconds between readings of the 5-minute tables. */
export const STEP_S = 300;
/** Number of 5-minute steps in the replay day. */
export const STEPS_PER_DAY = 288;

/** Linear interpolation of hourly values (value at each hour start; `hourly.length` = hours + 1) to 5-min steps. */
export function interpolateRain(hourly: number[], stepS = STEP_S): number[] {
  const steps = ((hourly.length - 1) * 3600) / stepS;
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    const h = (k * stepS) / 3600;
    const i = Math.floor(h);
    const f = h - i;
    out.push((hourly[i] ?? 0) * (1 - f) + (hourly[i + 1] ?? hourly[i] ?? 0) * f);
  }
  return out;
}

/** Exponentially smoothed copy of a series (time constant `tauS`), modelling runoff lag. */
export function smoothSeries(series: number[], tauS: number, stepS = STEP_S): number[] {
  const a = 1 - Math.exp(-stepS / tauS);
  let s = 0;
  return series.map((v) => {
    s += a * (v - s);
    return s;
  });
}

function phases(seed: number): [number, number] {
  return [((seed % 997) / 997) * 2 * Math.PI, ((seed % 991) / 991) * 2 * Math.PI];
}

/** Spatial rain multiplier at a point (0.75–1.25). */
export function rainFactorAt(lon: number, lat: number, seed: number): number {
  const [p1, p2] = phases(seed);
  return 1 + 0.25 * Math.sin((lon - 121) * 83 + p1) * Math.cos((lat - 31) * 97 + p2);
}

/** SQL expression of `rainFactorAt` over columns named `lon` and `lat` (prefix e.g. `p.`). */
export function rainFactorSql(seed: number, prefix = ''): string {
  const [p1, p2] = phases(seed);
  return `(1 + 0.25 * sin((${prefix}lon - 121) * 83 + ${p1}) * cos((${prefix}lat - 31) * 97 + ${p2}))`;
}
