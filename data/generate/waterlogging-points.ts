import type { Position } from '../geo/rings';
import { PointIndex } from '../geo/spatial-index';
import { formatId, roadNameAt, type WorldContext } from './context';
import { createRng } from './prng';
import type { PumpStation } from './pump-stations';
import { createNodeLocator, shortestPathsFrom } from './road-network';

/** A generated waterlogging-prone point (feature row fields plus simulation parameters). */
export interface WaterloggingPoint {
  id: string;
  name: string;
  kind: 'underpass' | 'junction';
  district: string;
  station_id: string;
  synthetic: true;
  lon: number;
  lat: number;
  stationIndex: number;
  /** Rain rate (mm/h) the local inlets can take before water ponds. */
  inletMmH: number;
}

/**
 * Picks waterlogging points: portals of road tunnels/underpasses first (ends of `is_tunnel` major/minor roads),
 * then dense low junctions (nodes where ≥ 3 streets meet, ranked by a seeded "lowness" score), at least 150 m
 * apart; each is served by the station its node drains to.
 */
export function generateWaterloggingPoints(ctx: WorldContext, stations: PumpStation[]): WaterloggingPoint[] {
  const rng = createRng(ctx.seed, 'waterlogging');
  const n = ctx.scale.waterloggingPoints;
  const taken = new PointIndex<number>(0.003);
  const picks: { p: Position; kind: 'underpass' | 'junction'; name: string | null }[] = [];
  const tryAdd = (p: Position, kind: 'underpass' | 'junction', name: string | null) => {
    if (picks.length >= n || taken.within(p, 150).length > 0) return;
    taken.add(p, picks.length);
    picks.push({ p, kind, name });
  };
  const [x0, y0, x1, y1] = ctx.scale.bbox;
  const inBox = (p: Position) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;
  const portals = ctx.roads.filter(
    (r) => r.is_tunnel && (r.kind === 'major_road' || r.kind === 'minor_road') && r.path.length >= 4,
  );
  const underpassQuota = Math.max(1, Math.round(n * 0.4));
  for (const r of portals) {
    if (picks.length >= underpassQuota) break;
    const ends: Position[] = [
      [r.path[0]!, r.path[1]!],
      [r.path.at(-2)!, r.path.at(-1)!],
    ];
    for (const p of ends) if (inBox(p)) tryAdd(p, 'underpass', r.name);
  }
  const net = ctx.network;
  const junctions = net.nodes
    .map((p, i) => ({ i, p, deg: net.incident[i]!.length, low: rng.next() }))
    .filter((j) => j.deg >= 3 && inBox(j.p))
    .sort((a, b) => b.deg + b.low * 2 - (a.deg + a.low * 2) || a.i - b.i);
  const stride = Math.max(1, Math.floor(junctions.length / (n * 8)));
  for (let k = 0; k < junctions.length && picks.length < n; k += stride) {
    const j = junctions[k]!;
    tryAdd(j.p, 'junction', roadNameAt(ctx, j.i));
  }
  const locate = createNodeLocator(net);
  const sp = shortestPathsFrom(
    net,
    stations.map((s) => s.node),
  );
  return picks.map((pk, i) => {
    const node = locate(pk.p) ?? 0;
    const st = Math.max(0, sp.source[node]!);
    const label = pk.name ?? `${ctx.districtOf(pk.p[0], pk.p[1])}第${i + 1}号`;
    return {
      id: formatId('wl', i + 1, 3),
      name: `${label}${pk.kind === 'underpass' ? '下立交' : '低洼路口'}`,
      kind: pk.kind,
      district: ctx.districtOf(pk.p[0], pk.p[1]),
      station_id: stations[st]!.id,
      synthetic: true,
      lon: pk.p[0],
      lat: pk.p[1],
      stationIndex: st,
      inletMmH: pk.kind === 'underpass' ? rng.range(18, 28) : rng.range(26, 40),
    };
  });
}
