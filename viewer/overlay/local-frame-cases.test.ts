import { describe, expect, it } from 'vitest';
import { BUND, createLocalFrame, toLocal, toLocalPositions } from './local-frame';

describe('toLocalPositions', () => {
  it('matches the scalar path for every point of a batch, at ground and at a height', () => {
    const frame = createLocalFrame(BUND.lon, BUND.lat);
    const ll = [121.48, 31.23, 121.52, 31.25, 121.47, 31.26];
    for (const h of [0, 120]) {
      const out = h === 0 ? toLocalPositions(frame, ll) : toLocalPositions(frame, ll, undefined, h);
      expect(out.length).toBe(9);
      for (let i = 0; i < 3; i++) {
        const want = toLocal(frame, ll[2 * i]!, ll[2 * i + 1]!, h);
        for (let k = 0; k < 3; k++)
          expect(out[3 * i + k], `point ${i} axis ${k} h ${h}`).toBeCloseTo(want[k]!, 1);
      }
    }
  });

  it('writes into the array it is given and leaves the rest alone', () => {
    const frame = createLocalFrame(BUND.lon, BUND.lat);
    const out = new Float32Array(6).fill(7);
    expect(toLocalPositions(frame, [BUND.lon, BUND.lat], out)).toBe(out);
    expect([...out].map((v) => v + 0)).toEqual([0, 0, 0, 7, 7, 7]); // + 0 folds −0
  });
});
