import { REPLAY_DAY } from '../config/scales';
import { type PolygonGeometry, polygonColumns } from '../geo/geometry-row';
import type { Position } from '../geo/rings';
import { formatId, roadNameAt, type WorldContext } from './context';
import { createRng } from './prng';

/** A generated construction site (feature row fields plus the network node its gate opens onto). */
export interface ConstructionSite extends PolygonGeometry {
  id: string;
  name: string;
  permit_no: string;
  permit_start: number;
  permit_end: number;
  status: 'active' | 'suspended' | 'planned' | 'completed';
  night_work: boolean;
  district: string;
  synthetic: true;
  /** Network node at the site gate. */
  node: number;
}

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;
const localMidnight = (ms: number) => Math.floor((ms + CST_MS) / DAY_MS) * DAY_MS - CST_MS;

/** Places rotated rectangular sites beside random streets, with permit windows around the replay day. */
export function generateConstructionSites(ctx: WorldContext): ConstructionSite[] {
  const rng = createRng(ctx.seed, 'construction');
  const [x0, y0, x1, y1] = ctx.scale.bbox;
  const nodes = ctx.network.nodes
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1);
  const sites: ConstructionSite[] = [];
  const day = REPLAY_DAY.startUtcMs;
  for (let k = 0; k < ctx.scale.constructionSites && nodes.length > 0; k++) {
    const { p, i } = nodes[rng.int(nodes.length)]!;
    const ang = rng.range(0, Math.PI);
    const off = rng.range(50, 90);
    const cosLat = Math.cos((p[1] * Math.PI) / 180);
    const cx = p[0] + (Math.cos(ang + Math.PI / 2) * off) / (111_320 * cosLat);
    const cy = p[1] + (Math.sin(ang + Math.PI / 2) * off) / 111_320;
    const w = rng.range(60, 180) / 2;
    const h = rng.range(40, 110) / 2;
    const corner = (sx: number, sy: number): Position => [
      cx + (Math.cos(ang) * sx * w - Math.sin(ang) * sy * h) / (111_320 * cosLat),
      cy + (Math.sin(ang) * sx * w + Math.cos(ang) * sy * h) / 111_320,
    ];
    const ring = [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1), corner(-1, -1)];
    const roll = rng.next();
    const start = roll < 0.06 ? day + rng.range(5, 60) * DAY_MS : day - rng.range(20, 500) * DAY_MS;
    const end =
      roll >= 0.06 && roll < 0.1 ? day - rng.range(1, 15) * DAY_MS : start + rng.range(200, 900) * DAY_MS;
    const status =
      start > day ? 'planned' : end < day ? 'completed' : rng.chance(0.08) ? 'suspended' : 'active';
    const district = ctx.districtOf(cx, cy);
    const road = roadNameAt(ctx, i);
    sites.push({
      id: formatId('site', k + 1, 4),
      name: `${road ?? district}${road ? '旁' : ''}${k + 1}号地块工程`,
      permit_no: `沪建渣(2013)第${String(1000 + rng.int(9000))}号`,
      permit_start: localMidnight(start),
      permit_end: localMidnight(end),
      status,
      night_work: rng.chance(0.8),
      district,
      synthetic: true,
      ...polygonColumns([[ring]]),
      node: i,
    });
  }
  return sites;
}
