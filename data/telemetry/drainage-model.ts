/**
 * The drainage simulation, stepped every 5 minutes: station forebays fill with the runoff of their catchment
 * and pumps switch on in stages as the level rises (with hysteresis); waterlogging depth grows with the rain the
 * local inlets cannot take (and with a surcharged station) and drains faster while the station's pumps run.
 */

/** Forebay level (m) with no inflow. */
export const DRY_LEVEL_M = 1.0;
/** Level (m) at which pump k (0-based) starts; it stops 0.4 m lower. */
export const startLevel = (k: number) => 1.6 + 0.4 * k;
/** Level (m) above which the station surcharges the streets upstream. */
export const SURCHARGE_LEVEL_M = 3.5;

/** Parameters of one station's forebay and pumps. */
export interface StationParams {
  pumps: number;
  capacityM3s: number;
  catchmentM2: number;
  runoff: number;
  /** [fromStep, toStep) during which the station is faulted (no pumps), or null. */
  fault: [number, number] | null;
}

/** One station's state at a step. */
export interface StationStep {
  level: number;
  running: number;
  flow: number;
  status: 'running' | 'standby' | 'fault';
}

/** Steps a station through a rain series (mm/h at the station, per 5-min step). */
export function simulateStation(p: StationParams, rainMmH: number[], stepS = 300): StationStep[] {
  const area = Math.max(200, p.capacityM3s * 400);
  const perPump = p.capacityM3s / p.pumps;
  const baseFlow = 0.03 * p.capacityM3s;
  let level = DRY_LEVEL_M;
  let running = 0;
  let inflow = baseFlow;
  const a = 1 - Math.exp(-stepS / 1200);
  return rainMmH.map((r, k) => {
    const target = (p.runoff * r * p.catchmentM2) / 3.6e6 + baseFlow;
    inflow += a * (target - inflow);
    const faulted = p.fault !== null && k >= p.fault[0] && k < p.fault[1];
    if (faulted) running = 0;
    else {
      while (running < p.pumps && level >= startLevel(running)) running++;
      while (running > 0 && level < startLevel(running - 1) - 0.4) running--;
    }
    const out = running * perPump;
    level = Math.min(5, Math.max(0.6, level + ((inflow - out) * stepS) / area - (running === 0 ? 0.002 : 0)));
    return { level, running, flow: out, status: faulted ? 'fault' : running > 0 ? 'running' : 'standby' };
  });
}

/** Parameters of one waterlogging point. */
export interface PointParams {
  kind: 'underpass' | 'junction';
  inletMmH: number;
}

/**
 * Steps a waterlogging point: depth (cm) rises with rain above the inlet capacity (and with the station's
 * surcharge) and falls by natural drainage plus pumping proportional to the share of the station's pumps running.
 */
export function simulateWaterlogging(
  p: PointParams,
  rainMmH: number[],
  pumpShare: number[],
  stationLevel: number[],
  stepS = 300,
): number[] {
  const dtH = stepS / 3600;
  const gain = p.kind === 'underpass' ? 1.4 : 0.7;
  let depth = 0;
  return rainMmH.map((r, k) => {
    const excess = Math.max(0, r - p.inletMmH);
    const surcharge = Math.max(0, (stationLevel[k] ?? 0) - SURCHARGE_LEVEL_M) * 20;
    const drain = 0.35 + 2.5 * (pumpShare[k] ?? 0);
    depth += (gain * excess + surcharge) * dtH - drain * depth * dtH;
    depth = Math.max(0, depth);
    return depth < 0.05 ? 0 : depth;
  });
}
