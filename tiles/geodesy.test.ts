import { describe, expect, it } from 'vitest';
import {
  buildFrameMatrix,
  createEnuFrame,
  fromEcef,
  invertRigid,
  multiplyMatrices,
  projectToEnu,
  toEcef,
  toRadians,
  transformPoint,
} from './geodesy';

describe('geodesy', () => {
  it('round-trips lon/lat/height through ECEF', () => {
    const [lon, lat, h] = fromEcef(...toEcef(121.5, 31.24, 632));
    expect(lon).toBeCloseTo(toRadians(121.5), 12);
    expect(lat).toBeCloseTo(toRadians(31.24), 12);
    expect(h).toBeCloseTo(632, 5);
  });

  it('puts east, north and up where they belong', () => {
    const f = createEnuFrame(121.5, 31.24);
    const east = projectToEnu(f, 121.501, 31.24, 0);
    const north = projectToEnu(f, 121.5, 31.241, 0);
    const up = projectToEnu(f, 121.5, 31.24, 100);
    expect(east[0]).toBeCloseTo(95.1, 0);
    expect(Math.abs(east[1])).toBeLessThan(0.01);
    expect(north[1]).toBeCloseTo(110.9, 0);
    expect(up[2]).toBeCloseTo(100, 6);
  });

  it('maps ENU back to ECEF with the frame matrix, and inverts it', () => {
    const f = createEnuFrame(121.49, 31.23);
    const m = buildFrameMatrix(f);
    const p = toEcef(121.495, 31.235, 50);
    const enu = projectToEnu(f, 121.495, 31.235, 50);
    const back = transformPoint(m, enu);
    for (let i = 0; i < 3; i++) expect(back[i]).toBeCloseTo(p[i]!, 6);
    const id = multiplyMatrices(invertRigid(m), m);
    id.forEach((v, i) => {
      expect(v).toBeCloseTo(i % 5 === 0 ? 1 : 0, 9);
    });
  });
});
