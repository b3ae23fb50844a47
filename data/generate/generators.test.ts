import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES, loadWorld } from '../build/load-world';
import { SCALES } from '../config/scales';
import { haversineMeters } from '../geo/rings';
import type { WorldContext } from './context';
import { generateDrainagePipes } from './drainage-pipes';
import { createRng } from './prng';
import { placePumpStations, sizeStations } from './pump-stations';
import { cutPolyline } from './road-network';
import { generateWaterloggingPoints } from './waterlogging-points';

let ctx: WorldContext;
beforeAll(() => {
  ctx = loadWorld(SCALES.demo, 42, DEFAULT_SOURCES);
});

describe('seeded PRNG', () => {
  it('repeats per seed and label, differs across them, stays in [0, 1)', () => {
    const seq = (s: number, l: string) => Array.from({ length: 5 }, createRng(s, l).next);
    expect(seq(1, 'a')).toEqual(seq(1, 'a'));
    expect(seq(1, 'a')).not.toEqual(seq(2, 'a'));
    expect(seq(1, 'a')).not.toEqual(seq(1, 'b'));
    const r = createRng(3);
    for (let i = 0; i < 10_000; i++) {
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});

describe('road network and drainage generators (demo scale)', () => {
  it('cuts polylines into pieces no longer than the manhole spacing, keeping total length', () => {
    const line: [number, number][] = [
      [121.48, 31.23],
      [121.49, 31.23],
      [121.49, 31.24],
    ];
    const pieces = cutPolyline(line, 80);
    const len = (p: [number, number][]) => p.slice(1).reduce((s, q, i) => s + haversineMeters(p[i]!, q), 0);
    for (const p of pieces) expect(len(p)).toBeLessThanOrEqual(80.01);
    expect(pieces.reduce((s, p) => s + len(p), 0)).toBeCloseTo(len(line), 3);
  });

  it('places stations near the river and creeks', () => {
    const stations = placePumpStations(ctx);
    expect(stations.length).toBe(SCALES.demo.pumpStations);
    const water = ctx.water.filter((w) => w.kind !== 'swimming_pool');
    for (const s of stations) {
      const d = Math.min(
        ...water.flatMap((w) =>
          w.polygons.flatMap((p) => p[0]!.map((q) => haversineMeters([s.lon, s.lat], q))),
        ),
      );
      expect(d).toBeLessThan(260);
    }
  });

  it('lays pipes as trees draining to stations, diameters growing downstream', () => {
    const stations = placePumpStations(ctx);
    const { pipes, catchmentM2 } = generateDrainagePipes(ctx, stations);
    sizeStations(stations, catchmentM2, ctx.seed);
    expect(pipes.length).toBe(ctx.network.edges.length);
    const outlets = new Set(stations.map((s) => `mh-${String(s.node).padStart(6, '0')}`));
    const byUpstream = new Map<string, (typeof pipes)[number][]>();
    for (const p of pipes) byUpstream.set(p.upstream_node, [...(byUpstream.get(p.upstream_node) ?? []), p]);
    let reached = 0;
    for (const start of pipes) {
      let node = start.downstream_node;
      let maxD = start.diameter_mm;
      for (let hop = 0; hop < 10_000 && !outlets.has(node); hop++) {
        const next = byUpstream.get(node);
        if (!next) break;
        const widest = next.reduce((a, b) => (b.diameter_mm > a.diameter_mm ? b : a));
        maxD = Math.max(maxD, widest.diameter_mm);
        node = widest.downstream_node;
      }
      if (outlets.has(node)) reached++;
      expect(maxD).toBeGreaterThanOrEqual(start.diameter_mm);
    }
    expect(reached / pipes.length).toBeGreaterThan(0.99);
    const outfallDiam = pipes.filter((p) => outlets.has(p.downstream_node)).map((p) => p.diameter_mm);
    const median = [...pipes.map((p) => p.diameter_mm)].sort((a, b) => a - b)[pipes.length >> 1]!;
    expect(Math.max(...outfallDiam)).toBeGreaterThan(median);
    for (const s of stations) expect(s.capacity_m3s).toBeGreaterThan(0);
  });

  it('finds underpass waterlogging points at tunnel portals', () => {
    const stations = placePumpStations(ctx);
    const points = generateWaterloggingPoints(ctx, stations);
    expect(points.length).toBe(SCALES.demo.waterloggingPoints);
    expect(points.some((p) => p.kind === 'underpass')).toBe(true);
    expect(points.some((p) => p.kind === 'junction')).toBe(true);
    for (const p of points) expect(stations.map((s) => s.id)).toContain(p.station_id);
  });
});
