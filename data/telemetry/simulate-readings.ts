import { REPLAY_DAY } from '../config/scales';
import type { WorldContext } from '../generate/context';
import type { FloodTeam } from '../generate/emergency';
import { createRng } from '../generate/prng';
import { type PumpStation, RUNOFF_COEFFICIENT } from '../generate/pump-stations';
import type { RainGauge } from '../generate/rain-gauges';
import type { WaterloggingPoint } from '../generate/waterlogging-points';
import { haversineMeters } from '../geo/rings';
import { type StationStep, simulateStation, simulateWaterlogging } from './drainage-model';
import { rainFactorAt, STEP_S } from './rain-field';
import { alongPath, type PreDeployment } from './team-predeploy';

/** A reading row keyed by column name; `ts` in epoch milliseconds (UTC). */
export type ReadingRow = Record<string, string | number | boolean | null>;

const tsAt = (k: number) => REPLAY_DAY.startUtcMs + k * STEP_S * 1000;

/** Rain gauge readings: the regional 5-min series × the spatial field × ±8 % seeded gauge noise. */
export function simulateRainReadings(ctx: WorldContext, gauges: RainGauge[]): ReadingRow[] {
  const rng = createRng(ctx.seed, 'rain-readings');
  const rows: ReadingRow[] = [];
  for (const g of gauges) {
    const f = rainFactorAt(g.lon, g.lat, ctx.seed);
    ctx.rain5min.forEach((r, k) => {
      const v = r * f * (1 + 0.08 * (rng.next() * 2 - 1));
      rows.push({
        ts: tsAt(k),
        gauge_id: g.id,
        lon: g.lon,
        lat: g.lat,
        rain_mm_h: Math.round(v * 100) / 100,
      });
    });
  }
  return rows;
}

/** Station readings plus each station's simulated steps (used by the waterlogging points it serves). */
export function simulateStationReadings(
  ctx: WorldContext,
  stations: PumpStation[],
  catchmentM2: number[],
): { rows: ReadingRow[]; steps: StationStep[][] } {
  const rng = createRng(ctx.seed, 'station-readings');
  const rows: ReadingRow[] = [];
  const steps = stations.map((s, i) => {
    const f = rainFactorAt(s.lon, s.lat, ctx.seed);
    const faultStart = rng.chance(0.12) ? rng.int(ctx.rain5min.length - 24) : -1;
    const series = simulateStation(
      {
        pumps: s.pumps_total,
        capacityM3s: s.capacity_m3s,
        catchmentM2: catchmentM2[i] ?? 0,
        runoff: RUNOFF_COEFFICIENT,
        fault: faultStart >= 0 ? [faultStart, faultStart + 12 + rng.int(24)] : null,
      },
      ctx.rain5min.map((r) => r * f),
    );
    series.forEach((st, k) => {
      rows.push({
        ts: tsAt(k),
        station_id: s.id,
        lon: s.lon,
        lat: s.lat,
        status: st.status,
        pumps_running: st.running,
        flow_m3s: Math.round(st.flow * 1000) / 1000,
        forebay_level_m: Math.round(st.level * 1000) / 1000,
      });
    });
    return series;
  });
  return { rows, steps };
}

/** Waterlogging depth readings, driven by local rain and the serving station's pumps and forebay level. */
export function simulateWaterloggingReadings(
  ctx: WorldContext,
  points: WaterloggingPoint[],
  stations: PumpStation[],
  stationSteps: StationStep[][],
): { rows: ReadingRow[]; depths: number[][] } {
  const rows: ReadingRow[] = [];
  const depths = points.map((p) => {
    const st = stationSteps[p.stationIndex] ?? [];
    const pumps = stations[p.stationIndex]?.pumps_total ?? 1;
    const f = rainFactorAt(p.lon, p.lat, ctx.seed);
    const depth = simulateWaterlogging(
      p,
      ctx.rain5min.map((r) => r * f),
      st.map((s) => s.running / pumps),
      st.map((s) => s.level),
    );
    depth.forEach((d, k) => {
      rows.push({ ts: tsAt(k), point_id: p.id, lon: p.lon, lat: p.lat, depth_cm: Math.round(d * 10) / 10 });
    });
    return depth;
  });
  return { rows, depths };
}

/**
 * Flood-team (pump-truck) positions: with a pre-deployment plan, teams set off at the forecast step along their
 * road paths to the flood-prone underpasses and hold there until the water has come and gone (or 3 h passed);
 * any other standby team is sent to the nearest point whose depth reaches 15 cm, drives there at 25 km/h,
 * stays while it is above 5 cm, then drives back to its depot.
 */
export function simulateTeamPositions(
  points: WaterloggingPoint[],
  depths: number[][],
  teams: FloodTeam[],
  steps: number,
  preDeploy?: PreDeployment,
): ReadingRow[] {
  const rows: ReadingRow[] = [];
  const stepM = (25_000 / 3600) * STEP_S;
  const claimed = new Set<number>(preDeploy?.targets.filter((p) => p >= 0));
  const state = teams.map((t) => ({
    lon: t.lon,
    lat: t.lat,
    status: 'standby',
    target: -1,
    road: -1,
    wet: false,
  }));
  for (let k = 0; k < steps; k++) {
    teams.forEach((t, ti) => {
      const s = state[ti]!;
      const planned = preDeploy?.targets[ti] ?? -1;
      if (planned >= 0 && k === preDeploy!.step && s.status === 'standby') {
        s.status = 'deployed';
        s.target = planned;
        s.road = 0;
      }
      if (s.road >= 0) {
        const path = preDeploy!.paths[ti]!;
        if (k > preDeploy!.step) s.road += stepM;
        [s.lon, s.lat] = alongPath(path, s.road);
        const depth = depths[s.target]?.[k] ?? 0;
        if (depth >= 5) s.wet = true;
        if ((s.wet || k >= preDeploy!.step + 36) && depth < 5) {
          claimed.delete(s.target);
          s.status = 'returning';
          s.target = -1;
          s.road = -1;
        }
        rows.push({ ts: tsAt(k), team_id: t.id, lon: s.lon, lat: s.lat, status: s.status });
        return;
      }
      if (s.status === 'standby' && planned < 0) {
        let best = -1;
        let bestD = Number.POSITIVE_INFINITY;
        points.forEach((p, pi) => {
          if (claimed.has(pi) || (depths[pi]?.[k] ?? 0) < 15) return;
          const d = haversineMeters([t.lon, t.lat], [p.lon, p.lat]);
          if (d < bestD) {
            bestD = d;
            best = pi;
          }
        });
        if (best >= 0) {
          claimed.add(best);
          s.status = 'deployed';
          s.target = best;
        }
      }
      const goal = s.status === 'deployed' ? [points[s.target]!.lon, points[s.target]!.lat] : [t.lon, t.lat];
      const d = haversineMeters([s.lon, s.lat], goal as [number, number]);
      if (d > 1) {
        const f = Math.min(1, stepM / d);
        s.lon += (goal[0]! - s.lon) * f;
        s.lat += (goal[1]! - s.lat) * f;
      }
      if (s.status === 'deployed' && d <= stepM && (depths[s.target]?.[k] ?? 0) < 5) {
        claimed.delete(s.target);
        s.status = 'returning';
        s.target = -1;
      } else if (s.status === 'returning' && d <= 1) s.status = 'standby';
      rows.push({ ts: tsAt(k), team_id: t.id, lon: s.lon, lat: s.lat, status: s.status });
    });
  }
  return rows;
}
