import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, isOutsideChina, parseCrs, wgs84ToGcj02 } from './gcj02';

/** Published test vectors of eviltransform (googollee/eviltransform): [wgsLat, wgsLng, gcjLat, gcjLng]. */
const VECTORS: [number, number, number, number][] = [
  [31.1774276, 121.5272106, 31.17530398364597, 121.531541859215], // Shanghai
  [22.543847, 113.912316, 22.540796131694766, 113.9171764808363], // Shenzhen
  [39.911954, 116.377817, 39.91334545536069, 116.38404722455657], // Beijing
];

describe('WGS84 ↔ GCJ-02', () => {
  it('matches the published forward reference points to 1e-9°', () => {
    for (const [wLat, wLon, gLat, gLon] of VECTORS) {
      const [lon, lat] = wgs84ToGcj02(wLon, wLat);
      expect(Math.abs(lon - gLon)).toBeLessThan(1e-9);
      expect(Math.abs(lat - gLat)).toBeLessThan(1e-9);
    }
  });

  it('inverts the reference points to < 1e-7°', () => {
    for (const [wLat, wLon, gLat, gLon] of VECTORS) {
      const [lon, lat] = gcj02ToWgs84(gLon, gLat);
      expect(Math.abs(lon - wLon)).toBeLessThan(1e-7);
      expect(Math.abs(lat - wLat)).toBeLessThan(1e-7);
    }
  });

  it('shifts Shanghai by a few hundred metres, south-east', () => {
    const [lon, lat] = wgs84ToGcj02(121.4903, 31.2397);
    expect(lon - 121.4903).toBeGreaterThan(0.003);
    expect(lat - 31.2397).toBeLessThan(-0.001);
  });

  it('round-trips any point in China to < 1e-7°', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 135, noNaN: true }),
        fc.double({ min: 18, max: 53, noNaN: true }),
        (lon, lat) => {
          const [gLon, gLat] = wgs84ToGcj02(lon, lat);
          const [wLon, wLat] = gcj02ToWgs84(gLon, gLat);
          return Math.abs(wLon - lon) < 1e-7 && Math.abs(wLat - lat) < 1e-7;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves points outside China unchanged', () => {
    for (const [lon, lat] of [
      [2.3522, 48.8566],
      [-74.006, 40.7128],
      [139.6917, 35.6895],
    ] as [number, number][]) {
      expect(isOutsideChina(lon, lat)).toBe(true);
      expect(wgs84ToGcj02(lon, lat)).toEqual([lon, lat]);
      expect(gcj02ToWgs84(lon, lat)).toEqual([lon, lat]);
    }
  });

  it('parses the --crs flag strictly', () => {
    expect(parseCrs(undefined)).toBe('wgs84');
    expect(parseCrs('gcj02')).toBe('gcj02');
    expect(() => parseCrs('bd09')).toThrow('unknown CRS "bd09" (expected wgs84 or gcj02)');
    expect(() => parseCrs('')).toThrow('unknown CRS ""');
    expect(() => parseCrs('WGS84')).toThrow('unknown CRS "WGS84"');
  });
});
