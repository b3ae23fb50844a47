import { Cartesian3 } from 'cesium';
import { describe, expect, it } from 'vitest';
import { lightDirection } from './scene-light';

/** Local east, north and up unit vectors at (lon, lat), written out from their definitions. */
function enuAxes(lon: number, lat: number) {
  const l = (lon * Math.PI) / 180;
  const p = (lat * Math.PI) / 180;
  return {
    east: new Cartesian3(-Math.sin(l), Math.cos(l), 0),
    north: new Cartesian3(-Math.sin(p) * Math.cos(l), -Math.sin(p) * Math.sin(l), Math.cos(p)),
    // the geodetic normal: latitude is its angle with the equator plane
    up: new Cartesian3(Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)),
  };
}

describe('lightDirection', () => {
  it('shines down from the given azimuth and elevation', () => {
    const { east, north, up } = enuAxes(121.47, 31.23);
    const d = lightDirection(121.47, 31.23, 210, 50);
    expect(Cartesian3.magnitude(d)).toBeCloseTo(1, 9);
    // 50° above the horizon: the direction goes down by sin 50°
    expect(Cartesian3.dot(d, up)).toBeCloseTo(-Math.sin((50 * Math.PI) / 180), 6);
    // from azimuth 210° (south-south-west) it travels north-north-east
    const h = Math.cos((50 * Math.PI) / 180);
    expect(Cartesian3.dot(d, north)).toBeCloseTo(-Math.cos((210 * Math.PI) / 180) * h, 6);
    expect(Cartesian3.dot(d, east)).toBeCloseTo(-Math.sin((210 * Math.PI) / 180) * h, 6);
  });

  it('a light straight overhead shines straight down', () => {
    const { up } = enuAxes(0, 0);
    const d = lightDirection(0, 0, 0, 90);
    expect(Cartesian3.dot(d, up)).toBeCloseTo(-1, 9);
  });
});
