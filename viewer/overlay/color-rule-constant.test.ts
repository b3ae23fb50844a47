import { describe, expect, it } from 'vitest';
import { computeColors } from './color-rule';

describe('computeColors with a constant rule', () => {
  it('paints every row the constant colour even when values are given', () => {
    const out = computeColors({ kind: 'constant', color: [1, 2, 3, 200] }, 2, {
      numbers: new Float64Array([5, 9]),
    });
    expect([...out]).toEqual([1, 2, 3, 200, 1, 2, 3, 200]);
  });
});
