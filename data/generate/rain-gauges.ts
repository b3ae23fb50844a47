import { formatId, spreadPick, type WorldContext } from './context';
import { createRng } from './prng';

/** A generated rain gauge. */
export interface RainGauge {
  id: string;
  name: string;
  district: string;
  synthetic: true;
  lon: number;
  lat: number;
}

/** Spreads rain gauges evenly over the network's nodes within the scale's bbox. */
export function generateRainGauges(ctx: WorldContext): RainGauge[] {
  const rng = createRng(ctx.seed, 'rain-gauges');
  const [x0, y0, x1, y1] = ctx.scale.bbox;
  const all = ctx.network.nodes.filter((p) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1);
  const cands = all.filter((_, i) => i % Math.max(1, Math.ceil(all.length / 20_000)) === 0);
  const counts = new Map<string, number>();
  return spreadPick(cands, ctx.scale.rainGauges, rng.int(cands.length)).map((ci, i) => {
    const [lon, lat] = cands[ci]!;
    const district = ctx.districtOf(lon, lat);
    const k = (counts.get(district) ?? 0) + 1;
    counts.set(district, k);
    return {
      id: formatId('rg', i + 1, 3),
      name: `${district || '上海'}${k}号雨量站`,
      district,
      synthetic: true,
      lon,
      lat,
    };
  });
}
