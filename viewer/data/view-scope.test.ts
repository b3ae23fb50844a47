import { describe, expect, it } from 'vitest';
import { orientationOfHeading } from '../overlay/vehicle-models';
import { readingsPlan, scopeBbox, viewScale } from './view-scope';

describe('view scope', () => {
  it('classes camera heights', () => {
    expect([viewScale(1400), viewScale(15_000), viewScale(90_000)]).toEqual(['street', 'district', 'city']);
  });

  it('clips a horizon view to the reach around the camera, adds the margin and snaps outwards', () => {
    // reach 3 km at 120 m: ±0.026949° lat, ±0.031520° lon at 31.236° N → [121.45648, 31.20905, 121.51952,
    // 31.26295]; margin 25 % → [121.44072, 31.195575, 121.53528, 31.276425]; snapped out to 0.005°
    const b = scopeBbox({ lon: 121.488, lat: 31.236, height: 120 }, [100, 0, 140, 60]);
    expect(b).toEqual([121.44, 31.195, 121.54, 31.28]);
  });

  it('keeps a small visible rectangle and moves the bbox only by snap steps', () => {
    // margin 0.0045° → [121.4765, 31.2165, 121.5035, 31.2435] → snapped [121.475, 31.215, 121.505, 31.245]
    const a = scopeBbox({ lon: 121.49, lat: 31.23, height: 1400 }, [121.481, 31.221, 121.499, 31.239]);
    const b = scopeBbox(
      { lon: 121.4901, lat: 31.2301, height: 1400 },
      [121.4811, 31.2211, 121.4991, 31.2391],
    );
    expect(a).toEqual([121.475, 31.215, 121.505, 31.245]);
    expect(b).toEqual(a);
  });

  it('aggregates only high-volume kinds at city zoom', () => {
    expect(readingsPlan('grid', 'city')).toEqual({ kind: 'grid', gridMetres: 500, bucket: '5m' });
    expect(readingsPlan('trips', 'city').kind).toBe('grid');
    expect(readingsPlan('scatterplot', 'city').kind).toBe('raw');
    expect(readingsPlan('grid', 'district').kind).toBe('raw');
  });
});

describe('vehicle orientation', () => {
  it('turns the +X front of a Y-up model to the heading (deck.gl [pitch, yaw, roll])', () => {
    // heading 90° (east): yaw 0 keeps +X east; heading 0° (north): yaw 90° turns +X to +Y (north)
    expect(orientationOfHeading(90)).toEqual([0, 0, 90]);
    expect(orientationOfHeading(0)).toEqual([0, 90, 90]);
    expect(orientationOfHeading(180)).toEqual([0, -90, 90]);
  });
});
