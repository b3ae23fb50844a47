import { rainFactorSql } from './rain-field';

/**
 * SQL inserting `pipe_readings` (every 15 min) from `sim_pipes` × `sim_rain15`: fill ratio rises with the
 * smoothed local rain (regional series × spatial field) scaled by each pipe's load factor, over its dry-weather
 * fill; flow = full-bore capacity × fill^1.6. Rows ordered by (hour, hkey, ts, pipe_id).
 */
export function pipeReadingsSql(seed: number, target = 'pipe_readings'): string {
  return `
INSERT INTO ${target}
SELECT ts, pipe_id, lon, lat, hkey, fill::FLOAT AS fill_ratio, (cap_m3s * pow(fill, 1.6))::FLOAT AS flow_m3s
FROM (
  SELECT s.ts, p.pipe_id, p.lon, p.lat, p.hkey, p.cap_m3s,
    least(1.0, greatest(0.0,
      p.dry + (1 - p.dry) * (1 - exp(-(s.r * ${rainFactorSql(seed, 'p.')} * p.load) / 25.0))
      + 0.03 * (u01(${seed}, p.idx, s.step) - 0.5))) AS fill
  FROM sim_pipes p CROSS JOIN sim_rain15 s
)
ORDER BY date_trunc('hour', ts), hkey, ts, pipe_id;`;
}
