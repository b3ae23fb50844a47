import { REPLAY_DAY } from '../config/scales';
import { PERMITTED_HOURS, ROUTE_STEP_M } from '../generate/muck-trucks';

/** Ticks (10 s) per hour. */
export const TRUCK_TICKS_PER_HOUR = 360;

/**
 * SQL inserting one hour of `truck_positions` (every 10 s) from `sim_trucks` and `sim_route_pts`, in closed
 * form: each truck cycles load → drive to the disposal point → unload → drive back during its shift, with a
 * sinusoidal speed wobble (position is the integral of the reported speed); off shift it reports parked at its
 * site. Position = route point at the travelled distance (hash join on route × 20 m index) + ±3 m GPS noise.
 * `speeding` above 60 km/h, `off_route` when moving on a route other than the permitted one, `off_hours` when
 * moving outside 20:00–06:00 local.
 */
export function truckPositionsHourSql(
  seed: number,
  hour: number,
  target = 'truck_positions',
  slotSeconds: number | null = null,
): string {
  const k0 = hour * TRUCK_TICKS_PER_HOUR;
  const k1 = k0 + TRUCK_TICKS_PER_HOUR;
  const start = new Date(REPLAY_DAY.startUtcMs).toISOString().replace('T', ' ').replace('Z', '');
  const wob = '(2 * pi() * 3)';
  return `
INSERT INTO ${target}
WITH t AS (
  SELECT tr.*, k.k AS tick, k.k * 10 AS s,
    tr.route_len / tr.speed AS travel
  FROM sim_trucks tr CROSS JOIN range(${k0}, ${k1}) k(k)
), q AS (
  SELECT *,
    CASE WHEN shift_start <= shift_end THEN s >= shift_start AND s < shift_end
         ELSE s >= shift_start OR s < shift_end END AS on_shift,
    (((s - shift_start + 86400) % 86400) + phase) % (dwell_load + dwell_unload + 2 * travel) AS cyc
  FROM t
), m AS (
  SELECT *,
    CASE WHEN NOT on_shift OR cyc < dwell_load THEN 0
         WHEN cyc < dwell_load + travel THEN 1
         WHEN cyc < dwell_load + travel + dwell_unload THEN 2
         ELSE 3 END AS leg,
    CASE WHEN cyc < dwell_load + travel THEN (cyc - dwell_load) / travel
         ELSE (cyc - dwell_load - travel - dwell_unload) / travel END AS f
  FROM q
), d AS (
  SELECT *,
    CASE leg WHEN 0 THEN 0.0 WHEN 2 THEN route_len
      WHEN 1 THEN route_len * (f + wobble / ${wob} * sin(${wob} * f))
      ELSE route_len * (1 - (f + wobble / ${wob} * sin(${wob} * f))) END AS dist,
    CASE WHEN leg IN (1, 3) THEN speed * 3.6 * (1 + wobble * cos(${wob} * f)) ELSE 0.0 END AS v
  FROM m
), j AS (
  SELECT d.*, least(n_pts - 1, greatest(0, floor(dist / ${ROUTE_STEP_M})))::BIGINT AS pidx
  FROM d
), pos AS (
  SELECT j.*, rp.heading,
    rp.lon + (j.dist / ${ROUTE_STEP_M} - j.pidx) * rp.dlon + (u01(${seed}, j.idx, j.tick) - 0.5) * 6e-5 AS plon,
    rp.lat + (j.dist / ${ROUTE_STEP_M} - j.pidx) * rp.dlat + (u01(${seed} + 1, j.idx, j.tick) - 0.5) * 5e-5 AS plat
  FROM j JOIN sim_route_pts rp ON rp.rkey = j.route_id * 1000000 + j.pidx
)
SELECT
  TIMESTAMP '${start}' + to_seconds(s) AS ts,
  truck_id,
  plon AS lon,
  plat AS lat,
  hkey(plon, plat) AS hkey,
  v::FLOAT AS speed_kmh,
  (CASE WHEN leg = 3 THEN (heading + 180) % 360 ELSE heading END)::FLOAT AS heading_deg,
  leg IN (1, 2) AS loaded,
  CASE WHEN v > 60 THEN 'speeding'
       WHEN v > 0 AND route_id <> permitted_route_id THEN 'off_route'
       WHEN v > 0 AND NOT (s >= ${PERMITTED_HOURS.fromS} OR s < ${PERMITTED_HOURS.toS}) THEN 'off_hours'
       END AS violation
FROM pos
ORDER BY ${slotSeconds ? `time_bucket(INTERVAL '${slotSeconds} seconds', ts), ` : ''}hkey, ts, idx;`;
}
