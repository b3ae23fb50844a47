import type { Bbox } from '../config/scales';
import { pointInFeature } from '../geo/point-in-polygon';
import type { Position } from '../geo/rings';
import type { DistrictRow } from '../import/districts';
import { type RoadRow, toRoadRow } from '../import/roads';
import { createRng } from './prng';

/**
 * Synthesises a road-like lattice over the district polygons where no real roads exist: a jittered grid of
 * `spacingM`, every fourth line a major road, ~8 % of links dropped. Rows are labelled synthetic (`syn-road-…`).
 */
export function generateRoadLattice(opts: {
  districts: DistrictRow[];
  bbox: Bbox;
  spacingM: number;
  exclude: Bbox[];
  seed: number;
}): RoadRow[] {
  const rng = createRng(opts.seed, 'lattice');
  const [x0, y0, x1, y1] = opts.bbox;
  const dLat = opts.spacingM / 111_320;
  const dLon = opts.spacingM / (111_320 * Math.cos((((y0 + y1) / 2) * Math.PI) / 180));
  const nx = Math.ceil((x1 - x0) / dLon);
  const ny = Math.ceil((y1 - y0) / dLat);
  const inside = (p: Position) =>
    !opts.exclude.some(([a, b, c, d]) => p[0] >= a && p[0] <= c && p[1] >= b && p[1] <= d) &&
    opts.districts.some((d) => pointInFeature(p[0], p[1], d));
  const node: (Position | null)[] = [];
  for (let j = 0; j <= ny; j++)
    for (let i = 0; i <= nx; i++) {
      const p: Position = [
        x0 + i * dLon + (rng.next() - 0.5) * 0.25 * dLon,
        y0 + j * dLat + (rng.next() - 0.5) * 0.25 * dLat,
      ];
      node.push(inside(p) ? p : null);
    }
  const at = (i: number, j: number) => node[j * (nx + 1) + i] ?? null;
  const rows: RoadRow[] = [];
  const add = (a: Position, b: Position, major: boolean) => {
    if (rng.chance(0.08)) return;
    rows.push(
      toRoadRow(
        `syn-road-${String(rows.length).padStart(6, '0')}`,
        [a, b],
        {
          name: null,
          kind: major ? 'major_road' : 'minor_road',
          kindDetail: major ? 'secondary' : 'residential',
          isBridge: false,
          isTunnel: false,
        },
        true,
      ),
    );
  };
  for (let j = 0; j <= ny; j++)
    for (let i = 0; i <= nx; i++) {
      const p = at(i, j);
      if (!p) continue;
      const east = i < nx ? at(i + 1, j) : null;
      const north = j < ny ? at(i, j + 1) : null;
      if (east) add(p, east, j % 4 === 0);
      if (north) add(p, north, i % 4 === 0);
    }
  return rows;
}
