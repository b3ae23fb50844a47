import type { FloodTeam } from '../generate/emergency';
import { createNodeLocator, type RoadNetwork, shortestPathsFrom, tracePath } from '../generate/road-network';
import type { WaterloggingPoint } from '../generate/waterlogging-points';
import { haversineMeters, type Position } from '../geo/rings';

/** Local time of the rainstorm forecast that triggers pre-deployment: 15:00 (an hour before the 16:00 peak). */
export const FORECAST_STEP = (15 * 3600) / 300;

/** Roads within this distance of another waterlogging-prone point are avoided (they may flood). */
export const AVOID_RADIUS_M = 120;

/** Pump-truck pre-deployment: from `step` on, team i drives `paths[i]` (depot → point) to `targets[i]`. */
export interface PreDeployment {
  step: number;
  /** Per team: index of the point it is sent to, or -1. */
  targets: number[];
  /** Per team: the road path from its depot to the point (empty when not sent). */
  paths: Position[][];
}

/**
 * Plans pre-deployment on the forecast: each underpass (the most flood-prone kind) gets the nearest free team,
 * which drives there along the road network, avoiding roads near the other prone points so that its route stays
 * passable when they flood. Falls back to the straight line where the network has no path.
 */
export function planPreDeployment(
  net: RoadNetwork,
  points: WaterloggingPoint[],
  teams: FloodTeam[],
  step = FORECAST_STEP,
): PreDeployment {
  const targets = teams.map(() => -1);
  const paths: Position[][] = teams.map(() => []);
  const locate = createNodeLocator(net);
  points.forEach((p, pi) => {
    if (p.kind !== 'underpass') return;
    let best = -1;
    let bestD = Number.POSITIVE_INFINITY;
    teams.forEach((t, ti) => {
      const d = haversineMeters([t.lon, t.lat], [p.lon, p.lat]);
      if (targets[ti] === -1 && d < bestD) {
        bestD = d;
        best = ti;
      }
    });
    if (best < 0) return;
    targets[best] = pi;
    const team = teams[best]!;
    const others = points.filter((_, j) => j !== pi);
    const near = (q: Position) => others.some((o) => haversineMeters(q, [o.lon, o.lat]) < AVOID_RADIUS_M);
    const penalised: RoadNetwork = {
      ...net,
      edges: net.edges.map((e) =>
        near(net.nodes[e.a]!) || near(net.nodes[e.b]!) ? { ...e, length: e.length * 1000 } : e,
      ),
    };
    const to = locate([p.lon, p.lat]);
    const from = locate([team.lon, team.lat]);
    const road =
      to !== null && from !== null
        ? (() => {
            const sp = shortestPathsFrom(penalised, [to]);
            return Number.isFinite(sp.dist[from]!) ? tracePath(penalised, sp, from) : [];
          })()
        : [];
    paths[best] = [[team.lon, team.lat], ...road, [p.lon, p.lat]];
  });
  return { step, targets, paths };
}

/** Position at `distM` metres along a path (clamped to its ends). */
export function alongPath(path: Position[], distM: number): Position {
  let rest = Math.max(0, distM);
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const seg = haversineMeters(a, b);
    if (rest <= seg && seg > 0) {
      const f = rest / seg;
      return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
    }
    rest -= seg;
  }
  return path[path.length - 1] ?? [0, 0];
}
