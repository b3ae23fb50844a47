import { formatId, spreadPick, type WorldContext } from './context';
import { createRng } from './prng';

/** A generated evacuation point. */
export interface EvacuationPoint {
  id: string;
  name: string;
  kind: 'school' | 'gym' | 'park' | 'community';
  capacity: number;
  district: string;
  synthetic: true;
  lon: number;
  lat: number;
}

/** A generated flood-response team with its depot. */
export interface FloodTeam {
  id: string;
  name: string;
  unit: string;
  members: number;
  vehicles: number;
  synthetic: true;
  lon: number;
  lat: number;
}

const KIND_NAMES = { school: '学校', gym: '体育馆', park: '公园', community: '社区中心' } as const;
const UNITS = ['区防汛办', '排水公司', '城投水务', '消防救援支队', '市政养护公司', '街道应急分队'];

function nodesInBox(ctx: WorldContext) {
  const [x0, y0, x1, y1] = ctx.scale.bbox;
  const all = ctx.network.nodes.filter((p) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1);
  return all.filter((_, i) => i % Math.max(1, Math.ceil(all.length / 20_000)) === 0);
}

/** Spreads evacuation points (schools, gyms, parks, community centres) over the area with seeded capacities. */
export function generateEvacuationPoints(ctx: WorldContext): EvacuationPoint[] {
  const rng = createRng(ctx.seed, 'evacuation');
  const cands = nodesInBox(ctx);
  const counts = new Map<string, number>();
  return spreadPick(cands, ctx.scale.evacuationPoints, rng.int(cands.length)).map((ci, i) => {
    const [lon, lat] = cands[ci]!;
    const r = rng.next();
    const kind = r < 0.4 ? 'school' : r < 0.7 ? 'community' : r < 0.85 ? 'gym' : 'park';
    const district = ctx.districtOf(lon, lat);
    const k = (counts.get(district) ?? 0) + 1;
    counts.set(district, k);
    const capacity = Math.round(
      kind === 'park' ? rng.range(1000, 5000) : kind === 'gym' ? rng.range(500, 2500) : rng.range(150, 1200),
    );
    return {
      id: formatId('ev', i + 1, 4),
      name: `${district || '上海'}第${k}${KIND_NAMES[kind]}避险点`,
      kind,
      capacity,
      district,
      synthetic: true,
      lon: lon + rng.range(-0.0003, 0.0003),
      lat: lat + rng.range(-0.0003, 0.0003),
    };
  });
}

/** Places flood-response teams at depots spread over the area. */
export function generateFloodTeams(ctx: WorldContext): FloodTeam[] {
  const rng = createRng(ctx.seed, 'teams');
  const cands = nodesInBox(ctx);
  return spreadPick(cands, ctx.scale.floodTeams, rng.int(cands.length)).map((ci, i) => {
    const [lon, lat] = cands[ci]!;
    const unit = UNITS[rng.int(UNITS.length)]!;
    return {
      id: formatId('team', i + 1, 3),
      name: `${ctx.districtOf(lon, lat) || '上海'}${unit}抢险${i + 1}队`,
      unit,
      members: 6 + rng.int(25),
      vehicles: 1 + rng.int(5),
      synthetic: true,
      lon,
      lat,
    };
  });
}
