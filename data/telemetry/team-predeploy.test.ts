import { describe, expect, it } from 'vitest';
import type { FloodTeam } from '../generate/emergency';
import { buildRoadNetwork } from '../generate/road-network';
import type { WaterloggingPoint } from '../generate/waterlogging-points';
import { haversineMeters, type Position } from '../geo/rings';
import { AVOID_RADIUS_M, alongPath, planPreDeployment } from './team-predeploy';

// A straight road through a low junction, and a detour 555 m north of it.
const direct: Position[] = [
  [121.0, 31.0],
  [121.01, 31.0],
  [121.02, 31.0],
];
const detour: Position[] = [
  [121.0, 31.0],
  [121.0, 31.005],
  [121.02, 31.005],
  [121.02, 31.0],
];
const point = (id: string, kind: 'underpass' | 'junction', lon: number, lat: number) =>
  ({ id, kind, lon, lat }) as WaterloggingPoint;
const team = (id: string, lon: number, lat: number) => ({ id, lon, lat }) as FloodTeam;
const net = buildRoadNetwork([direct, detour], 200);

describe('pump-truck pre-deployment', () => {
  it('sends the nearest team to each underpass along roads clear of the other prone points', () => {
    const points = [point('u', 'underpass', 121.02, 31.0), point('j', 'junction', 121.01, 31.0)];
    const teams = [team('far', 121.05, 31.05), team('near', 121.0, 31.0)];
    const plan = planPreDeployment(net, points, teams, 180);
    expect(plan.targets).toEqual([-1, 0]);
    expect(plan.paths[0]).toEqual([]);
    const path = plan.paths[1]!;
    expect(path[0]).toEqual([121.0, 31.0]);
    expect(path[path.length - 1]).toEqual([121.02, 31.0]);
    const nearest = Math.min(...path.map((p) => haversineMeters(p, [121.01, 31.0])));
    expect(nearest).toBeGreaterThan(AVOID_RADIUS_M);
  });

  it('takes the direct road when no other prone point lies on it', () => {
    const plan = planPreDeployment(
      net,
      [point('u', 'underpass', 121.02, 31.0)],
      [team('t', 121.0, 31.0)],
      180,
    );
    const path = plan.paths[0]!;
    let len = 0;
    for (let i = 1; i < path.length; i++) len += haversineMeters(path[i - 1]!, path[i]!);
    expect(len).toBeCloseTo(haversineMeters([121.0, 31.0], [121.02, 31.0]), 0);
  });

  it('walks a distance along a path and clamps at its ends', () => {
    const seg = haversineMeters([121.0, 31.0], [121.01, 31.0]);
    const [lon, lat] = alongPath(direct, seg / 2);
    expect(lon).toBeCloseTo(121.005, 9);
    expect(lat).toBeCloseTo(31.0, 9);
    expect(alongPath(direct, -5)).toEqual([121.0, 31.0]);
    expect(alongPath(direct, 1e9)).toEqual([121.02, 31.0]);
  });
});
