import { Cartesian3, Matrix4, Transforms } from 'cesium';
import { describe, expect, it } from 'vitest';
import {
  BUND,
  createLocalFrame,
  localToEcefMatrix,
  lonLatToEcef,
  toLocal,
  toLocalPositions,
} from './local-frame';

describe('local ENU frame', () => {
  const frame = createLocalFrame(BUND.lon, BUND.lat);

  it('matches Cesium on ECEF and on the ENU→ECEF matrix', () => {
    const c = Cartesian3.fromDegrees(121.5, 31.25, 120);
    const [x, y, z] = lonLatToEcef(121.5, 31.25, 120);
    expect(x).toBeCloseTo(c.x, 4);
    expect(y).toBeCloseTo(c.y, 4);
    expect(z).toBeCloseTo(c.z, 4);
    const m = Matrix4.toArray(
      Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(BUND.lon, BUND.lat, 0)),
    );
    const mine = localToEcefMatrix(frame);
    for (let i = 0; i < 16; i++) expect(mine[i]).toBeCloseTo(m[i]!, 6);
  });

  it('puts east along +x, north along +y and a distant point below the tangent plane', () => {
    const [e, n0] = toLocal(frame, BUND.lon + 0.01, BUND.lat);
    expect(e).toBeGreaterThan(940);
    expect(e).toBeLessThan(960);
    expect(Math.abs(n0)).toBeLessThan(1);
    const [, n, up] = toLocal(frame, BUND.lon, BUND.lat + 0.1);
    expect(n).toBeGreaterThan(11_000);
    // curvature: d²/2R ≈ 11.1 km² / 12.7 Mm ≈ 9.7 m below the plane
    expect(up).toBeLessThan(-9);
    expect(up).toBeGreaterThan(-11);
  });

  it('converts batches to Float32 identically to the scalar path', () => {
    const ll = new Float64Array([121.48, 31.23, 121.52, 31.25]);
    const out = toLocalPositions(frame, ll);
    const b = toLocal(frame, 121.52, 31.25);
    expect(out[3]).toBeCloseTo(b[0], 2);
    expect(out[4]).toBeCloseTo(b[1], 2);
    expect(out[5]).toBeCloseTo(b[2], 2);
  });
});
