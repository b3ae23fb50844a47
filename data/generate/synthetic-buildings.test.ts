import { describe, expect, it } from 'vitest';
import { CENTRAL_CITY_BBOX, generateSyntheticBuildings, REAL_CORE_BBOX } from './synthetic-buildings';

function computeSignedArea(ring: [number, number][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s / 2;
}

describe('generateSyntheticBuildings', () => {
  const buildings = generateSyntheticBuildings({ count: 20_000, seed: 42 });

  it('makes exactly the asked count, labelled synthetic, with unique syn- ids', () => {
    expect(buildings.length).toBe(20_000);
    expect(new Set(buildings.map((b) => b.id)).size).toBe(20_000);
    for (const b of buildings) {
      expect(b.id).toMatch(/^syn-\d{6}$/);
      expect(b.synthetic).toBe(true);
      expect(b.osmId).toBe(0);
      expect(b.height).toBeGreaterThan(0);
    }
  });

  it('is deterministic per seed and differs across seeds', () => {
    const again = generateSyntheticBuildings({ count: 20_000, seed: 42 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(buildings));
    const other = generateSyntheticBuildings({ count: 20_000, seed: 43 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(buildings));
  });

  it('writes RFC 7946 polygons: closed rings, CCW outer, CW holes; some holes exist', () => {
    let holes = 0;
    for (const b of buildings) {
      for (const poly of b.polygons) {
        poly.forEach((ring, i) => {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(Math.sign(computeSignedArea(ring))).toBe(i === 0 ? 1 : -1);
          if (i > 0) holes++;
        });
      }
    }
    expect(holes).toBeGreaterThan(100);
  });

  it('spreads over the central city but leaves the real OSM core empty', () => {
    const [w, s, e, n] = CENTRAL_CITY_BBOX;
    const [cw, cs, ce, cn] = REAL_CORE_BBOX;
    let west = Infinity;
    let east = -Infinity;
    for (const b of buildings) {
      for (const [lon, lat] of b.polygons[0]![0]!) {
        expect(lon).toBeGreaterThanOrEqual(w);
        expect(lon).toBeLessThanOrEqual(e);
        expect(lat).toBeGreaterThanOrEqual(s);
        expect(lat).toBeLessThanOrEqual(n);
        expect(lon > cw && lon < ce && lat > cs && lat < cn).toBe(false);
        west = Math.min(west, lon);
        east = Math.max(east, lon);
      }
    }
    expect(east - west).toBeGreaterThan(0.12);
  });

  it("is taller near the CBDs (People's Square, Jing'an, Xujiahui) than far from them", () => {
    const centres = [
      [121.475, 31.232],
      [121.448, 31.228],
      [121.437, 31.195],
    ] as const;
    const near: number[] = [];
    const far: number[] = [];
    for (const b of buildings) {
      const [lon, lat] = b.polygons[0]![0]![0]!;
      const d = Math.min(...centres.map(([x, y]) => Math.hypot((lon - x) * 95_200, (lat - y) * 110_574)));
      if (d < 1000) near.push(b.height);
      else if (d > 4000) far.push(b.height);
    }
    const mean = (xs: number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;
    expect(near.length).toBeGreaterThan(200);
    expect(mean(near)).toBeGreaterThan(1.5 * mean(far)); // measured ≈ 1.8 for seed 42
  });
});
