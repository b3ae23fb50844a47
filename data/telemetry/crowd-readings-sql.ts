import { rainFactorSql } from './rain-field';

/**
 * SQL inserting `crowd_readings` (every 5 min) from `sim_cells` × `sim_rain5`: people = commuters (metro peaks
 * 08:30 and 18:00) + visitors (afternoon and evening, kept away by rain) + residents + the riverside evening
 * event surge (20:30), with ±6 % hash noise; density = people / walkable m².
 */
export function crowdReadingsSql(seed: number, target = 'crowd_readings'): string {
  const h = '(s.step / 12.0)';
  const commute = `(0.08 + exp(-pow((${h} - 8.5) / 1.1, 2)) + 0.9 * exp(-pow((${h} - 18.0) / 1.4, 2)) + 0.3 * exp(-pow((${h} - 12.5) / 1.5, 2)))`;
  const leisure = `(0.03 + 0.55 * exp(-pow((${h} - 15.0) / 3.0, 2)) + exp(-pow((${h} - 20.5) / 1.8, 2)))`;
  const resident = `(0.5 + 0.5 * exp(-pow((${h} - 21.0) / 3.5, 2)))`;
  const event = `exp(-pow((${h} - 20.5) / 0.8, 2))`;
  const rain = `(s.r * ${rainFactorSql(seed, 'c.')})`;
  return `
INSERT INTO ${target}
SELECT ts, cell_id, lon, lat, hkey, people::INTEGER AS count, (people / walk_m2)::FLOAT AS density
FROM (
  SELECT s.ts, c.cell_id, c.lon, c.lat, c.hkey, c.walk_m2,
    greatest(0, round((
        c.commute_w * ${commute} / (1 + ${rain} / 40)
      + c.leisure_w * ${leisure} / (1 + ${rain} / 8)
      + c.resident_w * ${resident}
      + c.event_w * ${event} / (1 + ${rain} / 8)
    ) * (1 + 0.12 * (u01(${seed}, c.idx, s.step) - 0.5)))) AS people
  FROM sim_cells c CROSS JOIN sim_rain5 s
)
ORDER BY date_trunc('hour', ts), hkey, ts, cell_id;`;
}
