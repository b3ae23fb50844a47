import { describe, expect, it } from 'vitest';
import { mortonKey } from '../../data/geo/morton';
import { mortonKeyRange } from './morton-ranges';

describe('mortonKeyRange', () => {
  it('holds the key of every point in the box, edges included, and stays narrow for small boxes', () => {
    const boxes: [number, number, number, number][] = [
      [121.584, 30.828, 121.6, 30.84],
      [121.4, 31.2, 121.5, 31.3],
      [121.47, 31.23, 121.47, 31.23],
      [120.8, 30.6, 122.2, 31.95],
      [119, 29, 120, 30],
      [121.5, 31.2, 123, 33],
    ];
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (const b of boxes) {
      const [lo, hi] = mortonKeyRange(b);
      for (let i = 0; i < 2000; i++) {
        const lon = b[0] + rnd() * (b[2] - b[0]);
        const lat = b[1] + rnd() * (b[3] - b[1]);
        for (const [x, y] of [
          [lon, lat],
          [b[0], lat],
          [b[2], lat],
          [lon, b[1]],
          [lon, b[3]],
        ] as const) {
          const k = mortonKey(x, y);
          expect(k >= lo && k <= hi).toBe(true);
        }
      }
    }
    const [lo, hi] = mortonKeyRange([121.584, 30.828, 121.6, 30.84]);
    expect(hi - lo).toBeLessThan(2 ** 24);
  });
});
