import { describe, expect, it } from 'vitest';
import type { ColorRule } from '../../layers';
import { categoryKeys, computeColors, thresholdColor, toCss } from './color-rule';

const category: ColorRule = {
  kind: 'category',
  by: 'status',
  colors: { a: [1, 2, 3, 255], b: [4, 5, 6, 100] },
  fallback: [9, 9, 9, 50],
};
const threshold: Extract<ColorRule, { kind: 'threshold' }> = {
  kind: 'threshold',
  by: 'depth',
  stops: [
    { value: 0, color: [10, 0, 0, 255] },
    { value: 5, color: [20, 0, 0, 255] },
    { value: 10, color: [30, 0, 0, 200] },
  ],
};
const rgba = (out: Uint8Array) =>
  Array.from({ length: out.length / 4 }, (_, i) => Array.from(out.subarray(4 * i, 4 * i + 4)));

describe('colour rules, hand-computed', () => {
  it('category keys keep the declared order; other rules have none', () => {
    expect(categoryKeys(category)).toEqual(['a', 'b']);
    expect(categoryKeys(threshold)).toEqual([]);
    expect(categoryKeys({ kind: 'constant', color: [1, 1, 1, 1] })).toEqual([]);
  });

  it('category codes pick the palette, negative codes and no input the fallback; alpha is scaled and rounded', () => {
    expect(rgba(computeColors(category, 4, { codes: Int16Array.from([1, 0, -1, 1]) }))).toEqual([
      [4, 5, 6, 100],
      [1, 2, 3, 255],
      [9, 9, 9, 50],
      [4, 5, 6, 100],
    ]);
    expect(rgba(computeColors(category, 2, null))).toEqual([
      [9, 9, 9, 50],
      [9, 9, 9, 50],
    ]);
    expect(rgba(computeColors(category, 1, { numbers: Float64Array.from([1]) }))).toEqual([[9, 9, 9, 50]]);
    expect(rgba(computeColors(category, 2, { codes: Int16Array.from([0, 1]) }, 0.5))).toEqual([
      [1, 2, 3, 128],
      [4, 5, 6, 50],
    ]);
    expect(computeColors(category, 0, { codes: new Int16Array(0) })).toEqual(new Uint8Array(0));
  });

  it('threshold: a value at a stop takes that stop; below the first, the first; NaN grey; no input grey', () => {
    expect(thresholdColor(threshold, -1)).toEqual([10, 0, 0, 255]);
    expect(thresholdColor(threshold, 0)).toEqual([10, 0, 0, 255]);
    expect(thresholdColor(threshold, 4.999)).toEqual([10, 0, 0, 255]);
    expect(thresholdColor(threshold, 5)).toEqual([20, 0, 0, 255]);
    expect(thresholdColor(threshold, 10)).toEqual([30, 0, 0, 200]);
    expect(thresholdColor({ ...threshold, stops: [] }, 3)).toEqual([128, 128, 128, 255]);
    expect(
      rgba(computeColors(threshold, 3, { numbers: Float64Array.from([7, Number.NaN, 12]) }, 0.5)),
    ).toEqual([
      [20, 0, 0, 128],
      [150, 150, 150, 60],
      [30, 0, 0, 100],
    ]);
    expect(rgba(computeColors(threshold, 1, null))).toEqual([[150, 150, 150, 160]]);
    expect(rgba(computeColors(threshold, 1, { codes: Int16Array.from([2]) }))).toEqual([
      [150, 150, 150, 120],
    ]);
  });

  it('threshold rows: a value exactly at a stop takes that stop, just below it the one before', () => {
    const values = [0, 5, 10, -0.5, 4.999, 9.999, 1e9, -Infinity, Infinity];
    expect(rgba(computeColors(threshold, values.length, { numbers: Float64Array.from(values) }))).toEqual([
      [10, 0, 0, 255],
      [20, 0, 0, 255],
      [30, 0, 0, 200],
      [10, 0, 0, 255],
      [10, 0, 0, 255],
      [20, 0, 0, 255],
      [30, 0, 0, 200],
      [10, 0, 0, 255],
      [30, 0, 0, 200],
    ]);
  });

  it('a threshold rule without stops paints every row with a value opaque grey, NaN rows translucent grey', () => {
    const none = { ...threshold, stops: [] };
    expect(rgba(computeColors(none, 3, { numbers: Float64Array.from([-5, Number.NaN, 1e6]) }))).toEqual([
      [128, 128, 128, 255],
      [150, 150, 150, 120],
      [128, 128, 128, 255],
    ]);
  });

  it('constant rules colour every row', () => {
    expect(rgba(computeColors({ kind: 'constant', color: [7, 8, 9, 200] }, 2, null, 0.25))).toEqual([
      [7, 8, 9, 50],
      [7, 8, 9, 50],
    ]);
  });

  it('CSS strings', () => {
    expect(toCss([46, 204, 113, 255])).toBe('rgba(46,204,113,1.000)');
    expect(toCss([0, 0, 0, 128])).toBe('rgba(0,0,0,0.502)');
  });
});
