import { haversineMeters, type Position } from '../geo/rings';
import type { ConstructionSite } from './construction-sites';
import { spreadPick, type WorldContext } from './context';
import { createRng } from './prng';
import { shortestPathsFrom, tracePath } from './road-network';

/** A muck truck: register columns plus the trip parameters the SQL position generator reads. */
export interface MuckTruck {
  id: string;
  plate: string;
  company: string;
  site_id: string;
  synthetic: true;
  /** Home position: the gate of the site it serves. */
  lon: number;
  lat: number;
  /** Dense integer index used by the SQL generator. */
  idx: number;
  /** Route it drives; differs from `permittedRouteId` for the few trucks that dump off their permitted route. */
  routeId: number;
  /** The route its site's permit allows (site → nearest disposal point). */
  permittedRouteId: number;
  routeLengthM: number;
  /** Cruise speed (m/s). */
  speedMps: number;
  /** Relative speed wobble amplitude (0–0.5) and cycles per trip. */
  wobble: number;
  dwellLoadS: number;
  dwellUnloadS: number;
  /** Shift start / end in seconds after local midnight (end < start when it runs past midnight). */
  shiftStartS: number;
  shiftEndS: number;
  phaseS: number;
}

/** One route point every `ROUTE_STEP_M` metres: position and the offset to the next point. */
export interface RoutePoint {
  routeId: number;
  i: number;
  lon: number;
  lat: number;
  dlon: number;
  dlat: number;
  heading: number;
}

/** Spacing of resampled route points (m). */
export const ROUTE_STEP_M = 20;
/** Muck trucks may drive 20:00–06:00 local; driving outside this window is an `off_hours` violation. */
export const PERMITTED_HOURS = { fromS: 20 * 3600, toS: 6 * 3600 } as const;

const COMPANIES = [
  '沪通渣土运输有限公司',
  '申城建筑垃圾清运有限公司',
  '浦江运输工程有限公司',
  '城建物流渣土分公司',
  '东海土方工程有限公司',
  '黄浦环境运输有限公司',
  '宝申渣土清运有限公司',
  '闵城土石方有限公司',
];

function resample(path: Position[], step: number): Position[] {
  const out: Position[] = [path[0]!];
  let carry = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const d = haversineMeters(a, b);
    let t = step - carry;
    while (t <= d) {
      const f = t / d;
      out.push([a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]);
      t += step;
    }
    carry = d - (t - step);
  }
  out.push(path.at(-1)!);
  return out;
}

function headingDeg(a: Position, b: Position): number {
  const dx = (b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180);
  const dy = b[1] - a[1];
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

/**
 * Builds the fleet: disposal points spread over the network edges of the area, one route per active site to
 * its nearest disposal point along real (or lattice) roads, resampled every 20 m; trucks are shared among the
 * active sites with seeded speeds, dwell times and (mostly night) shifts; a few speed or start early.
 */
export function generateMuckTrucks(
  ctx: WorldContext,
  sites: ConstructionSite[],
): { trucks: MuckTruck[]; routePoints: RoutePoint[] } {
  const rng = createRng(ctx.seed, 'muck-trucks');
  const net = ctx.network;
  const [x0, y0, x1, y1] = ctx.scale.bbox;
  const inBox = net.nodes
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1);
  const sample = inBox.filter((_, k) => k % Math.max(1, Math.ceil(inBox.length / 20_000)) === 0);
  const disposal = spreadPick(
    sample.map((s) => s.p),
    ctx.scale.disposalPoints,
    rng.int(sample.length),
  ).map((k) => sample[k]!.i);
  const sp = shortestPathsFrom(net, disposal);
  const active = sites.filter((s) => s.status === 'active');
  const routes: { points: Position[]; length: number }[] = [];
  const routeOfSite = new Map<string, number>();
  for (const s of active) {
    const path = tracePath(net, sp, s.node);
    if (path.length < 2) continue;
    const pts = resample(path, ROUTE_STEP_M);
    routeOfSite.set(s.id, routes.length);
    routes.push({ points: pts, length: (pts.length - 1) * ROUTE_STEP_M });
  }
  // Detours: the route from each site to another disposal point (not the permitted one), for the few trucks
  // that dump elsewhere; a separate seeded stream keeps every other truck's parameters unchanged.
  const detourOfSite = new Map<string, number>();
  const rngDetour = createRng(ctx.seed, 'muck-detour');
  if (disposal.length > 1)
    for (const s of active) {
      const permitted = sp.source[s.node] ?? -1;
      const other = disposal[(permitted + 1 + rngDetour.int(disposal.length - 1)) % disposal.length]!;
      const path = tracePath(net, shortestPathsFrom(net, [other]), s.node);
      if (path.length < 2 || !routeOfSite.has(s.id)) continue;
      const pts = resample(path, ROUTE_STEP_M);
      detourOfSite.set(s.id, routes.length);
      routes.push({ points: pts, length: (pts.length - 1) * ROUTE_STEP_M });
    }
  const routePoints: RoutePoint[] = [];
  routes.forEach((r, routeId) => {
    r.points.forEach((p, i) => {
      const q = r.points[Math.min(i + 1, r.points.length - 1)]!;
      const prev = r.points[Math.max(0, i - 1)]!;
      routePoints.push({
        routeId,
        i,
        lon: p[0],
        lat: p[1],
        dlon: q[0] - p[0],
        dlat: q[1] - p[1],
        heading: headingDeg(i + 1 < r.points.length ? p : prev, i + 1 < r.points.length ? q : p),
      });
    });
  });
  const served = active.filter((s) => routeOfSite.has(s.id));
  const trucks: MuckTruck[] = [];
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  for (let k = 0; k < ctx.scale.muckTrucks && served.length > 0; k++) {
    const site = served[k % served.length]!;
    const permittedRouteId = routeOfSite.get(site.id)!;
    const detour = detourOfSite.get(site.id);
    const routeId = detour !== undefined && rngDetour.chance(0.03) ? detour : permittedRouteId;
    const speeder = rng.chance(0.05);
    const early = rng.chance(0.08);
    const start = early ? rng.range(16.5, 19.5) * 3600 : rng.range(20, 22.5) * 3600;
    const end = rng.chance(0.06) ? rng.range(6.5, 8.5) * 3600 : rng.range(3.5, 6) * 3600;
    trucks.push({
      id: `truck-${String(k + 1).padStart(5, '0')}`,
      plate: `沪${letters[rng.int(letters.length)]}·${letters[rng.int(letters.length)]}${String(rng.int(10000)).padStart(4, '0')}`,
      company: COMPANIES[rng.int(COMPANIES.length)]!,
      site_id: site.id,
      synthetic: true,
      lon: routes[routeId]!.points[0]![0],
      lat: routes[routeId]!.points[0]![1],
      idx: k,
      routeId,
      permittedRouteId,
      routeLengthM: routes[routeId]!.length,
      speedMps: (speeder ? rng.range(54, 62) : rng.range(28, 45)) / 3.6,
      wobble: rng.range(0.1, 0.3),
      dwellLoadS: Math.round(rng.range(300, 900)),
      dwellUnloadS: Math.round(rng.range(240, 600)),
      shiftStartS: Math.round(start / 10) * 10,
      shiftEndS: Math.round(end / 10) * 10,
      phaseS: Math.round(rng.range(0, 3600)),
    });
  }
  return { trucks, routePoints };
}
